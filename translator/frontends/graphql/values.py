"""Conversion of graphql-core AST pieces (values, types, positions) into the document model."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import lru_cache
from sys import maxsize

from graphql.language import (
    BooleanValueNode,
    EnumValueNode,
    FloatValueNode,
    IntValueNode,
    ListTypeNode,
    ListValueNode,
    NamedTypeNode,
    Node,
    NonNullTypeNode,
    NullValueNode,
    ObjectValueNode,
    Source,
    StringValueNode,
    TypeNode,
    ValueNode,
)

from translator.core.diagnostics import Span, make_span
from translator.core.document import TypeRef, Value

UNPLACED = Span("<schema>")  # the span of everything read without positions


def span_of(node: Node | None, fallback: str = "<schema>") -> Span:
    """The 1-based position where ``node`` starts, in the file it was parsed from."""
    loc = node.loc if node is not None else None
    if loc is None:
        return UNPLACED if fallback == "<schema>" else Span(fallback)
    return span_at(loc.source, loc.start)


def span_at(source: Source, start: int) -> Span:
    """The 1-based position of offset ``start`` in ``source``."""
    return lines_of(source).span(start)


def lines_of(source: Source) -> Lines:
    """The :class:`Lines` of ``source``, one per source (kept on it)."""
    lines: Lines | None = source.__dict__.get("lines")
    if lines is None:
        lines = source.__dict__["lines"] = Lines(source)
    return lines


class Lines:
    """The lines of one source, for the positions of offsets asked for mostly in text order
    and often on the line of the one before (every field of a schema read with positions):
    that line is tried first, then the table of line starts."""

    __slots__ = ("line", "line_end", "line_start", "name", "starts")

    def __init__(self, source: Source) -> None:
        self.name = source.name
        self.starts = _line_starts(source.body)
        self.line = self.line_start = self.line_end = 0

    def span(self, offset: int) -> Span:
        """The 1-based position of ``offset``."""
        if not self.line_start <= offset < self.line_end:
            starts = self.starts
            line = self.line = bisect_right(starts, offset)
            self.line_start = starts[line - 1]
            self.line_end = starts[line] if line < len(starts) else maxsize
        return make_span(self.name, self.line, offset - self.line_start + 1)


_LINE_BREAK = re.compile(r"\r\n|[\n\r]")


@lru_cache(maxsize=256)
def _line_starts(body: str) -> array[int]:
    """Offsets where lines start, with GraphQL's line terminators (\\n, \\r\\n, \\r): graphql-core's
    own ``get_location`` rescans the text on every call, which is quadratic over a schema.
    Machine integers: a large schema has a million lines, whose offsets as Python ints took
    30 MB. Never changed (callers share it)."""
    starts = array("q", [0])
    starts.extend(match.end() for match in _LINE_BREAK.finditer(body))
    return starts


def offset_at(body: str, line: int, column: int) -> int:
    """The offset of 1-based ``line`` and ``column`` in ``body`` (clamped to the text)."""
    starts = _line_starts(body)
    return min(starts[min(max(line, 1), len(starts)) - 1] + max(column, 1) - 1, len(body))


def position_at(body: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``body``."""
    starts = _line_starts(body)
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


def value_of(node: ValueNode) -> Value:
    """A literal as a plain Python value; variables (not valid in SDL) become None."""
    if isinstance(node, StringValueNode | EnumValueNode):
        return node.value
    if isinstance(node, IntValueNode):
        return int(node.value)
    if isinstance(node, FloatValueNode):
        return float(node.value)
    if isinstance(node, BooleanValueNode):
        return node.value
    if isinstance(node, NullValueNode):
        return None
    if isinstance(node, ListValueNode):
        return tuple(value_of(item) for item in node.values)
    if isinstance(node, ObjectValueNode):
        return {field.name.value: value_of(field.value) for field in node.fields}
    return None


def type_ref_of(node: TypeNode) -> TypeRef:
    """Unwrap list and non-null wrappers, keeping what the output and validation need."""
    # Most fields are `T` or `T!`: one shared, immutable TypeRef per name serves them all.
    if isinstance(node, NamedTypeNode):
        return _named_ref(node.name.value, False)
    if isinstance(node, NonNullTypeNode) and isinstance(node.type, NamedTypeNode):
        return _named_ref(node.type.name.value, True)
    depth = 0
    list_required = False
    current = node
    outermost = True
    while True:
        if isinstance(current, NonNullTypeNode):
            inner = current.type
            if isinstance(inner, ListTypeNode) and outermost:
                list_required = True
            if isinstance(inner, NamedTypeNode):
                return TypeRef(inner.name.value, depth > 0, True, list_required, depth)
            current = inner
            continue
        if isinstance(current, ListTypeNode):
            depth += 1
            outermost = False
            current = current.type
            continue
        assert isinstance(current, NamedTypeNode)
        return TypeRef(current.name.value, depth > 0, False, list_required, depth)


@lru_cache(maxsize=4096)
def _named_ref(name: str, required: bool) -> TypeRef:
    return TypeRef(name, False, required)
