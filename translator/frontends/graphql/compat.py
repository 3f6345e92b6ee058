"""Every use of graphql-core beyond its documented API, in one place.

The GraphQL front end writes node fields directly (nodes made without ``Node.__init__``,
locations without tokens), swaps the parser's lexer, unlinks the lexer's token chain, reads the
visitor key table and the per-kind handlers of validation rules, and empties the handler caches
of visitors. These are stable across the 3.2 series; importing this module refuses any other
series.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import graphql
from graphql.language import Lexer, Location, Node, Source, Token
from graphql.language.parser import Parser
from graphql.language.visitor import QUERY_DOCUMENT_KEYS as _KEYS  # type: ignore[attr-defined]
from graphql.language.visitor import Visitor

from translator.core.dependencies import require

SPEC = ">=3.2.3,<3.3"
require("graphql-core", graphql.__version__, (3, 2), (3, 2, 3), SPEC)

NodeT = TypeVar("NodeT", bound=Node)
T = TypeVar("T")

# Which attributes of each node kind hold child nodes, in visiting order.
QUERY_DOCUMENT_KEYS: dict[str, tuple[str, ...]] = _KEYS

_WRITERS: dict[type[Node], tuple[tuple[str, Callable[[Any, Any], None]], ...]] = {}


def bare_node(cls: type[NodeT], **values: Any) -> NodeT:
    """``cls(**values)`` as ``Node.__init__`` makes it (every key set, lists made tuples) but
    with the attributes' slot writers: ``Node.__setattr__`` clears a hash cache that a new node
    cannot have yet, which made node construction a large part of parsing."""
    node = object.__new__(cls)
    for key, write in node_writers(cls):
        value = values.get(key)
        write(node, tuple(value) if isinstance(value, list) else value)
    return node


def node_writers(cls: type[Node]) -> tuple[tuple[str, Callable[[Any, Any], None]], ...]:
    """Each key of ``cls`` nodes (``loc`` first) with its :func:`slot_writer`."""
    writers = _WRITERS.get(cls)
    if writers is None:
        writers = _WRITERS[cls] = tuple((key, slot_writer(cls, key)) for key in cls.keys)
    return writers


def slot_writer(cls: type[Node], key: str) -> Callable[[Any, Any], None]:
    """The function that sets attribute ``key`` of a ``cls`` node without ``Node.__setattr__``
    (the set method of the attribute's slot; every node attribute is a slot in 3.2)."""
    setter: Callable[[Any, Any], None] = getattr(cls, key).__set__
    return setter


def use_lexer(parser: Parser, lexer: Lexer) -> None:
    """Make ``parser`` read its tokens from ``lexer``."""
    parser._lexer = lexer  # noqa: SLF001


def unlink_tokens(parser: Parser) -> None:
    """Unlink the tokens ``parser`` has read. The lexer links them both ways, so every token
    sits in a reference cycle that only the cyclic collector frees; unlinked, each is freed as
    soon as nothing uses it (node locations keep the tokens they point at)."""
    token: Token | None = parser._lexer.token  # noqa: SLF001
    while token is not None:
        previous = token.prev
        token.prev = token.next = None
        token = previous


class OffsetsLocation(Location):
    """A location with the offsets and source graphql-core's would have, without its tokens
    (which would keep the token list alive): all that ``GraphQLError`` and our spans read. A
    subclass only for its constructor: plain slot writes, a fifth of the cost of any other way
    of making a location, which counts when every node of a large schema has one."""

    __slots__ = ()

    def __init__(self, start: int, end: int, source: Source) -> None:  # noqa: D107 - as the class says
        self.start = start
        self.end = end
        self.source = source
        self.start_token = self.end_token = None  # type: ignore[assignment]


def offsets_location(start: int, end: int, source: Source) -> Location:
    """A location from ``start`` to ``end`` in ``source``, without tokens."""
    return OffsetsLocation(start, end, source)


def handlers_for_kind(visitor: Visitor, kind: str) -> tuple[Any, Any]:
    """The enter and leave handlers ``visitor`` has for nodes of ``kind`` (either may be None)."""
    enter, leave = visitor.get_enter_leave_for_kind(kind)
    return enter, leave


def release_visitors(visitors: Iterable[Visitor]) -> None:
    """A visitor caches its own bound methods, a reference cycle that would keep the visitor's
    context, and through it the whole syntax tree, alive until the cyclic collector runs;
    emptying the caches lets reference counting free them at once."""
    for visitor in visitors:
        visitor.enter_leave_map.clear()


def cached_on_source(source: Source, key: str, compute: Callable[[str], T]) -> T:
    """``compute(source.body)``, kept on ``source`` (a ``Source`` has a ``__dict__``). Kept there
    rather than in a cache keyed by the text: two parses of one file hold equal texts in two
    objects, and such a cache compares them character by character on every lookup."""
    values = source.__dict__
    if key not in values:
        values[key] = compute(source.body)
    value: T = values[key]
    return value
