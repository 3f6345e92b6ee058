"""Builders for combined schemas, custom operations, handlers, AI routes and authorization rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from translator.core.diagnostics import Span
from translator.frontends.gen2.amplify.builders import Builder, RefField, rules_of
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSArray, Native, Poison, Unknown

if TYPE_CHECKING:
    from translator.frontends.gen2.interpreter.evaluate import Interpreter


def _arg(args: list[Any], i: int) -> Any:
    return args[i] if i < len(args) else UNDEFINED


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

    def _arguments(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.arguments = _arg(args, 0)
        return self

    def _returns(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.returns, self.returns_span = _arg(args, 0), span
        return self

    def _authorization(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        from translator.frontends.gen2.amplify.namespace import allow_object  # noqa: PLC0415 - cycle

        self.auth = rules_of(interp, _arg(args, 0), allow_object("operation"), span, ".authorization")
        return self

    def _handler(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        value = _arg(args, 0)
        self.handlers = list(value.items) if isinstance(value, JSArray) else [value]
        last = self.handlers[-1] if self.handlers else None
        if isinstance(last, Handler) and last.kind == "async":
            self.returns = RefField("EventInvocationResponse", span)
        return self

    def _for(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        value = _arg(args, 0)
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

    def _async(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        return Handler("async", self.target, span)


@dataclass(eq=False)
class Conversation(Builder):
    """``a.conversation({...})``: an AI conversation route."""

    input: Any
    span: Span
    auth: list[Any] = field(default_factory=list)
    methods: ClassVar[dict[str, str]] = {"authorization": "_authorization"}
    label = "a.conversation(...)"

    def _authorization(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        from translator.frontends.gen2.amplify.namespace import allow_object  # noqa: PLC0415 - cycle

        self.auth = rules_of(interp, _arg(args, 0), allow_object("conversation"), span, ".authorization")
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


@dataclass(eq=False)
class AuthRule(Builder):
    """A rule from ``allow.*``; ``.to()``, ``.identityClaim()``, ``.withClaimIn()`` each work once.

    Copies made by those methods share ``data``, as data-schema's do.
    """

    data: dict[str, Any]
    span: Span
    remaining: frozenset[str] = frozenset()
    methods: ClassVar[dict[str, str]] = {
        "to": "_to",
        "identityClaim": "_identity_claim",
        "withClaimIn": "_with_claim_in",
    }
    label = "an authorization rule"

    def available(self) -> set[str]:
        return set(self.remaining)

    def _copy_without(self, name: str) -> AuthRule:
        return AuthRule(self.data, self.span, self.remaining - {name})

    def _to(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.data["operations"] = _arg(args, 0)
        return self._copy_without("to")

    def _identity_claim(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.data["identityClaim"] = _arg(args, 0)
        return self._copy_without("identityClaim")

    def _with_claim_in(self, interp: Interpreter, args: list[Any], span: Span) -> Any:
        self.data["groupClaim"] = _arg(args, 0)
        return self._copy_without("withClaimIn")


def is_rule(value: Any) -> bool:
    """Whether ``value`` is an authorization rule (poisoned values count, they were reported)."""
    return isinstance(value, AuthRule | Poison)


from translator.frontends.gen2.amplify.schema import Schema  # noqa: E402 - re-exported for callers

__all__ = ["AuthRule", "Combined", "Conversation", "CustomOperation", "Handler", "Inert", "Schema", "is_rule"]
