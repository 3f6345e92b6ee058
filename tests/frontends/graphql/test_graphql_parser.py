"""The fast parser used for position-free parses gives exactly the tree graphql-core's parser
gives (its lexer exactly the tokens graphql-core's lexer reads), and fails where it fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLES, GOLDEN
from graphql import GraphQLSyntaxError
from graphql.language import Lexer, Node, Source, TokenKind
from graphql.language.parser import Parser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translator.frontends.graphql.parser import AmplifyParser, UnplacedLexer, UnplacedParser

Tokens = list[tuple[str, int, int, str | None]]


def _tokens(lexer_class: type[Lexer], text: str) -> Tokens | str:
    """The token stream (kind, start, end, value), or the error message with its offset."""
    lexer = lexer_class(Source(text))
    out: Tokens = []
    try:
        while True:
            token = lexer.advance()
            out.append((token.kind.value, token.start, token.end, token.value))
            if token.kind is TokenKind.EOF:
                return out
    except GraphQLSyntaxError as error:
        return f"{error.message} @ {error.positions}"


def _schemas() -> list[Path]:
    paths = [*GOLDEN.glob("**/*.graphql"), *EXAMPLES.glob("*.graphql")]
    if CORPUS.is_dir():
        paths += CORPUS.glob("*/*.graphql")
    return sorted(paths)


def _tree(parser: Parser, offsets: bool = False) -> tuple[str, object]:
    """The parsed document, or the error message with its offset; lists and tuples kept apart."""
    try:
        document = parser.parse_document()
    except GraphQLSyntaxError as error:
        return ("error", f"{error.message} @ {error.positions}")
    return ("tree", _plain(document, offsets))


def _plain(value: object, offsets: bool = False) -> object:
    """A node as nested tuples; with ``offsets``, each node's location as (start, end, source)."""
    if isinstance(value, Node):
        place = (value.loc.start, value.loc.end, value.loc.source.body) if offsets and value.loc else None
        return (type(value).__name__, place,
                tuple((key, _plain(getattr(value, key), offsets)) for key in value.keys if key != "loc"))
    if isinstance(value, tuple):
        return ("tuple", tuple(_plain(item, offsets) for item in value))
    if isinstance(value, list):
        return ("list", tuple(_plain(item, offsets) for item in value))
    return value


def _same_parse(text: str) -> None:
    assert _tokens(UnplacedLexer, text) == _tokens(Lexer, text)
    assert _tree(UnplacedParser(Source(text))) == _tree(AmplifyParser(Source(text), no_location=True))
    # With positions: every node where graphql-core's parser places it.
    assert _tree(UnplacedParser(Source(text), positions=True), True) == _tree(AmplifyParser(Source(text)), True)


def test_every_known_schema_parses_the_same() -> None:
    paths = _schemas()
    assert len(paths) > 300
    trees = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert _tokens(UnplacedLexer, text) == _tokens(Lexer, text), path
        fast = _tree(UnplacedParser(Source(text)))
        assert fast == _tree(AmplifyParser(Source(text), no_location=True)), path
        placed = _tree(UnplacedParser(Source(text), positions=True), True)
        assert placed == _tree(AmplifyParser(Source(text)), True), path
        trees += fast[0] == "tree"
    assert trees > 300


TRICKY = [
    "",
    "   \n\r\n\r\t,,\ufeff",
    "# only a comment",
    "type A { a: Int # trailing\r\n b: [String!]! }",
    'type A @d(a: "plain", b: "", c: "with \\"escape\\"", d: "\\u00e9", e: "é ✓ 😀") { x: Int }',
    'a """block\n  string""" b """""" c ""',
    '"a""b"',
    '"unterminated',
    '"line\nbreak"',
    '"""unterminated block',
    "@d(n: 1, m: -2, f: 3.5e10, g: 0x1, h: 01, i: 1.)",
    "...spread .. . ",
    "a'b",
    "a\u00a0b",
    "a\x00b",
    "名前",
    "x # comment with \ud83d\ude00 pair\n y",
    "x # lone \ud800 surrogate\n y",
    'x "lone \udc00 in string" y',
    "{a:b}(c)[d]!$&|=",
    "_name9 __x A1_b",
    "1abc",
    "-name",
]


@pytest.mark.parametrize("text", TRICKY, ids=range(len(TRICKY)))
def test_tricky_text_parses_the_same(text: str) -> None:
    _same_parse(text)


PIECES = st.sampled_from(
    ["type", " ", "\n", "\r\n", ",", "#", "# c\n", '"', '"""', "\\", "\\u0041", "{", "}", "(", ")", "[", "]",
     ":", "!", "@", "=", "|", "&", "$", "...", ".", "1", "-", "0.5", "e3", "é", "\ud800", "A_b9", "'", "\t", "\ufeff"]
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES | st.text(max_size=3), max_size=40).map("".join))
def test_random_text_parses_the_same(text: str) -> None:
    _same_parse(text)


SCHEMA_PIECES = st.sampled_from(
    ["type A", "type B @model", "{", "}", " x: Int", " y: [String!]!", ' @index(name: "i")', " @hasMany",
     "(a: Int = 1, b: [B!])", '"""doc"""', '"d"', "\n", "enum E { X Y }", "input I { a: Int }", "extend type A",
     "interface N", "implements N", "union U = A | B", "scalar S", "schema { query: A }", ": ",
     "@auth(rules: [{allow: public}])"]
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SCHEMA_PIECES, max_size=30).map("".join))
def test_random_schemas_parse_the_same(text: str) -> None:
    _same_parse(text)
