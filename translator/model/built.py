"""The built models: what Amplify's model-building pass (modelgen's introspection) produces.

These are the inputs of relationship derivation (``derive.py``). Field and model order is the
output order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ConnectionKind = Literal["HAS_MANY", "HAS_ONE", "BELONGS_TO"]
TypeKindOut = Literal["scalar", "enum", "model", "nonModel"]


@dataclass(frozen=True, slots=True)
class Association:
    """How a model-typed field is connected: ``associated_with`` for HAS_MANY (the child's
    fields), ``target_names`` for HAS_ONE/BELONGS_TO (the fields on the field's own model)."""

    kind: ConnectionKind
    associated_with: tuple[str, ...] = ()
    target_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BuiltField:
    """A field after model building."""

    name: str
    type_name: str
    type_kind: TypeKindOut
    is_array: bool
    required: bool
    read_only: bool = False
    association: Association | None = None

    @property
    def is_model(self) -> bool:
        """Whether the field's type is a model."""
        return self.type_kind == "model"


@dataclass(frozen=True, slots=True)
class KeyAttribute:
    """A key definition of a model: the primary key (``name`` None), an ``@index``, or the
    hidden ``gsi-Parent.field`` key of a uni-directional ``@hasMany``."""

    name: str | None
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BuiltModel:
    """A model (declared or ``@manyToMany`` join model) after model building."""

    name: str
    fields: tuple[BuiltField, ...]
    keys: tuple[KeyAttribute, ...]

    def field(self, name: str) -> BuiltField | None:
        """The field called ``name``, or None."""
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class BuiltNonModel:
    """A non-model object type."""

    name: str
    fields: tuple[BuiltField, ...]


@dataclass(frozen=True, slots=True)
class BuiltEnum:
    """An enum with its output values (already collapsed, section 3.6)."""

    name: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BuiltSchema:
    """Everything model building produces, in output order."""

    models: tuple[BuiltModel, ...]
    non_models: tuple[BuiltNonModel, ...]
    enums: tuple[BuiltEnum, ...]
