"""``a.schema({...})`` and the SQL schema of ``configure({ database }).schema({...})``.

A SQL schema has the extra modifiers data-schema gives it (``renameModels``, ``setRelationships``,
``setAuthorization``, ``addToSchema``, ``addQueries``, ...); each can be called once, because
data-schema returns the schema without the method it just ran.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from translator.core.diagnostics import Span
from translator.frontends.gen2.amplify.auth import allow_object
from translator.frontends.gen2.amplify.base import Builder, arg, rules_of
from translator.frontends.gen2.amplify.builders import Model
from translator.frontends.gen2.interpreter.values import (
    UNDEFINED,
    JSArray,
    JSObject,
    Poison,
    Runtime,
    Unknown,
    describe,
)

_SQL_ONLY = frozenset(
    {
        "addToSchema",
        "addQueries",
        "addMutations",
        "addSubscriptions",
        "setAuthorization",
        "setRelationships",
        "renameModels",
    }
)


@dataclass(eq=False)
class Schema(Builder):
    """A schema; ``engine`` is ``dynamodb`` for ``a.schema`` and the SQL engine otherwise."""

    types: Any
    span: Span
    engine: str = "dynamodb"
    auth: list[Any] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    models: JSObject = field(default_factory=JSObject)
    methods: ClassVar[dict[str, str]] = {
        "authorization": "_authorization",
        "addToSchema": "_add_to_schema",
        "addQueries": "_add_queries",
        "addMutations": "_add_mutations",
        "addSubscriptions": "_add_subscriptions",
        "setAuthorization": "_set_authorization",
        "setRelationships": "_set_relationships",
        "renameModels": "_rename_models",
    }
    label = "a.schema(...)"

    def __post_init__(self) -> None:
        if isinstance(self.types, JSObject):
            for name, value in self.types.props.items():
                if isinstance(value, Model):
                    self.models.set(name, value, self.types.spans.get(name))

    @property
    def sql(self) -> bool:
        """Whether this is a SQL schema (``configure({ database }).schema``)."""
        return self.engine != "dynamodb"

    def available(self) -> set[str]:
        names = set(self.methods) if self.sql else {"authorization"}
        return names - self.used

    def attribute(self, name: str) -> Any:
        return self.models if name == "models" else UNDEFINED

    def _authorization(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.auth = rules_of(interp, arg(args, 0), allow_object(interp, "schema"), span, ".authorization")
        self.used.add("authorization")
        return self

    def _add_to_schema(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        return self._add_types(interp, args, span, "addToSchema")

    def _add_queries(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        return self._add_types(interp, args, span, "addQueries")

    def _add_mutations(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        return self._add_types(interp, args, span, "addMutations")

    def _add_subscriptions(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        return self._add_types(interp, args, span, "addSubscriptions")

    def _add_types(self, interp: Runtime, args: list[Any], span: Span, method: str) -> Any:
        self.used.add(method)
        extra = arg(args, 0)
        if isinstance(extra, JSObject) and isinstance(self.types, JSObject):
            for name, value in extra.props.items():
                if method == "addToSchema" and isinstance(value, Model):
                    message = f"invalid value for {name}: models cannot be added to a SQL schema"
                    raise interp.fail("G030", message, extra.spans.get(name, span))
            merged = JSObject(dict(self.types.props), dict(self.types.spans), self.types.span)
            for name, value in extra.props.items():
                merged.set(name, value, extra.spans.get(name, span))
            self.types = merged
        return self

    def _set_authorization(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.used.add("setAuthorization")
        interp.call_callback(arg(args, 0), [self.models, self], span, ".setAuthorization")
        return self

    def _set_relationships(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.used.add("setRelationships")
        interp.call_callback(arg(args, 0), [self.models], span, ".setRelationships")
        return self

    def _rename_models(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.used.add("renameModels")
        changes = interp.call_callback(arg(args, 0), [], span, ".renameModels")
        if isinstance(changes, Poison | Unknown):
            return self
        if not isinstance(changes, JSArray) or not isinstance(self.types, JSObject):
            raise interp.fail("G030", f".renameModels(...) must return pairs of names, not {describe(changes)}", span)
        for change in changes.items:
            pair = change.items if isinstance(change, JSArray) else []
            current, new = [*pair, UNDEFINED, UNDEFINED][:2]
            target = self.types.props.get(current) if isinstance(current, str) else None
            if target is None:
                raise interp.fail("G030", f"invalid renameModels call: {current} is not defined in the schema", span)
            if not isinstance(new, str) or not new:
                raise interp.fail(
                    "G030", f"invalid renameModels call: the new name of {current} must be a non-empty string", span
                )
            where = self.types.spans.get(current, span)
            self.models.set(new, target, where)
            self.types.set(new, target, where)
            if isinstance(target, Model):
                target.original_name = current
            for holder in (self.models, self.types):
                holder.props.pop(current, None)
                holder.spans.pop(current, None)
        return self
