"""Amplify transformer rules (semantics.md, sections 10.2-10.5): every violation, with the
position of the directive or field at fault. Relationship rules live in ``validate_relations``."""

from __future__ import annotations

import re

from translator.core.diagnostics import Diagnostic, Related
from translator.core.document import Directive, FieldDef, SchemaDocument, TypeDef, strings
from translator.core.names import OBJECT_PROTOTYPE_NAMES, lower_first, table_id_too_long, upper_first
from translator.core.settings import Settings
from translator.model.lower import SCALARS
from translator.rules.auth import check_auth
from translator.rules.default_values import is_valid_default
from translator.rules.operations import check_operation_names
from translator.rules.pluralize import plural
from translator.rules.relations import check_relations

AMPLIFY_DIRECTIVES = frozenset(
    [
        "aws_api_key", "aws_auth", "aws_cognito_user_pools", "aws_iam", "aws_lambda", "aws_oidc",
        "aws_subscribe", "auth", "belongsTo", "default", "deprecated", "function", "hasMany", "hasOne",
        "http", "index", "manyToMany", "mapsTo", "model", "predictions", "primaryKey", "refersTo",
        "searchable", "sql",
    ]
)
V1_DIRECTIVES = frozenset({"key", "connection", "versioned"})
DATASTORE_FIELDS = ("_version", "_deleted", "_lastChangedAt")
RESERVED_TYPES = frozenset({"Query", "Mutation", "Subscription"})
_INDEX_NAME = re.compile(r"[A-Za-z0-9_\-.]{3,255}")


