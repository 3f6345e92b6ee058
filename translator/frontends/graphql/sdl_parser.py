"""A schema parser of our own that builds exactly graphql-core's syntax tree, three times faster.

graphql-core's parser spends most of its time in its own machinery (a token object per token,
linked both ways; a method call per token test; a ``__setattr__`` per node attribute). This one
reads the flat token lists of :mod:`sdl_tokens` with an index, and makes each node with plain
slot writes. It parses the type system language (definitions, extensions, directive definitions)
as graphql-core 3.2 does, with Amplify's one change (enum values may be named ``true``, ``false``
or ``null``, as graphql 15 allows), and gives up (:class:`Unsupported`) on everything else:
operations, syntax errors, nesting deeper than graphql-core allows. The caller then parses with
graphql-core's parser, which gives the tree or the error message. So this parser only has to be
right on what it accepts, which tests compare with graphql-core's tree, locations included.

Where nodes are placed (none, the document's spans, all) is explained in :mod:`sdl_leaves`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql.language import (
    DirectiveDefinitionNode,
    DirectiveLocation,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    EnumValueDefinitionNode,
    FieldDefinitionNode,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    NamedTypeNode,
    NameNode,
    Node,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    OperationType,
    OperationTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    ScalarTypeExtensionNode,
    SchemaDefinitionNode,
    SchemaExtensionNode,
    Source,
    StringValueNode,
    UnionTypeDefinitionNode,
    UnionTypeExtensionNode,
)

from translator.frontends.graphql.compat import OffsetsLocation
from translator.frontends.graphql.sdl_leaves import (
    LeafReader,
    NodeT,
    Placement,
    make_node,
    new_node,
    set_field_arguments,
    set_field_description,
    set_field_directives,
    set_field_name,
    set_field_type,
    set_loc,
)
from translator.frontends.graphql.sdl_tokens import BLOCK_STRING, END, NAME, STRING, Unsupported

__all__ = ["Placement", "Unsupported", "parse_sdl"]

_LOCATIONS = frozenset(DirectiveLocation.__members__)
_OPERATIONS = {operation.value: operation for operation in OperationType}


def parse_sdl(source: Source, positions: bool | Placement) -> DocumentNode:
    """The document graphql-core's parser makes of ``source`` (``positions``: True for "all",
    False for "none"); :class:`Unsupported` for what only graphql-core's parser handles or
    reports."""
    placement: Placement = "all" if positions is True else "none" if positions is False else positions
    return _Parser(source, placement).document()


class _Parser(LeafReader):
    """Definitions, over :class:`LeafReader`'s names, types, directives and values."""

    def document(self) -> DocumentNode:
        definitions = []
        while self.kinds[self.at] != END:
            definitions.append(self.definition())
        if not definitions:
            raise Unsupported  # graphql-core's "Unexpected <EOF>"
        self.at += 1  # the end, so the document's location reaches it
        document: DocumentNode = make_node(DocumentNode, None, definitions=tuple(definitions))
        if self.every:
            set_loc(document, OffsetsLocation(0, self.end(len(self.kinds) - 1), self.source))
        return document

    def definition(self) -> Node:
        at = self.at
        described = self.kinds[at] in (STRING, BLOCK_STRING)
        keyword = at + 1 if described else at
        if self.kinds[keyword] != NAME:
            raise Unsupported
        parse = _DEFINITIONS.get(self.values[keyword] or "")
        if parse is None or (described and parse is _Parser.extension):
            raise Unsupported  # an operation, a fragment or an error
        return parse(self)

    def description(self) -> StringValueNode | None:
        kind = self.kinds[self.at]
        if kind not in (STRING, BLOCK_STRING):
            return None
        return self.string()

    def schema(self) -> SchemaDefinitionNode:
        start = self.at
        description = self.description()
        self.at += 1  # schema
        directives = self.directives()
        if self.kinds[self.at] != "{":
            raise Unsupported
        operations = self.bracketed("{", self.operation_type, "}")
        return make_node(SchemaDefinitionNode, self.loc(start), description=description, directives=directives,
                         operation_types=tuple(operations))

    def operation_type(self) -> OperationTypeDefinitionNode:
        start = self.at
        if self.kinds[start] != NAME or self.values[start] not in _OPERATIONS:
            raise Unsupported
        self.at += 1
        self.expect(":")
        named = self.named_type()
        return make_node(OperationTypeDefinitionNode, self.loc(start), operation=_OPERATIONS[self.values[start] or ""],
                         type=named)

    def simple_type(self, cls: type[NodeT], body: tuple[str, Callable[[], Any]] | None = None) -> NodeT:
        """A scalar, union, enum or input definition: description, keyword, name, directives,
        then ``body`` (the key it fills and how it is read), in graphql-core's order."""
        start = self.at
        description = self.description()
        self.at += 1  # the keyword
        name = self.name(placed=True)
        directives = self.directives()
        parts = {body[0]: body[1]()} if body else {}
        return make_node(cls, self.loc(start), description=description, name=name, directives=directives, **parts)

    def scalar(self) -> ScalarTypeDefinitionNode:
        return self.simple_type(ScalarTypeDefinitionNode)

    def object_type(self, cls: type[Node] = ObjectTypeDefinitionNode) -> Node:
        start = self.at
        description = self.description()
        self.at += 1  # type or interface
        name = self.name(placed=True)
        interfaces = self.interfaces()
        directives = self.directives()
        fields = self.fields_definition()
        return make_node(cls, self.loc(start), description=description, name=name, interfaces=interfaces,
                         directives=directives, fields=fields)

    def interface_type(self) -> Node:
        return self.object_type(InterfaceTypeDefinitionNode)

    def interfaces(self) -> tuple[NamedTypeNode, ...]:
        return self.delimited("&", self.named_type) if self.keyword("implements") else ()

    def union(self) -> UnionTypeDefinitionNode:
        return self.simple_type(UnionTypeDefinitionNode, ("types", self.members))

    def members(self) -> tuple[NamedTypeNode, ...]:
        return self.delimited("|", self.named_type) if self.optional("=") else ()

    def enum(self) -> EnumTypeDefinitionNode:
        return self.simple_type(EnumTypeDefinitionNode, ("values", self.enum_values))

    def enum_values(self) -> tuple[EnumValueDefinitionNode, ...]:
        return self.bracketed("{", self.enum_value, "}")

    def enum_value(self) -> EnumValueDefinitionNode:
        start = self.at
        description = self.description()
        name = self.name(placed=True)
        directives = self.directives()
        return make_node(EnumValueDefinitionNode, self.loc(start), description=description, name=name,
                         directives=directives)

    def input_type(self) -> InputObjectTypeDefinitionNode:
        return self.simple_type(InputObjectTypeDefinitionNode, ("fields", lambda: self.input_values("{", "}")))

    def directive_definition(self) -> DirectiveDefinitionNode:
        start = self.at
        description = self.description()
        self.at += 1  # directive
        self.expect("@")
        name = self.name()
        arguments = self.input_values("(", ")")
        repeatable = self.keyword("repeatable")
        if not self.keyword("on"):
            raise Unsupported
        locations = self.delimited("|", self.directive_location)
        return make_node(DirectiveDefinitionNode, self.loc(start), description=description, name=name,
                         arguments=arguments, directives=(), repeatable=repeatable, locations=locations)

    def directive_location(self) -> NameNode:
        name = self.name()
        if name.value not in _LOCATIONS:
            raise Unsupported
        return name

    def extension(self) -> Node:
        start = self.at
        self.at += 1  # extend
        kind = self.values[self.at] if self.kinds[self.at] == NAME else None
        if kind not in _EXTENSIONS:
            raise Unsupported
        self.at += 1
        cls = _EXTENSIONS[kind]
        parts: dict[str, Any] = {}
        if kind != "schema":
            parts["name"] = self.name(placed=True)
        if kind in ("type", "interface"):
            parts["interfaces"] = self.interfaces()
        parts["directives"] = self.directives()
        if kind in ("type", "interface"):
            parts["fields"] = self.fields_definition()
        elif kind == "union":
            parts["types"] = self.members()
        elif kind == "enum":
            parts["values"] = self.enum_values()
        elif kind == "input":
            parts["fields"] = self.input_values("{", "}")
        elif kind == "schema":
            parts["operation_types"] = self.operation_types_if_any()
        if not any(value for key, value in parts.items() if key != "name"):
            raise Unsupported  # graphql-core: "Unexpected ..." after an empty extension
        return make_node(cls, self.loc(start), **parts)

    def operation_types_if_any(self) -> tuple[OperationTypeDefinitionNode, ...]:
        return self.bracketed("{", self.operation_type, "}")

    # Fields, arguments and types (most of a schema: kept to few calls).

    def fields_definition(self) -> tuple[FieldDefinitionNode, ...]:
        if not self.optional("{"):
            return ()
        fields = [self.field()]
        kinds = self.kinds
        while kinds[self.at] != "}":
            fields.append(self.field())
        self.at += 1
        return tuple(fields)

    def field(self) -> FieldDefinitionNode:
        start = self.at
        description = self.description()
        name = self.name(placed=True)
        arguments = self.input_values("(", ")")
        self.expect(":")
        field_type = self.type_reference(placed=True)
        directives = self.directives() if self.kinds[self.at] == "@" else ()
        node = new_node(FieldDefinitionNode)
        set_field_description(node, description)
        set_field_name(node, name)
        set_field_arguments(node, arguments)
        set_field_type(node, field_type)
        set_field_directives(node, directives)
        set_loc(node, self.loc(start))
        return node

    def input_values(self, opening: str, closing: str) -> tuple[InputValueDefinitionNode, ...]:
        return self.bracketed(opening, self.input_value, closing)

    def input_value(self) -> InputValueDefinitionNode:
        start = self.at
        description = self.description()
        name = self.name(placed=True)
        self.expect(":")
        value_type = self.type_reference(placed=True)
        default = self.value() if self.optional("=") else None
        directives = self.directives()
        return make_node(InputValueDefinitionNode, self.loc(start), description=description, name=name,
                         type=value_type, default_value=default, directives=directives)


_DEFINITIONS: dict[str, Callable[[_Parser], Node]] = {
    "schema": _Parser.schema,
    "scalar": _Parser.scalar,
    "type": _Parser.object_type,
    "interface": _Parser.interface_type,
    "union": _Parser.union,
    "enum": _Parser.enum,
    "input": _Parser.input_type,
    "directive": _Parser.directive_definition,
    "extend": _Parser.extension,
}

_EXTENSIONS: dict[str, type[Node]] = {
    "schema": SchemaExtensionNode,
    "scalar": ScalarTypeExtensionNode,
    "type": ObjectTypeExtensionNode,
    "interface": InterfaceTypeExtensionNode,
    "union": UnionTypeExtensionNode,
    "enum": EnumTypeExtensionNode,
    "input": InputObjectTypeExtensionNode,
}
