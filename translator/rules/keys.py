"""Key rules of Amplify's transformer (semantics.md, section 10.3): what ``@primaryKey`` and
``@index`` may name, and index names that collide."""

from __future__ import annotations

import re

from translator.core.diagnostics import Diagnostic, Related
from translator.core.document import Directive, FieldDef, SchemaDocument, TypeDef, strings
from translator.core.names import index_key_name
from translator.core.settings import Settings
from translator.rules.facts import is_scalar_or_enum

_INDEX_NAME = re.compile(r"[A-Za-z0-9_\-.]{3,255}")


def check_keys(document: SchemaDocument, settings: Settings | None = None) -> list[Diagnostic]:
    """Every primary key and secondary index rule violation of the models."""
    settings = settings or Settings()
    out: list[Diagnostic] = []
    for model in document.types:
        if model.kind != "object" or not model.is_model:
            continue
        keyed = [f for f in model.directed_fields if f.directive("primaryKey")]
        if keyed:
            _check_primary_key(model, keyed[0], document, out)
        _check_indexes(model, document, out)
        if not settings.secondary_key_as_gsi and keyed:
            _check_local_indexes(model, keyed[-1], out)
    return out


def _sorted(directive: Directive) -> bool:
    """Whether ``sortKeyFields`` is written as a non-empty list literal (all Amplify counts)."""
    value = directive.value("sortKeyFields")
    return isinstance(value, tuple) and bool(value)


def _check_local_indexes(model: TypeDef, key: FieldDef, out: list[Diagnostic]) -> None:
    """With ``graphqltransformer.secondarykeyasgsi`` off an @index on the primary key's field is a
    local index, which needs a sort key: Amplify then refuses every directive of that field that
    has no sortKeyFields list (graphql-index-transformer's ``validate``)."""
    for index in key.all("index"):
        name = index.value("name") or index_key_name(model.name, [key.name, *strings(index.value("sortKeyFields"))])
        for d in key.directives:
            if not _sorted(d):
                out.append(Diagnostic("E123", f"Invalid @index '{name}'. You may not create an index where the "
                                      "partition key is the same as that of the primary key unless the index has a "
                                      "sort field (a local secondary index, graphqltransformer.secondarykeyasgsi is "
                                      f"off; @{d.name} on {model.name}.{key.name} has no sortKeyFields)", index.span))
                return


def _check_primary_key(model: TypeDef, field: FieldDef, document: SchemaDocument, out: list[Diagnostic]) -> None:
    d = field.directive("primaryKey")
    assert d is not None
    if field.type.is_list or not is_scalar_or_enum(field.type.name, document):
        out.append(Diagnostic("E019", f"the primary key {model.name}.{field.name} must be a scalar or enum, "
                              f"not {field.type}", d.span))
        return
    if field.type.name == "Boolean":
        out.append(Diagnostic("E020", f"Boolean fields cannot be keys ({model.name}.{field.name})", d.span))
    nullable = [] if field.type.item_required else [field.name]
    for name in strings(d.value("sortKeyFields")):
        if name == field.name:
            out.append(Diagnostic("E109", f"@primaryKey field '{name}' cannot be its own sort key", d.span))
            continue
        sort = model.declared_field(name)  # Amplify does not see fields of `extend type` here
        if sort is None:
            out.append(Diagnostic("E017", f"sort key field '{name}' of the primary key does not exist in "
                                  f"{model.name}", d.span))
            continue
        if sort.type.is_list or not is_scalar_or_enum(sort.type.name, document):
            out.append(Diagnostic("E019", f"sort key {model.name}.{name} must be a scalar or enum", d.span))
        elif sort.type.name == "Boolean":
            out.append(Diagnostic("E021", f"Boolean field {model.name}.{name} cannot be a sort key", d.span))
        if not sort.type.item_required:
            nullable.append(name)
        if name in _owner_fields(model):
            out.append(Diagnostic("E107", f"sort key {model.name}.{name} is also an owner field of @auth; use "
                                  "another field for the sort key", d.span))
    if nullable:
        fields = ", ".join(nullable)
        out.append(Diagnostic("E016", f"the primary key on type '{model.name}' must reference non-null "
                              f"fields; make {fields} non-null (add '!')", d.span))


def _owner_fields(model: TypeDef) -> set[str]:
    """Owner fields of the model-level owner rules that identify users by ``sub::username``."""
    auth = model.directive("auth")
    rules = auth.value("rules") if auth else None
    fields: set[str] = set()
    for rule in rules if isinstance(rules, tuple) else ():
        claim = str(rule.get("identityClaim") or "sub::username") if isinstance(rule, dict) else ""
        if isinstance(rule, dict) and rule.get("allow") == "owner" and "::" in claim:
            fields.add(str(rule.get("ownerField") or "owner"))
    return fields


def _check_indexes(model: TypeDef, document: SchemaDocument, out: list[Diagnostic]) -> None:
    seen: dict[str, Directive] = {}
    for field in model.directed_fields:
        primary = field.directive("primaryKey")
        # Amplify counts sort keys only when written as a list literal.
        primary_sorted = primary is not None and isinstance(primary.value("sortKeyFields"), tuple) and bool(
            primary.value("sortKeyFields")
        )
        for d in field.all("index"):
            if primary is not None and not primary_sorted:
                out.append(Diagnostic("E105", f"@index on {model.name}.{field.name} has the primary key's partition "
                                      "key; that needs a primary key with sortKeyFields", d.span))
            written = d.value("name")
            if d.has("name") and not (isinstance(written, str) and _INDEX_NAME.fullmatch(written)):
                out.append(Diagnostic("E024", f"index name {written!r} is invalid: use 3 to 255 letters, digits, "
                                      "'_', '-' or '.'", d.span))
            sort_names = strings(d.value("sortKeyFields"))
            name = written if isinstance(written, str) else index_key_name(model.name, [field.name, *sort_names])
            if name in seen:
                out.append(Diagnostic("E024", f"index name '{name}' is used twice on type '{model.name}'"
                                      + ("" if d.has("name") else " (the name Amplify generates for it)"),
                                      d.span, related=(Related(seen[name].span, "first use"),)))
            seen.setdefault(name, d)
            if field.type.is_list or not is_scalar_or_enum(field.type.name, document):
                out.append(Diagnostic("E025", f"index field {model.name}.{field.name} must be a scalar or enum",
                                      d.span))
            elif field.type.name == "Boolean":
                out.append(Diagnostic("E020", f"Boolean field {model.name}.{field.name} cannot be an index key",
                                      d.span))
            for sort_name in strings(d.value("sortKeyFields")):
                sort = model.declared_field(sort_name)
                if sort is None:
                    out.append(Diagnostic("E023", f"sort key field '{sort_name}' of index '{name}' does not "
                                          f"exist in {model.name}", d.span))
                elif sort.type.is_list or not is_scalar_or_enum(sort.type.name, document):
                    out.append(Diagnostic("E025", f"index sort key {model.name}.{sort_name} must be a scalar "
                                          "or enum", d.span))
                elif sort.type.name == "Boolean":
                    out.append(Diagnostic("E021", f"Boolean field {model.name}.{sort_name} cannot be a sort key",
                                          d.span))
