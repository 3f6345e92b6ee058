"""Emission: the generic schema as the JSON value of ``codegenJobToCreate.genericDataSchema``,
with keys in the order Amplify CLI builds them (semantics.md, section 1.6)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal, NotRequired, TypedDict, cast

from translator.emit.jsontext import indented_json, json_chunks
from translator.model.derive import GenericField, GenericSchema, Relationship


class RelationshipJSON(TypedDict):
    """A field's ``relationship`` (members per kind, semantics.md section 1.5)."""

    type: Literal["HAS_MANY", "HAS_ONE", "BELONGS_TO"]
    relatedModelFields: NotRequired[list[str]]
    canUnlinkAssociatedModel: NotRequired[bool]
    relatedJoinFieldName: NotRequired[str]
    relatedJoinTableName: NotRequired[str]
    belongsToFieldOnRelatedModel: NotRequired[str]
    associatedFields: NotRequired[list[str]]
    isHasManyIndex: NotRequired[bool]
    relatedModelName: str


class FieldJSON(TypedDict):
    """A field entry."""

    dataType: str
    dataTypeValue: str
    required: bool
    readOnly: bool
    isArray: bool
    relationship: NotRequired[RelationshipJSON]


class ModelJSON(TypedDict):
    """A model entry; ``isJoinTable`` only appears when true."""

    isJoinTable: NotRequired[bool]
    primaryKeys: list[str]
    fields: dict[str, FieldJSON]


class NonModelJSON(TypedDict):
    """A non-model entry."""

    fields: dict[str, FieldJSON]


class EnumJSON(TypedDict):
    """An enum entry."""

    values: list[str]


class GenericDataSchema(TypedDict):
    """``codegenJobToCreate.genericDataSchema`` of StartCodegenJob."""

    models: dict[str, ModelJSON]
    nonModels: dict[str, NonModelJSON]
    enums: dict[str, EnumJSON]
    dataSourceType: Literal["DataStore"]


def emit(schema: GenericSchema, *, shared_fields: bool = False) -> GenericDataSchema:
    """The JSON-ready value of a generic schema. ``shared_fields``: equal field entries are one
    dict, for a value that is only read (written as JSON, say): most fields of a large schema
    equal another, and their dicts were a third of a compile's memory."""
    entries: dict[GenericField, FieldJSON] | None = {} if shared_fields else None
    models: dict[str, ModelJSON] = {}
    for name, model in schema.models:
        entry: ModelJSON = {"primaryKeys": list(model.primary_keys), "fields": _fields(model.fields, entries)}
        models[name] = {"isJoinTable": True, **entry} if model.is_join_table else entry
    return {
        "models": models,
        "nonModels": {name: {"fields": _fields(fields, entries)} for name, fields in schema.non_models},
        "enums": {name: {"values": list(values)} for name, values in schema.enums},
        "dataSourceType": "DataStore",
    }


def _fields(
    fields: tuple[tuple[str, GenericField], ...], entries: dict[GenericField, FieldJSON] | None
) -> dict[str, FieldJSON]:
    out: dict[str, FieldJSON] = {}
    for name, f in fields:
        if entries is not None:
            shared = entries.get(f)
            if shared is None:
                shared = entries[f] = _field(f)
            out[name] = shared
        else:
            out[name] = _field(f)
    return out


def _field(f: GenericField) -> FieldJSON:
    entry: FieldJSON = {
        "dataType": f.data_type,
        "dataTypeValue": f.data_type_value,
        "required": f.required,
        "readOnly": f.read_only,
        "isArray": f.is_array,
    }
    if f.relationship is not None:
        entry["relationship"] = _relationship(f.relationship)
    return entry


def _relationship(r: Relationship) -> RelationshipJSON:
    # Built as a plain dict: the key order (section 1.6) interleaves optional members.
    out: dict[str, object] = {"type": r.type}
    if r.type == "HAS_MANY":
        out["relatedModelFields"] = list(r.related_model_fields)
        out["canUnlinkAssociatedModel"] = r.can_unlink_associated_model
        optional = (
            ("relatedJoinFieldName", r.related_join_field_name),
            ("relatedJoinTableName", r.related_join_table_name),
            ("belongsToFieldOnRelatedModel", r.belongs_to_field_on_related_model),
        )
        out.update((key, value) for key, value in optional if value is not None)
    else:
        if r.associated_fields:
            out["associatedFields"] = list(r.associated_fields)
        out["isHasManyIndex"] = r.is_has_many_index
    out["relatedModelName"] = r.related_model_name
    return cast(RelationshipJSON, out)


def to_json(value: object) -> str:
    """The text the reference pipeline prints: two-space indent and a trailing newline."""
    return indented_json(value) + "\n"


def to_json_chunks(value: object) -> Iterator[str]:
    """The text of :func:`to_json` in pieces of about one model each, for writing as it is made."""
    yield from json_chunks(value)
    yield "\n"
