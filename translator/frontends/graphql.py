"""GraphQL SDL front end: parse with graphql-core, validate against Amplify's directive
definitions, and build the :class:`SchemaDocument` (``extend type`` blocks merged in)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any

from graphql import GraphQLError, GraphQLSchema
from graphql.language import (
    DefinitionNode,
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    FieldDefinitionNode,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    ListTypeNode,
    ListValueNode,
    NamedTypeNode,
    NameNode,
    Node,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ObjectValueNode,
    ScalarTypeDefinitionNode,
    SchemaDefinitionNode,
    Source,
    TypeDefinitionNode,
    TypeExtensionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    parse,
)
from graphql.language.parser import Parser
from graphql.language.visitor import (  # type: ignore[attr-defined]
    BREAK,
    QUERY_DOCUMENT_KEYS,
    SKIP,
    ParallelVisitor,
    visit,
)
from graphql.pyutils import Undefined
from graphql.utilities import TypeInfo, TypeInfoVisitor, build_ast_schema, value_from_ast
from graphql.validation import ASTValidationRule, SDLValidationContext, ValidationContext
from graphql.validation.rules.unique_directives_per_location import UniqueDirectivesPerLocationRule
from graphql.validation.rules.values_of_correct_type import ValuesOfCorrectTypeRule
from graphql.validation.specified_rules import specified_sdl_rules

from translator.diagnostics import CompilationError, Diagnostic, Related, Span
from translator.document import (
    Argument,
    Directive,
    EnumValueDef,
    FieldDef,
    SchemaDocument,
    TypeDef,
    TypeKind,
)
from translator.frontends.graphql_values import span_of, type_ref_of, value_of


@dataclass(frozen=True)
class SchemaSource:
    """One file of a schema. ``part_of_schema`` is False for the stray files of a ``schema/``
    folder that Amplify's validation parses but that do not join the schema."""

    name: str
    text: str
    part_of_schema: bool = True


@lru_cache(maxsize=1)
def directive_definitions() -> DocumentNode:
    """Amplify's directive definitions and AppSync scalars, parsed once."""
    text = (files("translator") / "grammar" / "amplify-directives.graphql").read_text("utf-8")
    return parse(Source(text, "amplify-directives.graphql"), no_location=True)


def parse_schema(sources: Sequence[SchemaSource], *, positions: bool = True) -> SchemaDocument:
    """Parse, validate and convert ``sources``; raise CompilationError with every problem.

    ``positions=False`` leaves source positions out of the document (every span is the bare
    file name), which parses a fifth faster; callers that may report anything about a schema
    that compiles must keep them."""
    diagnostics: list[Diagnostic] = []
    definitions: list[DefinitionNode] = []
    for source in sources:
        document = _parse_one(source, diagnostics, positions)
        if document is not None and source.part_of_schema:
            definitions.extend(document.definitions)
    if diagnostics:
        raise CompilationError(diagnostics)
    if not definitions:
        raise CompilationError([_empty_document(sources)])
    user = DocumentNode(definitions=tuple(definitions))
    diagnostics.extend(_validate(user))
    if diagnostics:
        raise CompilationError(diagnostics)
    return build_document(user)


class _AmplifyParser(Parser):
    """graphql-core's parser as Amplify's graphql 15 parses SDL: enum values may be named
    ``true``, ``false`` or ``null`` (graphql 15 reads them with a plain name)."""

    def parse_enum_value_name(self) -> NameNode:
        return self.parse_name()


def _empty_document(sources: Sequence[SchemaSource]) -> Diagnostic:
    """Like GraphQL's "Unexpected <EOF>": at the end of the (last) file."""
    source = sources[-1] if sources else SchemaSource("<schema>", "")
    lines = source.text.split("\n")
    span = Span(source.name, len(lines), len(lines[-1]) + 1)
    return Diagnostic("E002", "the schema defines nothing: add at least one type", span)


def _parse_one(source: SchemaSource, diagnostics: list[Diagnostic], positions: bool) -> DocumentNode | None:
    if not _has_tokens(source.text):
        return None  # Amplify joins files; one holding only comments adds nothing.
    try:
        return _AmplifyParser(Source(source.text, source.name), no_location=not positions).parse_document()
    except GraphQLError as error:
        line, column = (error.locations[0].line, error.locations[0].column) if error.locations else (1, 1)
        message = error.message.removeprefix("Syntax Error: ")
        code = "E001" if source.part_of_schema else "E053"
        if not source.part_of_schema:
            message = f"every file in a schema/ folder must be GraphQL ({message})"
        diagnostics.append(Diagnostic(code, message, Span(source.name, line, column)))
        return None


