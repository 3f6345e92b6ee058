"""The TypeScript grammar and parser of the Gen 2 front end."""

from __future__ import annotations

from importlib.resources import files

import pytest

from translator.core.diagnostics import CompilationError
from translator.frontends.gen2.syntax import ast
from translator.frontends.gen2.syntax.jsstrings import number_to_string
from translator.frontends.gen2.syntax.parser import grammar_parser, parse_expression, parse_module


def expr(text: str) -> ast.Expr:
    return parse_expression(text)


def first_init(text: str) -> ast.Expr:
    module = parse_module(text, "t.ts")
    decl = next(s for s in module.body if isinstance(s, ast.VarDecl))
    init = decl.declarators[0].init
    assert init is not None
    return init


def test_grammar_is_a_package_resource_and_the_parser_is_built_once() -> None:
    text = (files("translator") / "grammar" / "typescript.lark").read_text("utf-8")
    assert "expression_only" in text
    assert grammar_parser() is grammar_parser()


def test_imports_of_every_form() -> None:
    module = parse_module(
        "import { type ClientSchema, a, defineData as dd } from '@aws-amplify/backend';\n"
        "import type { X } from './x';\n"
        'import * as ns from "./ns";\n'
        "import def, { b } from './b';\n"
        "import './side-effect';\n",
        "t.ts",
    )
    imports = [s for s in module.body if isinstance(s, ast.Import)]
    assert [i.source for i in imports] == ["@aws-amplify/backend", "./x", "./ns", "./b", "./side-effect"]
    names = [(n.imported, n.local, n.type_only) for n in imports[0].names]
    assert names == [("ClientSchema", "ClientSchema", True), ("a", "a", False), ("defineData", "dd", False)]
    assert imports[1].type_only
    assert [(n.imported, n.local) for n in imports[2].names] == [("*", "ns")]
    assert [(n.imported, n.local) for n in imports[3].names] == [("default", "def"), ("b", "b")]
    assert imports[4].names == ()


def test_exports_types_interfaces_and_declarations() -> None:
    module = parse_module(
        "export const data = 1, other: number = 2;\n"
        "export type Schema = ClientSchema<typeof schema>;\n"
        "export interface Props extends Base<Array<Array<string>>> { a?: string; readonly b: number[] }\n"
        "type Fn = (x: number, ...rest: string[]) => void;\n"
        "export default data;\n"
        "export { data as renamed, type Schema };\n"
        "export { x } from './x';\n"
        "export * from './all';\n"
        "export function helper(a: string, b = 2): string { return a; }\n"
        "declare const injected: string;\n",
        "t.ts",
    )
    kinds = [type(s).__name__ for s in module.body]
    assert kinds == [
        "VarDecl",
        "Empty",
        "Empty",
        "Empty",
        "ExportDefault",
        "Export",
        "Export",
        "Export",
        "FunctionDecl",
        "Empty",
    ]
    first = module.body[0]
    assert isinstance(first, ast.VarDecl) and first.exported and len(first.declarators) == 2
    local = module.body[5]
    assert isinstance(local, ast.Export)
    assert [(n.local, n.exported, n.type_only) for n in local.names] == [
        ("data", "renamed", False),
        ("Schema", "Schema", True),
    ]


def test_comments_of_both_kinds_with_non_ascii_text() -> None:
    module = parse_module("/* café ✅ 日本語 */\n// ñandú — “quotes”\nconst x = 'é'; // trailing ✅\n", "t.ts")
    decl = module.body[0]
    assert isinstance(decl, ast.VarDecl)
    assert decl.declarators[0].init == ast.Literal("é", ast.Pos(3, 11))


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("'single \\'q\\''", "single 'q'"),
        ('"double \\"q\\" \\n"', 'double "q" \n'),
        ("`template\nline`", "template\nline"),
        ("'\\u0041\\x42\\u{1F600}'", "AB\U0001f600"),
        ("'line\\\ncontinued'", "linecontinued"),
    ],
)
def test_strings_in_all_quote_styles(source: str, value: str) -> None:
    node = expr(source)
    assert isinstance(node, ast.Literal) and node.value == value


@pytest.mark.parametrize(
    ("source", "value"),
    [("42", 42.0), ("0x1F", 31.0), ("0o17", 15.0), ("0b101", 5.0), ("1_000", 1000.0), (".5", 0.5), ("1e3", 1000.0)],
)
def test_numbers(source: str, value: float) -> None:
    node = expr(source)
    assert isinstance(node, ast.Literal) and node.value == value


def test_literals_booleans_null_and_undefined() -> None:
    assert expr("true") == ast.Literal(True, ast.Pos(1, 1))
    assert expr(" null") == ast.Literal(None, ast.Pos(1, 2))
    assert isinstance(expr("undefined"), ast.Ident)


