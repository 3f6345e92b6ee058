"""graphql-core's parser as Amplify reads schemas, and the faster subclass that parses what our
own parser (:mod:`sdl_parser`) leaves to graphql-core: operations and text with syntax errors,
which it reports with graphql-core's messages, and the sound parts of a broken schema
(:mod:`partial`).

:class:`AmplifyParser` is graphql-core's parser with one change Amplify's graphql 15 makes.

:class:`UnplacedParser` gives the same tree, faster and in less memory. Without positions its
nodes have no location; with positions each node's location holds only its start and end
offsets and its source, which is all a diagnostic needs (graphql-core's own locations also hold
the tokens, and through the lexer's links every token of the file). Line and column are computed from the start offset
when a diagnostic is made. What makes it faster (a third of the parse time of a large schema):

- :class:`UnplacedLexer` reads the tokens a schema is mostly made of (names, punctuators, plain
  strings, with the blanks and comments before them) with one regular expression, and hands
  every other case (numbers, block strings, escapes, anything unexpected) to graphql-core's own
  lexer from the same offset. It counts no lines: its tokens carry no line or column.
- The most frequent nodes (names, named types, field definitions) are made without graphql-core's
  ``Node.__init__``, which routes every attribute through a ``__setattr__`` that clears a hash
  cache a new node cannot have yet; they come out equal to the nodes it makes.

And the lexer unlinks each token it has moved past, so a token is freed as soon as the parser is
done with it, instead of every token of the file living until the end of the parse (graphql-core
links them both ways, and ``parse_document`` holds the first one): on a 20 MB schema that was
half the parse's memory.
"""

from __future__ import annotations

import re

from graphql.language import (
    FieldDefinitionNode,
    Lexer,
    Location,
    NamedTypeNode,
    NameNode,
    Source,
    Token,
    TokenKind,
)
from graphql.language.parser import Parser

from translator.frontends.graphql.compat import (
    bare_node,
    offsets_location,
    unlink_tokens,
    use_lexer,
)

_PUNCTUATORS = {kind.value: kind for kind in TokenKind if len(kind.value) == 1 and kind.value in "!$&():=@[]{|}"}

# Blanks, commas, byte-order marks, line ends and comments (which end before a surrogate, where
# graphql-core's lexer reports an invalid character), then one of the simple tokens. A string
# counts as plain without escapes or line ends, and when no quote follows it (so ``"""`` is a
# block string, left to graphql-core).
_NEXT_TOKEN = re.compile(
    r'(?:[ \t,\ufeff\n\r]|#[^\n\r\ud800-\udfff]*)*'
    r'(?:(?P<name>[_A-Za-z][_0-9A-Za-z]*)|(?P<punctuator>[!$&():=@\[\]{|}])'
    r'|"(?P<string>[^"\\\n\r\ud800-\udfff]*)"(?!"))?'
)


class UnplacedLexer(Lexer):
    """graphql-core's lexer with a regular-expression fast path and no line tracking."""

    def __init__(self, source: Source) -> None:
        super().__init__(source)
        self.names: dict[str, str] = {}

    def read_next_token(self, start: int) -> Token:
        """The token at or after ``start``, as graphql-core's lexer reads it."""
        body = self.source.body
        match = _NEXT_TOKEN.match(body, start)
        assert match is not None  # every group is optional: the pattern always matches
        kind = match.lastgroup
        end = match.end()
        if kind == "name":
            # One string per distinct name (a schema repeats its few names over and over).
            name = match.group(kind)
            return Token(TokenKind.NAME, match.start(kind), end, 0, 0, self.names.setdefault(name, name))
        if kind == "punctuator":
            return Token(_PUNCTUATORS[body[end - 1]], end - 1, end, 0, 0)
        if kind == "string":
            return Token(TokenKind.STRING, match.start(kind) - 1, end, 0, 0, match.group(kind))
        if end == len(body):
            return Token(TokenKind.EOF, end, end, 0, 0)
        # From the same start, so a comment the pattern stopped in is read as graphql-core reads it.
        return super().read_next_token(start)

    def advance(self) -> Token:
        """The next token; the tokens before the previous one are unlinked from it (the parser
        only ever looks back at ``last_token``)."""
        before = self.last_token
        self.last_token = self.token
        token = self.token = self.lookahead()
        # Token.next and Token.prev are the lexer's links; cut here, every token is freed as soon
        # as the parser has moved past it (no cycles, so the collector is not needed for them).
        before.next = None
        token.prev = None
        return token


class AmplifyParser(Parser):
    """graphql-core's parser as Amplify's graphql 15 parses SDL: enum values may be named
    ``true``, ``false`` or ``null`` (graphql 15 reads them with a plain name)."""

    def __init__(self, source: Source, *, no_location: bool = False) -> None:
        super().__init__(source, no_location=no_location)

    def parse_enum_value_name(self) -> NameNode:
        """Any name, ``true``, ``false`` and ``null`` included."""
        return self.parse_name()

    def release_tokens(self) -> None:
        """Unlink the tokens read so far (a 1000-model schema leaves ~100k in cycles otherwise)."""
        unlink_tokens(self)


class UnplacedParser(AmplifyParser):
    """:class:`AmplifyParser` with the fast lexer and node construction, and locations of
    offsets only (``positions=True``) or none. The overridden methods are graphql-core's own
    (the same in every 3.2 release) with :func:`compat.bare_node` in place of the node constructor."""

    def __init__(self, source: Source, *, positions: bool = False) -> None:
        super().__init__(source, no_location=True)
        self._unplaced_lexer = UnplacedLexer(source)
        use_lexer(self, self._unplaced_lexer)
        self._positions = positions

    def loc(self, start_token: Token) -> Location | None:
        """From ``start_token`` to the last token read, as offsets, when positions are kept."""
        if not self._positions:
            return None
        lexer = self._unplaced_lexer
        return offsets_location(start_token.start, lexer.last_token.end, lexer.source)

    def parse_name(self) -> NameNode:
        """Name."""
        token = self.expect_token(TokenKind.NAME)
        return bare_node(NameNode, value=token.value, loc=self.loc(token))

    def parse_named_type(self) -> NamedTypeNode:
        """NamedType: Name."""
        start = self._unplaced_lexer.token
        return bare_node(NamedTypeNode, name=self.parse_name(), loc=self.loc(start))

    def parse_field_definition(self) -> FieldDefinitionNode:
        """FieldDefinition: Description? Name ArgumentsDefinition? : Type Directives[Const]?"""
        start = self._unplaced_lexer.token
        description = self.parse_description()
        name = self.parse_name()
        arguments = self.parse_argument_defs()
        self.expect_token(TokenKind.COLON)
        type_ = self.parse_type_reference()
        directives = self.parse_const_directives()
        return bare_node(
            FieldDefinitionNode,
            description=description,
            name=name,
            arguments=arguments,
            type=type_,
            directives=directives,
            loc=self.loc(start),
        )
