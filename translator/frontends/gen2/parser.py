"""Parse TypeScript source into the :mod:`ast` tree with lark (LALR, contextual lexer).

The lark parser is built once per process (and its tables cached on disk by lark), and builds the
tree while it parses (an internal transformer), so no intermediate parse tree is made. A syntax
error becomes one ``G001`` diagnostic at the offending token.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from lark import Lark
from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken

from translator.diagnostics import CompilationError, Diagnostic, Span
from translator.frontends.gen2 import ast
from translator.frontends.gen2.lexer import ContextualLexer, LexError
from translator.frontends.gen2.treebuilder import CoverError, TreeBuilder


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = (files("translator") / "grammar" / "typescript.lark").read_text("utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer=ContextualLexer,
        start=["start", "expression_only"],
        transformer=TreeBuilder(),
        maybe_placeholders=True,
    )


def parse_expression(source: str) -> ast.Expr:
    """Parse a lone expression (a template literal's ``${...}``); errors propagate to the caller."""
    result: ast.Expr = _parser().parse(source, start="expression_only")
    return result


def parse_module(text: str, path: str) -> ast.Module:
    """Parse one file; raise CompilationError (``G001``) at the first syntax error."""
    try:
        module: ast.Module = _parser().parse(text, start="start")
    except LexError as error:
        span = Span(path, error.line, error.column)
        raise CompilationError([Diagnostic("G001", f"TypeScript syntax error: {error}", span)]) from None
    except UnexpectedInput as error:
        raise CompilationError([_syntax_diagnostic(error, path, text)]) from None
    except CoverError as error:
        span = Span(path, error.pos.line, error.pos.col)
        message = "TypeScript syntax error: invalid arrow function parameter"
        raise CompilationError([Diagnostic("G001", message, span)]) from None
    except RecursionError:
        # Nesting deeper than Python's stack (thousands of brackets) is not a real schema.
        message = "TypeScript syntax error: expressions nested too deeply"
        raise CompilationError([Diagnostic("G001", message, Span(path, 1, 1))]) from None
    return module


def _syntax_diagnostic(error: UnexpectedInput, path: str, text: str) -> Diagnostic:
    line = getattr(error, "line", 0) or 0
    column = getattr(error, "column", 0) or 0
    if isinstance(error, UnexpectedEOF) or (
        isinstance(error, UnexpectedToken) and error.token.type == "$END"
    ):
        message = "unexpected end of file"
        lines = text.split("\n")
        line, column = len(lines), len(lines[-1]) + 1
    elif isinstance(error, UnexpectedToken):
        message = f"unexpected {error.token.value!r}"
    else:
        message = "syntax error"
    return Diagnostic("G001", f"TypeScript syntax error: {message}", Span(path, max(line, 1), max(column, 1)))
