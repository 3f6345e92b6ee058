"""Amplify's transformer rules, run on a :class:`SchemaDocument` before anything is built.

:func:`validate` is the one place that runs them: each module here is one family of rules and
imports none of the others (``facts`` is a shared helper, not a rule).
:func:`warnings` adds what Amplify accepts but breaks generated forms.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from translator.core.diagnostics import Diagnostic, Target
from translator.core.document import SchemaDocument
from translator.core.settings import Settings
from translator.rules.auth import check_auth
from translator.rules.defaults import check_defaults
from translator.rules.directives import check_directives
from translator.rules.enum_keys import check_enum_keys
from translator.rules.keys import check_keys
from translator.rules.lint import lint, lint_targets
from translator.rules.models import check_models
from translator.rules.operations import check_operation_names
from translator.rules.references import check_references
from translator.rules.relations import check_relations


def validate(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """Every rule violation of ``document`` under ``settings``."""
    return [
        *check_directives(document, settings),
        *check_models(document, settings),
        *check_keys(document, settings),
        *check_defaults(document),
        *check_relations(document, settings),
        *check_references(document),
        *check_enum_keys(document, settings),
        *check_auth(document),
        *check_operation_names(document, settings),
    ]


def warnings(document: SchemaDocument, join_tables: AbstractSet[str]) -> list[Diagnostic]:
    """Every warning for a schema that compiled, whose derived schema has ``join_tables``
    (:func:`translator.model.derive.join_table_names`)."""
    return lint(document, join_tables)


def targeted_warnings(document: SchemaDocument, join_tables: AbstractSet[str]) -> list[tuple[Diagnostic, Target]]:
    """:func:`warnings`, each with what it points at (for a document read without positions)."""
    return lint_targets(document, join_tables)


__all__ = ["targeted_warnings", "validate", "warnings"]