def test_keywords_are_property_and_member_names() -> None:
    node = first_init(
        "const f = a.string().default('x').for.type;\nconst o = { type: 1, default: 2, for: 3, as: 4 };\n"
    )
    assert isinstance(node, ast.Member) and node.name == "type"
    obj = first_init("const o = { type: 1, default: 2, for: 3, as: 4, new: 5, };")
    assert isinstance(obj, ast.ObjectLit)
    assert [p.key for p in obj.properties if isinstance(p, ast.Property)] == ["type", "default", "for", "as", "new"]


def test_call_chains_over_lines_keep_the_position_of_each_member() -> None:
    node = first_init("const schema = a\n  .schema({})\n  .authorization((allow) => [allow.owner()]);\n")
    assert isinstance(node, ast.Call)
    assert isinstance(node.callee, ast.Member) and node.callee.name == "authorization"
    assert node.pos == ast.Pos(3, 4)


def test_arrays_objects_trailing_commas_shorthand_and_spreads() -> None:
    node = first_init("const o = { a, ...rest, 'quoted key': [1, , ...xs, 2,], [computed]: 3, };")
    assert isinstance(node, ast.ObjectLit)
    kinds = [type(p).__name__ for p in node.properties]
    assert kinds == ["Property", "Spread", "Property", "Property"]
    array = node.properties[2].value  # type: ignore[union-attr]
    assert isinstance(array, ast.ArrayLit)
    assert [type(e).__name__ for e in array.elements] == ["Literal", "Hole", "Spread", "Literal"]


def test_arrow_functions_in_both_forms_with_typed_and_destructured_parameters() -> None:
    one = expr("allow => [allow.owner()]")
    typed = expr("(allow: Allow, n = 1) => { return [allow.owner()]; }")
    destructured = expr("({ a, b }: Props) => a")
    assert isinstance(one, ast.Function) and len(one.params) == 1
    assert isinstance(typed, ast.Function) and isinstance(typed.body, ast.Block)
    assert [p.default is not None for p in typed.params] == [False, True]
    assert isinstance(destructured, ast.Function) and isinstance(destructured.params[0].target, ast.ObjectPattern)


def test_as_satisfies_and_non_null_leave_the_expression() -> None:
    assert expr("x as const") == expr("x")
    assert expr("x satisfies Record<string, unknown>") == expr("x")
    assert isinstance(expr("x!.y"), ast.Member)
    assert isinstance(expr("x?.y?.[0]?.(1)"), ast.Call)


def test_operator_precedence() -> None:
    node = expr("a || b && c + d * e")
    assert isinstance(node, ast.Binary) and node.op == "||"
    right = node.right
    assert isinstance(right, ast.Binary) and right.op == "&&"
    assert isinstance(right.right, ast.Binary) and right.right.op == "+"


def test_block_after_arrow_is_a_block_and_parenthesised_object_is_an_object() -> None:
    block = expr("() => { a }")
    obj = expr("() => ({ a })")
    assert isinstance(block, ast.Function) and isinstance(block.body, ast.Block)
    assert isinstance(obj, ast.Function) and isinstance(obj.body, ast.Sequence)


def test_template_interpolation_is_parsed_at_its_real_position() -> None:
    node = first_init("const s = `a ${\n  b.c\n} d`;")
    assert isinstance(node, ast.Template)
    assert node.quasis == ("a ", " d")
    part = node.parts[0]
    assert isinstance(part, ast.Member) and part.pos == ast.Pos(2, 5)


def test_semicolons_are_optional() -> None:
    module = parse_module("const a = 1\nconst b = a\n  .c\nexport default b\n", "t.ts")
    assert len(module.body) == 3


@pytest.mark.parametrize(
    ("source", "line", "column", "text"),
    [
        ("const a = (1;\n", 1, 13, "unexpected ';'"),
        ("const a = {\n  b: 1,\n", 3, 1, "unexpected end of file"),
        ("const a = 'open\n", 1, 11, "unexpected character"),
        ("const a = 1 #\n", 1, 13, "unexpected character '#'"),
    ],
)
def test_syntax_errors_are_one_diagnostic_with_file_line_and_column(
    source: str, line: int, column: int, text: str
) -> None:
    with pytest.raises(CompilationError) as caught:
        parse_module(source, "amplify/data/resource.ts")
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.code == "G001"
    assert (diagnostic.path, diagnostic.line, diagnostic.column) == ("amplify/data/resource.ts", line, column)
    assert text in diagnostic.message


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (1.0, "1"),
        (1.5, "1.5"),
        (-2.0, "-2"),
        (1e21, "1e+21"),
        (1e20, "100000000000000000000"),
        (1e-7, "1e-7"),
        (0.000001, "0.000001"),
        (123.456, "123.456"),
        (0.1 + 0.2, "0.30000000000000004"),
    ],
)
def test_numbers_print_like_javascript(value: float, text: str) -> None:
    assert number_to_string(value) == text
