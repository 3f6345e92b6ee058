"""Relationship derivation: primary keys, relationship objects, implicit relationships on
foreign-key fields and join-table detection (a port of @aws-amplify/codegen-ui's
``getGenericFromDataStore``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from translator.model.built import BuiltField, BuiltModel, BuiltSchema

RelationshipKind = Literal["HAS_MANY", "HAS_ONE", "BELONGS_TO"]


@dataclass(frozen=True, slots=True)
class Relationship:
    """The ``relationship`` member of a field; members that do not apply stay None/False."""

    type: RelationshipKind
    related_model_name: str
    related_model_fields: tuple[str, ...] = ()
    can_unlink_associated_model: bool = False
    related_join_field_name: str | None = None
    related_join_table_name: str | None = None
    belongs_to_field_on_related_model: str | None = None
    associated_fields: tuple[str, ...] = ()
    is_has_many_index: bool = False


@dataclass(frozen=True, slots=True)
class GenericField:
    """A field of the generic data schema."""

    data_type: str
    data_type_value: str
    required: bool
    read_only: bool
    is_array: bool
    relationship: Relationship | None = None


@dataclass(frozen=True, slots=True)
class GenericModel:
    """A model of the generic data schema."""

    is_join_table: bool
    primary_keys: tuple[str, ...]
    fields: tuple[tuple[str, GenericField], ...]


@dataclass(frozen=True, slots=True)
class GenericSchema:
    """The whole generic data schema, in output order."""

    models: tuple[tuple[str, GenericModel], ...]
    non_models: tuple[tuple[str, tuple[tuple[str, GenericField], ...]], ...]
    enums: tuple[tuple[str, tuple[str, ...]], ...]

    def join_table_names(self) -> frozenset[str]:
        """The models forms treat as join tables."""
        return frozenset(name for name, model in self.models if model.is_join_table)


def derive(schema: BuiltSchema) -> GenericSchema:
    """Compute the generic data schema of built models."""
    models = {m.name: m for m in schema.models}
    implicit: dict[tuple[str, str], Relationship] = {}
    join_tables = join_table_names(schema)
    derived: list[tuple[str, list[tuple[str, GenericField]], tuple[str, ...]]] = []
    # The entry of each field without a relationship, by the field's identity: model building
    # shares one field object among the models that have the same field, so most fields of a
    # large schema are a few objects (they all stay alive while this runs).
    unrelated: dict[int, tuple[str, GenericField]] = {}
    for model in schema.models:
        fields = []
        for field in model.fields:
            association = field.association
            if association is None or not field.is_model:
                entry = unrelated.get(id(field))
                if entry is None:
                    entry = unrelated[id(field)] = (field.name, _generic_field(field, None))
                fields.append(entry)
                continue
            if association.kind == "HAS_MANY":
                relationship = _has_many(field, model, models, implicit, join_tables)
            else:
                relationship = _has_one_or_belongs_to(field, model, implicit)
            fields.append((field.name, _generic_field(field, relationship)))
        derived.append((model.name, fields, _primary_keys(model)))
    by_model: dict[str, dict[str, Relationship]] = {}
    for (model_name, field_name), relationship in implicit.items():
        by_model.setdefault(model_name, {})[field_name] = relationship
    out_models = []
    for name, fields, keys in derived:
        added = by_model.get(name)
        if added is not None:
            fields = [(entry[0], _related(entry[1], added[entry[0]])) if entry[0] in added else entry
                      for entry in fields]
        out_models.append((name, GenericModel(name in join_tables, keys, tuple(fields))))
    return GenericSchema(
        models=tuple(out_models),
        non_models=tuple(
            (n.name, tuple((f.name, _generic_field(f, None)) for f in n.fields)) for n in schema.non_models
        ),
        enums=tuple((e.name, e.values) for e in schema.enums),
    )


_DATA_TYPES = {"enum": "Enum", "model": "Model", "nonModel": "NonModel"}


def _generic_field(field: BuiltField, relationship: Relationship | None) -> GenericField:
    data_type = field.type_name if field.type_kind == "scalar" else _DATA_TYPES[field.type_kind]
    if relationship is None:
        return _unrelated_field(data_type, field.type_name, field.required, field.read_only, field.is_array)
    return GenericField(data_type, field.type_name, field.required, field.read_only, field.is_array, relationship)


def _related(field: GenericField, relationship: Relationship) -> GenericField:
    """``field`` with ``relationship`` (``dataclasses.replace`` without its generic lookups)."""
    return GenericField(field.data_type, field.data_type_value, field.required, field.read_only, field.is_array,
                        relationship)


@lru_cache(maxsize=4096)
def _unrelated_field(data_type: str, type_name: str, required: bool, read_only: bool, is_array: bool) -> GenericField:
    # Most fields of a schema share a handful of shapes (a nullable String, a required ID, ...);
    # the instances are immutable, so one serves them all.
    return GenericField(data_type, type_name, required, read_only, is_array, None)


def _primary_keys(model: BuiltModel) -> tuple[str, ...]:
    primary = next((k for k in model.keys if k.name is None), None)
    return primary.fields if primary is not None and primary.fields else ("id",)


def _add_implicit(implicit: dict[tuple[str, str], Relationship], key: tuple[str, str], new: Relationship) -> None:
    """codegen-ui's ``addRelationship``: the last writer wins, but BELONGS_TO and
    ``isHasManyIndex`` once set are kept."""
    existing = implicit.get(key)
    if existing is not None:
        if existing.is_has_many_index:
            new = replace(new, is_has_many_index=True)
        if existing.type == "BELONGS_TO":
            new = replace(new, type="BELONGS_TO")
    implicit[key] = new


def _has_many(
    field: BuiltField,
    model: BuiltModel,
    models: dict[str, BuiltModel],
    implicit: dict[tuple[str, str], Relationship],
    join_tables: frozenset[str],
) -> Relationship:
    assert field.association is not None
    related_name = field.type_name
    child = models.get(related_name)
    names = field.association.associated_with
    can_unlink = True
    model_typed: set[str] = set()
    join_field: str | None = None
    join_table: str | None = None
    for name in names:
        associated = child.field(name) if child else None
        if associated is not None and associated.required:
            can_unlink = False
        if child is not None and child.name in join_tables:
            other = next((f for f in child.fields if f.name != name and f.is_model), None)
            if other is not None:
                join_table = related_name
                related_name = other.type_name
                join_field = other.name
        elif associated is not None:
            if associated.is_model:
                model_typed.add(name)
            else:
                _add_implicit(implicit, (field.type_name, name),
                              Relationship("HAS_ONE", model.name, is_has_many_index=True))
    back = None
    if child is not None:
        back = next(
            (f for f in child.fields
             if f.is_model and f.type_name == model.name
             and f.association is not None and f.association.kind == "BELONGS_TO"),
            None,
        )
    if back is not None and back.required:
        can_unlink = False
    return Relationship(
        type="HAS_MANY",
        related_model_name=related_name,
        related_model_fields=tuple(n for n in names if n not in model_typed),
        can_unlink_associated_model=can_unlink,
        related_join_field_name=join_field,
        related_join_table_name=join_table,
        belongs_to_field_on_related_model=back.name if back else None,
    )


def _has_one_or_belongs_to(
    field: BuiltField, model: BuiltModel, implicit: dict[tuple[str, str], Relationship]
) -> Relationship:
    assert field.association is not None
    kind = field.association.kind
    targets = field.association.target_names
    for target in targets:
        _add_implicit(implicit, (model.name, target), Relationship(kind, field.type_name))
    return Relationship(kind, field.type_name, associated_fields=targets)


def join_table_names(schema: BuiltSchema) -> frozenset[str]:
    """The models that :func:`derive` treats (and marks) as join tables: those the
    :func:`is_join_table` guess takes that some ``@hasMany`` with connected fields points at.
    Known without deriving the rest, for the warnings of ``check``."""
    models = {m.name: m for m in schema.models}
    verdicts: dict[str, bool] = {}
    for model in schema.models:
        for field in model.fields:
            association = field.association
            if association is None or association.kind != "HAS_MANY" or field.type_kind != "model":
                continue
            child = models.get(field.type_name)
            if association.associated_with and child is not None and child.name not in verdicts:
                verdicts[child.name] = is_join_table(child, models)
    return frozenset(name for name, verdict in verdicts.items() if verdict)


def is_join_table(model: BuiltModel, models: dict[str, BuiltModel]) -> bool:
    """codegen-ui's best-effort join-table guess (semantics.md, section 7.9)."""
    if len(model.keys) != 2:
        return False
    allowed = {"id", "createdAt", "updatedAt"}
    for key in model.keys:
        allowed.update(key.fields)
    links = [f for f in model.fields if f.is_model]
    if any(not f.is_model and f.name not in allowed for f in model.fields) or len(links) != 2:
        return False
    for link in links:
        if not link.required or link.association is None or link.association.kind != "BELONGS_TO":
            return False
        related = models.get(link.type_name)
        if related is None:
            return False
        if not any(
            f.is_model and f.association is not None and f.association.kind == "HAS_MANY"
            and f.association.associated_with == (link.name,)
            for f in related.fields
        ):
            return False
    return True
