"""What a transformer v1 directive in a schema checked as v2 (E012) becomes once migrated: the
message names its v2 replacement, as Amplify's migrator writes it, and how to get there."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from graphql.language import DocumentNode

from translator.core.diagnostics import CompilationError, Diagnostic
from translator.core.document import SchemaSource
from translator.frontends.graphql.migrate.migrator import migrate_sources, parse_file, preview_changes
from translator.frontends.graphql.migrate.refusals import MIGRATION_GUIDE, mixing_problems

_DIRECTIVE_NAME = re.compile(r"@(\w+)")


def explain_v1_directives(sources: Sequence[SchemaSource], diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` with each E012 (a v1 directive) saying what it becomes in v2 and whether
    ``amplify-translate migrate`` can rewrite the schema, and E133 when v2 directives are mixed in."""
    try:
        changes = [c for migrated in migrate_sources(sources, "apiKey") for c in migrated.changes]
        refusals: list[Diagnostic] = []
    except CompilationError as error:
        changes, refusals = preview_changes(sources), list(error.diagnostics)
    previews = {c.span: c.after for c in changes if c.directive in ("key", "connection")}
    mixed = mixing_problems(_whole(sources))
    explained: list[Diagnostic] = [*mixed]
    for diagnostic in diagnostics:
        if diagnostic.code != "E012":
            explained.append(diagnostic)
            continue
        match = _DIRECTIVE_NAME.search(diagnostic.message)
        name = match.group(1) if match else "key"
        own = [r for r in refusals if r.span == diagnostic.span]
        first = own[0] if own else refusals[0] if refusals else None
        message = _message(name, previews.get(diagnostic.span), first, bool(own), mixed)
        explained.append(replace(diagnostic, message=message))
    return explained


def _message(name: str, preview: str | None, refusal: Diagnostic | None, own: bool, mixed: list[Diagnostic]) -> str:
    if name == "versioned":
        return ("@versioned is a transformer v1 directive with no v2 form: remove it (v2 detects conflicts through "
                f"DataStore, set in transform.conf.json; {MIGRATION_GUIDE})")
    if refusal is not None and own:
        return f"@{name} is a transformer v1 directive that `amplify-translate migrate` cannot rewrite: " \
               f"{refusal.message}"
    if preview is None:
        return (f"@{name} is a transformer v1 directive, which Amplify's migrator leaves as it is here (it only "
                f"migrates type definitions, not `extend type` blocks or interfaces): move it ({MIGRATION_GUIDE})")
    head = f"@{name} is a transformer v1 directive; in v2: `{preview}`"
    if mixed:
        return f"{head}; rewrite it by hand, the schema mixes v1 and v2 directives (E133)"
    if refusal is not None:
        return f"{head}; `amplify-translate migrate` refuses this schema as it is: {refusal.span}: {refusal.message}"
    return f"{head}; run `amplify-translate migrate` to rewrite the schema (comments and layout kept)"


def _whole(sources: Sequence[SchemaSource]) -> DocumentNode:
    documents = [parse_file(s) for s in sources if s.part_of_schema]
    return DocumentNode(definitions=tuple(d for doc in documents if isinstance(doc, DocumentNode)
                                          for d in doc.definitions))