_COMMENT_OR_SPACE = re.compile(r"(?:[\s,\ufeff]|#[^\n\r]*)*")


def _has_tokens(text: str) -> bool:
    return _COMMENT_OR_SPACE.fullmatch(text) is None


# Of the executable-document rules Amplify's validateModelSchema adds, only the check of argument
# values finds anything the SDL rules do not (names, uniqueness and required arguments of
# directives are SDL rules too), and it only needs to look inside directives.
_ARGUMENT_RULES = (ValuesOfCorrectTypeRule,)


# No SDL rule looks at names or descriptions as nodes of their own (each reads them from its
# parent), so the walk skips them: a third fewer nodes to visit on a large schema.
_SDL_VISITOR_KEYS = {
    kind: tuple(key for key in keys if key not in ("name", "description"))
    for kind, keys in QUERY_DOCUMENT_KEYS.items()
}


def _validate_sdl(document: DocumentNode) -> list[GraphQLError]:
    """graphql-core's ``validate_sdl``: its SDL rules over a pruned walk that calls, for each
    node, only the rules with a handler for its kind (graphql-core's generic ``visit`` asks all
    fifteen at every node, which dominated validation time on large schemas)."""
    errors: list[GraphQLError] = []
    context = SDLValidationContext(document, None, errors.append)
    _SDLWalk([rule(context) for rule in specified_sdl_rules]).walk(document, None, None, ())
    return errors


_Handler = tuple[int, Callable[..., Any] | None, Callable[..., Any] | None]


class _SDLWalk:
    """Depth-first walk with graphql-core's visitor protocol (``key``, ``parent`` and
    ``ancestors`` as ``visit`` passes them; SKIP stops one rule below a node)."""

    def __init__(self, rules: list[ASTValidationRule]) -> None:
        self.rules = rules
        self.handlers: dict[str, list[_Handler]] = {}

    def _for_kind(self, kind: str) -> list[_Handler]:
        found = self.handlers.get(kind)
        if found is None:
            found = []
            has_directives = "directives" in QUERY_DOCUMENT_KEYS.get(kind, ())
            for index, rule in enumerate(self.rules):
                if isinstance(rule, UniqueDirectivesPerLocationRule) and not has_directives:
                    continue  # its catch-all handler only looks at a node's directives
                enter, leave = rule.get_enter_leave_for_kind(kind)
                if enter is not None or leave is not None:
                    found.append((index, enter, leave))
            self.handlers[kind] = found
        return found

    def walk(
        self, node: Node, key: Any, parent: Any, ancestors: tuple[Any, ...], skipped: frozenset[int] = frozenset()
    ) -> None:
        """Visit ``node`` and what lies below it."""
        handlers = self._for_kind(node.kind)
        for index, enter, _leave in handlers:
            if enter is not None and index not in skipped:
                result = enter(node, key, parent, [], list(ancestors))
                if result is SKIP or result is False or result is BREAK or result is True:
                    skipped = skipped | {index}
        below = (*ancestors, parent) if parent is not None else ancestors
        for child_key in _SDL_VISITOR_KEYS.get(node.kind, ()):
            value = getattr(node, child_key, None)
            if isinstance(value, tuple):
                in_list = (*below, node)
                for position, child in enumerate(value):
                    self.walk(child, position, value, in_list, skipped)
            elif value is not None:
                self.walk(value, child_key, node, below, skipped)
        for index, _enter, leave in handlers:
            if leave is not None and index not in skipped:
                leave(node, key, parent, [], list(ancestors))


def _validate(user: DocumentNode) -> list[Diagnostic]:
    full = DocumentNode(definitions=(*directive_definitions().definitions, *user.definitions))
    errors = _validate_sdl(full)
    if not errors:
        # Like Amplify: argument values are only checked once the SDL itself is sound. Only the
        # directive definitions matter for that, so their schema is built once.
        errors = _validate_arguments(_directive_schema(), full)
    return [_diagnostic_of(error) for error in errors]


