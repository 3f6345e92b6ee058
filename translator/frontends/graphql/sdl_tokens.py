"""The tokens of a schema as flat lists, for :mod:`sdl_leaves` and :mod:`sdl_parser`.

One regular expression reads the tokens a schema is mostly made of (names, punctuators, plain
strings, each with the blanks and comments before it); graphql-core's own lexer reads the rest
(numbers, block strings, strings with escapes) from the same offset, so every token has the kind,
value and offsets graphql-core gives it. Anything else (``...`` and other tokens of operations,
an invalid character, a lone surrogate in a comment) is left to graphql-core's parser:
:class:`Unsupported`.

Kinds are short strings: a punctuator is its own character, ``N`` a name, ``S`` a string, ``B`` a
block string, ``I`` an integer, ``F`` a float and ``E`` the end. Values are the token's value
(None for punctuators and the end). Offsets are kept only when asked for (a compile without
positions needs none), in arrays of machine integers: a 20 MB schema has 4 million tokens, whose
offsets as Python ints took 300 MB. Only where tokens start is kept for all: where a name or a
punctuator ends follows from its start, and the end of anything else (strings, numbers) is kept
on its own; only syntax trees with every node placed ask for ends.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from sys import intern

from graphql import GraphQLError
from graphql.language import Lexer, Source, TokenKind

NAME, STRING, BLOCK_STRING, INT, FLOAT, END = "N", "S", "B", "I", "F", "E"

# Blanks, commas, byte-order marks, line ends and comments (which end before a surrogate, where
# graphql-core's lexer reports an invalid character), then a name, a punctuator or a string
# without escapes or line ends and with no quote after it (``"""`` starts a block string).
# Possessive repeats (``*+``): none of them ever gives back what it took, and not keeping the
# places to go back to saves a sixth of the matching time.
_NEXT_TOKEN = re.compile(
    r'[ \t,\ufeff\n\r]*+(?:#[^\n\r\ud800-\udfff]*+[ \t,\ufeff\n\r]*+)*+'
    r'(?:([_A-Za-z][_0-9A-Za-z]*+)|([!$&():=@\[\]{|}])|"([^"\\\n\r\ud800-\udfff]*+)"(?!"))?'
)

# The kinds graphql-core's lexer may read here that the parser takes.
_SLOW_KINDS = {TokenKind.STRING: STRING, TokenKind.BLOCK_STRING: BLOCK_STRING, TokenKind.INT: INT,
               TokenKind.FLOAT: FLOAT, TokenKind.EOF: END}


class Unsupported(Exception):
    """The text holds something only graphql-core's parser handles (or reports)."""


@dataclass(slots=True)
class Tokens:
    """The tokens of one text, in order, the last of kind ``E``; ``other_ends``: where each
    token that is neither a name nor a punctuator ends, by its index."""

    kinds: list[str]
    values: list[str | None]
    starts: array[int]
    other_ends: dict[int, int]

    def end(self, index: int) -> int:
        """Where token ``index`` ends (with positions)."""
        kind = self.kinds[index]
        if kind == NAME:
            return self.starts[index] + len(self.values[index] or "")
        if kind in _PUNCTUATORS:
            return self.starts[index] + 1
        return self.other_ends[index]


_PUNCTUATORS = frozenset("!$&():=@[]{|}")


def read_tokens(source: Source, positions: bool) -> Tokens:
    """Every token of ``source``; ``starts`` and ``other_ends`` are empty without ``positions``."""
    body = source.body
    kinds: list[str] = []
    values: list[str | None] = []
    starts: array[int] = array("q")
    other_ends: dict[int, int] = {}
    add_kind, add_value, add_start = kinds.append, values.append, starts.append
    position = 0
    lexer: Lexer | None = None
    while True:
        # Two copies of one loop, so the common case (no positions) tests nothing per token.
        stop = position
        if positions:
            for match in _NEXT_TOKEN.finditer(body, position):
                group = match.lastindex
                if group is None:
                    # From the match's start, so a comment the pattern stopped in is read whole.
                    stop = match.start()
                    break
                value = match[group]
                end = match.end()
                if group == 1:
                    add_kind(NAME)
                    add_value(intern(value))
                    add_start(end - len(value))
                elif group == 2:
                    add_kind(value)
                    add_value(None)
                    add_start(end - 1)
                else:
                    other_ends[len(kinds)] = end
                    add_kind(STRING)
                    add_value(value)
                    add_start(end - len(value) - 2)
        else:
            # Groups by subscript: a tenth faster than .group() over four million tokens.
            for match in _NEXT_TOKEN.finditer(body, position):
                group = match.lastindex
                if group == 1:
                    add_kind(NAME)
                    add_value(intern(match[1]))  # one string per name: a schema repeats few
                elif group == 2:
                    add_kind(match[2])
                    add_value(None)
                elif group == 3:
                    add_kind(STRING)
                    add_value(match[3])
                else:
                    stop = match.start()
                    break
        lexer = lexer or Lexer(source)
        try:
            token = lexer.read_next_token(stop)
            while token.kind is TokenKind.COMMENT:  # read again: the pattern stopped after it
                token = lexer.read_next_token(token.end)
        except GraphQLError:
            raise Unsupported from None
        kind = _SLOW_KINDS.get(token.kind)
        if kind is None:
            raise Unsupported
        add_kind(kind)
        add_value(token.value)
        if positions:
            other_ends[len(kinds) - 1] = token.end
            add_start(token.start)
        if kind == END:
            return Tokens(kinds, values, starts, other_ends)
        position = token.end
