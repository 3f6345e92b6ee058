"""Deep nesting never crashes compile or check (issue 10): list types, list and object values,
argument defaults in GraphQL; arrays, objects, parentheses, unary operators and call chains in
a Gen 2 resource.ts. Whatever the depth, only CompilationError comes out, and a schema nested
too deeply gets a located E057."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import translator
from translator.check import check_schema
from translator.core.diagnostics import CompilationError

# Mostly shallow, around graphql-core's nesting limit (200), and far past Python's stack.
DEPTHS = st.one_of(st.integers(1, 40), st.integers(150, 400), st.integers(900, 3000))
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _nest(depth: int, opener: str, closer: str, inner: str, balanced: bool) -> str:
    return opener * depth + inner + closer * (depth if balanced else depth // 2)


@st.composite
def graphql_schemas(draw: st.DrawFn) -> str:
    depth = draw(DEPTHS)
    balanced = draw(st.booleans())
    where = draw(st.sampled_from(["field type", "directive list", "directive object", "mixed", "argument default"]))
    if where == "field type":
        bang = draw(st.sampled_from(["", "!"]))
        field = "  x: " + "[" * depth + "String" + ("]" + bang) * (depth if balanced else depth // 2)
        return f"type Post @model {{\n  id: ID!\n{field}\n}}\n"
    if where == "argument default":
        value = _nest(depth, "[", "]", "1", balanced)
        return f"type Post @model {{\n  id: ID!\n  x(a: {'[' * depth}Int{']' * depth} = {value}): Int\n}}\n"
    if where == "directive list":
        value = _nest(depth, "[", "]", "", balanced)
    elif where == "directive object":
        value = _nest(depth, "{a: ", "}", "1", balanced)
    else:
        value = _nest(depth, "[{allow: ", "}]", "public", balanced)
    return f"type Post @model @auth(rules: {value}) {{\n  id: ID!\n}}\n"


@st.composite
def gen2_resources(draw: st.DrawFn) -> str:
    depth = draw(DEPTHS)
    balanced = draw(st.booleans())
    kind = draw(st.sampled_from(["array", "object", "parens", "unary", "chain", "ternary"]))
    value = {
        "array": _nest(depth, "[", "]", "", balanced),
        "object": _nest(depth, "{a: ", "}", "1", balanced),
        "parens": _nest(depth, "(", ")", "1", balanced),
        "unary": "-" * depth + "1",
        "chain": "a.string()" + ".required()" * depth,
        "ternary": "true ? " * depth + "1" + " : 2" * depth,
    }[kind]
    field = f"a.string().default({value})" if kind != "chain" else value
    return (
        'import { a, defineData } from "@aws-amplify/backend";\n'
        f"const schema = a.schema({{\n  Todo: a.model({{\n    content: {field},\n  }})"
        ".authorization((allow) => [allow.publicApiKey()]),\n});\n"
        "export const data = defineData({ schema });\n"
    )


def _compiles_or_reports(compile_it: object) -> None:
    try:
        compile_it()  # type: ignore[operator]
    except CompilationError as error:
        for diagnostic in error.diagnostics:
            if diagnostic.code == "E057":
                assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic


@FAST
@given(graphql_schemas())
def test_graphql_nesting_never_crashes(text: str) -> None:
    _compiles_or_reports(lambda: translator.compile_source(text))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.graphql"
        path.write_text(text)
        diagnostics = check_schema([path])  # check reports instead of raising
        assert all(d.line >= 1 for d in diagnostics if d.code == "E057")


@FAST
@given(gen2_resources())
def test_gen2_nesting_never_crashes(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "resource.ts"
        path.write_text(text)
        _compiles_or_reports(lambda: translator.compile_path(path))
        check_schema([path])


@pytest.mark.parametrize(
    ("text", "line", "column", "depth"),
    [
        # 300 levels of list type (the case): the innermost `[`, inside `type ... {`.
        ("type Post @model {\n  id: ID!\n  x: " + "[" * 300 + "String" + "]" * 300 + "\n}\n", 3, 305, 301),
        # 3000 nested values in a directive argument, inside `@auth(`.
        ("type Post @model @auth(rules: " + "[" * 3000 + "]" * 3000 + ") {\n  id: ID!\n}\n", 1, 3030, 3001),
        # Brackets in strings and comments do not count.
        ('# [[[[\ntype Post @model @auth(rules: "[[[[") {\n  id: ID!\n  x: ' + "[" * 250 + "Int" + "]" * 250
         + "\n}\n", 4, 255, 251),
    ],
)
def test_too_deep_is_e057_at_the_deepest_point(text: str, line: int, column: int, depth: int) -> None:
    with pytest.raises(CompilationError) as caught:
        translator.compile_source(text, name="deep.graphql")
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.code, diagnostic.path) == ("E057", "deep.graphql")
    assert (diagnostic.line, diagnostic.column) == (line, column)
    assert diagnostic.message == f"nested too deeply to compile: {depth} levels of brackets reach this point"


def test_gen2_too_deep_is_located(tmp_path: Path) -> None:
    path = tmp_path / "resource.ts"
    path.write_text(
        'import { a, defineData } from "@aws-amplify/backend";\nconst schema = a.schema({\n'
        "  Todo: a.model({ content: a.string().default(" + "(" * 3000 + "1" + ")" * 3000 + ") }),\n});\n"
        "export const data = defineData({ schema });\n"
    )
    with pytest.raises(CompilationError) as caught:
        translator.compile_path(path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "E057" and diagnostic.line == 3 and diagnostic.column > 1


@pytest.mark.parametrize("wrong", [None, b"type Post @model { id: ID! }", bytearray(b"x"), 3])
def test_compile_source_says_what_to_pass(wrong: object) -> None:
    with pytest.raises(TypeError, match="compile_source takes the schema text as a str, not ") as caught:
        translator.compile_source(wrong)  # type: ignore[arg-type]
    if isinstance(wrong, bytes | bytearray):
        assert "decode it first" in str(caught.value)
