"""GraphQL SDL front end: parse with graphql-core, validate against Amplify's directive
definitions, and build the :class:`SchemaDocument` (``extend type`` blocks merged in)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from graphql import GraphQLError
from graphql.language import (
    DefinitionNode,
    DocumentNode,
    ExecutableDefinitionNode,
    OperationDefinitionNode,
    Source,
)

from translator.core.diagnostics import CompilationError, Diagnostic, Span
from translator.core.document import SchemaDocument, SchemaSource
from translator.core.nesting import deepest_nesting, too_deep
from translator.frontends.graphql.build import build_consuming
from translator.frontends.graphql.parser import UnplacedParser
from translator.frontends.graphql.placement import place_targets
from translator.frontends.graphql.sandbox import check_sandbox_rule
from translator.frontends.graphql.sdl_document import read_plain_document
from translator.frontends.graphql.sdl_parser import Placement, Unsupported, parse_sdl
from translator.frontends.graphql.validation import validate_tree
from translator.frontends.graphql.values import span_of

__all__ = ["SchemaSource", "parse_schema", "parse_schema_parts", "place_targets", "read_plain_unplaced"]


def parse_schema(sources: Sequence[SchemaSource], *, positions: bool = True, plain: bool = True) -> SchemaDocument:
    """Parse, validate and convert ``sources``; raise CompilationError with every problem.

    ``positions=False`` leaves source positions out of the document (every span is the bare
    file name), which parses a third faster; callers that may report anything about a schema
    that compiles must keep them. With positions, the syntax tree places only the nodes the
    document's positions come from, unless there is a problem to report in the tree itself:
    then it is read again with every node placed. Nesting too deep for graphql-core's parser
    (its limit, or Python's stack in its recursive parser, validation and our builders) is
    ``E057``. ``plain=False``: the caller knows the plain reader refuses ``sources`` (see
    :func:`read_plain_unplaced`), which is not tried again."""
    try:
        if not positions:
            return _read_schema(sources, "none", plain)
        try:
            return _read_schema(sources, "spans", plain)
        except CompilationError:
            pass  # raised again below with every position, so it does not keep these frames
        return _parse_schema(sources, "all")
    except RecursionError:
        pass  # raised below, so the error does not keep the frames of the recursion alive
    deepest = max(sources, key=lambda s: deepest_nesting(s.text).depth)
    raise CompilationError([too_deep(deepest.name, deepest.text)])


def read_plain_unplaced(sources: Sequence[SchemaSource]) -> SchemaDocument | None:
    """The document of ``sources`` without positions when they are plain (each type defined
    once, nothing to report in the syntax, see :mod:`sdl_document`), else None. The types of
    such a document are where :func:`place_targets` finds them."""
    try:
        return read_plain_document(sources, "none")
    except Unsupported:
        return None


def parse_schema_parts(
    sources: Sequence[SchemaSource], *, plain: bool = True
) -> tuple[SchemaDocument | None, list[Diagnostic]]:
    """The document of ``sources`` and no diagnostics; or, when they have syntax or SDL errors,
    those errors and the document of the parts without them (None if there are none), on which
    the rules can still run (see :mod:`partial`). ``plain``: see :func:`parse_schema`."""
    try:
        return parse_schema(sources, plain=plain), []
    except CompilationError as error:
        reported = error.diagnostics
    if any(d.code in ("E002", "E057") for d in reported):
        return None, reported
    from translator.frontends.graphql.partial import sound_parts

    document, found = sound_parts(sources, reported)
    return document, [*reported, *found]


def _read_schema(sources: Sequence[SchemaSource], positions: Placement, plain: bool) -> SchemaDocument:
    """The document of plain ``sources`` read straight from their tokens, else through the tree."""
    if plain:
        try:
            return read_plain_document(sources, positions)
        except Unsupported:
            pass
    return _parse_schema(sources, positions)


def _parse_schema(sources: Sequence[SchemaSource], positions: Placement) -> SchemaDocument:
    diagnostics: list[Diagnostic] = []
    definitions: list[DefinitionNode] = []
    for source in sources:
        document = _parse_one(source, diagnostics, positions)
        if document is not None and source.part_of_schema:
            operations = _operations_only(document, source)
            if operations is not None:
                diagnostics.append(operations)
            definitions.extend(document.definitions)
    document = None  # the list holds the tree alone: building frees it as it goes
    if diagnostics:
        raise CompilationError(diagnostics)
    if not definitions:
        raise CompilationError([_empty_document(sources)])
    user = DocumentNode(definitions=tuple(definitions))
    diagnostics.extend(validate_tree(user))
    if positions == "all" and any(d.code == "E012" for d in diagnostics):
        from translator.frontends.graphql.migrate.explain import explain_v1_directives

        diagnostics = explain_v1_directives(sources, diagnostics)
    diagnostics.extend(check_sandbox_rule(user))
    if diagnostics:
        raise CompilationError(diagnostics)
    del user
    return build_consuming(definitions)


def _operations_only(document: DocumentNode, source: SchemaSource) -> Diagnostic | None:
    """E056 for a file of queries, mutations, subscriptions or fragments and no type definition
    (such as the statements ``amplify codegen`` writes to ``src/graphql/``): graphql-core parses
    it, and without this it would compile to an empty schema."""
    executable = [d for d in document.definitions if isinstance(d, ExecutableDefinitionNode)]
    if len(executable) != len(document.definitions):
        return None
    first = executable[0]
    kind = first.operation.value if isinstance(first, OperationDefinitionNode) else "fragment"
    name = f" {first.name.value}" if first.name is not None else ""
    message = (f"this file holds GraphQL operations, not a schema (it starts with {kind}{name}); "
               "a schema defines types, such as type Todo @model { ... }")
    return Diagnostic("E056", message, span_of(first, source.name))


def _empty_document(sources: Sequence[SchemaSource]) -> Diagnostic:
    """Like GraphQL's "Unexpected <EOF>": at the end of the (last) file."""
    source = sources[-1] if sources else SchemaSource("<schema>", "")
    lines = source.text.split("\n")
    span = Span(source.name, len(lines), len(lines[-1]) + 1)
    return Diagnostic("E002", "the schema defines nothing: add at least one type", span)


def _parse_one(source: SchemaSource, diagnostics: list[Diagnostic], positions: Placement) -> DocumentNode | None:
    if not _has_tokens(source.text):
        return None  # Amplify joins files; one holding only comments adds nothing.
    text = Source(source.text, source.name)
    try:
        return parse_sdl(text, positions)
    except Unsupported:
        pass  # graphql-core's parser gives the tree of what ours leaves alone, or the error
    parser = UnplacedParser(text, positions=positions != "none")
    try:
        return parser.parse_document()
    except GraphQLError as error:
        line, column = (error.locations[0].line, error.locations[0].column) if error.locations else (1, 1)
        message = error.message.removeprefix("Syntax Error: ")
        code = "E001" if source.part_of_schema else "E053"
        if not source.part_of_schema:
            message = f"every file in a schema/ folder must be GraphQL ({message})"
        diagnostics.append(Diagnostic(code, message, Span(source.name, line, column)))
        return None
    finally:
        parser.release_tokens()


_COMMENT_OR_SPACE = re.compile(r"(?:[\s,\ufeff]|#[^\n\r]*)*")


def _has_tokens(text: str) -> bool:
    return _COMMENT_OR_SPACE.fullmatch(text) is None