def validate(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """Every rule violation of ``document`` under ``settings``."""
    out: list[Diagnostic] = []
    enums = {t.name for t in document.types if t.kind == "enum"}
    for typedef in document.types:
        _check_directive_names(typedef, out)
        _check_extension_directives(typedef, document, out)
        _check_model_only_directives(typedef, out)
        if typedef.kind != "object":
            continue
        if typedef.is_model:
            _check_model(typedef, document, settings, out)
        else:
            for field in typedef.fields:
                for name, code in (("primaryKey", "E022"), ("index", "E026")):
                    d = field.directive(name)
                    if d is not None:
                        out.append(Diagnostic(code, f"@{name} may only be used in a type annotated with "
                                              f"@model; {typedef.name} is not a model", d.span))
        for field in typedef.fields:
            if field.directives:  # what follows only checks directives; most fields have none
                _check_http_url(field, out)
                _check_predictions(field, settings, out)
                _check_default(typedef, field, enums, document, out)
                _check_list_arguments(field, out)
    out.extend(check_relations(document, settings))
    out.extend(check_auth(document))
    out.extend(check_operation_names(document, settings))
    return out


# GraphQL lets a single string stand for a list, but Amplify's model building then treats
# these arguments as strings (sortKeyFields.map is not a function; fields spread into
# characters), so the schema fails.
_LIST_ONLY_ARGUMENTS = (("primaryKey", "sortKeyFields"), ("hasOne", "fields"), ("belongsTo", "fields"))


def _check_list_arguments(field: FieldDef, out: list[Diagnostic]) -> None:
    for directive_name, argument_name in _LIST_ONLY_ARGUMENTS:
        d = field.directive(directive_name)
        argument = d.arg(argument_name) if d else None
        if argument is not None and isinstance(argument.value, str):
            out.append(Diagnostic("E006", f"@{directive_name}({argument_name}:) needs a list here: write "
                                  f"[\"{argument.value}\"]", argument.span))


TRANSFORMER_DIRECTIVES = frozenset(
    "model auth primaryKey index hasMany hasOne belongsTo manyToMany default function http predictions "
    "searchable mapsTo refersTo sql".split()
)
# Transformers that also handle fields added to the root types by `extend type Query { ... }`.
_ROOT_EXTENSION_DIRECTIVES = frozenset({"auth", "function", "http", "predictions", "sql"})


def _check_http_url(field: FieldDef, out: list[Diagnostic]) -> None:
    for d in field.all("http"):
        url = d.value("url")
        if isinstance(url, str) and not url.startswith(("http://", "https://")):
            out.append(Diagnostic("E118", f"@http url {url!r} must begin with http:// or https://", d.span))


def _check_predictions(field: FieldDef, settings: Settings, out: list[Diagnostic]) -> None:
    # Amplify's predictions transformer needs the project's S3 bucket, which it finds through a
    # storage resource; a bare schema file has none.
    for d in field.all("predictions"):
        if not settings.s3_storage:
            out.append(Diagnostic("E121", "@predictions needs an S3 storage resource in the Amplify project (amplify "
                                  "add storage); none was found (or pass --feature-flag storage=true)", d.span))


def _check_model_only_directives(typedef: TypeDef, out: list[Diagnostic]) -> None:
    """Type-level @auth and @searchable need @model; interface fields take no @auth."""
    if not typedef.is_model:
        for d in typedef.directives:
            if d.name in ("auth", "searchable"):
                out.append(Diagnostic("E116", f"types annotated with @{d.name} must also be annotated with @model; "
                                      f"add @model to {typedef.name} or remove @{d.name}", d.span))
    if typedef.kind == "interface":
        for field in typedef.fields:
            for d in field.all("auth"):
                out.append(Diagnostic("E116", f"@auth cannot be placed on a field of interface {typedef.name}", d.span))


def _check_extension_directives(typedef: TypeDef, document: SchemaDocument, out: list[Diagnostic]) -> None:
    """Amplify's transformers do not run on ``extend type`` blocks: their directives there fail."""
    for d in typedef.directives:
        if d.from_extension and d.name in TRANSFORMER_DIRECTIVES:
            out.append(Diagnostic("E108", f"@{d.name} cannot be used on an extension of {typedef.name}; move it to "
                                  "the type's own definition", d.span))
    root = typedef.name in document.root_types
    for field in typedef.fields:
        if not field.from_extension:
            continue
        for d in field.directives:
            allowed = root and d.name in _ROOT_EXTENSION_DIRECTIVES
            if d.name in TRANSFORMER_DIRECTIVES and not allowed:
                out.append(Diagnostic("E108", f"@{d.name} is not supported on fields added by `extend type "
                                      f"{typedef.name}`; declare {field.name} in the type itself", d.span))


def _check_directive_names(typedef: TypeDef, out: list[Diagnostic]) -> None:
    uses = [*typedef.directives, *(d for f in typedef.fields for d in f.directives)]
    for d in uses:
        if d.name in V1_DIRECTIVES:
            out.append(Diagnostic("E012", f"@{d.name} is a transformer v1 directive; migrate the schema to "
                                  "transformer v2 (@primaryKey, @index, @hasMany, @hasOne, @belongsTo): "
                                  "https://docs.amplify.aws/cli/migration/transformer-migration/", d.span))
        elif d.name not in AMPLIFY_DIRECTIVES:
            out.append(Diagnostic("E004", f"unknown directive @{d.name}: Amplify only accepts its own "
                                  "directives (a directive definition is not enough), so remove it", d.span))


def _check_model(model: TypeDef, document: SchemaDocument, settings: Settings, out: list[Diagnostic]) -> None:
    if model.name in RESERVED_TYPES or model.name in document.root_types:
        out.append(Diagnostic("E013", f"'{model.name}' is a reserved type name and cannot be a model", model.span))
    if model.name in OBJECT_PROTOTYPE_NAMES:
        out.append(Diagnostic("E122", f"a model cannot be named {model.name}: every JavaScript object has a property "
                              "of that name, which Amplify's transformers cannot handle; rename it", model.span))
    if table_id_too_long(model.name):
        out.append(Diagnostic("E119", f"a {len(model.name)}-character model name is too long for its table's "
                              "logical ID (at most 250); shorten it", model.span))
    for field in model.fields:
        if field.name in ("and", "or", "not"):
            out.append(Diagnostic("E117", f"a model field cannot be named '{field.name}': Amplify's generated "
                                  f"Model{model.name}FilterInput already has it; rename the field", field.span))
    if settings.datastore:
        for field in model.fields:
            if field.name in DATASTORE_FIELDS:
                out.append(Diagnostic("E014", f"{field.name} is reserved for DataStore conflict detection; "
                                      "rename the field", field.span))
    keyed = [f for f in model.fields if f.directive("primaryKey")]
    for extra in keyed[1:]:
        d = extra.directive("primaryKey")
        assert d is not None
        out.append(Diagnostic("E018", f"only one primary key is allowed on type '{model.name}'", d.span,
                              related=(Related(keyed[0].span, "first primary key"),)))
    for field in model.fields:
        if field.name in ("createdAt", "updatedAt") and field.type.is_list:
            out.append(Diagnostic("E110", f"{model.name}.{field.name} cannot be a list: Amplify manages the "
                                  f"{field.name} timestamp even when timestamps are renamed or off", field.span))
    id_field = model.field("id")
    if id_field is not None and id_field.type.is_list and not keyed:
        out.append(Diagnostic("E015", "the id field of a model cannot be a list", id_field.span))
    if keyed:
        _check_primary_key(model, keyed[0], document, out)
    _check_indexes(model, document, out)


def _is_scalar_or_enum(name: str, document: SchemaDocument) -> bool:
    typedef = document.type(name)
    if name in SCALARS or name in ("BigInt", "Double"):
        return True
    return typedef is not None and typedef.kind in ("enum", "scalar")


def _check_primary_key(model: TypeDef, field: FieldDef, document: SchemaDocument, out: list[Diagnostic]) -> None:
    d = field.directive("primaryKey")
    assert d is not None
    if field.type.is_list or not _is_scalar_or_enum(field.type.name, document):
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
        if sort.type.is_list or not _is_scalar_or_enum(sort.type.name, document):
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
    for field in model.fields:
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
            name = written if isinstance(written, str) else (
                lower_first(plural(model.name)) + "By" + "And".join(upper_first(n) for n in [field.name, *sort_names])
            )
            if name in seen:
                out.append(Diagnostic("E024", f"index name '{name}' is used twice on type '{model.name}'"
                                      + ("" if d.has("name") else " (the name Amplify generates for it)"),
                                      d.span, related=(Related(seen[name].span, "first use"),)))
            seen.setdefault(name, d)
            if field.type.is_list or not _is_scalar_or_enum(field.type.name, document):
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
                elif sort.type.is_list or not _is_scalar_or_enum(sort.type.name, document):
                    out.append(Diagnostic("E025", f"index sort key {model.name}.{sort_name} must be a scalar "
                                          "or enum", d.span))
                elif sort.type.name == "Boolean":
                    out.append(Diagnostic("E021", f"Boolean field {model.name}.{sort_name} cannot be a sort key",
                                          d.span))



def _check_default(
    typedef: TypeDef, field: FieldDef, enums: set[str], document: SchemaDocument, out: list[Diagnostic]
) -> None:
    d = field.directive("default")
    if d is None:
        return
    argument = d.arg("value")
    if not typedef.is_model:
        out.append(Diagnostic("E049", f"@default may only be used on fields of @model types; {typedef.name} is "
                              "not a model", d.span))
        return
    if field.type.is_list or not _is_scalar_or_enum(field.type.name, document):
        out.append(Diagnostic("E049", "@default may only be used on scalar or enum fields, not on "
                              f"{field.name}: {field.type}", d.span))
        return
    if argument is None or not isinstance(argument.value, str):
        return
    value = argument.value
    if field.type.name in enums:
        enum = document.type(field.type.name)
        ok = enum is not None and value in {v.name for v in enum.values}
    else:
        ok = is_valid_default(field.type.name, value)
    if not ok:
        out.append(Diagnostic("E048", f"default value {value!r} is not a valid {field.type.name}", argument.span))
