"""The base of the objects Amplify's ``a.*`` builders return, and what every builder shares.

Each builder mirrors one builder of ``@aws-amplify/data-schema`` (1.26): a method exists only where
data-schema defines it (so ``a.enum([...]).default(...)`` fails as it does in Node), modifiers
mutate the builder and return it. Builders only record what was written; lowering decides what
it means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from translator.core.diagnostics import Span
from translator.frontends.gen2.interpreter.values import UNDEFINED, HostObject, JSArray, Native, Runtime

Method = Callable[[Runtime, list[Any], Span], Any]


class _Missing:
    """A modifier that was never called (``default`` distinguishes it from ``undefined``)."""

    def __repr__(self) -> str:
        return "<not set>"


NOT_SET = _Missing()
GENERATED = _Missing()  # `.default()` without a value: a database-generated value


def arg(args: list[Any], i: int) -> Any:
    """Argument ``i`` of a call, ``undefined`` when not given."""
    return args[i] if i < len(args) else UNDEFINED


class Builder(HostObject):
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


def rules_of(interp: Runtime, callback: Any, allow: Any, span: Span, what: str) -> list[Any]:
    """Run an ``.authorization(callback)``: the rules it returns, always as a list."""
    result = interp.call_callback(callback, [allow], span, what)
    return list(result.items) if isinstance(result, JSArray) else [result]
