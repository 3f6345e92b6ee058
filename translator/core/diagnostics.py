"""The one diagnostic type every stage reports through, and its text rendering."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, cast

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A position in a source file: 1-based line and column, like graphql-core reports them."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


class _UnfrozenSpan:
    """A span's layout (the same slots, in order) without the frozen dataclass's ``__setattr__``,
    whose checks are most of the cost of making a span."""

    __slots__ = ("path", "line", "column")  # noqa: RUF023 - Span's order: the layouts must match

    def __init__(self, path: str, line: int, column: int) -> None:
        self.path = path
        self.line = line
        self.column = column


def make_span(path: str, line: int, column: int) -> Span:
    """``Span(path, line, column)``, made in half the time: for the loop that places every type,
    field, directive and argument of a schema read with positions. Made as a :class:`_UnfrozenSpan`
    and then given its class, which Python allows between classes of one layout; frozen from then
    on, as every span."""
    span: Any = _UnfrozenSpan(path, line, column)
    span.__class__ = Span
    return cast(Span, span)


TargetPart = Literal["type", "model", "field", "value"]


@dataclass(frozen=True, slots=True)
class Target:
    """What a diagnostic points at, by name rather than by position: the name of type
    ``type_name`` (``part`` "type"), its ``@model`` (the ``@``), its field ``name`` or
    its enum value ``name``. A schema read without positions reports its warnings with their
    targets, and only those are placed in the text afterwards."""

    type_name: str
    part: TargetPart = "type"
    name: str = ""


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a diagnostic, such as the other end of a relationship."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in a schema, with a stable code (see ``codes.py``) and where it is."""

    code: str
    message: str
    span: Span
    severity: Severity = "error"
    related: tuple[Related, ...] = field(default=())

    @property
    def path(self) -> str:
        """The file the diagnostic points into."""
        return self.span.path

    @property
    def line(self) -> int:
        """1-based line, 0 when the problem concerns a whole file."""
        return self.span.line

    @property
    def column(self) -> int:
        """1-based column, 0 when the problem concerns a whole file."""
        return self.span.column

    def render(self) -> str:
        """``path:line:col: error[CODE]: message``, then one indented line per related place."""
        lines = [f"{self.span}: {self.severity}[{self.code}]: {self.message}"]
        lines.extend(f"  {r.span}: note: {r.message}" for r in self.related)
        return "\n".join(lines)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Source order, duplicates removed, so reports are the same whatever order stages ran in."""
    unique = {(d.span, d.code, d.message): d for d in diagnostics}
    return [unique[key] for key in sorted(unique)]


class CompilationError(Exception):
    """Raised when a schema has errors; ``diagnostics`` holds every one found in the run."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = sort_diagnostics(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


class SourceError(Exception):
    """A usage or I/O problem (missing file, folder without schema, non-UTF-8 text): exit 2."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(diagnostic.render())
