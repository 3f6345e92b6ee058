"""Parse TypeScript source into the :mod:`ast` tree with lark (LALR, contextual lexer).

The lark parser is built once per process and builds the tree while it parses (an internal
transformer), so no intermediate parse tree is made. Syntax errors become one ``G001`` diagnostic.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from translator.diagnostics import CompilationError, Diagnostic, Span
from translator.frontends.gen2 import ast
from translator.frontends.gen2.jsstrings import cook_string, split_template

# Binary operator precedence, as in ECMAScript (higher binds tighter).
_PRECEDENCE = {
    "??": 1, "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5,
    "==": 6, "!=": 6, "===": 6, "!==": 6,
    "<": 7, ">": 7, "<=": 7, ">=": 7, "instanceof": 7, "in": 7,
    "<<": 8, ">>": 8, ">>>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "**": 11,
}
_NO_POS = ast.Pos(0, 0)


def _tok(item: Any) -> Token:
    """A token, also when it comes wrapped in the list the ``name`` rule returns."""
    token: Token = item[0] if isinstance(item, list) else item
    return token


def _pos(item: Any) -> ast.Pos:
    token = _tok(item)
    return ast.Pos(token.line or 0, token.column or 0)


def _node_pos(node: Any) -> ast.Pos:
    if isinstance(node, Token):
        return _pos(node)
    pos = getattr(node, "pos", None)
    return pos if isinstance(pos, ast.Pos) else _NO_POS


def _first_pos(items: Any) -> ast.Pos:
    for item in items:
        pos = _node_pos(item)
        if pos != _NO_POS:
            return pos
    return _NO_POS


class _Params(tuple[ast.Param, ...]):
    """The result of the ``params`` rule (a tuple type of its own so callbacks can find it)."""


class _Args(tuple[ast.Expr | ast.Spread, ...]):
    """The result of the ``arguments`` rule."""


class _Rest:
    """``...name`` in a pattern."""

    def __init__(self, name: str) -> None:
        self.name = name


def _drop(_self: object, _children: list[Any]) -> None:
    return None


class _Builder(Transformer[Token, Any]):
    """Callbacks named after the grammar's rules and aliases; each returns an :mod:`ast` node."""

    # ------------------------------------------------------------ module and statements

    def start(self, c: list[Any]) -> ast.Module:
        return ast.Module(tuple(s for s in c if s is not None))

    def expression_only(self, c: list[Any]) -> Any:
        return c[0]

    def import_from(self, c: list[Any]) -> ast.Import:
        names, source = c
        return ast.Import(cook_string(source), tuple(names), False, _pos(source))

    def import_type(self, c: list[Any]) -> ast.Import:
        _type, names, source = c
        return ast.Import(cook_string(source), tuple(names), True, _pos(source))

    def import_bare(self, c: list[Any]) -> ast.Import:
        return ast.Import(cook_string(c[0]), (), False, _pos(c[0]))

    def clause_default(self, c: list[Any]) -> list[ast.ImportName]:
        return [ast.ImportName("default", str(c[0]), False, _pos(c[0]))]

    def clause_namespace(self, c: list[Any]) -> list[ast.ImportName]:
        return [ast.ImportName("*", str(c[0]), False, _pos(c[0]))]

    def clause_named(self, c: list[Any]) -> list[ast.ImportName]:
        return list(c[0])

    def clause_default_namespace(self, c: list[Any]) -> list[ast.ImportName]:
        return self.clause_default(c[:1]) + self.clause_namespace(c[1:])

    def clause_default_named(self, c: list[Any]) -> list[ast.ImportName]:
        return self.clause_default(c[:1]) + list(c[1])

    def import_names(self, c: list[Any]) -> list[ast.ImportName]:
        return [n for n in c if n is not None]

    def import_plain(self, c: list[Any]) -> ast.ImportName:
        name = str(_tok(c[0]))
        return ast.ImportName(name, name, False, _pos(c[0]))

    def import_renamed(self, c: list[Any]) -> ast.ImportName:
        return ast.ImportName(str(_tok(c[0])), str(c[1]), False, _pos(c[1]))

    def import_type_only(self, c: list[Any]) -> ast.ImportName:
        name = str(_tok(c[1]))
        return ast.ImportName(name, name, True, _pos(c[1]))

    def import_type_only_renamed(self, c: list[Any]) -> ast.ImportName:
        return ast.ImportName(str(_tok(c[1])), str(c[2]), True, _pos(c[2]))

    def export_var(self, c: list[Any]) -> ast.VarDecl:
        decl: ast.VarDecl = c[0]
        return ast.VarDecl(decl.kind, decl.declarators, True, decl.pos)

    def export_function(self, c: list[Any]) -> ast.FunctionDecl:
        return ast.FunctionDecl(c[0].function, True)

    def export_enum(self, c: list[Any]) -> ast.EnumDecl:
        decl: ast.EnumDecl = c[0]
        return ast.EnumDecl(decl.name, decl.members, True, decl.pos)

    def export_ignored(self, c: list[Any]) -> ast.Empty:
        return ast.Empty(_first_pos(c))

    def export_default(self, c: list[Any]) -> ast.ExportDefault:
        return ast.ExportDefault(c[0], _node_pos(c[0]))

    def export_local(self, c: list[Any]) -> ast.Export:
        return ast.Export(tuple(c[0]), None, False, None, _first_pos(c[0]))

    def export_from(self, c: list[Any]) -> ast.Export:
        return ast.Export(tuple(c[0]), cook_string(c[1]), False, None, _pos(c[1]))

    def export_all(self, c: list[Any]) -> ast.Export:
        return ast.Export((), cook_string(c[0]), True, None, _pos(c[0]))

    def export_all_as(self, c: list[Any]) -> ast.Export:
        return ast.Export((), cook_string(c[1]), True, str(c[0]), _pos(c[1]))

    def export_names(self, c: list[Any]) -> list[ast.ExportName]:
        return [n for n in c if n is not None]

    def export_plain(self, c: list[Any]) -> ast.ExportName:
        name = str(_tok(c[0]))
        return ast.ExportName(name, name, False, _pos(c[0]))

    def export_renamed(self, c: list[Any]) -> ast.ExportName:
        return ast.ExportName(str(_tok(c[0])), str(_tok(c[1])), False, _pos(c[0]))

    def export_type_only(self, c: list[Any]) -> ast.ExportName:
        names = [_tok(t) for t in c[1:]]
        return ast.ExportName(str(names[0]), str(names[-1]), True, _pos(names[0]))

    def var_kind(self, c: list[Any]) -> Token:
        token: Token = c[0]
        return token

    def var_decl(self, c: list[Any]) -> ast.VarDecl:
        kind, *declarators = c
        return ast.VarDecl(str(kind), tuple(declarators), False, _pos(kind))

    def declarator(self, c: list[Any]) -> ast.Declarator:
        target = c[0]
        return ast.Declarator(target, c[-1], target.pos)

    def bind_name(self, c: list[Any]) -> ast.Ident:
        return ast.Ident(str(c[0]), _pos(c[0]))

    def object_pattern(self, c: list[Any]) -> ast.ObjectPattern:
        props = tuple(p for p in c if isinstance(p, ast.PatternProp))
        rest = next((p.name for p in c if isinstance(p, _Rest)), None)
        return ast.ObjectPattern(props, rest, _first_pos(p.target for p in props))

    def pattern_shorthand(self, c: list[Any]) -> ast.PatternProp:
        return ast.PatternProp(str(c[0]), ast.Ident(str(c[0]), _pos(c[0])), c[1])

    def pattern_renamed(self, c: list[Any]) -> ast.PatternProp:
        return ast.PatternProp(str(_tok(c[0])), c[1], c[2])

    def pattern_rest(self, c: list[Any]) -> _Rest:
        return _Rest(str(c[0]))

    def array_pattern(self, c: list[Any]) -> ast.ArrayPattern:
        elements = [e for e in c if not isinstance(e, _Rest)]
        if elements and elements[-1] is None:
            elements.pop()  # `[a, b,]`: a trailing comma adds no hole
        rest = next((e.name for e in c if isinstance(e, _Rest)), None)
        return ast.ArrayPattern(tuple(elements), rest, _first_pos(e[0] for e in elements if e))

    def pattern_elem(self, c: list[Any]) -> tuple[Any, Any]:
        return (c[0], c[1])

    def pattern_hole(self, _c: list[Any]) -> None:
        return None

    def enum_decl(self, c: list[Any]) -> ast.EnumDecl:
        name = c[0]
        members = tuple(m for m in c[1:] if m is not None)
        return ast.EnumDecl(str(name), members, False, _pos(name))

    def enum_member(self, c: list[Any]) -> tuple[str, Any]:
        return (str(c[0][0]), c[1])

    def function_decl(self, c: list[Any]) -> ast.FunctionDecl:
        name = next(t for t in c if isinstance(t, Token))
        params = next(p for p in c if isinstance(p, _Params))
        body = c[-1]
        return ast.FunctionDecl(ast.Function(str(name), tuple(params), body, _pos(name)), False)

    def params(self, c: list[Any]) -> _Params:
        return _Params(p for p in c if isinstance(p, ast.Param))

    def param(self, c: list[Any]) -> ast.Param:
        target = c[0]
        return ast.Param(target, c[-1], False, target.pos)

    def rest_param(self, c: list[Any]) -> ast.Param:
        return ast.Param(ast.Ident(str(c[0]), _pos(c[0])), None, True, _pos(c[0]))

    def return_stmt(self, c: list[Any]) -> ast.Return:
        value = c[0] if c else None
        return ast.Return(value, _node_pos(value))

    def if_stmt(self, c: list[Any]) -> ast.If:
        test, then = c[0], c[1]
        otherwise = c[2] if len(c) > 2 else None
        return ast.If(test, then, otherwise, _node_pos(test))

    def for_of_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("a for loop", _pos(c[0]))

    def for_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("a for loop", _first_pos(c))

    def while_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("a while loop", _first_pos(c))

    def try_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("a try statement", _first_pos(c))

    def break_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("break", _NO_POS)

    def continue_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("continue", _NO_POS)

    def throw_stmt(self, c: list[Any]) -> ast.Throw:
        return ast.Throw(c[0], _node_pos(c[0]))

    def block(self, c: list[Any]) -> ast.Block:
        body = tuple(s for s in c if s is not None)
        return ast.Block(body, _first_pos(body))

    def expr_stmt(self, c: list[Any]) -> ast.ExprStmt:
        return ast.ExprStmt(c[0], _node_pos(c[0]))

    def empty_stmt(self, _c: list[Any]) -> None:
        return None

    def declare_stmt(self, c: list[Any]) -> ast.Empty:
        return ast.Empty(_first_pos(c))

    type_alias = interface_decl = declare_stmt

    # ------------------------------------------------------------ expressions

    def assignment(self, c: list[Any]) -> ast.Assign:
        target, op, value = c
        return ast.Assign(target, str(op[0]), value, _node_pos(target))

    def assign_op(self, c: list[Any]) -> list[Any]:
        return c

    def arrow_ident(self, c: list[Any]) -> ast.Function:
        name, body = c
        param = ast.Param(ast.Ident(str(name), _pos(name)), None, False, _pos(name))
        return ast.Function(None, (param,), body, _pos(name))

    def arrow_paren(self, c: list[Any]) -> ast.Function:
        cover, body = c
        params = tuple(_cover_to_param(item) for item in cover.items)
        return ast.Function(None, params, body, cover.pos)

    def conditional(self, c: list[Any]) -> ast.Conditional:
        return ast.Conditional(c[0], c[1], c[2], _node_pos(c[0]))

    def binop(self, c: list[Any]) -> str:
        return str(c[0])

    def binary(self, c: list[Any]) -> Any:
        operands: list[Any] = [c[0]]
        operators: list[str] = []
        for op, operand in zip(c[1::2], c[2::2], strict=True):
            while operators and _reduces_before(operators[-1], op):
                _fold(operands, operators)
            operators.append(op)
            operands.append(operand)
        while operators:
            _fold(operands, operators)
        return operands[0]

    def unary_op(self, c: list[Any]) -> Token:
        token: Token = c[0]
        return token

    def unary(self, c: list[Any]) -> ast.Unary:
        return ast.Unary(str(c[0]), c[1], _pos(c[0]))

    def typeof(self, c: list[Any]) -> ast.Unary:
        return ast.Unary("typeof", c[0], _node_pos(c[0]))

    def void(self, c: list[Any]) -> ast.Unary:
        return ast.Unary("void", c[0], _node_pos(c[0]))

    def delete(self, c: list[Any]) -> ast.Unary:
        return ast.Unary("delete", c[0], _node_pos(c[0]))

    def await_(self, c: list[Any]) -> Any:
        return c[0]  # a resolved value awaits to itself; promises are never made here

    def type_assertion(self, c: list[Any]) -> Any:
        return c[0]

    non_null = type_assertion

    def member(self, c: list[Any]) -> ast.Member:
        name = c[1][0]
        return ast.Member(c[0], str(name), False, _pos(name))

    def member_optional(self, c: list[Any]) -> ast.Member:
        name = c[1][0]
        return ast.Member(c[0], str(name), True, _pos(name))

    def index(self, c: list[Any]) -> ast.Index:
        return ast.Index(c[0], c[1], False, _node_pos(c[1]))

    def index_optional(self, c: list[Any]) -> ast.Index:
        return ast.Index(c[0], c[1], True, _node_pos(c[1]))

    def call(self, c: list[Any]) -> ast.Call:
        return ast.Call(c[0], tuple(c[1]), False, _node_pos(c[0]))

    def call_optional(self, c: list[Any]) -> ast.Call:
        return ast.Call(c[0], tuple(c[1]), True, _node_pos(c[0]))

    def tagged_template(self, c: list[Any]) -> ast.Call:
        template = self.template(c[1:])
        return ast.Call(c[0], (template,), False, _node_pos(c[0]))

    def new(self, c: list[Any]) -> ast.New:
        args = tuple(c[1]) if len(c) > 1 and c[1] is not None else ()
        return ast.New(c[0], args, _node_pos(c[0]))

    def arguments(self, c: list[Any]) -> _Args:
        return _Args(a for a in c if a is not None)

    def spread(self, c: list[Any]) -> ast.Spread:
        return ast.Spread(c[0], _node_pos(c[0]))

    def ident(self, c: list[Any]) -> ast.Ident:
        return ast.Ident(str(c[0]), _pos(c[0]))

    def string(self, c: list[Any]) -> ast.Literal:
        return ast.Literal(cook_string(c[0]), _pos(c[0]))

    def number(self, c: list[Any]) -> ast.Literal:
        return ast.Literal(_number(str(c[0])), _pos(c[0]))

    def template(self, c: list[Any]) -> ast.Literal | ast.Template:
        token: Token = c[0]
        quasis, sources = split_template(str(token), token.line or 1, token.column or 1)
        if not sources:
            return ast.Literal(quasis[0], _pos(token))
        parts = tuple(_parse_part(text) for text in sources)
        return ast.Template(tuple(quasis), parts, _pos(token))

    def true(self, _c: list[Any]) -> ast.Literal:
        return ast.Literal(True, _NO_POS)

    def false(self, _c: list[Any]) -> ast.Literal:
        return ast.Literal(False, _NO_POS)

    def null(self, _c: list[Any]) -> ast.Literal:
        return ast.Literal(None, _NO_POS)

    def this(self, _c: list[Any]) -> ast.Ident:
        return ast.Ident("this", _NO_POS)

    def function_expr(self, c: list[Any]) -> ast.Function:
        name = next((str(t) for t in c if isinstance(t, Token)), None)
        params = next(p for p in c if isinstance(p, _Params))
        body: ast.Block = c[-1]
        return ast.Function(name, tuple(params), body, body.pos)

    def paren(self, c: list[Any]) -> ast.Sequence:
        items = tuple(i for i in c if i is not None)
        return ast.Sequence(items, _first_pos(items))

    def cover_rest(self, c: list[Any]) -> ast.Param:
        return ast.Param(c[0], None, True, c[0].pos)

    def cover_typed(self, c: list[Any]) -> ast.Param:
        target = ast.Ident(str(c[0]), _pos(c[0]))
        return ast.Param(target, None, False, target.pos)

    def object_pattern_typed(self, c: list[Any]) -> ast.Param:
        target = _object_to_pattern(c[0])
        return ast.Param(target, None, False, target.pos)

    def array(self, c: list[Any]) -> ast.ArrayLit:
        elements = [e for e in c if e is not None]
        if elements and isinstance(elements[-1], ast.Hole):
            elements.pop()  # `[a, b,]`: a trailing comma adds no hole
        return ast.ArrayLit(tuple(elements), _first_pos(elements))

    def hole(self, _c: list[Any]) -> ast.Hole:
        return ast.Hole(_NO_POS)

    def object(self, c: list[Any]) -> ast.ObjectLit:
        props = tuple(p for p in c if p is not None)
        return ast.ObjectLit(props, _first_pos(props))

    def prop(self, c: list[Any]) -> ast.Property:
        key = c[0][0]
        return ast.Property(str(key), c[1], _pos(key))

    def prop_string(self, c: list[Any]) -> ast.Property:
        return ast.Property(cook_string(c[0]), c[1], _pos(c[0]))

    def prop_number(self, c: list[Any]) -> ast.Property:
        from translator.frontends.gen2.jsstrings import number_to_string

        return ast.Property(number_to_string(_number(str(c[0]))), c[1], _pos(c[0]))

    def prop_computed(self, c: list[Any]) -> ast.Property:
        return ast.Property(c[0], c[1], _node_pos(c[0]))

    def prop_shorthand(self, c: list[Any]) -> ast.Property:
        return ast.Property(str(c[0]), ast.Ident(str(c[0]), _pos(c[0])), _pos(c[0]))

    def name(self, c: list[Any]) -> list[Any]:
        return c


