"""graphql-core's parser as Amplify reads schemas, and a faster one for parses without positions.

:class:`AmplifyParser` is graphql-core's parser with one change Amplify's graphql 15 makes.

:class:`UnplacedParser` gives the same tree without source locations, faster. It is used for
the first parse of a compile; whenever there is anything to report, the schema is parsed again
with :class:`AmplifyParser`, so its diagnostics never depend on the fast one. Two things make it
faster (a third of the parse time of a large schema):

- :class:`UnplacedLexer` reads the tokens a schema is mostly made of (names, punctuators, plain
  strings, with the blanks and comments before them) with one regular expression, and hands
  every other case (numbers, block strings, escapes, anything unexpected) to graphql-core's own
  lexer from the same offset. It counts no lines: its tokens carry no line or column.
- The most frequent nodes (names, named types, field definitions) are made without graphql-core's
  ``Node.__init__``, which routes every attribute through a ``__setattr__`` that clears a hash
  cache a new node cannot have yet; they come out equal to the nodes it makes.
"""

from __future__ import annotations

import re

from graphql.language import (
    FieldDefinitionNode,
    Lexer,
    NamedTypeNode,
    NameNode,
    Source,
    Token,
    TokenKind,
)
from graphql.language.parser import Parser

from translator.frontends.graphql.compat import bare_node, unlink_tokens, use_lexer

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

    def read_next_token(self, start: int) -> Token:
        """The token at or after ``start``, as graphql-core's lexer reads it."""
        body = self.source.body
        match = _NEXT_TOKEN.match(body, start)
        assert match is not None  # every group is optional: the pattern always matches
        kind = match.lastgroup
        end = match.end()
        if kind == "name":
            return Token(TokenKind.NAME, match.start(kind), end, 0, 0, match.group(kind))
        if kind == "punctuator":
            return Token(_PUNCTUATORS[body[end - 1]], end - 1, end, 0, 0)
        if kind == "string":
            return Token(TokenKind.STRING, match.start(kind) - 1, end, 0, 0, match.group(kind))
        if end == len(body):
            return Token(TokenKind.EOF, end, end, 0, 0)
        # From the same start, so a comment the pattern stopped in is read as graphql-core reads it.
        return super().read_next_token(start)


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
    """:class:`AmplifyParser` without locations, with the fast lexer and node construction.
    The overridden methods are graphql-core's own (the same in every 3.2 release) with
    :func:`compat.bare_node` in place of the node constructor."""

    def __init__(self, source: Source) -> None:
        super().__init__(source, no_location=True)
        use_lexer(self, UnplacedLexer(source))

    def parse_name(self) -> NameNode:
        """Name."""
        return bare_node(NameNode, value=self.expect_token(TokenKind.NAME).value)

    def parse_named_type(self) -> NamedTypeNode:
        """NamedType: Name."""
        return bare_node(NamedTypeNode, name=self.parse_name())

    def parse_field_definition(self) -> FieldDefinitionNode:
        """FieldDefinition: Description? Name ArgumentsDefinition? : Type Directives[Const]?"""
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
        )