@lru_cache(maxsize=1)
def _directive_schema() -> GraphQLSchema:
    query = parse("type Query { noop: String }", no_location=True)
    document = DocumentNode(definitions=(*directive_definitions().definitions, *query.definitions))
    return build_ast_schema(document, assume_valid=True)


def _validate_arguments(schema: GraphQLSchema, document: DocumentNode) -> list[GraphQLError]:
    errors: list[GraphQLError] = []
    type_info = TypeInfo(schema)
    context = ValidationContext(schema, document, type_info, errors.append)
    visitor = TypeInfoVisitor(type_info, ParallelVisitor([rule(context) for rule in _ARGUMENT_RULES]))
    for directive in _directive_uses(document):
        if directive.arguments and not _plainly_valid(schema, directive):
            visit(directive, visitor)
    return errors


def _plainly_valid(schema: GraphQLSchema, directive: DirectiveNode) -> bool:
    """True when every argument is a scalar or list literal that coerces to its type: then the
    rule has nothing to say, and the costly typed visit is skipped. Input objects always get
    the visit (coercion ignores unknown fields, which the rule reports)."""
    definition = schema.get_directive(directive.name.value)
    if definition is None:
        return False
    for argument in directive.arguments:
        argument_def = definition.args.get(argument.name.value)
        value = argument.value
        if argument_def is None or isinstance(value, ObjectValueNode):
            return False
        nested = isinstance(value, ListValueNode) and any(
            isinstance(item, ObjectValueNode | ListValueNode) for item in value.values
        )
        if nested:
            return False
        if value_from_ast(value, argument_def.type) is Undefined:
            return False
    return True


def _directive_uses(document: DocumentNode) -> Iterable[DirectiveNode]:
    for definition in document.definitions:
        yield from getattr(definition, "directives", None) or ()
        for member in [*(getattr(definition, "fields", None) or ()), *(getattr(definition, "values", None) or ())]:
            yield from getattr(member, "directives", None) or ()
            for argument in getattr(member, "arguments", None) or ():
                yield from argument.directives or ()


_MESSAGE_CODES = (
    ("There can be only one type named", "E010"),
    ("can only be defined once", "E011"),
    ("There can be only one enum value", "E011"),
    ("Unknown type", "E003"),
    ("Unknown directive", "E004"),
    ("Unknown argument", "E005"),
    ("is required, but it was not provided", "E007"),
    ("may not be used on", "E008"),
    ("can only be used once at this location", "E009"),
    ("cannot represent", "E006"),
    ("Expected value of type", "E006"),
    ("Expected type", "E006"),
    ("is not defined by type", "E006"),
    ("does not exist in", "E006"),
)


def _diagnostic_of(error: GraphQLError) -> Diagnostic:
    code = next((c for text, c in _MESSAGE_CODES if text in error.message), "E099")
    if code == "E004" and any(f"@{name}'" in error.message or f'@{name}"' in error.message
                              for name in ("key", "connection", "versioned")):
        code = "E012"  # a transformer v1 schema: say so rather than "unknown"
    nodes = list(error.nodes or [])
    if code in ("E010", "E011", "E009") and len(nodes) > 1:
        # Point at the repeated definition; the first one is the related place.
        first, *rest = nodes
        related = (Related(span_of(first), "first defined here"),)
        return Diagnostic(code, error.message, span_of(rest[-1]), related=related)
    span = span_of(nodes[0]) if nodes else Span("<schema>")
    return Diagnostic(code, error.message, span)


_KINDS: dict[type, TypeKind] = {
    ObjectTypeDefinitionNode: "object",
    ObjectTypeExtensionNode: "object",
    EnumTypeDefinitionNode: "enum",
    EnumTypeExtensionNode: "enum",
    InputObjectTypeDefinitionNode: "input",
    InputObjectTypeExtensionNode: "input",
    InterfaceTypeDefinitionNode: "interface",
    InterfaceTypeExtensionNode: "interface",
    UnionTypeDefinitionNode: "union",
    ScalarTypeDefinitionNode: "scalar",
}


