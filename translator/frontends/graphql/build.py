"""Conversion of a validated graphql-core syntax tree into the :class:`SchemaDocument`, with
``extend`` blocks merged into their types the way Amplify's schema merge leaves them."""

from __future__ import annotations

from collections.abc import Iterable

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
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    SchemaDefinitionNode,
    TypeDefinitionNode,
    TypeExtensionNode,
    TypeNode,
    UnionTypeDefinitionNode,
)

from translator.core.document import (
    Argument,
    Directive,
    EnumValueDef,
    FieldDef,
    SchemaDocument,
    TypeDef,
    TypeKind,
)
from translator.frontends.graphql.values import span_of, type_ref_of, value_of

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
    return build_consuming(list(user.definitions))


def build_consuming(definitions: list[DefinitionNode]) -> SchemaDocument:
    """:func:`build_document` of the document of ``definitions``, emptying the list as it goes:
    when nothing else holds the tree, each type's nodes are freed once its definition is built,
    so the tree and the document are not held whole at once (on a large schema, a third of the
    memory a compile needs)."""
    roots = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
    order: list[str] = []
    parts: dict[str, list[TypeDefinitionNode | TypeExtensionNode]] = {}
    for node in definitions:
        if isinstance(node, SchemaDefinitionNode):
            for operation in node.operation_types:
                roots[operation.operation.value] = operation.type.name.value
        elif isinstance(node, TypeDefinitionNode | TypeExtensionNode) and type(node) in _KINDS:
            name = node.name.value
            if name not in parts:
                order.append(name)
                parts[name] = []
            parts[name].append(node)
    definitions.clear()
    root_names = frozenset(roots.values())
    types: list[TypeDef] = []
    operation_fields: list[tuple[str, FieldDef]] = []
    for name in _schema_order(order, parts):
        typedef = _merge(parts.pop(name))
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
    # Positional arguments and no empty generators: this runs once per field of the schema.
    arguments = getattr(node, "arguments", None)
    return FieldDef(
        node.name.value,
        type_ref_of(node.type),
        tuple(_directives(node.directives)) if node.directives else (),
        span_of(node.name),
        span_of(node.type),
        extension,
        tuple((a.name.value, type_ref_of(a.type), span_of(a.type)) for a in arguments) if arguments else (),
    )


def _directives(nodes: Iterable[DirectiveNode] | None, extension: bool = False) -> list[Directive]:
    return [
        Directive(
            node.name.value,
            tuple(Argument(arg.name.value, value_of(arg.value), span_of(arg.value)) for arg in node.arguments)
            if node.arguments
            else (),
            span_of(node),
            extension,
        )
        for node in nodes or ()
    ]
