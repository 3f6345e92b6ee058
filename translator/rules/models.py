"""Model-level rules of Amplify's transformer (semantics.md, section 10.3): names a model may
not take, fields it may not have, at most one primary key."""

from __future__ import annotations

from translator.core.diagnostics import Diagnostic, Related
from translator.core.document import SchemaDocument, TypeDef
from translator.core.names import OBJECT_PROTOTYPE_NAMES, table_id_too_long
from translator.core.settings import Settings

DATASTORE_FIELDS = ("_version", "_deleted", "_lastChangedAt")
RESERVED_TYPES = frozenset({"Query", "Mutation", "Subscription"})


def check_models(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """Every model-level rule violation."""
    out: list[Diagnostic] = []
    for typedef in document.types:
        if typedef.kind == "object" and typedef.is_model:
            _check_model(typedef, document, settings, out)
    return out


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
    keyed = [f for f in model.directed_fields if f.directive("primaryKey")]
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
