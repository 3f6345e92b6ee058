"""The front ends' common output: a schema as written, with every position kept.

Both front ends (GraphQL SDL and Gen 2 ``resource.ts``) produce a :class:`SchemaDocument`. It is
the transformer-v2 view of a schema: object types with fields and directives (``@model``,
``@hasMany(references: ...)``, ``@primaryKey(sortKeyFields: ...)``, ...), enums and the other
definitions, in declaration order. Later stages never look at a front end's own tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, TypeAlias, cast

from translator.core.diagnostics import Span

# A directive argument value after parsing: GraphQL and TypeScript literals map onto the same set.
Value: TypeAlias = (
    str | int | float | bool | tuple["Value", ...] | Mapping[str, "Value"] | None
)

def strings(value: Value) -> list[str]:
    """A directive argument that takes a list of names, as strings (GraphQL lets a single
    value stand for a one-item list; an absent or null argument is an empty list)."""
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, tuple) else [str(value)]


@dataclass(frozen=True)
class SchemaSource:
    """One file of a schema. ``part_of_schema`` is False for the stray files of a ``schema/``
    folder that Amplify's validation parses but that do not join the schema."""

    name: str
    text: str
    part_of_schema: bool = True


TypeKind = Literal["object", "enum", "input", "interface", "union", "scalar"]


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A field type: the named type and its list and non-null wrappers.

    ``item_required`` is whether the innermost named type is non-null (what ``required`` reports);
    ``list_required`` whether the outermost list is non-null (only validation cares).
    """

    name: str
    is_list: bool = False
    item_required: bool = False
    list_required: bool = False
    list_depth: int = 0

    def __str__(self) -> str:
        text = self.name + ("!" if self.item_required else "")
        for depth in range(self.list_depth):
            text = f"[{text}]"
            if depth == self.list_depth - 1 and self.list_required:
                text += "!"
        return text


@dataclass(frozen=True, slots=True)
class Argument:
    """One directive argument and where its value is written."""

    name: str
    value: Value
    span: Span


@dataclass(frozen=True, slots=True)
class Directive:
    """A directive use such as ``@hasMany(indexName: "byBlog")``; ``span`` points at the ``@``."""

    name: str
    arguments: tuple[Argument, ...]
    span: Span
    from_extension: bool = False

    def arg(self, name: str) -> Argument | None:
        """The argument called ``name``, or None when it was not written."""
        for argument in self.arguments:
            if argument.name == name:
                return argument
        return None

    def value(self, name: str, default: Value = None) -> Value:
        """The value of argument ``name``, or ``default`` when it was not written."""
        argument = self.arg(name)
        return default if argument is None else argument.value

    def has(self, name: str) -> bool:
        """Whether argument ``name`` was written (even when its value is null)."""
        return self.arg(name) is not None


@dataclass(frozen=True, slots=True)
class FieldDef:
    """A field of an object, interface or input type; ``from_extension`` when an ``extend
    type`` block added it (Amplify treats those differently)."""

    name: str
    type: TypeRef
    directives: tuple[Directive, ...]
    span: Span
    type_span: Span
    from_extension: bool = False
    arguments: tuple[tuple[str, TypeRef, Span], ...] = ()

    def directive(self, name: str) -> Directive | None:
        """The first use of directive ``name`` on this field, or None."""
        for d in self.directives:  # a plain loop: this is the hottest lookup of a compile
            if d.name == name:
                return d
        return None

    def all(self, name: str) -> tuple[Directive, ...]:
        """Every use of directive ``name`` on this field, in order."""
        if not self.directives:
            return ()
        return tuple(d for d in self.directives if d.name == name)


class _UnfrozenField:
    """:class:`FieldDef`'s layout (the same slots, in order) without the frozen dataclass's
    ``__setattr__``, whose checks are most of the cost of making a field (see :func:`make_field`)."""

    __slots__ = ("name", "type", "directives", "span", "type_span", "from_extension", "arguments")  # noqa: RUF023

    def __init__(self, name: str, type: TypeRef, directives: tuple[Directive, ...], span: Span, type_span: Span,
                 from_extension: bool, arguments: tuple[tuple[str, TypeRef, Span], ...]) -> None:
        self.name = name
        self.type = type
        self.directives = directives
        self.span = span
        self.type_span = type_span
        self.from_extension = from_extension
        self.arguments = arguments


def make_field(name: str, type: TypeRef, directives: tuple[Directive, ...], span: Span, type_span: Span,
               from_extension: bool = False, arguments: tuple[tuple[str, TypeRef, Span], ...] = ()) -> FieldDef:
    """``FieldDef(...)`` in a third of the time, for the readers that make every field of a
    schema: made unfrozen, then given its class (which Python allows between classes of one
    layout), frozen from then on."""
    made: Any = _UnfrozenField(name, type, directives, span, type_span, from_extension, arguments)
    made.__class__ = FieldDef
    return cast(FieldDef, made)


@dataclass(frozen=True, slots=True)
class EnumValueDef:
    """One value of an enum."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class TypeDef:
    """A type definition; ``extend type`` blocks are already merged into their type."""

    kind: TypeKind
    name: str
    span: Span
    directives: tuple[Directive, ...] = ()
    fields: tuple[FieldDef, ...] = ()
    values: tuple[EnumValueDef, ...] = ()
    # The fields that carry directives, in order: most rules only look at those, and most
    # fields carry none. Derived, so neither compared nor shown.
    directed_fields: tuple[FieldDef, ...] = field(default=(), init=False, compare=False, repr=False)
    # Whether the type carries ``@model``: asked of every type by every rule and stage. Derived.
    is_model: bool = field(default=False, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "directed_fields", tuple(f for f in self.fields if f.directives))
        object.__setattr__(self, "is_model", self.kind == "object" and self.directive("model") is not None)

    def directive(self, name: str) -> Directive | None:
        """The first use of directive ``name`` on this type, or None."""
        for d in self.directives:  # plain loops: asked of every type by every stage
            if d.name == name:
                return d
        return None

    def field(self, name: str) -> FieldDef | None:
        """The field called ``name``, or None."""
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def declared_field(self, name: str) -> FieldDef | None:
        """The field called ``name`` if the type's own definition declares it (not an extension)."""
        found = self.field(name)
        return found if found is not None and not found.from_extension else None


@dataclass(frozen=True)
class SchemaDocument:
    """A whole schema in declaration order, plus the root operation type names.

    ``operation_fields`` lists the fields written on the root operation types (for the check
    that generated query names do not collide with them).
    """

    types: tuple[TypeDef, ...]
    root_types: frozenset[str] = frozenset({"Query", "Mutation", "Subscription"})
    operation_fields: tuple[tuple[str, FieldDef], ...] = ()
    extra: Mapping[str, Value] = field(default_factory=dict)
    operation_types: Mapping[str, str] = field(
        default_factory=lambda: {"query": "Query", "mutation": "Mutation", "subscription": "Subscription"}
    )

    def type(self, name: str) -> TypeDef | None:
        """The definition called ``name``, or None."""
        return self.by_name.get(name)

    @cached_property
    def by_name(self) -> Mapping[str, TypeDef]:
        """Definitions by name (the first one when a name is defined twice)."""
        index: dict[str, TypeDef] = {}
        for typedef in self.types:
            index.setdefault(typedef.name, typedef)
        return index
