"""Plain schemas read from their tokens straight into the :class:`SchemaDocument`.

Most schemas are plain: object, interface, input, enum, scalar and union definitions, each type
defined once, with nothing graphql-core's SDL rules or Amplify's check of directive arguments
would report. For those, the syntax tree is only a way station: parsing it, walking it for the
rules and building the document from it cost three times what reading the document from the
tokens does, and the tree held as much memory as the document.

:func:`read_plain_document` reads such a schema with the checks of :mod:`plain_sdl` made as it
goes (unique names, known types, directives used where and as defined) and each directive use
checked as :mod:`validation` checks it. Whatever it cannot prove plain (extensions, schema or
directive definitions, a redefined or reserved type name, anything any rule may report, any
syntax it does not read) raises :class:`Unsupported`, and the caller takes the path through the
tree, which builds the document or reports the problems. So this reader only has to be right on
what it accepts: tests hold its document, positions included, equal to the tree's.

Directives are the one part still read as tree nodes (:class:`LeafReader`), so their checks and
their conversion are the tree path's own; they are a small part of a schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from graphql.language import Source, ValueNode

from translator.core.diagnostics import Span
from translator.core.document import (
    Argument,
    Directive,
    EnumValueDef,
    FieldDef,
    SchemaDocument,
    SchemaSource,
    TypeDef,
    TypeKind,
    TypeRef,
    Value,
    make_field,
)
from translator.frontends.graphql.plain_sdl import PlainCheck, plain_check, unique_fields
from translator.frontends.graphql.sdl_leaves import MAX_NESTING, LeafReader, Placement
from translator.frontends.graphql.sdl_tokens import BLOCK_STRING, END, FLOAT, INT, NAME, STRING, Unsupported
from translator.frontends.graphql.validation import arguments_coerce, directive_definitions
from translator.frontends.graphql.values import UNPLACED, lines_of

__all__ = ["read_plain_document"]

# Each definition keyword this reader takes: the document's kind and the directive location.
_DEFINITIONS: dict[str | None, tuple[TypeKind, str]] = {
    "type": ("object", "OBJECT"),
    "interface": ("interface", "INTERFACE"),
    "input": ("input", "INPUT_OBJECT"),
    "enum": ("enum", "ENUM"),
    "scalar": ("scalar", "SCALAR"),
    "union": ("union", "UNION"),
}
_ROOTS = {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
_DESCRIPTIONS = (STRING, BLOCK_STRING)
# How a string stands in the shape of a list of directives: by its kind alone, as an object no
# name or number can equal.
_STRING_SHAPES = {STRING: object(), BLOCK_STRING: object()}
_WORDS: dict[str | None, Value] = {"true": True, "false": False, "null": None}


def read_plain_document(sources: Sequence[SchemaSource], placement: Placement) -> SchemaDocument:
    """The document the tree path builds from ``sources`` read with ``placement`` ("none" or
    "spans"), when they are plain; :class:`Unsupported` when they may not be."""
    check = plain_check(directive_definitions())
    if check is None or placement == "all":
        raise Unsupported
    defined: set[str] = set()
    referenced: set[str] = set()
    types: list[TypeDef] = []
    verdicts: dict[tuple[object, ...], bool] = {}
    for source in sources:
        if not source.part_of_schema:
            raise Unsupported  # a stray file of a schema/ folder: the tree path reports on it
        reader = _PlainReader(Source(source.text, source.name), placement, check, defined, referenced, verdicts)
        types.extend(reader.types())
    if not types or not referenced <= check.types | defined:
        raise Unsupported
    root_names = frozenset(_ROOTS.values())
    operation_fields = tuple((t.name, f) for t in types if t.name in root_names for f in t.fields)
    return SchemaDocument(tuple(types), root_names, operation_fields, operation_types=dict(_ROOTS))


class _PlainReader(LeafReader):
    """The definitions of one source; ``defined`` and ``referenced`` gather the type names the
    sources define and use, across sources."""

    def __init__(self, source: Source, placement: Placement, check: PlainCheck, defined: set[str],
                 referenced: set[str], verdicts: dict[tuple[object, ...], bool]) -> None:
        super().__init__(source, placement)
        self.check = check
        self.defined = defined
        self.referenced = referenced
        # One TypeRef per named type, bare and required: most fields are one of those.
        self.bare: dict[str, TypeRef] = {}
        self.required: dict[str, TypeRef] = {}
        # Without positions, one FieldDef per name and type for fields with neither arguments
        # nor directives: most fields of a large schema repeat a few of those (``id: ID!``),
        # and equal immutable fields can be one object. By the type's identity: the types a
        # key holds stay alive in this map.
        self.plain_fields: dict[tuple[str, int], FieldDef] = {}
        self.verdicts = verdicts
        self.lines = lines_of(source) if self.spans else None

    def span(self, at: int) -> Span:
        """Where token ``at`` starts (the bare span without positions)."""
        return self.lines.span(self.starts[at]) if self.lines is not None else UNPLACED

    def types(self) -> list[TypeDef]:
        kinds, values = self.kinds, self.values
        found: list[TypeDef] = []
        while kinds[self.at] != END:
            if kinds[self.at] in _DESCRIPTIONS:
                self.at += 1
            at = self.at
            definition = _DEFINITIONS.get(values[at]) if kinds[at] == NAME else None
            if definition is None:
                raise Unsupported  # an extension, a schema or directive definition, an operation
            kind, location = definition
            name = values[at + 1]
            if kinds[at + 1] != NAME or name is None or not self.new_type_name(name):
                raise Unsupported
            span = self.span(at + 1)
            self.at = at + 2
            fields: tuple[FieldDef, ...] = ()
            enum_values: tuple[EnumValueDef, ...] = ()
            if kind in ("object", "interface") and self.keyword("implements"):
                self.named_types("&")
            directives = self.checked_directives(location)
            if kinds[self.at] == "{" and kind in ("object", "interface"):
                fields = self.fields()
            elif kinds[self.at] == "{" and kind == "input":
                fields = self.input_fields()
            elif kinds[self.at] == "{" and kind == "enum":
                enum_values = self.enum_values()
            elif kind == "union" and self.optional("="):
                self.named_types("|")
            found.append(TypeDef(kind, name, span, directives, fields, enum_values))
        return found

    def new_type_name(self, name: str) -> bool:
        """Record ``name`` as defined; False for a name the tree path must see: defined twice,
        by Amplify's definitions, built in, reserved (``__``), or Amplify's sandbox input."""
        if name in self.defined or name in self.check.types or name.startswith("__") or name == "AMPLIFY":
            return False
        self.defined.add(name)
        return True

    def named_types(self, delimiter: str) -> None:
        """Interfaces or union members: names, the delimiter between them and maybe first."""
        self.optional(delimiter)
        while True:
            if self.kinds[self.at] != NAME:
                raise Unsupported
            self.referenced.add(self.values[self.at] or "")
            self.at += 1
            if not self.optional(delimiter):
                return

    def checked_directives(self, location: str) -> tuple[Directive, ...]:
        """The directives written here, when every rule passes them at ``location``.

        Whether the rules pass a list of directives depends on its tokens and not on the
        content of its strings (any string is a valid String, ID or custom scalar, and never a
        valid enum value, number or boolean). So the verdict is kept per sequence of tokens
        with strings left out, and each new sequence is checked once, through tree nodes,
        with the rules' own checks (a schema repeats a few such sequences many times)."""
        start = self.at
        if self.kinds[start] != "@":
            return ()
        shape: list[object] = [location]
        directives = self.read_directives(shape)
        key = tuple(shape)
        verdict = self.verdicts.get(key)
        if verdict is None:
            end = self.at
            self.at = start
            nodes = self.directives()
            verdict = self.verdicts[key] = self.check.uses(nodes, location) and all(map(arguments_coerce, nodes))
            self.at = end
        if not verdict:
            raise Unsupported
        return directives

    def read_directives(self, shape: list[object]) -> tuple[Directive, ...]:
        """The directives from here on, as the tree path converts them; their tokens added to
        ``shape`` (strings as a kind only)."""
        kinds, values = self.kinds, self.values
        directives: list[Directive] = []
        while kinds[self.at] == "@":
            at = self.at
            name = values[at + 1]
            if kinds[at + 1] != NAME or name is None:
                raise Unsupported
            shape.append(name)
            self.at = at + 2
            arguments: tuple[Argument, ...] = ()
            if kinds[self.at] == "(":
                shape.append("(")
                self.at += 1
                written: list[Argument] = []
                while True:
                    name_at = self.at
                    argument = values[name_at]
                    if kinds[name_at] != NAME or kinds[name_at + 1] != ":" or argument is None:
                        raise Unsupported  # graphql-core wants at least one argument in ( )
                    shape.append(argument)
                    self.at = name_at + 2
                    written.append(Argument(argument, self.plain_value(shape), self.span(name_at + 2)))
                    if kinds[self.at] == ")":
                        self.at += 1
                        shape.append(")")
                        break
                arguments = tuple(written)
            directives.append(Directive(name, arguments, self.span(at)))
        return tuple(directives)

    def plain_value(self, shape: list[object]) -> Value:
        """A constant value as :func:`values.value_of` converts its node."""
        at = self.at
        kind = self.kinds[at]
        value = self.values[at]
        self.at = at + 1
        if kind in _DESCRIPTIONS:
            shape.append(_STRING_SHAPES[kind])
            return value
        if kind == NAME:
            shape.append(value)
            return _WORDS.get(value, value)
        if kind in (INT, FLOAT):
            shape.append(value)  # the text itself: an Int's range is part of its validity
            return int(value or "") if kind == INT else float(value or "")
        if kind not in ("[", "{"):
            raise Unsupported  # a variable, or not a value
        shape.append(kind)
        self.enter()
        if kind == "[":
            items: list[Value] = []
            while not self.optional("]"):
                items.append(self.plain_value(shape))
            result: Value = tuple(items)
        else:
            fields: dict[str, Value] = {}
            while not self.optional("}"):
                field = self.values[self.at]
                if self.kinds[self.at] != NAME or self.kinds[self.at + 1] != ":" or field is None:
                    raise Unsupported
                shape.append(field)
                self.at += 2
                fields[field] = self.plain_value(shape)
            result = fields
        self.depth -= 1
        shape.append("]" if kind == "[" else "}")
        return result

    # Fields: most of a schema, so read with local names and few calls.

    def fields(self) -> tuple[FieldDef, ...]:
        kinds, values, starts = self.kinds, self.values, self.starts
        position = self.lines.span if self.lines is not None else None
        at = self.at + 1  # {
        fields: list[FieldDef] = []
        seen: set[str | None] = set()
        while True:
            if kinds[at] in _DESCRIPTIONS:
                at += 1
            name = values[at]
            if kinds[at] != NAME or name in seen or name is None:
                raise Unsupported
            seen.add(name)
            name_at = at
            arguments: tuple[tuple[str, TypeRef, Span], ...] = ()
            if kinds[at + 1] == "(":
                self.at = at + 1
                arguments = self.arguments_definition()
                at = self.at
            else:
                at += 1
            if kinds[at] != ":":
                raise Unsupported
            self.at = at + 1
            field_type = self.type_ref()
            directives = self.checked_directives("FIELD_DEFINITION") if kinds[self.at] == "@" else ()
            if position is not None:
                field = make_field(name, field_type, directives, position(starts[name_at]), position(starts[at + 1]),
                                 False, arguments)
            elif not directives and not arguments:
                key = (name, id(field_type))
                shared = self.plain_fields.get(key)
                if shared is None:
                    shared = self.plain_fields[key] = make_field(name, field_type, (), UNPLACED, UNPLACED)
                field = shared
            else:
                field = make_field(name, field_type, directives, UNPLACED, UNPLACED, False, arguments)
            fields.append(field)
            at = self.at
            if kinds[at] == "}":
                self.at = at + 1
                return tuple(fields)

    def type_ref(self) -> TypeRef:
        """A field's or argument's type, its name recorded as used."""
        at = self.at
        kinds = self.kinds
        name = self.values[at]
        if kinds[at] == NAME and name is not None:
            self.referenced.add(name)
            if kinds[at + 1] == "!":
                self.at = at + 2
                reference = self.required.get(name)
                if reference is None:
                    reference = self.required[name] = TypeRef(name, False, True)
                return reference
            self.at = at + 1
            reference = self.bare.get(name)
            if reference is None:
                reference = self.bare[name] = TypeRef(name, False, False)
            return reference
        return self.list_type()

    def list_type(self) -> TypeRef:
        """``[...]`` with its wrappers, as :func:`values.type_ref_of` reads it from the tree."""
        kinds = self.kinds
        at = self.at
        depth = 0
        while kinds[at] == "[":
            depth += 1
            at += 1
        name = self.values[at]
        if depth > MAX_NESTING or kinds[at] != NAME or name is None:
            raise Unsupported
        self.referenced.add(name)
        at += 1
        item_required = kinds[at] == "!"
        at += item_required
        list_required = False
        for level in range(depth):
            if kinds[at] != "]":
                raise Unsupported
            at += 1
            if kinds[at] == "!":
                at += 1
                list_required = level == depth - 1
        self.at = at
        return TypeRef(name, depth > 0, item_required, list_required, depth)

    def arguments_definition(self) -> tuple[tuple[str, TypeRef, Span], ...]:
        """A field's ``(name: Type = default @directive, ...)``; graphql-core wants at least one."""
        self.at += 1  # (
        arguments: list[tuple[str, TypeRef, Span]] = []
        seen: set[str] = set()
        while True:
            name, reference, type_at, _ = self.input_value(seen, "ARGUMENT_DEFINITION")
            arguments.append((name, reference, self.span(type_at)))
            if self.optional(")"):
                return tuple(arguments)

    def input_fields(self) -> tuple[FieldDef, ...]:
        self.at += 1  # {
        fields: list[FieldDef] = []
        seen: set[str] = set()
        while True:
            name_at = self.at + (self.kinds[self.at] in _DESCRIPTIONS)
            name, reference, type_at, directives = self.input_value(seen, "INPUT_FIELD_DEFINITION")
            fields.append(make_field(name, reference, directives, self.span(name_at), self.span(type_at)))
            if self.optional("}"):
                return tuple(fields)

    def input_value(self, seen: set[str], location: str) -> tuple[str, TypeRef, int, tuple[Directive, ...]]:
        """An argument or input field: its name, type, the index of the type's first token and
        its directives (checked at ``location``)."""
        if self.kinds[self.at] in _DESCRIPTIONS:
            self.at += 1
        name = self.values[self.at]
        if self.kinds[self.at] != NAME or name is None or name in seen:
            raise Unsupported
        seen.add(name)
        self.at += 1
        self.expect(":")
        type_at = self.at
        reference = self.type_ref()
        if self.optional("=") and not unique_fields(cast(ValueNode, self.value())):
            raise Unsupported
        return name, reference, type_at, self.checked_directives(location)

    def enum_values(self) -> tuple[EnumValueDef, ...]:
        self.at += 1  # {
        found: list[EnumValueDef] = []
        seen: set[str] = set()
        while True:
            if self.kinds[self.at] in _DESCRIPTIONS:
                self.at += 1
            at = self.at
            name = self.values[at]
            if self.kinds[at] != NAME or name is None or name in seen:
                raise Unsupported
            seen.add(name)
            self.at += 1
            self.checked_directives("ENUM_VALUE")  # checked; the document keeps no enum value's directives
            found.append(EnumValueDef(name, self.span(at)))
            if self.optional("}"):
                return tuple(found)
