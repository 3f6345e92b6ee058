"""The small pieces of a schema for :mod:`sdl_parser`: names, type references, directives and
values, each made as graphql-core's parser makes it, with plain slot writes.

Where nodes are placed is the reader's ``placement``:

- ``"none"``: no node has a location, and equal leaves are one node (names, named types,
  required named types: most of a tree), which halves the tree's memory. Nothing tells them
  apart (nodes compare by content, without locations) and nothing changes them.
- ``"spans"``: only the nodes that the document's positions are read from have a location
  (the names of definitions, fields, arguments and enum values; the outermost type of a field
  or argument; a directive; the value of a directive's argument), everything else as without
  positions. The document built from it is the one built with every position (tested); only
  diagnostics about the tree itself need more, and they are rare (the caller reads again).
- ``"all"``: every node where graphql-core's parser places it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from graphql.language import (
    ArgumentNode,
    BooleanValueNode,
    DirectiveNode,
    EnumValueNode,
    FieldDefinitionNode,
    FloatValueNode,
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
    ObjectValueNode,
    Source,
    StringValueNode,
)

from translator.frontends.graphql.compat import OffsetsLocation, node_writers, slot_writer
from translator.frontends.graphql.sdl_tokens import BLOCK_STRING, FLOAT, INT, NAME, STRING, Unsupported, read_tokens

Placement = Literal["none", "spans", "all"]
NodeT = TypeVar("NodeT", bound=Node)
T = TypeVar("T")

# graphql-core's limit on nested lists (types and values): deeper, it raises RecursionError.
MAX_NESTING = 200

new_node = object.__new__
set_loc = slot_writer(Node, "loc")
_set_name_value = slot_writer(NameNode, "value")
_set_named_name = slot_writer(NamedTypeNode, "name")
_set_wrapped = slot_writer(NonNullTypeNode, "type")
_set_list_of = slot_writer(ListTypeNode, "type")
_set_directive_name = slot_writer(DirectiveNode, "name")
_set_directive_arguments = slot_writer(DirectiveNode, "arguments")
set_field_description = slot_writer(FieldDefinitionNode, "description")
set_field_name = slot_writer(FieldDefinitionNode, "name")
set_field_arguments = slot_writer(FieldDefinitionNode, "arguments")
set_field_type = slot_writer(FieldDefinitionNode, "type")
set_field_directives = slot_writer(FieldDefinitionNode, "directives")

# A list or an object value: its node, the key of its items and what closes it.
_COMPOUND_VALUES: dict[str, tuple[type[Node], str, str]] = {
    "[": (ListValueNode, "values", "]"),
    "{": (ObjectValueNode, "fields", "}"),
}

def make_node(cls: type[NodeT], loc: Location | None, **values: Any) -> NodeT:
    """A ``cls`` node placed at ``loc`` with ``values``, tuples already (every other key None):
    :func:`compat.bare_node` without its look for lists, for the many nodes of a schema."""
    values["loc"] = loc
    node = new_node(cls)
    for key, write in node_writers(cls):
        write(node, values.get(key))
    return node


class LeafReader:
    """Recursive descent over the token lists of :func:`read_tokens`; ``at`` is the index of
    the current token. Everything it does not take raises :class:`Unsupported`."""

    def __init__(self, source: Source, placement: Placement) -> None:
        tokens = read_tokens(source, placement != "none")
        self.kinds = tokens.kinds
        self.values = tokens.values
        self.starts = tokens.starts
        self.end = tokens.end
        self.source = source
        self.every = placement == "all"  # every node placed
        self.spans = placement != "none"  # the nodes of the document's positions placed
        self.at = 0
        self.depth = 0
        self.shared_names: dict[str | None, NameNode] = {}
        self.shared_types: dict[str | None, NamedTypeNode] = {}
        self.shared_required: dict[str | None, NonNullTypeNode] = {}

    # Tokens and locations.

    def loc(self, start: int) -> Location | None:
        """From token ``start`` to the last token read, when every node is placed."""
        if not self.every:
            return None
        return OffsetsLocation(self.starts[start], self.end(self.at - 1), self.source)

    def span_loc(self, start: int) -> Location | None:
        """From token ``start`` to the last token read, for a node the document's positions
        are read from."""
        if not self.spans:
            return None
        return OffsetsLocation(self.starts[start], self.end(self.at - 1), self.source)

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

    def bracketed(self, opening: str, item: Callable[[], T], closing: str) -> tuple[T, ...]:
        """graphql-core's ``optional_many``: nothing without ``opening``, else one item or more
        up to ``closing``."""
        if self.kinds[self.at] != opening:
            return ()
        self.at += 1
        items = [item()]
        while not self.optional(closing):
            items.append(item())
        return tuple(items)

    def delimited(self, delimiter: str, item: Callable[[], T]) -> tuple[T, ...]:
        """graphql-core's ``delimited_many``: items separated by ``delimiter``, which may also
        come first."""
        self.optional(delimiter)
        items = [item()]
        while self.optional(delimiter):
            items.append(item())
        return tuple(items)

    def enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise Unsupported  # graphql-core's parser gives up here (RecursionError)

    # Names and types.

    def name(self, placed: bool = False) -> NameNode:
        """A name; ``placed``: the name of a definition, field, argument or enum value."""
        at = self.at
        if self.kinds[at] != NAME:
            raise Unsupported
        self.at = at + 1
        value = self.values[at]
        located = self.every or (placed and self.spans)
        if not located:
            shared = self.shared_names.get(value)
            if shared is not None:
                return shared
        node = new_node(NameNode)
        _set_name_value(node, value)
        if located:
            set_loc(node, OffsetsLocation(self.starts[at], self.end(at), self.source))
        else:
            set_loc(node, None)
            self.shared_names[value] = node
        return node

    def named_type(self, placed: bool = False) -> NamedTypeNode:
        start = self.at
        located = self.every or (placed and self.spans)
        if not located and self.kinds[start] == NAME:
            shared = self.shared_types.get(self.values[start])
            if shared is not None:
                self.at = start + 1
                return shared
        node = new_node(NamedTypeNode)
        _set_named_name(node, self.name())
        if located:
            set_loc(node, OffsetsLocation(self.starts[start], self.end(start), self.source))
        else:
            set_loc(node, None)
            self.shared_types[self.values[start]] = node
        return node

    def type_reference(self, placed: bool = False) -> Node:
        """A type; ``placed``: the outermost type of a field or argument."""
        start = self.at
        reference: Node
        if self.kinds[start] == "[":
            self.at += 1
            self.enter()
            inner = self.type_reference()
            self.depth -= 1
            self.expect("]")
            reference = new_node(ListTypeNode)
            _set_list_of(reference, inner)
            set_loc(reference, self.span_loc(start) if placed else self.loc(start))
        else:
            reference = self.named_type(placed and self.kinds[start + 1] != "!")
        if self.kinds[self.at] != "!":
            return reference
        self.at += 1
        shareable = not self.every and not placed and reference.kind == "named_type"
        if shareable:
            shared = self.shared_required.get(self.values[start])
            if shared is not None:
                return shared
        required = new_node(NonNullTypeNode)
        _set_wrapped(required, reference)
        set_loc(required, self.span_loc(start) if placed else self.loc(start))
        if shareable:
            self.shared_required[self.values[start]] = required
        return required

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
            node = new_node(DirectiveNode)
            _set_directive_name(node, name)
            _set_directive_arguments(node, arguments)
            set_loc(node, self.span_loc(start))
            directives.append(node)
        return tuple(directives)

    def arguments(self) -> tuple[ArgumentNode, ...]:
        return self.bracketed("(", self.argument, ")")

    def argument(self) -> ArgumentNode:
        start = self.at
        name = self.name()
        self.expect(":")
        value = self.value(placed=True)
        return make_node(ArgumentNode, self.loc(start), name=name, value=value)

    def value(self, placed: bool = False) -> Node:
        """A constant value; ``placed``: the value of a directive's argument."""
        at = self.at
        kind = self.kinds[at]
        if kind in (STRING, BLOCK_STRING):
            return self.string(placed)
        if kind == NAME:
            self.at += 1
            word = self.values[at]
            loc = self.span_loc(at) if placed else self.loc(at)
            if word == "true" or word == "false":
                return make_node(BooleanValueNode, loc, value=word == "true")
            if word == "null":
                return make_node(NullValueNode, loc)
            return make_node(EnumValueNode, loc, value=word)
        if kind in (INT, FLOAT):
            self.at += 1
            loc = self.span_loc(at) if placed else self.loc(at)
            return make_node(IntValueNode if kind == INT else FloatValueNode, loc, value=self.values[at])
        if kind in _COMPOUND_VALUES:
            cls, key, closing = _COMPOUND_VALUES[kind]
            item = self.value if kind == "[" else self.object_field
            self.enter()
            self.at += 1
            items = []
            while not self.optional(closing):
                items.append(item())
            self.depth -= 1
            return make_node(cls, self.span_loc(at) if placed else self.loc(at), **{key: tuple(items)})
        raise Unsupported  # a variable in a constant, or not a value

    def object_field(self) -> ObjectFieldNode:
        start = self.at
        name = self.name()
        self.expect(":")
        value = self.value()
        return make_node(ObjectFieldNode, self.loc(start), name=name, value=value)

    def string(self, placed: bool = False) -> StringValueNode:
        at = self.at
        self.at += 1
        return make_node(StringValueNode, self.span_loc(at) if placed else self.loc(at), value=self.values[at],
                         block=self.kinds[at] == BLOCK_STRING)
