"""The lark callbacks that build the :mod:`ast` tree while the LALR parser runs."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lark import Transformer

from translator.frontends.gen2.syntax import ast
from translator.frontends.gen2.syntax.jsstrings import cook_string, number_to_string, split_template
from translator.frontends.gen2.syntax.lexer import Tok as Token
from translator.frontends.gen2.syntax.tree_common import (
    NO_POS,
    PRECEDENCE,
    Args,
    Params,
    drop,
    first_pos,
    node_pos,
    pos,
)
from translator.frontends.gen2.syntax.tree_statements import StatementCallbacks


class TreeBuilder(StatementCallbacks, Transformer[Token, Any]):
    """Callbacks named after the grammar's rules and aliases; each returns an :mod:`ast` node.

    lark calls the method whose name is the rule's (or alias's) name with the rule's children, so
    each method is documented by its rule in ``grammar/typescript.lark``. ``parse_part`` parses
    the expression of a template's ``${...}`` (padded to its real position); the parser that
    owns this builder provides it.
    """

    def __init__(self, parse_part: Callable[[str], ast.Expr]) -> None:
        super().__init__()
        self.parse_part = parse_part

    def assignment(self, c: list[Any]) -> ast.Assign:
        target, op, value = c
        return ast.Assign(target, str(op[0]), value, node_pos(target))

    def assign_op(self, c: list[Any]) -> list[Any]:
        return c

    def arrow_ident(self, c: list[Any]) -> ast.Function:
        name, body = c
        param = ast.Param(ast.Ident(str(name), pos(name)), None, False, pos(name))
        return ast.Function(None, (param,), body, pos(name))

    def arrow_paren(self, c: list[Any]) -> ast.Function:
        cover, body = c
        params = tuple(_cover_to_param(item) for item in cover.items)
        return ast.Function(None, params, body, cover.pos)

    def conditional(self, c: list[Any]) -> ast.Conditional:
        return ast.Conditional(c[0], c[1], c[2], node_pos(c[0]))

    def binop(self, c: list[Any]) -> str:
        return "".join(str(t) for t in c)

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
        return ast.Unary(str(c[0]), c[1], pos(c[0]))

    def typeof(self, c: list[Any]) -> ast.Unary:
        return ast.Unary("typeof", c[0], node_pos(c[0]))

    def void(self, c: list[Any]) -> ast.Unary:
        return ast.Unary("void", c[0], node_pos(c[0]))

    def delete(self, c: list[Any]) -> ast.Unary:
        return ast.Unary("delete", c[0], node_pos(c[0]))

    def await_(self, c: list[Any]) -> Any:
        return c[0]  # a resolved value awaits to itself; promises are never made here

    def type_assertion(self, c: list[Any]) -> Any:
        return c[0]

    non_null = type_assertion

    def member(self, c: list[Any]) -> ast.Member:
        name = c[1][0]
        return ast.Member(c[0], str(name), False, pos(name))

    def member_optional(self, c: list[Any]) -> ast.Member:
        name = c[1][0]
        return ast.Member(c[0], str(name), True, pos(name))

    def index(self, c: list[Any]) -> ast.Index:
        return ast.Index(c[0], c[1], False, node_pos(c[1]))

    def index_optional(self, c: list[Any]) -> ast.Index:
        return ast.Index(c[0], c[1], True, node_pos(c[1]))

    def call(self, c: list[Any]) -> ast.Call:
        return ast.Call(c[0], tuple(c[1]), False, node_pos(c[0]))

    def call_optional(self, c: list[Any]) -> ast.Call:
        return ast.Call(c[0], tuple(c[1]), True, node_pos(c[0]))

    def tagged_template(self, c: list[Any]) -> ast.Call:
        template = self.template(c[1:])
        return ast.Call(c[0], (template,), False, node_pos(c[0]))

    def new(self, c: list[Any]) -> ast.New:
        args = tuple(c[1]) if len(c) > 1 and c[1] is not None else ()
        return ast.New(c[0], args, node_pos(c[0]))

    def arguments(self, c: list[Any]) -> Args:
        return Args([a for a in c if a is not None])

    def spread(self, c: list[Any]) -> ast.Spread:
        return ast.Spread(c[0], node_pos(c[0]))

    def ident(self, c: list[Any]) -> ast.Ident:
        return ast.Ident(str(c[0]), pos(c[0]))

    def string(self, c: list[Any]) -> ast.Literal:
        return ast.Literal(cook_string(c[0]), pos(c[0]))

    def number(self, c: list[Any]) -> ast.Literal:
        return ast.Literal(_number(str(c[0])), pos(c[0]))

    def template(self, c: list[Any]) -> ast.Literal | ast.Template:
        token: Token = c[0]
        quasis, sources = split_template(str(token), token.line or 1, token.column or 1)
        if not sources:
            return ast.Literal(quasis[0], pos(token))
        parts = tuple(self.parse_part(text) for text in sources)
        return ast.Template(tuple(quasis), parts, pos(token))

    def true(self, c: list[Any]) -> ast.Literal:
        return ast.Literal(True, pos(c[0]))

    def false(self, c: list[Any]) -> ast.Literal:
        return ast.Literal(False, pos(c[0]))

    def null(self, c: list[Any]) -> ast.Literal:
        return ast.Literal(None, pos(c[0]))

    def this(self, c: list[Any]) -> ast.Ident:
        return ast.Ident("this", pos(c[0]))

    def function_expr(self, c: list[Any]) -> ast.Function:
        name = next((str(t) for t in c if isinstance(t, Token)), None)
        params = next(p for p in c if isinstance(p, Params))
        body: ast.Block = c[-1]
        return ast.Function(name, tuple(params), body, body.pos)

    def paren(self, c: list[Any]) -> ast.Sequence:
        items = tuple(i for i in c if i is not None)
        return ast.Sequence(items, first_pos(items))

    def cover_rest(self, c: list[Any]) -> ast.Param:
        return ast.Param(c[0], None, True, c[0].pos)

    def cover_typed(self, c: list[Any]) -> ast.Param:
        target = ast.Ident(str(c[0]), pos(c[0]))
        return ast.Param(target, None, False, target.pos)

    def object_pattern_typed(self, c: list[Any]) -> ast.Param:
        target = _object_to_pattern(c[0])
        return ast.Param(target, None, False, target.pos)

    def array(self, c: list[Any]) -> ast.ArrayLit:
        elements = [e for e in c if e is not None]
        if elements and isinstance(elements[-1], ast.Hole):
            elements.pop()  # `[a, b,]`: a trailing comma adds no hole
        return ast.ArrayLit(tuple(elements), first_pos(elements))

    def hole(self, _c: list[Any]) -> ast.Hole:
        return ast.Hole(NO_POS)

    def object(self, c: list[Any]) -> ast.ObjectLit:
        props = tuple(p for p in c if p is not None)
        return ast.ObjectLit(props, first_pos(props))

    def prop(self, c: list[Any]) -> ast.Property:
        key = c[0][0]
        return ast.Property(str(key), c[1], pos(key))

    def prop_string(self, c: list[Any]) -> ast.Property:
        return ast.Property(cook_string(c[0]), c[1], pos(c[0]))

    def prop_number(self, c: list[Any]) -> ast.Property:
        return ast.Property(number_to_string(_number(str(c[0]))), c[1], pos(c[0]))

    def prop_computed(self, c: list[Any]) -> ast.Property:
        return ast.Property(c[0], c[1], node_pos(c[0]))

    def prop_shorthand(self, c: list[Any]) -> ast.Property:
        return ast.Property(str(c[0]), ast.Ident(str(c[0]), pos(c[0])), pos(c[0]), shorthand=True)

    def name(self, c: list[Any]) -> list[Any]:
        return c


setattr(TreeBuilder, "await", TreeBuilder.await_)

# Type annotations are checked by TypeScript, not by Amplify's build: drop them as they are parsed.
for _rule in (
    "type",
    "intersection_type",
    "type_query",
    "type_primary",
    "type_reference",
    "type_args",
    "type_params",
    "type_param",
    "tuple_member",
    "function_type",
    "function_type_param",
    "object_type",
    "type_member",
    "function_signature",
    "for_kind",
):
    setattr(TreeBuilder, _rule, drop)


def _reduces_before(left: str, right: str) -> bool:
    """Whether the operator on the stack binds before ``right`` (``**`` is right-associative)."""
    if left == "**" and right == "**":
        return False
    return PRECEDENCE[left] >= PRECEDENCE[right]


def _fold(operands: list[Any], operators: list[str]) -> None:
    right = operands.pop()
    left = operands.pop()
    op = operators.pop()
    operands.append(ast.Binary(op, left, right, node_pos(left)))


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
    return ast.Param(_to_pattern(item), None, False, node_pos(item))


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
    raise CoverError(node_pos(node))


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
            raise CoverError(node_pos(prop))
    return ast.ObjectPattern(tuple(props), rest, node.pos)


class CoverError(Exception):
    """A parenthesised list before ``=>`` holds something that is not a parameter."""

    def __init__(self, pos: ast.Pos) -> None:
        super().__init__("invalid arrow function parameter")
        self.pos = pos
