"""Builders for combined schemas, custom operations, handlers and AI routes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from translator.core.diagnostics import Span
from translator.frontends.gen2.amplify.auth import allow_object
from translator.frontends.gen2.amplify.base import Builder, arg, rules_of
from translator.frontends.gen2.amplify.builders import RefField
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSArray, Native, Runtime, Unknown


@dataclass(eq=False)
class Combined(Builder):
    """``a.combine([schema, ...])``."""

    schemas: Any
    span: Span
    label = "a.combine(...)"

    def attribute(self, name: str) -> Any:
        return self.schemas if name == "schemas" else UNDEFINED


@dataclass(eq=False)
class CustomOperation(Builder):
    """``a.query()``, ``a.mutation()``, ``a.subscription()``, ``a.generation({...})``."""

    kind: str
    span: Span
    input: Any = None
    arguments: Any = None
    returns: Any = None
    returns_span: Span | None = None
    auth: list[Any] = field(default_factory=list)
    handlers: list[Any] | None = None
    sources: list[Any] = field(default_factory=list)
    methods: ClassVar[dict[str, str]] = {
        "arguments": "_arguments",
        "returns": "_returns",
        "authorization": "_authorization",
        "handler": "_handler",
        "for": "_for",
    }

    @property
    def label(self) -> str:  # type: ignore[override]
        return f"a.{self.kind.lower()}(...)"

    def _arguments(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.arguments = arg(args, 0)
        return self

    def _returns(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.returns, self.returns_span = arg(args, 0), span
        return self

    def _authorization(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.auth = rules_of(interp, arg(args, 0), allow_object(interp, "operation"), span, ".authorization")
        return self

    def _handler(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        value = arg(args, 0)
        self.handlers = list(value.items) if isinstance(value, JSArray) else [value]
        last = self.handlers[-1] if self.handlers else None
        if isinstance(last, Handler) and last.kind == "async":
            self.returns = RefField("EventInvocationResponse", span)
        return self

    def _for(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        value = arg(args, 0)
        self.sources = list(value.items) if isinstance(value, JSArray) else [value]
        return self


@dataclass(eq=False)
class Handler(Builder):
    """``a.handler.function(fn)`` (``.async()``), ``a.handler.custom({...})``, SQL handlers."""

    kind: str
    target: Any
    span: Span
    methods: ClassVar[dict[str, str]] = {"async": "_async"}
    label = "a handler"

    def available(self) -> set[str]:
        return {"async"} if self.kind == "function" else set()

    def _async(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        return Handler("async", self.target, span)


@dataclass(eq=False)
class Conversation(Builder):
    """``a.conversation({...})``: an AI conversation route."""

    input: Any
    span: Span
    auth: list[Any] = field(default_factory=list)
    methods: ClassVar[dict[str, str]] = {"authorization": "_authorization"}
    label = "a.conversation(...)"

    def _authorization(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.auth = rules_of(interp, arg(args, 0), allow_object(interp, "conversation"), span, ".authorization")
        return self


@dataclass(eq=False)
class Inert(Builder):
    """A value Amplify only passes along: ``a.ai.model(...)``, ``a.ai.dataTool(...)``, a
    ``defineFunction``/``defineAuth``/``defineStorage`` result, ``secret(...)``."""

    what: str
    span: Span

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.what

    def attribute(self, name: str) -> Any:
        if name == "getInstance":
            return Native("getInstance", lambda i, a, s: Unknown("getInstance()", s))
        return UNDEFINED
