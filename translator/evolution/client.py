"""Changes of the data types that break (``W110``) or may break (``W111``) existing clients:
apps built against OLD's generated models and queries."""

from __future__ import annotations

from collections.abc import Iterator

from translator.core.diagnostics import Diagnostic, Related, Span
from translator.core.document import SchemaDocument
from translator.evolution.side import Side

# Imported from its module, so that compiling never loads graphql-core's breaking-change finder.
from translator.frontends.graphql.changes import ClientChange, client_changes


def _span(document: SchemaDocument, change: ClientChange) -> Span | None:
    typedef = document.type(change.type_name)
    if typedef is None:
        return None
    if change.member is not None:
        field = typedef.field(change.member)
        if field is not None:
            return field.span
        value = next((v for v in typedef.values if v.name == change.member), None)
        if value is not None:
            return value.span
    return typedef.span


def client_breaking_changes(old: Side, new: Side) -> Iterator[Diagnostic]:
    """graphql-core's breaking and dangerous changes, each where it is written."""
    for change in client_changes(old.document, new.document):
        here, there = (old, new) if change.side == "old" else (new, old)
        span = _span(here.document, change) or here.anchor
        other = _span(there.document, change)
        related = (Related(other, "before" if change.side == "new" else "now"),) if other is not None else ()
        if change.breaking:
            yield Diagnostic("W110", f"breaking for existing clients: {change.description}", span, "warning", related)
        else:
            yield Diagnostic("W111", f"may break existing clients: {change.description}", span, "warning", related)
