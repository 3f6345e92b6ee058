"""Helpers shared by the tree-building callbacks (positions, token unwrapping, markers)."""

from __future__ import annotations

from typing import Any

from translator.frontends.gen2.syntax import ast
from translator.frontends.gen2.syntax.lexer import Tok

PRECEDENCE = {
    "??": 1,
    "||": 1,
    "&&": 2,
    "|": 3,
    "^": 4,
    "&": 5,
    "==": 6,
    "!=": 6,
    "===": 6,
    "!==": 6,
    "<": 7,
    ">": 7,
    "<=": 7,
    ">=": 7,
    "instanceof": 7,
    "in": 7,
    "<<": 8,
    ">>": 8,
    ">>>": 8,
    "+": 9,
    "-": 9,
    "*": 10,
    "/": 10,
    "%": 10,
    "**": 11,
}
NO_POS = ast.Pos(0, 0)


def tok(item: Any) -> Tok:
    """A token, also when it comes wrapped in the list the ``name`` rule returns."""
    token: Tok = item[0] if isinstance(item, list) else item
    return token


def pos(item: Any) -> ast.Pos:
    """Where a token (or a ``name`` rule's token list) starts."""
    token = tok(item)
    return ast.Pos(token.line or 0, token.column or 0)


def node_pos(node: Any) -> ast.Pos:
    """Where a token or node starts (``NO_POS`` when unknown)."""
    if isinstance(node, Tok):
        return pos(node)
    found = getattr(node, "pos", None)
    return found if isinstance(found, ast.Pos) else NO_POS


def first_pos(items: Any) -> ast.Pos:
    """The position of the first item whose position is known."""
    for item in items:
        found = node_pos(item)
        if found != NO_POS:
            return found
    return NO_POS


class Params(tuple[ast.Param, ...]):
    """The result of the ``params`` rule (a tuple type of its own so callbacks can find it)."""


class Args(tuple[ast.Expr | ast.Spread, ...]):
    """The result of the ``arguments`` rule."""


class Rest:
    """``...name`` in a pattern."""

    def __init__(self, name: str) -> None:
        self.name = name


def drop(_self: object, _children: list[Any]) -> None:
    """The callback of rules whose result is not needed (type annotations)."""
    return None
