"""The objects Amplify's ``a.*`` builders return, with the same methods and mutation behaviour.

Each class mirrors one builder of ``@aws-amplify/data-schema`` (1.26): a method exists only where
data-schema defines it (so ``a.enum([...]).default(...)`` fails as it does in Node), modifiers
mutate the builder and return it, and ``.required()`` after ``.array()`` means a required list.
The builders only record what was written; :mod:`lower` decides what it means.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from translator.core.diagnostics import Span
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSArray, JSObject, Native

if TYPE_CHECKING:
    from translator.frontends.gen2.interpreter.evaluate import Interpreter

Method = Callable[["Interpreter", list[Any], Span], Any]


class _Missing:
    """A modifier that was never called (``default`` distinguishes it from ``undefined``)."""

    def __repr__(self) -> str:
        return "<not set>"


NOT_SET = _Missing()
GENERATED = _Missing()  # `.default()` without a value: a database-generated value


def _arg(args: list[Any], i: int) -> Any:
    return args[i] if i < len(args) else UNDEFINED


class Builder:
    """Base of the builder objects: ``member`` exposes the methods listed in ``methods``."""

    methods: ClassVar[dict[str, str]] = {}
    label: str = "an Amplify builder"
    span: Span

    def available(self) -> set[str]:
        """The JavaScript method names this object has right now."""
        return set(self.methods)

    def member(self, name: str) -> Any:
        """``self.name`` as JavaScript sees it."""
        if name in self.methods and name in self.available():
            impl: Method = getattr(self, self.methods[name])
            return Native(f"{self.label}.{name}", impl)
        return self.attribute(name)

    def attribute(self, name: str) -> Any:
        """A non-method property; ``undefined`` unless a subclass has it."""
        return UNDEFINED


def rules_of(interp: Interpreter, callback: Any, allow: Any, span: Span, what: str) -> list[Any]:
    """Run an ``.authorization(callback)``: the rules it returns, always as a list."""
    result = interp.call_callback(callback, [allow], span, what)
    return list(result.items) if isinstance(result, JSArray) else [result]


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

    def _required(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        if self.last == "array":
            self.array_required = True
        else:
            self.required = True
        self.last = "required"
        return self

    def _array(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.array = True
        self.last = "array"
        return self

    def _default(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        value = _arg(args, 0)
        self.default = GENERATED if value is UNDEFINED else value
        self.default_span = span
        self.last = "default"
        return self

    def _authorization(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        from translator.frontends.gen2.amplify.namespace import allow_object  # noqa: PLC0415 - cycle

        self.auth = rules_of(interp, _arg(args, 0), allow_object("field"), span, ".authorization")
        self.last = "authorization"
        return self

    def _validate(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        interp.call_callback(_arg(args, 0), [ValidationBuilder(span)], span, ".validate")
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

    def _rule(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
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

    def _required(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        if self.array:
            self.array_required = True
        else:
            self.value_required = True
        return self

    def _array(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.array = True
        return self

    def _authorization(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        from translator.frontends.gen2.amplify.namespace import allow_object  # noqa: PLC0415 - cycle

        self.auth = rules_of(interp, _arg(args, 0), allow_object("field"), span, ".authorization")
        return self

    def _mutations(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.mutations = _arg(args, 0)
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

    def _required(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.array_required = True
        return self

    def _value_required(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.value_required = True
        return self

    def _authorization(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        from translator.frontends.gen2.amplify.namespace import allow_object  # noqa: PLC0415 - cycle

        self.auth = rules_of(interp, _arg(args, 0), allow_object("schema"), span, ".authorization")
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

    def _sort_keys(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.sort_keys, self.sort_keys_span = _arg(args, 0), span
        return self

    def _name(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.name, self.name_span = _arg(args, 0), span
        return self

    def _query_field(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.query_field, self.query_field_span = _arg(args, 0), span
        return self

    def _projection(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.projection = _arg(args, 0)
        if self.projection == "INCLUDE":
            self.non_key_attributes = _arg(args, 1)
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

    def _identifier(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.identifier, self.identifier_span = _arg(args, 0), span
        return self

    def _secondary_indexes(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        from translator.frontends.gen2.amplify.namespace import index_function  # noqa: PLC0415 - cycle

        self.indexes = interp.call_callback(_arg(args, 0), [index_function()], span, ".secondaryIndexes")
        self.indexes_span = span
        return self

    def _disable(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.disabled = _arg(args, 0)
        return self

    def _authorization(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        from translator.frontends.gen2.amplify.namespace import allow_object  # noqa: PLC0415 - cycle

        self.auth = rules_of(interp, _arg(args, 0), allow_object("model"), span, ".authorization")
        return self

    def _relationships(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        extra = _arg(args, 0)
        if isinstance(self.fields, JSObject) and isinstance(extra, JSObject):
            merged = JSObject(dict(self.fields.props), dict(self.fields.spans), self.fields.span)
            for key, value in extra.props.items():
                merged.set(key, value, extra.spans.get(key, span))
            self.fields = merged
        return UNDEFINED
