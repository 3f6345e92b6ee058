"""``make_span`` makes the span ``Span`` makes, frozen like it; ``span_of`` places a node where
graphql-core says it starts, whatever order it is asked in."""

from __future__ import annotations

import dataclasses
import random

import pytest
from graphql.language import Source, parse

from translator.core.diagnostics import Span, make_span
from translator.frontends.graphql.values import span_of


@pytest.mark.parametrize(("path", "line", "column"), [("a.graphql", 1, 1), ("x", 0, 0), ("é/ü.ts", 87_000, 3)])
def test_make_span_is_span(path: str, line: int, column: int) -> None:
    made, built = make_span(path, line, column), Span(path, line, column)
    assert made == built and hash(made) == hash(built) and str(made) == str(built) and repr(made) == repr(built)
    assert not made < built and not built < made and type(made) is Span
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.line = 2  # type: ignore[misc]


def test_span_of_agrees_with_graphql_core_in_any_order() -> None:
    text = "type A {\r\n  a: Int @deprecated\r  b: [String!]!\n}\n\n\nenum E { X\n Y }\ntype B { c: A d: E }"
    document = parse(Source(text, "s.graphql"))
    nodes = []
    for definition in document.definitions:
        nodes.append(definition.name)
        for member in getattr(definition, "fields", None) or getattr(definition, "values", None) or ():
            nodes.extend([member.name, *([member.type] if hasattr(member, "type") else []), *member.directives])
    expected = [(n.loc.source.get_location(n.loc.start).line, n.loc.source.get_location(n.loc.start).column)
                for n in nodes]
    indexes = list(range(len(nodes)))
    for order in (indexes, indexes[::-1], random.Random(7).sample(indexes, len(indexes))):
        for index in order:
            span = span_of(nodes[index])
            assert (span.path, span.line, span.column) == ("s.graphql", *expected[index])
