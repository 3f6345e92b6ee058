"""Enum-typed keys in relationship lookups.

Amplify types the key values of its relationship resolvers with ``attributeTypeFromScalar``,
which knows scalars only: where an enum-typed field becomes such a key value, the transform
fails ("Expected scalar and got Color"). Enum primary keys as such are fine. The places are
the get-one lookups of ``@hasOne``/``@belongsTo`` (the local key fields: the partition key, and
the sort key when the related key has exactly one), the sort-key condition of a ``@hasMany``
into a key with exactly one sort key, the ``references`` lookups, and ``@manyToMany`` join
models, whose key fields take the models' key types.
"""

from __future__ import annotations

from translator.core.diagnostics import Diagnostic
from translator.core.document import Directive, FieldDef, SchemaDocument, TypeDef, strings
from translator.core.settings import Settings
from translator.model.connections import fk_name
from translator.rules.facts import is_enum, many_to_many_sites, primary_key_fields, relation_sites


def _type(model: TypeDef, name: str) -> str:
    field = model.field(name)
    return field.type.name if field is not None else "ID"


def _index_key(related: TypeDef, index_name: object) -> list[str]:
    if isinstance(index_name, str):
        for field in related.directed_fields:
            for d in field.all("index"):
                if d.value("name") == index_name:
                    return [field.name, *strings(d.value("sortKeyFields"))]
        return []
    return primary_key_fields(related)


def check_enum_keys(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """Every relationship lookup Amplify would build with an enum-typed key value."""
    out: list[Diagnostic] = []
    for model, field, d, related in relation_sites(document):
        if not d.has("references"):
            _check_lookup(model, field, d, related, document, settings, out)
        elif strings(d.value("references")):
            _check_reference_lookup(model, d, related, document, out)
    for model, _field, d, _name in many_to_many_sites(document):
        _check_join_model(model, d, document, out)
    return out


def _check_lookup(
    model: TypeDef, field: FieldDef, d: Directive, related: TypeDef, document: SchemaDocument, settings: Settings,
    out: list[Diagnostic],
) -> None:
    """Enum key values in the lookup of a ``fields``-style (or implicit) relationship."""
    fields = strings(d.value("fields"))
    if d.name == "hasMany":
        key = _index_key(related, d.value("indexName"))
        if len(key) == 2 and is_enum(document, _type(related, key[1])):
            out.append(_diagnostic(d, f"{related.name}.{key[1]}", _type(related, key[1])))
        return
    key = primary_key_fields(related)
    paired = _paired_has_many_with_fields(model, related) if d.name == "belongsTo" and not fields else None
    if fields:
        local = [(f"{model.name}.{name}", _type(model, name)) for name in fields]
    elif paired is not None:
        # Paired with a @hasMany that names its own fields, so no foreign key fields are added
        # here: Amplify looks the key up by the names they would have had, typed as strings
        # unless this model declares fields of those names.
        partition = key[0] if settings.respect_primary_key else "id"
        names = [fk_name(related.name, paired, partition)] + [fk_name(related.name, paired, k) for k in key[1:]]
        local = [(f"{model.name}.{name}", _type(model, name) if model.field(name) else "String") for name in names]
    else:
        # Implicit foreign keys: typed like the related key, except that without CPK mode the
        # partition key is always an ID.
        partition = _type(related, key[0]) if settings.respect_primary_key else "ID"
        local = [(f"{model.name}.{field.name} (key)", partition)]
        local += [(f"{model.name}.{field.name} (sort key)", _type(related, name)) for name in key[1:]]
    looked_up = local[:2] if len(key) == 2 else local[:1]
    for where, type_name in looked_up:
        if is_enum(document, type_name):
            out.append(_diagnostic(d, where, type_name))
            return


def _paired_has_many_with_fields(model: TypeDef, related: TypeDef) -> str | None:
    """The field of ``related`` a ``@belongsTo`` to it pairs with (its first ``@hasOne`` or
    ``@hasMany`` back to ``model``) when that is a ``@hasMany`` with ``fields``."""
    for field in related.directed_fields:
        if field.type.name != model.name:
            continue
        relation = next((d for d in field.directives if d.name in ("hasOne", "hasMany")), None)
        if relation is not None:
            return field.name if relation.name == "hasMany" and strings(relation.value("fields")) else None
    return None


def _check_reference_lookup(
    model: TypeDef, d: Directive, related: TypeDef, document: SchemaDocument, out: list[Diagnostic]
) -> None:
    """Enum key values in the lookup of a ``@hasOne``/``@belongsTo`` with ``references``."""
    references = strings(d.value("references"))
    if d.name == "hasOne":
        keys = primary_key_fields(model)
        candidates = [(related, references[0])] + ([(model, keys[1])] if len(references) == 2 and len(keys) > 1 else [])
    elif d.name == "belongsTo":
        candidates = [(model, name) for name in references[: 2 if len(references) == 2 else 1]]
    else:
        return
    for owner, name in candidates:
        if is_enum(document, _type(owner, name)):
            out.append(_diagnostic(d, f"{owner.name}.{name}", _type(owner, name)))
            return


def _check_join_model(model: TypeDef, d: Directive, document: SchemaDocument, out: list[Diagnostic]) -> None:
    """The join model's key fields take ``model``'s key types."""
    key = primary_key_fields(model)
    for name in key[: 2 if len(key) == 2 else 1]:
        if is_enum(document, _type(model, name)):
            out.append(_diagnostic(d, f"{model.name}.{name}", _type(model, name)))
            return


def _diagnostic(d: Directive, where: str, type_name: str) -> Diagnostic:
    return Diagnostic("E111", f"@{d.name} would look records up by {where} of enum type {type_name}, which Amplify "
                      "cannot do; use a String key (or add a second sort key field)", d.span)