setattr(_Builder, "await", _Builder.await_)  # noqa: B010 - `await` is a keyword in Python

# Type annotations are checked by TypeScript, not by Amplify's build: drop them as they are parsed.
for _rule in (
    "type", "intersection_type", "type_query", "type_primary", "type_reference", "type_args",
    "type_params", "type_param", "tuple_member", "function_type", "function_type_param",
    "object_type", "type_member", "function_signature", "for_kind",
):
    setattr(_Builder, _rule, _drop)


def _reduces_before(left: str, right: str) -> bool:
    """Whether the operator on the stack binds before ``right`` (``**`` is right-associative)."""
    if left == "**" and right == "**":
        return False
    return _PRECEDENCE[left] >= _PRECEDENCE[right]


def _fold(operands: list[Any], operators: list[str]) -> None:
    right = operands.pop()
    left = operands.pop()
    op = operators.pop()
    operands.append(ast.Binary(op, left, right, _node_pos(left)))


def _number(text: str) -> float:
    text = text.replace("_", "").rstrip("n")
    lowered = text.lower()
    if lowered.startswith("0x"):
        return float(int(text[2:], 16))
    if lowered.startswith("0o"):
        return float(int(text[2:], 8))
    if lowered.startswith("0b"):
        return float(int(text[2:], 2))
    if re.fullmatch(r"0[0-7]+", text):
        return float(int(text, 8))  # legacy octal literal
    return float(text)


