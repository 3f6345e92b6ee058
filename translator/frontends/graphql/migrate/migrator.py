"""Transformer v1 to v2 migration of a schema's files, as ``amplify migrate api`` does it, written
as edits of the user's text (Amplify's migrator reprints the schema and drops its comments)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graphql import GraphQLError
from graphql.language import DocumentNode, ObjectTypeDefinitionNode, Source

from translator.core.diagnostics import CompilationError, Diagnostic, Span
from translator.core.document import SchemaSource
from translator.core.settings import AuthMode
from translator.frontends.graphql.migrate.auth import migrate_auth
from translator.frontends.graphql.migrate.connections import migrate_connections
from translator.frontends.graphql.migrate.context import Change, FileContext
from translator.frontends.graphql.migrate.edits import Edit, OverlappingEdits, TextEditor
from translator.frontends.graphql.migrate.keys import migrate_keys
from translator.frontends.graphql.migrate.refusals import refusals
from translator.frontends.graphql.parser import AmplifyParser
from translator.frontends.graphql.values import offset_at, position_at


@dataclass(frozen=True, slots=True)
class MigratedSource:
    """One file of a schema after the migration: its new text, what changed in it and the edits
    that made it (in text order)."""

    source: SchemaSource
    text: str
    changes: tuple[Change, ...]
    edits: tuple[Edit, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the migration changed the file's text."""
        return self.text != self.source.text

    def original_span(self, span: Span) -> Span:
        """Where a position of the migrated text was in the file as written (a position inside
        text the migration wrote maps to where it was written in)."""
        if span.path != self.source.name or span.line <= 0 or not self.changed:
            return span
        offset, delta = offset_at(self.text, span.line, span.column), 0
        for edit in self.edits:
            new_start = edit.start + delta
            if offset < new_start:
                break
            if offset < new_start + len(edit.replacement):
                delta = offset - edit.start  # inside written text: its place in the original
                break
            delta += len(edit.replacement) - (edit.end - edit.start)
        line, column = position_at(self.source.text, offset - delta)
        return Span(span.path, line, column)


def parse_file(source: SchemaSource) -> DocumentNode | Diagnostic:
    """The syntax tree of one file, with positions, as Amplify's graphql 15 reads it; or the
    syntax error. The migrator parses every file of a schema on its own, so an empty one fails."""
    parser = AmplifyParser(Source(source.text, source.name))
    try:
        return parser.parse_document()
    except GraphQLError as error:
        line, column = (error.locations[0].line, error.locations[0].column) if error.locations else (1, 1)
        message = error.message.removeprefix("Syntax Error: ")
        if message.startswith("Unexpected <EOF>") and _blank(source.text):
            return Diagnostic("E138", "the file defines nothing, and Amplify's migrator fails on a schema file "
                              "without definitions: remove it or add its types", Span(source.name, line, column))
        return Diagnostic("E001", message, Span(source.name, line, column))
    finally:
        parser.release_tokens()


def _blank(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def migrate_sources(sources: Sequence[SchemaSource], auth_mode: AuthMode = "apiKey") -> list[MigratedSource]:
    """Migrate the GraphQL files of one schema (a ``schema.graphql``, or the files of a
    ``schema/`` folder, checked together and migrated file by file against the whole schema).
    ``auth_mode`` is the API's default authorization mode. CompilationError lists every reason
    Amplify's migrator would refuse the schema; then nothing is migrated."""
    parsed, problems = _parse_files(sources)
    if problems:
        raise CompilationError(problems)
    problems.extend(refusals(DocumentNode(definitions=tuple(d for _, doc in parsed for d in doc.definitions))))
    if problems:
        raise CompilationError(problems)
    plans = _plan(parsed, auth_mode)
    migrated = [_result(ctx, problems) for ctx in plans]
    for ctx in plans:
        problems.extend(ctx.problems)
    if problems:
        raise CompilationError(problems)
    return migrated


def preview_changes(sources: Sequence[SchemaSource]) -> list[Change]:
    """What the migration would change in ``sources``, found even where Amplify's migrator
    refuses the schema (files that do not parse are left out): for explaining v1 directives."""
    parsed, _ = _parse_files(sources)
    return sorted((c for ctx in _plan(parsed, "apiKey") for c in ctx.changes), key=lambda change: change.span)


def _parse_files(sources: Sequence[SchemaSource]) -> tuple[list[tuple[SchemaSource, DocumentNode]], list[Diagnostic]]:
    parsed: list[tuple[SchemaSource, DocumentNode]] = []
    problems: list[Diagnostic] = []
    for source in sources:
        if source.part_of_schema:
            result = parse_file(source)
            if isinstance(result, Diagnostic):
                problems.append(result)
            else:
                parsed.append((source, result))
    return parsed, problems


def _plan(parsed: list[tuple[SchemaSource, DocumentNode]], auth_mode: AuthMode) -> list[FileContext]:
    """The edits of every file, each type migrated as the migrator's visitor does it: keys, then
    auth, then connections, looking up related types in the whole schema as written."""
    object_types: dict[str, ObjectTypeDefinitionNode] = {}
    for _, document in parsed:
        for definition in document.definitions:
            if isinstance(definition, ObjectTypeDefinitionNode):
                object_types.setdefault(definition.name.value, definition)
    plans = []
    for source, document in parsed:
        ctx = FileContext(source, TextEditor(source.text))
        for definition in document.definitions:
            # The migrator visits type definitions only: `extend type` blocks keep their directives.
            if isinstance(definition, ObjectTypeDefinitionNode):
                indexed = migrate_keys(definition, ctx)
                migrate_auth(definition, ctx, auth_mode)
                migrate_connections(definition, ctx, indexed, object_types)
        plans.append(ctx)
    return plans


def _result(ctx: FileContext, problems: list[Diagnostic]) -> MigratedSource:
    """The file with its edits applied, checked to parse (a failed check is our bug: E139)."""
    source = ctx.source
    try:
        text = ctx.editor.result()
    except OverlappingEdits as error:
        problems.append(Diagnostic("E139", f"internal error: the migration's edits collide ({error}); nothing was "
                                   "changed, please report this schema", Span(source.name)))
        return MigratedSource(source, source.text, ())
    if text != source.text and isinstance(parse_file(SchemaSource(source.name, text)), Diagnostic):
        problems.append(Diagnostic("E139", "internal error: the migrated text does not parse; nothing was changed, "
                                   "please report this schema", Span(source.name)))
        return MigratedSource(source, source.text, ())
    changes = sorted(ctx.changes, key=lambda change: change.span)
    return MigratedSource(source, text, tuple(changes), ctx.editor.ordered())
