"""Questions about a schema document that several rules ask (which fields make a model's key,
what type a field has in the transformer's output, which directives are relationships). No rule
lives here; rule modules import this, never each other."""

from __future__ import annotations

from collections.abc import Iterator

from translator.core.document import Directive, FieldDef, SchemaDocument, TypeDef, strings
from translator.core.names import relation_model_name
from translator.model.lower import SCALARS


def primary_key_fields(model: TypeDef) -> list[str]:
    """The model's primary key: the ``@primaryKey`` field and its sort keys, or ``id``."""
    for field in model.directed_fields:
        d = field.directive("primaryKey")
        if d is not None:
            return [field.name, *strings(d.value("sortKeyFields"))]
    return ["id"]


def output_field_type(model: TypeDef, name: str) -> str | None:
    """Base type of field ``name`` as the transformer's output type has it (implicit ``id`` and
    timestamps included), or None."""
    field = model.field(name)
    if field is not None:
        return field.type.name
    keyed = any(f.directive("primaryKey") for f in model.directed_fields)
    if name == "id" and not keyed:
        return "ID"
    model_directive = model.directive("model")
    timestamps = model_directive.value("timestamps", {}) if model_directive else {}
    if timestamps is None:
        return None
    names = timestamps if isinstance(timestamps, dict) else {}
    if name in (names.get("createdAt") or "createdAt", names.get("updatedAt") or "updatedAt"):
        return "AWSDateTime"
    return None


def key_fields(related: TypeDef, index_name: str | None) -> list[str] | None:
    """Partition and sort key fields of ``related``'s index ``index_name`` (primary key when
    None); None when the named index does not exist."""
    for field in related.directed_fields:
        for d in field.directives:
            if index_name is None and d.name == "primaryKey":
                return [field.name, *strings(d.value("sortKeyFields"))]
            if index_name is not None and d.name == "index" and d.value("name") == index_name:
                return [field.name, *strings(d.value("sortKeyFields"))]
    return None if index_name is not None else ["id"]


def is_scalar_or_enum(name: str, document: SchemaDocument) -> bool:
    typedef = document.type(name)
    if name in SCALARS or name in ("BigInt", "Double"):
        return True
    return typedef is not None and typedef.kind in ("enum", "scalar")


def is_enum(document: SchemaDocument, type_name: str) -> bool:
    """Whether ``type_name`` is an enum of ``document``."""
    typedef = document.type(type_name)
    return typedef is not None and typedef.kind == "enum"


def relation_sites(document: SchemaDocument) -> Iterator[tuple[TypeDef, FieldDef, Directive, TypeDef]]:
    """Every ``@hasMany``/``@hasOne``/``@belongsTo`` between two models, with the related model,
    written without both ``fields`` and ``references``: the relationships Amplify goes on to
    resolve (the relationship rules report the others)."""
    for typedef in document.types:
        if typedef.kind != "object" or not typedef.is_model:
            continue
        for field in typedef.directed_fields:
            for d in field.directives:
                if d.name not in ("hasMany", "hasOne", "belongsTo"):
                    continue
                related = document.type(field.type.name)
                if related is None or not related.is_model or (d.has("fields") and d.has("references")):
                    continue
                yield typedef, field, d, related


def many_to_many_sites(document: SchemaDocument) -> Iterator[tuple[TypeDef, FieldDef, Directive, str]]:
    """Every ``@manyToMany`` between two models whose relation name can name a join model, with
    that name (the relationship rules report the others)."""
    for typedef in document.types:
        if typedef.kind != "object" or not typedef.is_model:
            continue
        for field in typedef.directed_fields:
            d = field.directive("manyToMany")
            related = document.type(field.type.name)
            if d is None or related is None or not related.is_model:
                continue
            name = relation_model_name(str(d.value("relationName", "")))
            if name:
                yield typedef, field, d, name
