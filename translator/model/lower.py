"""Model building: classify types, add implicit ``id``, timestamps and foreign keys, generate
``@manyToMany`` join models and connect relationships (Amplify's modelgen, introspection target).

The order of every step follows modelgen, because later steps see what earlier ones created
(semantics.md, section 7.1).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from translator.core.diagnostics import CompilationError, Diagnostic, Span
from translator.core.document import Directive, FieldDef, SchemaDocument, TypeDef, Value
from translator.core.names import (
    OBJECT_PROTOTYPE_NAMES,
    camel_case,
    enum_values,
    foreign_key_name,
    lower_first,
    relation_model_name,
)
from translator.core.settings import Settings
from translator.model.building import BuildError, WConnection, WDirective, WField, WModel, as_list
from translator.model.built import (
    Association,
    BuiltEnum,
    BuiltField,
    BuiltModel,
    BuiltNonModel,
    BuiltSchema,
    KeyAttribute,
    TypeKindOut,
)
from translator.model.connections import process_connection

SCALARS = frozenset(
    [
        "ID", "String", "Int", "Float", "Boolean", "AWSDate", "AWSTime", "AWSDateTime", "AWSTimestamp",
        "AWSEmail", "AWSJSON", "AWSURL", "AWSPhone", "AWSIPAddress",
    ]
)

# modelgen skips types that share a name with the input types and enums of Amplify's
# directive definitions, and the sandbox ``input AMPLIFY``.
SKIPPED_TYPES = frozenset(
    [
        "AMPLIFY", "AuthRule", "AuthStrategy", "AuthProvider", "ModelOperation", "HttpMethod", "HttpHeader",
        "ModelMutationMap", "ModelQueryMap", "ModelSubscriptionMap", "ModelSubscriptionLevel",
        "TimestampConfiguration", "PredictionsActions", "SearchableQueryMap",
    ]
)


def lower(document: SchemaDocument, settings: Settings) -> BuiltSchema:
    """Build the models of a validated document; raise CompilationError where Amplify fails."""
    try:
        return _Builder(document, settings).build()
    except BuildError as error:
        raise CompilationError([Diagnostic(error.code, error.message, error.span)]) from None


def _plain(value: Value) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _directive(d: Directive, field_name: str = "") -> WDirective:
    return WDirective(d.name, {a.name: _plain(a.value) for a in d.arguments}, field_name, d.span)


def _field(f: FieldDef) -> WField:
    directives = tuple(_directive(d, f.name) for d in f.directives) if f.directives else ()
    # Positional: made for every field of a schema, where keywords cost a fifth of the call.
    return WField(f.name, f.type.name, not f.type.item_required, f.type.is_list, directives, False, None, None,
                  f.span, f.type_span)


def _keyed_field(fields: list[WField]) -> WField | None:
    """The first field with ``@primaryKey`` (most fields carry no directive to look through)."""
    return next((f for f in fields if f.directives and f.directive("primaryKey")), None)


class _Builder:
    def __init__(self, document: SchemaDocument, settings: Settings) -> None:
        self.document = document
        self.settings = settings
        self.models: dict[str, WModel] = {}
        self.kinds: dict[str, str] = {}
        # Frozen fields without a relationship, one per shape: across a schema's models most
        # fields repeat a few names and types, and an immutable field can serve them all.
        self.shared_fields: dict[tuple[str, str, str, bool, bool, bool], BuiltField] = {}
        # Working fields by name and type (see _working_field).
        self.shared_working: dict[tuple[str, str, bool, bool], WField] = {}
        for typedef in document.types:
            if typedef.name in SKIPPED_TYPES:
                continue
            if typedef.kind == "object":
                if typedef.is_model:
                    self.kinds[typedef.name] = "model"
                elif typedef.name not in document.root_types:
                    self.kinds[typedef.name] = "nonModel"
            else:
                self.kinds.setdefault(typedef.name, typedef.kind)

    def build(self) -> BuiltSchema:
        try:
            return self._build()
        finally:
            # Connections point at models whose fields point back at them: unlinked, reference
            # counting frees the working graph at once instead of leaving it to the cyclic GC.
            for model in self.models.values():
                for model_field in model.fields:
                    model_field.connection = None

    def _build(self) -> BuiltSchema:
        non_models: list[TypeDef] = []
        for typedef in self.document.types:
            if self.kinds.get(typedef.name) == "model" and typedef.is_model:
                self.models[typedef.name] = self._model(typedef)
            elif self.kinds.get(typedef.name) == "nonModel" and typedef.kind == "object":
                non_models.append(typedef)
        for model in list(self.models.values()):
            _add_key_attributes(model)
        self._many_to_many()
        self._connect()
        enums = [
            BuiltEnum(t.name, tuple(enum_values([v.name for v in t.values])))
            for t in self.document.types
            if t.kind == "enum" and t.name not in SKIPPED_TYPES
        ]
        self._check_operation_types()
        return BuiltSchema(
            models=tuple(self._freeze_models()),
            non_models=tuple(
                BuiltNonModel(t.name, self._freeze_fields([_field(f) for f in t.fields]))
                for t in non_models
            ),
            enums=tuple(enums),
        )

    # -- per-model steps, in modelgen's order -------------------------------------------------

    def _model(self, typedef: TypeDef) -> WModel:
        # Of a model's own directives, model building reads only @model and key attributes (the
        # rules of an @auth, on every model of most schemas, would be converted for nothing).
        directives = [_directive(d) for d in typedef.directives if d.name in ("model", "key")]
        model = WModel(typedef.name, [self._working_field(f) for f in typedef.fields], directives, typedef.span)
        self._ensure_primary_key(model)
        model_directive = next(d for d in directives if d.name == "model")
        self._add_timestamps(model, model_directive)
        _id_first(model)
        return model

    def _working_field(self, field: FieldDef) -> WField:
        """The working field of a model's ``field``, one for the models that have the same
        field. Model building changes only the ``id`` field and fields with directives (keys,
        relationships, ``@manyToMany``), and of the others it reports (where they are) only
        those whose type it cannot build (:meth:`_kind`); any other field is only what its
        working field holds of it."""
        if field.directives or field.name == "id" or (field.span.line and not self._buildable(field.type.name)):
            return _field(field)
        key = (field.name, field.type.name, field.type.item_required, field.type.is_list)
        shared = self.shared_working.get(key)
        if shared is None:
            shared = self.shared_working[key] = _field(field)
        return shared

    def _buildable(self, type_name: str) -> bool:
        """Whether :meth:`_kind` takes a field of type ``type_name`` without an error (the
        kinds it reads are only ever added to, with the kind "model")."""
        if type_name in SCALARS:
            return True
        return self.kinds.get(type_name) in _BUILDABLE_KINDS and type_name not in OBJECT_PROTOTYPE_NAMES

    def _ensure_primary_key(self, model: WModel) -> None:
        keyed = _keyed_field(model.fields)
        if keyed is None:
            existing = model.field("id")
            if existing is not None:
                existing.is_nullable = False
            else:
                model.fields.insert(0, WField("id", "ID", False, False))
            key = model.field("id")
            assert key is not None
            key.primary_key_sort_fields = []
            return
        if keyed.is_nullable:
            raise BuildError("E016", f"the primary key on type '{model.name}' must reference non-null fields",
                             keyed.span)
        primary = keyed.directive("primaryKey")
        assert primary is not None
        keyed.primary_key_sort_fields = [model.field(str(n)) for n in as_list(primary.args.get("sortKeyFields"))]

    def _add_timestamps(self, model: WModel, directive: WDirective) -> None:
        if not self.settings.add_timestamp_fields:
            return
        if "timestamps" in directive.args and directive.args["timestamps"] is None:
            return
        names = directive.args.get("timestamps") or {}
        for key, default in (("createdAt", "createdAt"), ("updatedAt", "updatedAt")):
            name = names.get(key) or default if isinstance(names, dict) else default
            model.add_field(WField(str(name), "AWSDateTime", True, False, is_read_only=True))

    # -- @manyToMany ----------------------------------------------------------------------------

    def _many_to_many(self) -> None:
        relations: dict[str, list[tuple[WModel, WField, WDirective]]] = {}
        for model in self.models.values():
            for field in model.fields:
                for directive in field.directives:
                    if directive.name == "manyToMany":
                        name = relation_model_name(str(directive.args.get("relationName", "")))
                        relations.setdefault(name, []).append((model, field, directive))
        for name, uses in relations.items():
            if len(uses) != 2:
                raise BuildError("E042", f"@manyToMany relation {name!r} must be used in exactly two places",
                                 uses[0][2].span)
            join = self._join_model(uses[0][0], uses[1][0], name)
            _add_key_attributes(join)
            self._ensure_primary_key(join)
            self._add_timestamps(join, WDirective("model", {}))
            _id_first(join)
            self.models[join.name] = join
            self.kinds[join.name] = "model"
            for model, field, directive in uses:
                field.type = name
                fields = [_primary_key_name(model), *(f.name for f in model.sort_key_fields() if f)]
                arguments = {"indexName": f"by{model.name}", "fields": fields}
                kept = tuple(d for d in field.directives if d is not directive)
                field.directives = (*kept, WDirective("hasMany", arguments, field.name, directive.span))

    def _join_model(self, first: WModel, second: WModel, name: str) -> WModel:
        fields: list[WField] = [WField("id", "ID", False, False)]
        belongs: list[WField] = []
        for model in (first, second):
            key = self._join_key_name(model)
            sort_fields = [f for f in model.sort_key_fields() if f is not None]
            sort_names = [lower_first(model.name) + f.name for f in sort_fields]
            index = WDirective("index", {"name": f"by{model.name}", "sortKeyFields": sort_names}, key)
            fields.append(WField(key, "ID", True, False, (index,)))
            fields.extend(WField(n, f.type, True, f.is_list) for n, f in zip(sort_names, sort_fields, strict=True))
            field_name = camel_case(model.name)
            link = WDirective("belongsTo", {"fields": [key, *sort_names]}, field_name)
            belongs.append(WField(field_name, model.name, False, False, (link,)))
        fields.extend(belongs)
        return WModel(name, fields, [WDirective("model", {})], first.span)

    def _join_key_name(self, model: WModel) -> str:
        if self.settings.respect_primary_key:
            key = model.primary_key_field()
            assert key is not None
            return foreign_key_name(model.name, key.name)
        return camel_case(model.name) + "ID"

    # -- relationships ------------------------------------------------------------------------

    def _connect(self) -> None:
        cpk = self.settings.respect_primary_key
        for model in list(self.models.values()):
            # Only fields with directives can have a relationship; a copy, as connecting adds
            # fields (without directives) to the models.
            for field in [f for f in model.fields if f.directives]:
                connection = process_connection(field, model, self.models, cpk)
                if connection is None:
                    continue
                self._create_connection_fields(field, model, connection, cpk)
                field.connection = connection
            # Model-typed fields without a relationship vanish (with only a warning in Amplify).
            model.fields = [
                f for f in model.fields if not (f.type in self.models and f.connection is None)
            ]
        if not cpk:
            for model in self.models.values():
                components = model.primary_key_components()
                key_name = components[0].name if components else None
                for field in list(model.fields):
                    c = field.connection
                    if c is None or c.kind != "BELONGS_TO" or not c.target_names:
                        continue
                    target = c.target_names[0]
                    if target != "id" and not c.is_using_references and target != key_name:
                        model.remove_field(target)

    def _create_connection_fields(self, field: WField, model: WModel, c: WConnection, cpk: bool) -> None:
        if c.kind == "HAS_MANY":
            for fk in c.associated_with if cpk else c.associated_with[:1]:
                c.connected_model.add_field(fk)
            if _has_implicit_key(field, model, c):
                names = [f.name for f in c.associated_with]
                c.connected_model.directives.append(
                    WDirective("key", {"name": f"gsi-{model.name}.{field.name}", "fields": names})
                )
            return
        targets = c.target_names or []
        if cpk:
            components = c.connected_model.primary_key_components()
            if not components:
                return
            for index, target in enumerate(targets):
                if index >= len(components):
                    raise BuildError("E034", f"{model.name}.{field.name} names more fields than "
                                     f"{c.connected_model.name} has key fields", field.span)
                model.add_field(WField(target, components[index].type, field.is_nullable, False))
        elif targets:
            model.add_field(WField(targets[0], "ID", field.is_nullable, False))

    # -- output ---------------------------------------------------------------------------------

    def _kind(self, type_name: str, span_field: WField) -> TypeKindOut | Literal["skip"]:
        if type_name in SCALARS:
            return "scalar"
        _check_type_name(type_name, f"field {span_field.name}", span_field.type_span or span_field.span)
        kind = self.kinds.get(type_name)
        if kind in ("enum", "model", "nonModel"):
            return kind  # type: ignore[return-value]
        if kind in ("union", "interface"):
            return "skip"
        if kind == "input":
            raise BuildError("E055", f"input type {type_name} cannot be the type of field "
                             f"{span_field.name}", span_field.type_span or span_field.span)
        raise BuildError("E054", f"type {type_name} of field {span_field.name} is not supported: "
                         "custom scalars cannot be field types", span_field.type_span or span_field.span)

    def _freeze_fields(self, fields: list[WField]) -> tuple[BuiltField, ...]:
        out: list[BuiltField] = []
        shared = self.shared_fields
        for f in fields:
            kind = "scalar" if f.type in SCALARS else self._kind(f.type, f)
            if kind == "skip":
                continue
            if f.connection is not None:
                out.append(BuiltField(f.name, f.type, kind, f.is_list, not f.is_nullable, f.is_read_only,
                                      _association(f.connection)))
                continue
            key = (f.name, f.type, kind, f.is_list, f.is_nullable, f.is_read_only)
            built = shared.get(key)
            if built is None:
                built = shared[key] = BuiltField(f.name, f.type, kind, f.is_list, not f.is_nullable, f.is_read_only)
            out.append(built)
        return tuple(out)

    def _freeze_models(self) -> Iterator[BuiltModel]:
        """Each model frozen, in order; a model's working fields are let go once it is (as
        :meth:`build` lets go of them all at the end): the working models and the frozen ones
        are not held whole at once, which was the peak of a compile's memory."""
        for model in self.models.values():
            yield self._freeze_model(model)
            for model_field in model.fields:
                model_field.connection = None
            model.fields = []

    def _freeze_model(self, model: WModel) -> BuiltModel:
        keys = tuple(
            KeyAttribute(d.args.get("name"), tuple(str(n) for n in as_list(d.args.get("fields"))))
            for d in model.directives
            if d.name == "key"
        )
        return BuiltModel(model.name, self._freeze_fields(model.fields), keys)

    def _check_operation_types(self) -> None:
        # modelgen also types the fields of the root operation types (arguments included) and
        # of input types; its JSON schema takes only scalars, enums and inputs as arguments.
        for _, field in self.document.operation_fields:
            self._kind_or_skip(field)
            if self.kinds.get(field.type.name) == "input":
                raise BuildError("E055", f"operation {field.name} returns input type {field.type.name}; return an "
                                 "object type", field.type_span)
            for name, type_ref, span in field.arguments:
                _check_type_name(type_ref.name, f"argument {name} of {field.name}", span)
                kind = "scalar" if type_ref.name in SCALARS else self.kinds.get(type_ref.name)
                if kind not in ("scalar", "enum", "input"):
                    raise BuildError("E055", f"argument {name} of {field.name} has type {type_ref.name}; arguments "
                                     "must be scalars, enums or input types", span)
        for typedef in self.document.types:
            if typedef.kind == "input" and typedef.name not in SKIPPED_TYPES:
                for field in typedef.fields:
                    kind = self.kinds.get(field.type.name)
                    if kind in ("model", "nonModel", "union", "interface"):
                        raise BuildError("E055", f"field {field.name} of input {typedef.name} has type "
                                         f"{field.type.name}; input fields must be scalars, enums or input types",
                                         field.type_span)
                    self._kind_or_skip(field)

    def _kind_or_skip(self, field: FieldDef) -> None:
        name = field.type.name
        _check_type_name(name, f"field {field.name}", field.type_span)
        if name in SCALARS or name in self.kinds:
            return
        raise BuildError("E054", f"type {name} of field {field.name} is not supported: custom scalars "
                         "cannot be used in a schema that Amplify builds models from", field.type_span)


