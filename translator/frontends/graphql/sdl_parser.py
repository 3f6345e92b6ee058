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

Without positions nodes have no location, and equal leaves (names, named types) are shared; with
them each location holds only its offsets and source (see :class:`compat.OffsetsLocation`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from graphql.language import (
    ArgumentNode,
    BooleanValueNode,
    DirectiveDefinitionNode,
    DirectiveLocation,
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumTypeExtensionNode,
    EnumValueDefinitionNode,
    EnumValueNode,
    FieldDefinitionNode,
    FloatValueNode,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    InterfaceTypeExtensionNode,
    IntValueNode,
    ListTypeNode,
    ListValueNode,
    Location,
    NamedTypeNode,
    NameNode,
    Node,
    NonNullTypeNode,
    NullValueNode,
    ObjectFieldNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ObjectValueNode,
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

from translator.frontends.graphql.compat import OffsetsLocation, slot_writer
from translator.frontends.graphql.sdl_tokens import (
    BLOCK_STRING,
    END,
    FLOAT,
    INT,
    NAME,
    STRING,
    Unsupported,
    read_tokens,
)

__all__ = ["Unsupported", "parse_sdl"]

# graphql-core's limit on nested lists (types and values): deeper, it raises RecursionError.
_MAX_NESTING = 200
_LOCATIONS = frozenset(DirectiveLocation.__members__)
_OPERATIONS = {operation.value: operation for operation in OperationType}

_new = object.__new__
_set_loc = slot_writer(Node, "loc")
_set_name_value = slot_writer(NameNode, "value")
_set_named_name = slot_writer(NamedTypeNode, "name")
_set_wrapped = slot_writer(NonNullTypeNode, "type")
_set_list_of = slot_writer(ListTypeNode, "type")
_set_field_description = slot_writer(FieldDefinitionNode, "description")
_set_field_name = slot_writer(FieldDefinitionNode, "name")
_set_field_arguments = slot_writer(FieldDefinitionNode, "arguments")
_set_field_type = slot_writer(FieldDefinitionNode, "type")
_set_field_directives = slot_writer(FieldDefinitionNode, "directives")
_set_directive_name = slot_writer(DirectiveNode, "name")
_set_directive_arguments = slot_writer(DirectiveNode, "arguments")


NodeT = TypeVar("NodeT", bound=Node)

_WRITERS: dict[type[Node], tuple[tuple[str, Callable[[Any, Any], None]], ...]] = {}


def _node(cls: type[NodeT], loc: Location | None, **values: Any) -> NodeT:
    """A ``cls`` node with ``values`` (every other key None), as ``Node.__init__`` makes it
    from tuples, without its per-attribute ``__setattr__``."""
    writers = _WRITERS.get(cls)
    if writers is None:
        writers = _WRITERS[cls] = tuple((key, slot_writer(cls, key)) for key in cls.keys if key != "loc")
    node = _new(cls)
    _set_loc(node, loc)
    for key, write in writers:
        write(node, values.get(key))
    return node


def parse_sdl(source: Source, positions: bool) -> DocumentNode:
    """The document graphql-core's parser makes of ``source``; :class:`Unsupported` for what
    only graphql-core's parser handles or reports."""
    return _Parser(source, positions).document()


class _Parser:
    """Recursive descent over the token lists; ``at`` is the index of the current token."""

    def __init__(self, source: Source, positions: bool) -> None:
        tokens = read_tokens(source, positions)
        self.kinds = tokens.kinds
        self.values = tokens.values
        self.starts = tokens.starts
        self.ends = tokens.ends
        self.source = source
        self.positions = positions
        self.at = 0
        self.depth = 0
        # Without positions, equal leaves are one node: names, named types and required named
        # types (most of a tree) are made once per name, which halves the tree's memory.
        # Nothing tells them apart (nodes compare by content, no location), nothing changes them.
        self.shared_names: dict[str | None, NameNode] = {}
        self.shared_types: dict[str | None, NamedTypeNode] = {}
        self.shared_required: dict[str | None, NonNullTypeNode] = {}

    # Tokens.

    def loc(self, start: int) -> Location | None:
        """From token ``start`` to the last token read, when positions are kept."""
        if not self.positions:
            return None
        return OffsetsLocation(self.starts[start], self.ends[self.at - 1], self.source)

    def expect(self, kind: str) -> None:
        if self.kinds[self.at] != kind:
            raise Unsupported
        self.at += 1

    def optional(self, kind: str) -> bool:
        if self.kinds[self.at] == kind:
            self.at += 1
            return True
        return False

    def keyword(self, word: str) -> bool:
        """Read the name ``word`` if it comes next."""
        at = self.at
        if self.kinds[at] == NAME and self.values[at] == word:
            self.at = at + 1
            return True
        return False

    def name(self) -> NameNode:
        at = self.at
        if self.kinds[at] != NAME:
            raise Unsupported
        self.at = at + 1
        value = self.values[at]
        if not self.positions:
            shared = self.shared_names.get(value)
            if shared is not None:
                return shared
        node = _new(NameNode)
        _set_name_value(node, value)
        if self.positions:
            _set_loc(node, OffsetsLocation(self.starts[at], self.ends[at], self.source))
        else:
            _set_loc(node, None)
            self.shared_names[value] = node
        return node

    def named_type(self) -> NamedTypeNode:
        start = self.at
        if not self.positions and self.kinds[start] == NAME:
            shared = self.shared_types.get(self.values[start])
            if shared is not None:
                self.at = start + 1
                return shared
        node = _new(NamedTypeNode)
        _set_named_name(node, self.name())
        _set_loc(node, self.loc(start))
        if not self.positions:
            self.shared_types[self.values[start]] = node
        return node

    # Definitions.

    def document(self) -> DocumentNode:
        definitions = []
        while self.kinds[self.at] != END:
            definitions.append(self.definition())
        if not definitions:
            raise Unsupported  # graphql-core's "Unexpected <EOF>"
        self.at += 1  # the end, so the document's location reaches it
        document: DocumentNode = _node(DocumentNode, None, definitions=tuple(definitions))
        if self.positions:
            _set_loc(document, OffsetsLocation(0, self.ends[-1], self.source))
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
        self.expect("{")
        operations = [self.operation_type()]
        while not self.optional("}"):
            operations.append(self.operation_type())
        return _node(SchemaDefinitionNode, self.loc(start), description=description, directives=directives,
                     operation_types=tuple(operations))

    def operation_type(self) -> OperationTypeDefinitionNode:
        start = self.at
        if self.kinds[start] != NAME or self.values[start] not in _OPERATIONS:
            raise Unsupported
        self.at += 1
        self.expect(":")
        named = self.named_type()
        return _node(OperationTypeDefinitionNode, self.loc(start), operation=_OPERATIONS[self.values[start] or ""],
                     type=named)

    def scalar(self) -> ScalarTypeDefinitionNode:
        start = self.at
        description = self.description()
        self.at += 1  # scalar
        name = self.name()
        directives = self.directives()
        return _node(ScalarTypeDefinitionNode, self.loc(start), description=description, name=name,
                     directives=directives)

    def object_type(self, cls: type[Node] = ObjectTypeDefinitionNode) -> Node:
        start = self.at
        description = self.description()
        self.at += 1  # type or interface
        name = self.name()
        interfaces = self.interfaces()
        directives = self.directives()
        fields = self.fields_definition()
        return _node(cls, self.loc(start), description=description, name=name, interfaces=interfaces,
                     directives=directives, fields=fields)

    def interface_type(self) -> Node:
        return self.object_type(InterfaceTypeDefinitionNode)

    def interfaces(self) -> tuple[NamedTypeNode, ...]:
        if not self.keyword("implements"):
            return ()
        self.optional("&")
        interfaces = [self.named_type()]
        while self.optional("&"):
            interfaces.append(self.named_type())
        return tuple(interfaces)

    def union(self) -> UnionTypeDefinitionNode:
        start = self.at
        description = self.description()
        self.at += 1  # union
        name = self.name()
        directives = self.directives()
        members = self.members()
        return _node(UnionTypeDefinitionNode, self.loc(start), description=description, name=name,
                     directives=directives, types=members)

    def members(self) -> tuple[NamedTypeNode, ...]:
        if not self.optional("="):
            return ()
        self.optional("|")
        members = [self.named_type()]
        while self.optional("|"):
            members.append(self.named_type())
        return tuple(members)

    def enum(self) -> EnumTypeDefinitionNode:
        start = self.at
        description = self.description()
        self.at += 1  # enum
        name = self.name()
        directives = self.directives()
        values = self.enum_values()
        return _node(EnumTypeDefinitionNode, self.loc(start), description=description, name=name,
                     directives=directives, values=values)

    def enum_values(self) -> tuple[EnumValueDefinitionNode, ...]:
        if not self.optional("{"):
            return ()
        values = [self.enum_value()]
        while not self.optional("}"):
            values.append(self.enum_value())
        return tuple(values)

    def enum_value(self) -> EnumValueDefinitionNode:
        start = self.at
        description = self.description()
        name = self.name()
        directives = self.directives()
        return _node(EnumValueDefinitionNode, self.loc(start), description=description, name=name,
                     directives=directives)

    def input_type(self) -> InputObjectTypeDefinitionNode:
        start = self.at
        description = self.description()
        self.at += 1  # input
        name = self.name()
        directives = self.directives()
        fields = self.input_values("{", "}")
        return _node(InputObjectTypeDefinitionNode, self.loc(start), description=description, name=name,
                     directives=directives, fields=fields)

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
        self.optional("|")
        locations = [self.directive_location()]
        while self.optional("|"):
            locations.append(self.directive_location())
        return _node(DirectiveDefinitionNode, self.loc(start), description=description, name=name,
                     arguments=arguments, directives=(), repeatable=repeatable, locations=tuple(locations))

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
            parts["name"] = self.name()
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
        return _node(cls, self.loc(start), **parts)

    def operation_types_if_any(self) -> tuple[OperationTypeDefinitionNode, ...]:
        if not self.optional("{"):
            return ()
        operations = [self.operation_type()]
        while not self.optional("}"):
            operations.append(self.operation_type())
        return tuple(operations)

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
        name = self.name()
        arguments = self.input_values("(", ")")
        self.expect(":")
        field_type = self.type_reference()
        directives = self.directives() if self.kinds[self.at] == "@" else ()
        node = _new(FieldDefinitionNode)
        _set_field_description(node, description)
        _set_field_name(node, name)
        _set_field_arguments(node, arguments)
        _set_field_type(node, field_type)
        _set_field_directives(node, directives)
        _set_loc(node, self.loc(start))
        return node

    def input_values(self, opening: str, closing: str) -> tuple[InputValueDefinitionNode, ...]:
        if self.kinds[self.at] != opening:
            return ()
        self.at += 1
        values = [self.input_value()]
        while not self.optional(closing):
            values.append(self.input_value())
        return tuple(values)

    def input_value(self) -> InputValueDefinitionNode:
        start = self.at
        description = self.description()
        name = self.name()
        self.expect(":")
        value_type = self.type_reference()
        default = self.value() if self.optional("=") else None
        directives = self.directives()
        return _node(InputValueDefinitionNode, self.loc(start), description=description, name=name,
                     type=value_type, default_value=default, directives=directives)

    def type_reference(self) -> Node:
        start = self.at
        reference: Node
        if self.kinds[start] == "[":
            self.at += 1
            self.enter()
            inner = self.type_reference()
            self.depth -= 1
            self.expect("]")
            reference = _new(ListTypeNode)
            _set_list_of(reference, inner)
            _set_loc(reference, self.loc(start))
        else:
            reference = self.named_type()
        if self.kinds[self.at] != "!":
            return reference
        self.at += 1
        if not self.positions and reference.kind == "named_type":
            shared = self.shared_required.get(self.values[start])
            if shared is not None:
                return shared
        required = _new(NonNullTypeNode)
        _set_wrapped(required, reference)
        _set_loc(required, self.loc(start))
        if not self.positions and reference.kind == "named_type":
            self.shared_required[self.values[start]] = required
        return required

    def enter(self) -> None:
        self.depth += 1
        if self.depth > _MAX_NESTING:
            raise Unsupported  # graphql-core's parser gives up here (RecursionError)

    # Directives and values.

    def directives(self) -> tuple[DirectiveNode, ...]:
        kinds = self.kinds
        if kinds[self.at] != "@":
            return ()
        directives = []
        while kinds[self.at] == "@":
            start = self.at
            self.at += 1
            name = self.name()
            arguments = self.arguments()
            node = _new(DirectiveNode)
            _set_directive_name(node, name)
            _set_directive_arguments(node, arguments)
            _set_loc(node, self.loc(start))
            directives.append(node)
        return tuple(directives)

    def arguments(self) -> tuple[ArgumentNode, ...]:
        if self.kinds[self.at] != "(":
            return ()
        self.at += 1
        arguments = [self.argument()]
        while not self.optional(")"):
            arguments.append(self.argument())
        return tuple(arguments)

    def argument(self) -> ArgumentNode:
        start = self.at
        name = self.name()
        self.expect(":")
        value = self.value()
        return _node(ArgumentNode, self.loc(start), name=name, value=value)

    def value(self) -> Node:
        at = self.at
        kind = self.kinds[at]
        if kind in (STRING, BLOCK_STRING):
            return self.string()
        if kind == NAME:
            self.at += 1
            word = self.values[at]
            if word == "true" or word == "false":
                return _node(BooleanValueNode, self.loc(at), value=word == "true")
            if word == "null":
                return _node(NullValueNode, self.loc(at))
            return _node(EnumValueNode, self.loc(at), value=word)
        if kind in (INT, FLOAT):
            self.at += 1
            return _node(IntValueNode if kind == INT else FloatValueNode, self.loc(at), value=self.values[at])
        if kind == "[":
            self.enter()
            self.at += 1
            items = []
            while not self.optional("]"):
                items.append(self.value())
            self.depth -= 1
            return _node(ListValueNode, self.loc(at), values=tuple(items))
        if kind == "{":
            self.enter()
            self.at += 1
            fields = []
            while not self.optional("}"):
                fields.append(self.object_field())
            self.depth -= 1
            return _node(ObjectValueNode, self.loc(at), fields=tuple(fields))
        raise Unsupported  # a variable in a constant, or not a value

    def object_field(self) -> ObjectFieldNode:
        start = self.at
        name = self.name()
        self.expect(":")
        value = self.value()
        return _node(ObjectFieldNode, self.loc(start), name=name, value=value)

    def string(self) -> StringValueNode:
        at = self.at
        self.at += 1
        return _node(StringValueNode, self.loc(at), value=self.values[at], block=self.kinds[at] == BLOCK_STRING)


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
