"""Relationship rules of Amplify's transformer (semantics.md, section 10.4, and the DataStore
rule that a ``@hasOne``/``@hasMany`` pair may not point at each other)."""

from __future__ import annotations

from translator.core.diagnostics import Diagnostic, Related
from translator.core.document import Directive, FieldDef, SchemaDocument, TypeDef, strings
from translator.core.names import relation_model_name, table_id_too_long
from translator.core.settings import Settings
from translator.rules.facts import key_fields, output_field_type


def check_relations(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """Every relationship rule violation."""
    out: list[Diagnostic] = []
    for typedef in document.types:
        if typedef.kind != "object":
            continue
        for field in typedef.directed_fields:
            for d in field.directives:
                if d.name in ("hasMany", "hasOne", "belongsTo"):
                    _check_relation(typedef, field, d, document, settings, out)
    _check_many_to_many(document, out)
    return out


def _check_relation(
    model: TypeDef, field: FieldDef, d: Directive, document: SchemaDocument, settings: Settings,
    out: list[Diagnostic],
) -> None:
    related = document.type(field.type.name)
    if not model.is_model:
        out.append(Diagnostic("E029", f"@{d.name} must be on a field of an @model type; {model.name} is not "
                              "a model", d.span))
        return
    if related is None or not related.is_model:
        code = "E030" if d.name == "hasMany" else "E038"
        out.append(Diagnostic(code, f"@{d.name} on {model.name}.{field.name} must point at an @model type; "
                              f"{field.type.name} is not annotated with @model", d.span))
        return
    if d.name == "hasMany" and not field.type.is_list:
        out.append(Diagnostic("E028", "@hasMany must be used with a list; use @hasOne for a single item", d.span))
    if d.name == "hasOne" and field.type.is_list:
        out.append(Diagnostic("E037", "@hasOne cannot be used with lists; use @hasMany instead", d.span))
    if d.name == "belongsTo" and field.type.is_list:
        out.append(Diagnostic("E039", "@belongsTo cannot be used with lists", d.span))
    fields = strings(d.value("fields"))
    references = strings(d.value("references"))
    if d.has("fields") and d.has("references"):
        out.append(Diagnostic("E035", f"@{d.name} cannot have both fields and references; use references",
                              d.span))
        return
    if d.has("references"):
        # The references themselves are checked by the references rules.
        if field.type.item_required or field.type.list_required:
            out.append(Diagnostic("E106", f"@{d.name} fields with references must not be required: make "
                                  f"{model.name}.{field.name} optional (drop the '!')", d.span))
    elif d.has("fields") and not fields:
        out.append(Diagnostic("E114", f"@{d.name} on {model.name}.{field.name} has an empty fields list", d.span))
    elif fields:
        _check_fields(model, d, related, fields, document, out)
    both_have_auth = _has_auth(model, document) and _has_auth(related, document)
    if d.name in ("hasOne", "belongsTo") and d.has("fields") and both_have_auth:
        _check_auth_key_size(model, field, d, related, out)
    if d.name == "belongsTo" and not references:
        back = [f for f in related.directed_fields if f.type.name == model.name
                and (f.directive("hasOne") or f.directive("hasMany"))]
        if not back:
            out.append(Diagnostic("E040", f"{related.name} must have a @hasOne or @hasMany field of type "
                                  f"{model.name} for this @belongsTo; add one or remove @belongsTo", d.span,
                                  related=(Related(related.span, f"{related.name} is declared here"),)))
    if d.name in ("hasOne", "hasMany") and settings.datastore and related.name != model.name:
        back = [f for f in related.directed_fields if f.type.name == model.name
                and (f.directive("hasOne") or f.directive("hasMany"))]
        if back:
            out.append(Diagnostic(
                "E100", f"{model.name} and {related.name} cannot refer to each other via @hasOne or @hasMany "
                "when DataStore is in use; use @belongsTo on one side", d.span,
                related=(Related(back[0].span, "the other side"),)))


def _has_auth(model: TypeDef, document: SchemaDocument) -> bool:
    """Whether the model has @auth rules of its own, model- or field-level (the sandbox's
    global rule alone does not count here)."""
    return model.directive("auth") is not None or any(f.directive("auth") for f in model.directed_fields)


def _check_auth_key_size(model: TypeDef, field: FieldDef, d: Directive, related: TypeDef,
                         out: list[Diagnostic]) -> None:
    """Amplify's auth transformer maps each related key field to one of ``fields``; a string
    given for the list counts by its length there, as in JavaScript."""
    value = d.value("fields")
    size = len(value) if isinstance(value, tuple | str) else 0
    key = key_fields(related, None) or ["id"]
    if size != len(key):
        out.append(Diagnostic("E104", f"invalid @{d.name} on {model.name}.{field.name}: with @auth on both "
                              f"models, give one field per primary key field of {related.name} "
                              f"({', '.join(key)})", d.span))


def _check_fields(
    model: TypeDef, d: Directive, related: TypeDef, fields: list[str], document: SchemaDocument,
    out: list[Diagnostic],
) -> None:
    code = "E041" if d.name == "belongsTo" else "E032"
    types: list[str] = []
    for name in fields:
        declared = model.declared_field(name)  # written fields only: not the implicit id, not extensions
        base = declared.type.name if declared is not None else None
        if base is None:
            out.append(Diagnostic(code, f"{name} is not a field in {model.name}", d.span))
            return
        target = document.type(base)
        if target is not None and target.kind not in ("enum", "scalar"):
            out.append(Diagnostic(code, f"all fields given to @{d.name} must be scalar or enum fields; "
                                  f"{name} is {base}", d.span))
            return
        types.append(base)
    index_name = d.value("indexName") if d.name == "hasMany" else None
    key = key_fields(related, index_name if isinstance(index_name, str) else None)
    if key is None:
        out.append(Diagnostic("E031", f"index {index_name} does not exist for model {related.name}", d.span))
        return
    key_types = [output_field_type(related, name) for name in key]
    if types[0] != key_types[0]:
        out.append(Diagnostic("E033", f"{fields[0]} field is not of type {key_types[0]}", d.span))
    if len(types) > 1:
        if len(key) != len(types):
            out.append(Diagnostic("E034", f"invalid @{d.name} on {model.name}: give one field per key field of "
                                  f"{related.name} ({', '.join(key)}); partial sort keys are not accepted", d.span))
            return
        for name, have, want in zip(fields[1:], types[1:], key_types[1:], strict=True):
            if have != want:
                out.append(Diagnostic("E033", f"{name} field is not of type {want}", d.span))


def _check_many_to_many(document: SchemaDocument, out: list[Diagnostic]) -> None:
    groups: dict[str, list[tuple[TypeDef, FieldDef, Directive]]] = {}
    for typedef in document.types:
        if typedef.kind != "object":
            continue
        for field in typedef.directed_fields:
            d = field.directive("manyToMany")
            if d is None:
                continue
            related = document.type(field.type.name)
            if not typedef.is_model or related is None or not related.is_model:
                out.append(Diagnostic("E044", "@manyToMany must be between two @model types", d.span))
                continue
            if not field.type.is_list:
                out.append(Diagnostic("E043", "@manyToMany must be used with a list", d.span))
            raw = str(d.value("relationName", ""))
            name = relation_model_name(raw)
            if not name:
                out.append(Diagnostic("E047", f"relation name {raw!r} keeps no letter, digit or '_' to name "
                                      "the join model", d.span))
                continue
            groups.setdefault(name, []).append((typedef, field, d))
    for name, uses in groups.items():
        first = uses[0][2]
        if len(uses) != 2:
            out.append(Diagnostic("E042", f"@manyToMany relation '{name}' must be used in exactly two places, "
                                  f"found {len(uses)}", first.span,
                                  related=tuple(Related(u[2].span, "also used here") for u in uses[1:])))
            continue
        (m1, f1, d1), (m2, f2, d2) = uses
        if m1.name == m2.name:
            out.append(Diagnostic("E046", f"@manyToMany relation '{name}' relates {m1.name} to itself, which "
                                  "Amplify cannot build; use a join model with two @belongsTo", d1.span))
        elif f1.type.name != m2.name or f2.type.name != m1.name:
            out.append(Diagnostic("E102", f"@manyToMany relation '{name}': {m1.name}.{f1.name} and "
                                  f"{m2.name}.{f2.name} must point at each other", d2.span))
        if document.type(name) is not None:
            out.append(Diagnostic("E045", f"@manyToMany relation name '{name}' is already a type in the "
                                  "schema; choose another relationName", first.span))
        if table_id_too_long(name):
            out.append(Diagnostic("E119", f"the join model of relation '{name[:40]}...' has a {len(name)}-character "
                                  "name, too long for its table's logical ID (at most 250); shorten "
                                  "relationName", first.span))
