"""Parse TypeScript source into the :mod:`ast` tree with lark (LALR, contextual lexer).

The lark parser is built once per process (and its tables cached on disk by lark), and builds the
tree while it parses (an internal transformer), so no intermediate parse tree is made. A syntax
error becomes one ``G001`` diagnostic at the offending token.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from lark import Lark

from translator.core.diagnostics import CompilationError, Diagnostic, Span
from translator.core.nesting import too_deep
from translator.frontends.gen2.syntax import ast
from translator.frontends.gen2.syntax.driver import Driver, ParseError
from translator.frontends.gen2.syntax.lexer import ContextualLexer, LexError
from translator.frontends.gen2.syntax.treebuilder import CoverError, TreeBuilder


@lru_cache(maxsize=1)
def grammar_parser() -> Lark:
    """The lark LALR parser of ``grammar/typescript.lark``, built once."""
    grammar = (files("translator") / "grammar" / "typescript.lark").read_text("utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer=ContextualLexer,
        start=["start", "expression_only"],
        transformer=TreeBuilder(parse_expression),
        maybe_placeholders=True,
        cache=True,  # lark keeps the analysed tables in the temp folder, keyed by grammar hash
    )


@lru_cache(maxsize=1)
def _driver() -> Driver:
    lark = grammar_parser()
    return Driver(lark, ContextualLexer(lark.lexer_conf))


def parse_expression(source: str) -> ast.Expr:
    """Parse a lone expression (a template literal's ``${...}``); errors propagate to the caller."""
    result: ast.Expr = _driver().parse(source, "expression_only")
    return result


def parse_module(text: str, path: str) -> ast.Module:
    """Parse one file; raise CompilationError (``G001``) at the first syntax error."""
    try:
        module: ast.Module = _driver().parse(text, "start")
    except LexError as error:
        span = Span(path, error.line, error.column)
        raise CompilationError([Diagnostic("G001", f"TypeScript syntax error: {error}", span)]) from None
    except ParseError as error:
        raise CompilationError([_syntax_diagnostic(error, path, text)]) from None
    except CoverError as error:
        span = Span(path, error.pos.line, error.pos.col)
        message = "TypeScript syntax error: invalid arrow function parameter"
        raise CompilationError([Diagnostic("G001", message, span)]) from None
    except RecursionError:
        pass  # Nesting deeper than Python's stack (thousands of brackets) is not a real schema.
    else:
        return module
    raise CompilationError([too_deep(path, text, "typescript")])


def _syntax_diagnostic(error: ParseError, path: str, text: str) -> Diagnostic:
    token = error.token
    if token is None:
        lines = text.split("\n")
        span = Span(path, len(lines), len(lines[-1]) + 1)
        return Diagnostic("G001", "TypeScript syntax error: unexpected end of file", span)
    message = f"TypeScript syntax error: unexpected {str(token)!r}"
    return Diagnostic("G001", message, Span(path, token.line or 1, token.column or 1))