def _cover_to_param(item: Any) -> ast.Param:
    """An item of ``( ... )`` before ``=>`` as a parameter; a syntax error if it cannot be one."""
    if isinstance(item, ast.Param):
        return item
    if isinstance(item, ast.Ident):
        return ast.Param(item, None, False, item.pos)
    if isinstance(item, ast.Assign) and item.op == "=":
        target = _to_pattern(item.target)
        return ast.Param(target, item.value, False, item.pos)
    return ast.Param(_to_pattern(item), None, False, _node_pos(item))


def _to_pattern(node: Any) -> ast.Pattern:
    if isinstance(node, ast.Ident):
        return node
    if isinstance(node, ast.ObjectLit):
        return _object_to_pattern(node)
    if isinstance(node, ast.ArrayLit):
        elements: list[tuple[ast.Pattern, ast.Expr | None] | None] = []
        rest: str | None = None
        for element in node.elements:
            if isinstance(element, ast.Hole):
                elements.append(None)
            elif isinstance(element, ast.Spread) and isinstance(element.value, ast.Ident):
                rest = element.value.name
            elif isinstance(element, ast.Assign) and element.op == "=":
                elements.append((_to_pattern(element.target), element.value))
            else:
                elements.append((_to_pattern(element), None))
        return ast.ArrayPattern(tuple(elements), rest, node.pos)
    raise _CoverError(_node_pos(node))


