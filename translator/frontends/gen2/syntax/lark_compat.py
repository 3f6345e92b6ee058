"""Every use of lark beyond its documented API, in one place.

The Gen 2 front end runs its own LALR loop over the tables lark computes (:mod:`driver`) and
plugs in its own contextual lexer (:mod:`lexer`): it reads lark's parse table, the callbacks it
built for the grammar's rules, the rules' shapes and the grammar's terminals. These are internals,
stable within the 1.3 series; importing this module refuses any other series.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import lark
from lark import Lark
from lark.common import LexerConf
from lark.grammar import NonTerminal
from lark.lexer import Lexer, LexerState, PatternStr
from lark.parsers.lalr_analysis import Shift

from translator.core.dependencies import require

SPEC = ">=1.3.1,<1.4"
require("lark", lark.__version__, (1, 3), (1, 3, 1), SPEC)

__all__ = ["Lexer", "LexerConf", "LexerState", "actions", "passes_through", "start_states", "terminals"]


def _table(parser: Lark) -> Any:
    return parser.parser.parser.parser


def actions(parser: Lark) -> Iterator[tuple[int, str, bool, Any, Callable[[list[Any]], Any] | None]]:
    """Every entry of ``parser``'s LALR table: (state, symbol, is a shift, the shift's target
    state or the rule reduced, that rule's tree callback)."""
    inner = _table(parser)
    callbacks = inner.callbacks
    for state, row in inner.parse_table.states.items():
        for symbol, (action, arg) in row.items():
            shift = action is Shift
            yield state, str(symbol), shift, arg, None if shift else callbacks[arg]


def start_states(parser: Lark) -> tuple[dict[str, int], dict[str, int]]:
    """The table's start and end state of each start rule."""
    table = _table(parser).parse_table
    return dict(table.start_states), dict(table.end_states)


def passes_through(rule: Any) -> bool:
    """``?rule: other`` without alias: lark's callback returns its only child unchanged."""
    return (
        rule.alias is None
        and rule.options.expand1
        and len(rule.expansion) == 1
        and isinstance(rule.expansion[0], NonTerminal)
    )


def terminals(conf: LexerConf) -> tuple[dict[str, str], dict[str, str]]:
    """The grammar's terminals: literal text to terminal name, and terminal name to the regular
    expression of each pattern terminal."""
    literals: dict[str, str] = {}
    patterns: dict[str, str] = {}
    for terminal in conf.terminals:
        if isinstance(terminal.pattern, PatternStr):
            literals[terminal.pattern.value] = terminal.name
        else:
            patterns[terminal.name] = terminal.pattern.to_regexp()
    return literals, patterns
