"""Run-time values of the evaluator: JavaScript objects, arrays, functions and special markers.

These are mutable on purpose: the Amplify builders mutate the object a modifier is called on
(``const f = a.string(); f.required()`` makes ``f`` required), and the evaluator reproduces that.
Nothing here leaves the evaluator; lowering turns them into the frozen :mod:`translator.core.document`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from translator.core.diagnostics import Diagnostic, Span
from translator.frontends.gen2.interpreter.scope import Scope
from translator.frontends.gen2.syntax import ast
from translator.frontends.gen2.syntax.jsstrings import number_to_string

T = TypeVar("T")


class _Undefined:
    """JavaScript ``undefined`` (``None`` is ``null``)."""

    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "undefined"

    def __bool__(self) -> bool:
        return False


UNDEFINED = _Undefined()


class JSError(Exception):
    """An evaluation error; it aborts the current expression like a JavaScript exception."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


class SourceText(str):
    """A multi-line string literal that remembers where its text starts (an SDL schema string
    given to ``defineData`` is compiled with positions in the ``.ts`` file)."""

    span: Span


@dataclass(eq=False)
class Poison:
    """The value of an expression whose error has already been reported; it spreads silently."""


POISON = Poison()


@dataclass(eq=False)
class Unknown:
    """A value that only exists when the app runs (``process.env``, a package's function, ...).

    It is harmless until the schema needs it; then ``what`` and ``span`` name the construct.
    """

    what: str
    span: Span


@dataclass(eq=False)
class Opaque:
    """Something from outside the data definition (a package, ``process``, ``Date``);
    ``source`` names the package it was imported from."""

    name: str
    source: str = ""

    def describe(self, member: str = "") -> str:
        """``name.member`` for messages, with the package it comes from."""
        text = f"{self.name}.{member}" if member else self.name
        return f"{text} (imported from {self.source!r})" if self.source else text


@dataclass(eq=False)
class Stub:
    """A name imported from a local module that is not there (typically a function resource).

    Like Amplify's build, it may be passed around (``a.handler.function(fn)``) but not called.
    """

    name: str
    module: str


@dataclass(eq=False)
class JSObject:
    """A plain object; ``spans`` keeps where each key was written (for diagnostics)."""

    props: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, Span] = field(default_factory=dict)
    span: Span | None = None

    def set(self, key: str, value: Any, span: Span | None) -> None:
        """Assign like JavaScript: an existing key keeps its place (and first position)."""
        if key not in self.props and span is not None:
            self.spans[key] = span
        self.props[key] = value


@dataclass(eq=False)
class JSArray:
    """An array; ``spans`` has the position of each element where known."""

    items: list[Any] = field(default_factory=list)
    spans: list[Span | None] = field(default_factory=list)
    span: Span | None = None

    def span_at(self, index: int) -> Span | None:
        """Where element ``index`` was written, when known (computed arrays have no spans)."""
        return self.spans[index] if index < len(self.spans) else None


@dataclass(eq=False)
class Closure:
    """A function written in the file."""

    function: ast.Function
    scope: Scope
    path: str


class Runtime(Protocol):
    """What a native function may ask of the evaluator that calls it."""

    def fail(self, code: str, message: str, span: Span) -> JSError:
        """An error to raise; it is reported where evaluation recovers."""

    def truthy(self, value: Any, span: Span) -> bool:
        """JavaScript truthiness."""

    def call_callback(self, callback: Any, args: list[Any], span: Span, what: str) -> Any:
        """Call a function value the native was given (a callback)."""

    def intrinsic(self, key: str, make: Callable[[], T]) -> T:
        """The evaluation's own instance of a host object, made by ``make`` on first use: one
        per evaluation, as a module-level object is one per Node process, never shared between
        compiles."""


NativeImpl = Callable[[Runtime, list[Any], Span], Any]


class HostObject:
    """An object the host environment provides (an Amplify builder): its properties come from
    Python, through :meth:`member`."""

    label: str = "an object"

    def member(self, name: str) -> Any:
        """``self.name`` as JavaScript sees it."""
        return UNDEFINED


@dataclass(eq=False)
class Native:
    """A function provided by the evaluator (``a.string``, ``Object.values``, a builder method)."""

    name: str
    impl: NativeImpl


def js_typeof(value: Any) -> str:
    """JavaScript ``typeof``."""
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, float | int):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Closure | Native | Stub):
        return "function"
    return "object"


def to_display(value: Any) -> str:
    """``String(value)`` for the values the schema can hold (used for ``@default`` and names)."""
    if value is UNDEFINED:
        return "undefined"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float | int):
        return number_to_string(float(value))
    if isinstance(value, str):
        return value
    if isinstance(value, JSArray):
        return ",".join("" if v is None or v is UNDEFINED else to_display(v) for v in value.items)
    if isinstance(value, Closure | Native):
        return "function"
    return "[object Object]"


def describe(value: Any) -> str:
    """A short description of a value for messages (``a string``, ``a.model(...)``, ...)."""
    if isinstance(value, HostObject):
        return value.label
    if value is UNDEFINED:
        return "undefined"
    if value is None:
        return "null"
    kinds = {bool: "a boolean", str: "a string", float: "a number", int: "a number"}
    for kind, text in kinds.items():
        if isinstance(value, kind):
            return text
    if isinstance(value, JSArray):
        return "an array"
    if isinstance(value, Closure | Native | Stub):
        return "a function"
    return "an object"