_BUILDABLE_KINDS = frozenset({"enum", "model", "nonModel", "union", "interface"})


def _check_type_name(type_name: str, what: str, span: Span) -> None:
    # modelgen looks field types up in plain objects, where these names are always found.
    if type_name in OBJECT_PROTOTYPE_NAMES:
        raise BuildError("E122", f"{what} has type {type_name}, a name every JavaScript object has as a "
                         "property, which Amplify's model generation cannot handle; rename the type", span)


def _association(c: WConnection | None) -> Association | None:
    if c is None:
        return None
    names = tuple(f.name for f in c.associated_with)
    targets = tuple(c.target_names or ())
    if c.kind == "HAS_MANY":
        return Association("HAS_MANY", names)
    if c.kind == "HAS_ONE":
        return Association("HAS_ONE", names, targets)
    return Association("BELONGS_TO", (), targets)


def _id_first(model: WModel) -> None:
    model.fields = [f for f in model.fields if f.name == "id"][::-1] + [f for f in model.fields if f.name != "id"]


def _primary_key_name(model: WModel) -> str:
    name = "id"
    for field in model.fields:
        if field.directives and field.directive("primaryKey"):
            name = field.name
    return name


def _add_key_attributes(model: WModel) -> None:
    """``@primaryKey`` and ``@index`` become ``key`` attributes (modelgen's processPrimaryKey/Index)."""
    if not any(d.name == "key" and "name" not in d.args for d in model.directives):
        keyed = _keyed_field(model.fields)
        if keyed is not None:
            primary = keyed.directive("primaryKey")
            assert primary is not None
            sort = [str(n) for n in as_list(primary.args.get("sortKeyFields"))]
            model.directives.append(WDirective("key", {"fields": [keyed.name, *sort]}))
    existing = {d.args.get("name") for d in model.directives if d.name == "key" and d.args.get("name")}
    for field in model.fields:
        for index in field.directives:
            if index.name != "index":
                continue
            sort = [str(n) for n in as_list(index.args.get("sortKeyFields"))]
            name = index.args.get("name") or f"{model.name}By{field.name}"
            if name not in existing:
                model.directives.append(WDirective("key", {"name": name, "fields": [field.name, *sort]}))


def _has_implicit_key(field: WField, model: WModel, c: WConnection) -> bool:
    back = next((f for f in c.connected_model.fields if f.type == model.name), None)
    has_belongs_to = back is not None and back.directive("belongsTo") is not None
    has_index = any(d.name == "hasMany" and d.args.get("indexName") for d in field.directives)
    return not (has_belongs_to or has_index)
