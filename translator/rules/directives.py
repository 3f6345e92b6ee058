"""Directive rules of Amplify's transformer (semantics.md, sections 10.2 and 10.5): only Amplify's
directives, in the places its transformers run, with the arguments they can read."""

from __future__ import annotations

from translator.core.diagnostics import Diagnostic
from translator.core.document import FieldDef, SchemaDocument, TypeDef
from translator.core.settings import Settings

AMPLIFY_DIRECTIVES = frozenset(
    [
        "aws_api_key", "aws_auth", "aws_cognito_user_pools", "aws_iam", "aws_lambda", "aws_oidc",
        "aws_subscribe", "auth", "belongsTo", "default", "deprecated", "function", "hasMany", "hasOne",
        "http", "index", "manyToMany", "mapsTo", "model", "predictions", "primaryKey", "refersTo",
        "searchable", "sql",
    ]
)
V1_DIRECTIVES = frozenset({"key", "connection", "versioned"})


def check_directives(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """Directives Amplify does not know, or that sit where its transformers do not run them, and
    directive arguments its transformers cannot read."""
    out: list[Diagnostic] = []
    for typedef in document.types:
        _check_directive_names(typedef, out)
        _check_extension_directives(typedef, document, out)
        _check_model_only_directives(typedef, out)
        if typedef.kind != "object":
            continue
        for field in typedef.directed_fields:  # what follows only checks directives
            if not typedef.is_model:
                _check_key_outside_model(typedef, field, out)
            _check_http_url(field, out)
            _check_predictions(field, settings, out)
            _check_list_arguments(field, out)
    return out


def _check_key_outside_model(typedef: TypeDef, field: FieldDef, out: list[Diagnostic]) -> None:
    for name, code in (("primaryKey", "E022"), ("index", "E026")):
        d = field.directive(name)
        if d is not None:
            out.append(Diagnostic(code, f"@{name} may only be used in a type annotated with "
                                  f"@model; {typedef.name} is not a model", d.span))


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
        for field in typedef.directed_fields:
            for d in field.all("auth"):
                out.append(Diagnostic("E116", f"@auth cannot be placed on a field of interface {typedef.name}", d.span))


def _check_extension_directives(typedef: TypeDef, document: SchemaDocument, out: list[Diagnostic]) -> None:
    """Amplify's transformers do not run on ``extend type`` blocks: their directives there fail."""
    for d in typedef.directives:
        if d.from_extension and d.name in TRANSFORMER_DIRECTIVES:
            out.append(Diagnostic("E108", f"@{d.name} cannot be used on an extension of {typedef.name}; move it to "
                                  "the type's own definition", d.span))
    root = typedef.name in document.root_types
    for field in typedef.directed_fields:
        if not field.from_extension:
            continue
        for d in field.directives:
            allowed = root and d.name in _ROOT_EXTENSION_DIRECTIVES
            if d.name in TRANSFORMER_DIRECTIVES and not allowed:
                out.append(Diagnostic("E108", f"@{d.name} is not supported on fields added by `extend type "
                                      f"{typedef.name}`; declare {field.name} in the type itself", d.span))


def _check_directive_names(typedef: TypeDef, out: list[Diagnostic]) -> None:
    uses = [*typedef.directives, *(d for f in typedef.directed_fields for d in f.directives)]
    for d in uses:
        if d.name in V1_DIRECTIVES:
            out.append(Diagnostic("E012", f"@{d.name} is a transformer v1 directive; migrate the schema to "
                                  "transformer v2 (@primaryKey, @index, @hasMany, @hasOne, @belongsTo): run "
                                  "`amplify-translate migrate`, or see "
                                  "https://docs.amplify.aws/cli/migration/transformer-migration/", d.span))
        elif d.name not in AMPLIFY_DIRECTIVES:
            out.append(Diagnostic("E004", f"unknown directive @{d.name}: Amplify only accepts its own "
                                  "directives (a directive definition is not enough), so remove it", d.span))
