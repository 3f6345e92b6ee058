"""A lean LALR driver over the tables lark computed for the TypeScript grammar.

lark's own driver checks assertions and looks up rule names through ``Token`` objects on every
reduction; for a 1,500-line file that is most of the parse time. This loop does the same shifts
and reductions with plain strings and integers, calls the same callbacks lark built for the
grammar (so the tree is identical), and lexes lazily so the lexer can ask the parser's current
state which keywords and operators fit (a contextual lexer).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lark import Lark

from translator.frontends.gen2.syntax.lark_compat import actions, passes_through, start_states
from translator.frontends.gen2.syntax.lexer import ContextualLexer, Tok

# (number of symbols, callback or None for a pass-through `?rule: other`, rule name)
_Reduce = tuple[int, Callable[[list[Any]], Any] | None, str]


class ParseError(Exception):
    """A token the grammar does not allow where it stands (``token`` None at the end of input)."""

    def __init__(self, token: Tok | None) -> None:
        super().__init__("unexpected token")
        self.token = token


class Driver:
    """Parses with the tables and callbacks of a built :class:`lark.Lark` LALR parser."""

    def __init__(self, lark: Lark, lexer: ContextualLexer) -> None:
        self.lexer = lexer
        # Terminal actions (shift to a state, or reduce) and nonterminal gotos, kept apart so the
        # loop below needs no type tests beyond shift-or-reduce.
        self.actions: dict[int, dict[str, int | _Reduce]] = {}
        self.gotos: dict[int, dict[str, int]] = {}
        for state, name, shift, arg, callback in actions(lark):
            self.actions.setdefault(state, {})
            self.gotos.setdefault(state, {})
            if not shift:
                reduce = None if passes_through(arg) else callback
                self.actions.setdefault(state, {})[name] = (len(arg.expansion), reduce, str(arg.origin.name))
            elif name.isupper() or name.startswith(("$", "__ANON")):
                self.actions.setdefault(state, {})[name] = int(arg)
            else:
                self.gotos.setdefault(state, {})[name] = int(arg)
        self.start_states, self.end_states = start_states(lark)

    def parse(self, text: str, start: str) -> Any:
        """Parse ``text`` from rule ``start`` and return what its callback built."""
        states = self.actions
        gotos = self.gotos
        stack = [self.start_states[start]]
        values: list[Any] = []
        for token in self.lexer.scan(text, lambda: states[stack[-1]]):
            kind = token.type
            while True:
                action = states[stack[-1]].get(kind)
                if action is None:
                    raise ParseError(token)
                if isinstance(action, int):
                    stack.append(action)
                    values.append(token)
                    break
                size, callback, origin = action
                if callback is None:
                    # `?rule: other`: the value stays, only the state changes.
                    stack.pop()
                    stack.append(gotos[stack[-1]][origin])
                    continue
                if size:
                    children = values[-size:]
                    del stack[-size:]
                    del values[-size:]
                else:
                    children = []
                values.append(callback(children))
                stack.append(gotos[stack[-1]][origin])
        end_state = self.end_states[start]
        while True:
            action = states[stack[-1]].get("$END")
            if action is None or isinstance(action, int):
                raise ParseError(None)
            size, callback, origin = action
            if callback is None:
                stack.pop()
            else:
                children = values[-size:] if size else []
                if size:
                    del stack[-size:]
                    del values[-size:]
                values.append(callback(children))
            stack.append(gotos[stack[-1]][origin])
            if stack[-1] == end_state:
                return values[-1]