def _object_to_pattern(node: ast.ObjectLit) -> ast.ObjectPattern:
    props: list[ast.PatternProp] = []
    rest: str | None = None
    for prop in node.properties:
        if isinstance(prop, ast.Spread) and isinstance(prop.value, ast.Ident):
            rest = prop.value.name
        elif isinstance(prop, ast.Property) and isinstance(prop.key, str):
            value = prop.value
            if isinstance(value, ast.Assign) and value.op == "=":
                props.append(ast.PatternProp(prop.key, _to_pattern(value.target), value.value))
            else:
                props.append(ast.PatternProp(prop.key, _to_pattern(value), None))
        else:
            raise _CoverError(_node_pos(prop))
    return ast.ObjectPattern(tuple(props), rest, node.pos)


class _CoverError(Exception):
    """A parenthesised list before ``=>`` holds something that is not a parameter."""

    def __init__(self, pos: ast.Pos) -> None:
        super().__init__("invalid arrow function parameter")
        self.pos = pos


@lru_cache(maxsize=1)
def _parser() -> Lark:
    grammar = (files("translator") / "grammar" / "typescript.lark").read_text("utf-8")
    return Lark(
        grammar,
        parser="lalr",
        lexer="contextual",
        start=["start", "expression_only"],
        transformer=_Builder(),
        maybe_placeholders=True,
    )


