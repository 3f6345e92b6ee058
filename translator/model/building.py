"""Mutable working state of model building.

Amplify's model-building pass mutates its models in place (fields are appended, removed and
retyped while relationships are processed, and later steps see earlier changes), and its
results depend on that order. Reproducing it is simplest with the same kind of state; it never
leaves ``lower.py``, which freezes it into ``translator.model.built``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from translator.core.diagnostics import Span
from translator.model.built import ConnectionKind

# Where what model building adds is said to be (spans are immutable: one serves all).
GENERATED = Span("<generated>")


class BuildError(Exception):
    """Model building failed where Amplify's does; becomes a diagnostic."""

    def __init__(self, code: str, message: str, span: Span) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.span = span


@dataclass(eq=False, slots=True)
class WDirective:
    """A directive with plain arguments, and the name of the field it sits on."""

    name: str
    args: dict[str, Any]
    field_name: str = ""
    span: Span = GENERATED


@dataclass(eq=False, slots=True)
class WConnection:
    """modelgen's ``connectionInfo`` of a relationship field."""

    kind: ConnectionKind
    connected_model: WModel
    associated_with: list[WField] = field(default_factory=list)
    target_names: list[str] | None = None
    is_using_references: bool = False


@dataclass(eq=False, slots=True)
class WField:
    """A field being built."""

    name: str
    type: str
    is_nullable: bool
    is_list: bool
    # A tuple: most fields have no directive, and one empty tuple serves them all (a list each
    # took 30 MB on a 20 MB schema); the one change made to them replaces the whole sequence.
    directives: tuple[WDirective, ...] = ()
    is_read_only: bool = False
    primary_key_sort_fields: list[WField | None] | None = None
    connection: WConnection | None = None
    span: Span = GENERATED
    type_span: Span | None = None

    def directive(self, name: str) -> WDirective | None:
        """The first directive called ``name``."""
        for d in self.directives:  # a plain loop: model building asks this of every field
            if d.name == name:
                return d
        return None


@dataclass(eq=False, slots=True)
class WModel:
    """A model being built; ``directives`` holds ``@model`` and the ``key`` attributes."""

    name: str
    fields: list[WField]
    directives: list[WDirective]
    span: Span = GENERATED

    def field(self, name: str) -> WField | None:
        """The first field called ``name``."""
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def add_field(self, new: WField) -> None:
        """Append ``new`` unless a field of that name exists (modelgen's ``addFieldToModel``)."""
        if self.field(new.name) is None:
            self.fields.append(new)

    def remove_field(self, name: str) -> None:
        """Drop every field called ``name``."""
        self.fields = [f for f in self.fields if f.name != name]

    def field_directives(self) -> list[WDirective]:
        """All field directives in field order (modelgen's ``flattenFieldDirectives``)."""
        return [d for f in self.fields for d in f.directives]

    def primary_key_field(self) -> WField | None:
        """The field carrying the primary-key information."""
        return next((f for f in self.fields if f.primary_key_sort_fields is not None), None)

    def primary_key_components(self) -> list[WField]:
        """The partition key field followed by its sort key fields."""
        key = self.primary_key_field()
        if key is None:
            return []
        return [key, *(f for f in key.primary_key_sort_fields or [] if f is not None)]

    def sort_key_fields(self) -> list[WField | None]:
        """The sort key fields of the primary ``key`` attribute (modelgen's ``getSortKeyFields``)."""
        key = next((d for d in self.directives if d.name == "key" and "name" not in d.args), None)
        if key is None:
            return []
        return [self.field(name) for name in key.args["fields"][1:]]


def as_list(value: Any) -> list[Any]:
    """A directive argument that takes a list; GraphQL accepts a single value for it."""
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]
