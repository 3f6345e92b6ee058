"""Transformer v1 schemas (``@key``, ``@connection``, v1 ``@auth``) to transformer v2, exactly as
Amplify's migrator (``@aws-amplify/graphql-transformer-migrator`` ``migrateGraphQLSchema``, run by
``amplify migrate api``) rewrites them, but as edits of the user's text.

Modules: ``refusals`` (where Amplify refuses), ``keys``, ``auth``, ``connections`` (its three
rules), ``edits`` (text edits), ``migrator`` (the files of a schema, in order)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graphql.language import DocumentNode

from translator.core.document import SchemaSource
from translator.core.settings import AUTH_MODES, AuthMode
from translator.frontends.graphql.migrate.context import Change
from translator.frontends.graphql.migrate.migrator import MigratedSource, migrate_sources, parse_file
from translator.frontends.graphql.migrate.refusals import MIGRATION_GUIDE, directive_uses, generation_directives


@dataclass(frozen=True, slots=True)
class DirectiveGenerations:
    """Which transformer generation the directives of a schema belong to: the v1-only directive
    names it uses (``key``, ``connection``) and the v2-only ones (``primaryKey``, ``hasMany``, ...)."""

    v1: tuple[str, ...]
    v2: tuple[str, ...]


def directive_generations(sources: Sequence[SchemaSource]) -> DirectiveGenerations:
    """The v1-only and v2-only directive names used in ``sources`` (files that do not parse are
    left out: the migration or the compile reports them)."""
    v1_only, v2_only = generation_directives()
    used: set[str] = set()
    for source in sources:
        if source.part_of_schema:
            document = parse_file(source)
            if isinstance(document, DocumentNode):
                used.update(d.name.value for d in directive_uses(document))
    return DirectiveGenerations(tuple(sorted(used & v1_only)), tuple(sorted(used & v2_only)))


__all__ = [
    "AUTH_MODES",
    "MIGRATION_GUIDE",
    "AuthMode",
    "Change",
    "DirectiveGenerations",
    "MigratedSource",
    "directive_generations",
    "migrate_sources",
]