def _parse_part(padded_source: str) -> ast.Expr:
    """Parse the expression of a template's ``${...}``; the text is padded to its real position."""
    result: ast.Expr = _parser().parse(padded_source, start="expression_only")
    return result


def parse_module(text: str, path: str) -> ast.Module:
    """Parse one file; raise CompilationError (``G001``) at the first syntax error."""
    try:
        module: ast.Module = _parser().parse(text, start="start")
    except UnexpectedInput as error:
        raise CompilationError([_syntax_diagnostic(error, path)]) from None
    except _CoverError as error:
        span = Span(path, error.pos.line, error.pos.col)
        raise CompilationError([Diagnostic("G001", "invalid arrow function parameter", span)]) from None
    return module


def _syntax_diagnostic(error: UnexpectedInput, path: str) -> Diagnostic:
    line = getattr(error, "line", 0) or 0
    column = getattr(error, "column", 0) or 0
    if isinstance(error, UnexpectedToken) and error.token.type == "$END":
        message = "unexpected end of file"
    elif isinstance(error, UnexpectedToken):
        message = f"unexpected {error.token.value!r}"
    elif isinstance(error, UnexpectedCharacters):
        message = f"unexpected character {error.char!r}"
    elif isinstance(error, UnexpectedEOF):
        message = "unexpected end of file"
    else:
        message = "syntax error"
    if line <= 0:
        line, column = _end_position(error)
    return Diagnostic("G001", f"TypeScript syntax error: {message}", Span(path, line, column))


def _end_position(error: UnexpectedInput) -> tuple[int, int]:
    state = getattr(error, "state", None)
    stream = getattr(state, "lexer", None) if state is not None else None
    text = getattr(getattr(stream, "state", None), "text", None)
    source = getattr(text, "text", None)
    if isinstance(source, str):
        lines = source.split("\n")
        return len(lines), len(lines[-1]) + 1
    return 1, 1
