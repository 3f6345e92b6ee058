"""The parsers every compile uses give exactly the tree graphql-core's parser gives, locations
included: our own SDL parser (:mod:`sdl_parser`) wherever it does not leave the text to
graphql-core's, and the fast graphql-core subclass (its lexer exactly the tokens graphql-core's
lexer reads), which fails where graphql-core's fails."""

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
from translator.frontends.graphql.sdl_parser import Unsupported, parse_sdl
from translator.frontends.graphql.sdl_tokens import read_tokens

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
    except RecursionError:
        return ("error", "nested too deeply")
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


def _sdl_tree(text: str, offsets: bool = False) -> tuple[str, object] | None:
    """Our SDL parser's document as :func:`_tree` gives it, or None when it leaves the text to
    graphql-core's parser."""
    try:
        return ("tree", _plain(parse_sdl(Source(text), offsets), offsets))
    except Unsupported:
        return None


def _same_sdl_parse(text: str) -> bool:
    """Our SDL parser gives graphql-core's tree, with and without positions, or gives up (always
    where graphql-core's parser fails). True when it gave the tree."""
    taken = 0
    for offsets in (False, True):
        reference = _tree(AmplifyParser(Source(text), no_location=not offsets), offsets)
        ours = _sdl_tree(text, offsets)
        assert ours is None or ours == reference
        taken += ours is not None
    assert taken in (0, 2)
    return taken == 2


def _same_tokens(text: str) -> None:
    """The tokens read without positions (a text of names, punctuators and plain strings is read
    whole, the rest token by token) are those read with them."""
    read = []
    for positions in (False, True):
        try:
            tokens = read_tokens(Source(text), positions)
            read.append((tokens.kinds, tokens.values))
        except Unsupported:
            read.append(None)
    assert read[0] == read[1]


def _same_parse(text: str) -> None:
    _same_tokens(text)
    _same_sdl_parse(text)
    assert _tokens(UnplacedLexer, text) == _tokens(Lexer, text)
    assert _tree(UnplacedParser(Source(text))) == _tree(AmplifyParser(Source(text), no_location=True))
    # With positions: every node where graphql-core's parser places it.
    assert _tree(UnplacedParser(Source(text), positions=True), True) == _tree(AmplifyParser(Source(text)), True)


def test_every_known_schema_parses_the_same() -> None:
    paths = _schemas()
    assert len(paths) > 300
    trees = ours = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        _same_tokens(text)
        ours += _same_sdl_parse(text)
        assert _tokens(UnplacedLexer, text) == _tokens(Lexer, text), path
        fast = _tree(UnplacedParser(Source(text)))
        assert fast == _tree(AmplifyParser(Source(text), no_location=True)), path
        placed = _tree(UnplacedParser(Source(text), positions=True), True)
        assert placed == _tree(AmplifyParser(Source(text)), True), path
        trees += fast[0] == "tree"
    assert trees > 300
    # Ours takes every schema that parses (graphql-core's parser is only for errors and operations).
    assert ours == trees


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
    # Every definition our SDL parser takes, and near misses it must leave to graphql-core's.
    '"d" schema @a { query: Q mutation: M subscription: S } extend schema @b extend schema { query: Q }',
    'schema { nothing: Q }',
    '"""s""" scalar S @a(b: 1) extend scalar S @c extend scalar S',
    'type A implements & B & C @d { "f" f("a" a: Int = 1 @x, b: [[B!]]! = [[null]]): [A] @e(x: {y: [1.5e3, -2]}) }',
    'type A implements B C { f: Int } type E {}',
    'interface I implements J @k { f: Int } extend interface I @x extend interface I implements K',
    'union U @a = | A | B extend union U = C extend union U @d union V',
    'enum E @a { "v" A @b true false null } extend enum E { C } extend enum E',
    'input I @a { a: Int = 1, b: E = V, c: [I] = [{a: 2}], d: String = """x""" } extend input I { e: Int }',
    '"d" directive @d("a" a: Int = 1) repeatable on FIELD_DEFINITION | OBJECT',
    'directive @d on | QUERY directive @e on NOT_A_LOCATION directive @f',
    '"d" extend type A @x',
    'extend directive @d @x',
    'type A { f: Int @d(a: $v) }',
    'type A { f(a: Int = $v): Int }',
    "type A { f: " + "[" * 200 + "Int" + "]" * 200 + " }",
    "type A { f: " + "[" * 201 + "Int" + "]" * 201 + " }",
    'type A @d(a: ' + "[" * 100 + "1" + "]" * 100 + ") { f: Int }",
    'type A @d(a: ' + "{a: " * 201 + "1" + "}" * 201 + ") { f: Int }",
    'type Q { f: Int } query { f }',
    '"d" { f }',
    'type A { f: Int } # end without a line end',
    '"" "a" "b""c" "d"""',
    'a "x" # c\n',
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
     "@auth(rules: [{allow: public}])", "extend schema @a", "extend enum E", "extend input I", "extend union U",
     "extend scalar S @x", "directive @d(a: Int = [1, {b: null}]) repeatable on FIELD_DEFINITION | OBJECT",
     "enum E { true null }", " = ", "[", "]", "| ", "& ", "1.5", "$v", " on ", "repeatable"]
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SCHEMA_PIECES, max_size=30).map("".join))
def test_random_schemas_parse_the_same(text: str) -> None:
    _same_parse(text)


def test_the_document_built_from_the_spans_alone_is_the_one_built_from_every_position() -> None:
    from translator.frontends.graphql.build import build_document

    built = 0
    for path in _schemas():
        text = path.read_text(encoding="utf-8")
        try:
            every = parse_sdl(Source(text, path.name), True)
        except Unsupported:
            continue
        spans = parse_sdl(Source(text, path.name), "spans")
        # Without locations the trees are graphql-core's: only the places differ.
        assert _plain(spans) == _plain(every), path
        try:
            expected = build_document(every)
        except Exception as error:  # a schema the validation would stop: building may fail too
            with pytest.raises(type(error)):
                build_document(spans)
            continue
        assert build_document(spans) == expected, path
        built += 1
    assert built > 300
