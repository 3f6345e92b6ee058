"""A contextual lexer for the TypeScript grammar, faster than lark's generic one.

It does what lark's contextual lexer does: a word that is a keyword becomes the keyword only where
the parser accepts that keyword (``default`` after ``.`` stays a property name), and of the
operators that share a prefix it picks the longest one the parser accepts (``>`` rather than
``>>`` when closing ``Array<Array<T>>``). One compiled pattern matches every token class, which
is what makes a 1,500-line file lex in a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterator
from typing import Any, ClassVar

from lark import Token

from translator.frontends.gen2.syntax.lark_compat import Lexer, LexerConf, LexerState, terminals

_WORD = re.compile(r"(?!\d)[\w$\u200c\u200d]+")


class Tok(str):
    """A token: its text, with the terminal name and 1-based position as attributes.

    Lighter than ``lark.Token`` (whose constructor dominated parse time); the tree builder only
    needs these three attributes.
    """

    type: str
    line: int
    column: int


def _tok(kind: str, value: str, line: int, column: int) -> Tok:
    token = Tok(value)
    token.type = kind
    token.line = line
    token.column = column
    return token


class LexError(Exception):
    """A character that starts no token."""

    def __init__(self, char: str, line: int, column: int) -> None:
        super().__init__(f"unexpected character {char!r}")
        self.char = char
        self.line = line
        self.column = column


class ContextualLexer(Lexer):
    """Lexes one file while the LALR parser runs, asking the parser which tokens fit (see module)."""

    __future_interface__: ClassVar[int] = 2

    def __init__(self, conf: LexerConf) -> None:
        literals, patterns = terminals(conf)
        self.keywords = {text: name for text, name in literals.items() if _WORD.fullmatch(text)}
        punctuators = sorted((t for t in literals if t not in self.keywords), key=len, reverse=True)
        self.punctuators = {text: literals[text] for text in punctuators}
        # For an operator the parser does not accept here: its shorter prefixes, longest first.
        self.prefixes = {
            text: [p for p in punctuators if len(p) < len(text) and text.startswith(p)] for text in punctuators
        }
        self.pattern = re.compile(
            "|".join(
                [
                    r"(?P<skip>[\s\ufeff]+|//[^\n\r\u2028\u2029]*|/\*[\s\S]*?\*/)",
                    f"(?P<TEMPLATE>{patterns['TEMPLATE']})",
                    f"(?P<STRING>{patterns['STRING']})",
                    f"(?P<NUMBER>{patterns['NUMBER']})",
                    f"(?P<IDENT>{patterns['IDENT']})",
                    "(?P<punct>" + "|".join(re.escape(p) for p in punctuators) + ")",
                ]
            )
        )

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        """Not used: :class:`driver.Driver` runs the parser and calls :meth:`scan` itself."""
        raise NotImplementedError("parse with translator.frontends.gen2.syntax.driver.Driver")

    def scan(self, text: str, accepted: Callable[[], Container[str]]) -> Iterator[Tok]:
        """Yield the tokens of ``text``; ``accepted()`` names the terminals the parser expects."""
        match = self.pattern.match
        keywords = self.keywords
        punctuators = self.punctuators
        pos = 0
        line = 1
        line_start = 0
        if text.startswith("#!"):
            pos = text.find("\n") if "\n" in text else len(text)
        end = len(text)
        while pos < end:
            found = match(text, pos)
            if found is None:
                raise LexError(text[pos], line, pos - line_start + 1)
            kind = found.lastgroup
            value = found.group()
            start = pos
            pos = found.end()
            if kind == "punct":
                name = punctuators[value]
                if self.prefixes[value]:
                    expected = accepted()
                    if name not in expected:
                        for shorter in self.prefixes[value]:
                            if punctuators[shorter] in expected:
                                value, name = shorter, punctuators[shorter]
                                pos = start + len(shorter)
                                break
                yield _tok(name, value, line, start - line_start + 1)
                continue
            if kind == "IDENT":
                keyword = keywords.get(value)
                if keyword is not None and keyword in accepted():
                    kind = keyword
                yield _tok(kind, value, line, start - line_start + 1)
                continue
            if kind != "skip":
                assert kind is not None
                yield _tok(kind, value, line, start - line_start + 1)
            breaks = value.count("\n")
            if breaks:
                line += breaks
                line_start = start + value.rfind("\n") + 1