def build_document(user: DocumentNode) -> SchemaDocument:
    """Convert a validated AST into the document model, merging extensions into their types."""
    roots = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
    order: list[str] = []
    parts: dict[str, list[TypeDefinitionNode | TypeExtensionNode]] = {}
    for node in user.definitions:
        if isinstance(node, SchemaDefinitionNode):
            for operation in node.operation_types:
                roots[operation.operation.value] = operation.type.name.value
        elif isinstance(node, TypeDefinitionNode | TypeExtensionNode) and type(node) in _KINDS:
            name = node.name.value
            if name not in parts:
                order.append(name)
                parts[name] = []
            parts[name].append(node)
    root_names = frozenset(roots.values())
    types: list[TypeDef] = []
    operation_fields: list[tuple[str, FieldDef]] = []
    for name in _schema_order(order, parts):
        typedef = _merge(parts[name])
        types.append(typedef)
        if name in root_names:
            operation_fields.extend((name, f) for f in typedef.fields)
    return SchemaDocument(tuple(types), root_names, tuple(operation_fields), operation_types=roots)


def _schema_order(order: list[str], parts: dict[str, list[TypeDefinitionNode | TypeExtensionNode]]) -> list[str]:
    """Type order as Amplify's schema loading leaves it: declared types in declaration order,
    except that names starting with ``__`` (reserved for introspection) are only kept where
    another type first references them, and dropped when nothing does."""
    if not any(name.startswith("__") for name in order):
        return order
    result: dict[str, None] = {}

    def visit_references(name: str) -> None:
        for node in parts.get(name, ()):
            for referenced in _referenced_names(node):
                if referenced.startswith("__") and referenced in parts and referenced not in result:
                    result[referenced] = None
                    visit_references(referenced)

    for name in order:
        if not name.startswith("__"):
            result.pop(name, None)
            result[name] = None
            visit_references(name)
    return list(result)


def _referenced_names(node: TypeDefinitionNode | TypeExtensionNode) -> list[str]:
    names: list[str] = []
    for interface in getattr(node, "interfaces", None) or ():
        names.append(interface.name.value)
    for member in getattr(node, "types", None) or ():
        names.append(member.name.value)
    for field in getattr(node, "fields", None) or ():
        names.append(_named(field.type))
        for argument in getattr(field, "arguments", None) or ():
            names.append(_named(argument.type))
    return names


def _named(node: TypeNode) -> str:
    while isinstance(node, ListTypeNode | NonNullTypeNode):
        node = node.type
    assert isinstance(node, NamedTypeNode)
    return node.name.value


def _merge(nodes: list[TypeDefinitionNode | TypeExtensionNode]) -> TypeDef:
    # As Amplify's schema merge leaves them: fields in text order (an `extend type` written
    # before its type contributes first), while each enum block, in text order, puts its values
    # in front of those merged so far.
    head = nodes[0]
    directives: list[Directive] = []
    fields: list[FieldDef] = []
    values: list[EnumValueDef] = []
    for node in nodes:
        extension = isinstance(node, TypeExtensionNode)
        directives.extend(_directives(node.directives, extension))
        for field_node in getattr(node, "fields", None) or ():
            if isinstance(field_node, FieldDefinitionNode) or hasattr(field_node, "type"):
                fields.append(_field(field_node, extension))
        node_values = [EnumValueDef(v.name.value, span_of(v.name)) for v in getattr(node, "values", None) or ()]
        values = [*node_values, *values]
    return TypeDef(
        kind=_KINDS[type(head)],
        name=head.name.value,
        span=span_of(head.name),
        directives=tuple(directives),
        fields=tuple(fields),
        values=tuple(values),
    )


def _field(node: FieldDefinitionNode, extension: bool) -> FieldDef:
    return FieldDef(
        name=node.name.value,
        type=type_ref_of(node.type),
        directives=tuple(_directives(node.directives)),
        span=span_of(node.name),
        type_span=span_of(node.type),
        from_extension=extension,
        arguments=tuple(
            (a.name.value, type_ref_of(a.type), span_of(a.type)) for a in getattr(node, "arguments", None) or ()
        ),
    )


def _directives(nodes: Iterable[DirectiveNode] | None, extension: bool = False) -> list[Directive]:
    return [
        Directive(
            name=node.name.value,
            arguments=tuple(
                Argument(arg.name.value, value_of(arg.value), span_of(arg.value))
                for arg in node.arguments or ()
            ),
            span=span_of(node),
            from_extension=extension,
        )
        for node in nodes or ()
    ]
