"""The builders of a schema's types and fields: ``a.model``, ``a.string()`` and the other
scalars, ``a.ref``, relationships, ``a.enum``, ``a.customType``, and ``index`` for secondary
indexes. ``.required()`` after ``.array()`` means a required list, as in data-schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from translator.core.diagnostics import Span
from translator.frontends.gen2.amplify.auth import allow_object
from translator.frontends.gen2.amplify.base import GENERATED, NOT_SET, Builder, arg, rules_of
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSObject, Native, Runtime


@dataclass(eq=False)
class ScalarField(Builder):
    """``a.string()``, ``a.integer()``, ... (``field_type`` is the GraphQL scalar)."""

    field_type: str
    span: Span
    required: bool = False
    array: bool = False
    array_required: bool = False
    default: Any = NOT_SET
    default_span: Span | None = None
    auth: list[Any] = field(default_factory=list)
    last: str = ""

    methods: ClassVar[dict[str, str]] = {
        "required": "_required",
        "array": "_array",
        "default": "_default",
        "authorization": "_authorization",
        "validate": "_validate",
    }
    label = "a field"

    def _required(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        if self.last == "array":
            self.array_required = True
        else:
            self.required = True
        self.last = "required"
        return self

    def _array(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.array = True
        self.last = "array"
        return self

    def _default(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        value = arg(args, 0)
        self.default = GENERATED if value is UNDEFINED else value
        self.default_span = span
        self.last = "default"
        return self

    def _authorization(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.auth = rules_of(interp, arg(args, 0), allow_object(interp, "field"), span, ".authorization")
        self.last = "authorization"
        return self

    def _validate(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        interp.call_callback(arg(args, 0), [ValidationBuilder(span)], span, ".validate")
        self.last = "validate"
        return self


@dataclass(eq=False)
class ValidationBuilder(Builder):
    """The ``v`` of ``.validate((v) => v.gt(0))``; every rule returns the builder again."""

    span: Span
    methods: ClassVar[dict[str, str]] = {
        name: "_rule"
        for name in (
            "gt",
            "lt",
            "gte",
            "lte",
            "positive",
            "negative",
            "minLength",
            "maxLength",
            "startsWith",
            "endsWith",
            "matches",
        )
    }
    label = "a validation builder"

    def _rule(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        return self


@dataclass(eq=False)
class RefField(Builder):
    """``a.ref('Name')``; ``required`` before ``array`` makes the items required."""

    link: Any
    span: Span
    value_required: bool = False
    array: bool = False
    array_required: bool = False
    mutations: Any = None
    auth: list[Any] = field(default_factory=list)
    methods: ClassVar[dict[str, str]] = {
        "required": "_required",
        "array": "_array",
        "authorization": "_authorization",
        "mutations": "_mutations",
    }
    label = "a.ref(...)"

    def _required(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        if self.array:
            self.array_required = True
        else:
            self.value_required = True
        return self

    def _array(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.array = True
        return self

    def _authorization(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.auth = rules_of(interp, arg(args, 0), allow_object(interp, "field"), span, ".authorization")
        return self

    def _mutations(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.mutations = arg(args, 0)
        return self


_RELATION_METHODS = {
    "belongsTo": {"authorization"},
    "hasMany": {"valueRequired", "authorization"},
    "hasOne": {"required", "authorization"},
}


@dataclass(eq=False)
class RelationField(Builder):
    """``a.hasMany``/``a.hasOne``/``a.belongsTo(model, references)``."""

    kind: str
    related: Any
    references: Any
    span: Span
    value_required: bool = False
    array_required: bool = False
    auth: list[Any] = field(default_factory=list)
    methods: ClassVar[dict[str, str]] = {
        "required": "_required",
        "valueRequired": "_value_required",
        "authorization": "_authorization",
    }

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"a.{self.kind}(...)"

    @property
    def array(self) -> bool:
        """hasMany fields are lists."""
        return self.kind == "hasMany"

    def available(self) -> set[str]:
        return _RELATION_METHODS.get(self.kind, set())

    def _required(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.array_required = True
        return self

    def _value_required(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.value_required = True
        return self

    def _authorization(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.auth = rules_of(interp, arg(args, 0), allow_object(interp, "schema"), span, ".authorization")
        return self


@dataclass(eq=False)
class EnumType(Builder):
    """``a.enum([...])``: a plain object in data-schema, without methods."""

    values: Any
    span: Span
    label = "a.enum(...)"

    def attribute(self, name: str) -> Any:
        return {"type": "enum", "values": self.values}.get(name, UNDEFINED)


@dataclass(eq=False)
class CustomType(Builder):
    """``a.customType({...})``: no methods."""

    fields: Any
    span: Span
    label = "a.customType(...)"


@dataclass(eq=False)
class IndexBuilder(Builder):
    """``index('field')`` inside ``.secondaryIndexes(...)``."""

    partition_key: Any
    span: Span
    sort_keys: Any = None
    sort_keys_span: Span | None = None
    name: Any = ""
    name_span: Span | None = None
    query_field: Any = ""
    query_field_span: Span | None = None
    projection: Any = "ALL"
    non_key_attributes: Any = None
    methods: ClassVar[dict[str, str]] = {
        "sortKeys": "_sort_keys",
        "name": "_name",
        "queryField": "_query_field",
        "projection": "_projection",
    }
    label = "index(...)"

    def _sort_keys(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.sort_keys, self.sort_keys_span = arg(args, 0), span
        return self

    def _name(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.name, self.name_span = arg(args, 0), span
        return self

    def _query_field(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.query_field, self.query_field_span = arg(args, 0), span
        return self

    def _projection(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.projection = arg(args, 0)
        if self.projection == "INCLUDE":
            self.non_key_attributes = arg(args, 1)
        return self


@dataclass(eq=False)
class Model(Builder):
    """``a.model({...})`` and its modifiers."""

    fields: Any
    span: Span
    identifier: Any = None
    identifier_span: Span | None = None
    indexes: Any = None
    indexes_span: Span | None = None
    disabled: Any = None
    auth: list[Any] = field(default_factory=list)
    original_name: str | None = None  # set by a SQL schema's renameModels
    methods: ClassVar[dict[str, str]] = {
        "identifier": "_identifier",
        "secondaryIndexes": "_secondary_indexes",
        "disableOperations": "_disable",
        "authorization": "_authorization",
        "relationships": "_relationships",
    }
    label = "a.model(...)"

    def attribute(self, name: str) -> Any:
        return self.fields if name == "fields" else UNDEFINED

    def _identifier(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.identifier, self.identifier_span = arg(args, 0), span
        return self

    def _secondary_indexes(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.indexes = interp.call_callback(arg(args, 0), [index_function(interp)], span, ".secondaryIndexes")
        self.indexes_span = span
        return self

    def _disable(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.disabled = arg(args, 0)
        return self

    def _authorization(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.auth = rules_of(interp, arg(args, 0), allow_object(interp, "model"), span, ".authorization")
        return self

    def _relationships(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        extra = arg(args, 0)
        if isinstance(self.fields, JSObject) and isinstance(extra, JSObject):
            merged = JSObject(dict(self.fields.props), dict(self.fields.spans), self.fields.span)
            for key, value in extra.props.items():
                merged.set(key, value, extra.spans.get(key, span))
            self.fields = merged
        return UNDEFINED


def index_function(runtime: Runtime) -> Native:
    """The ``index`` a ``.secondaryIndexes((index) => [...])`` callback receives (one per evaluation)."""
    return runtime.intrinsic("index", lambda: Native("index", lambda i, a, s: IndexBuilder(arg(a, 0), s)))
