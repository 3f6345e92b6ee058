"""Mutated resource.ts files compile or fail with CompilationError; nothing else escapes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from conftest import TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import translator
from translator.core.diagnostics import CompilationError
from translator.frontends.gen2 import load_gen2

CASES = TESTS / "gen2" / "cases"
SEEDS = sorted(p.read_text("utf-8") for p in CASES.glob("*.ts"))
# Pieces that stress the lexer and the evaluator: brackets, quotes, keywords, builder calls.
PIECES = [
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ",",
    ";",
    ":",
    ".",
    "...",
    "=>",
    "=",
    "?",
    "!",
    "`",
    "'",
    '"',
    "${",
    "/*",
    "//",
    "\n",
    " ",
    "a.",
    "a.model({",
    "a.string()",
    ".required()",
    ".array()",
    ".default(",
    "a.ref('X')",
    "a.enum(['A'])",
    "a.hasMany('M', 'id')",
    "a.belongsTo('M', 'id')",
    ".identifier(['id'])",
    "process.env.X",
    "export ",
    "const ",
    "import ",
    "from ",
    "as ",
    "type ",
    "return ",
    "allow.owner()",
    "é",
    "✅",
    "\\",
    "0x",
    "1e309",
    "-",
    "null",
    "undefined",
    "this",
    "new ",
    "typeof ",
]


@st.composite
def mutated_source(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate", "replace"]))
        piece = draw(st.sampled_from(PIECES)) if action in ("insert", "replace") else ""
        if action == "delete":
            text = text[:start] + text[end:]
        elif action == "insert":
            text = text[:start] + piece + text[start:]
        elif action == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start] + piece + text[end:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_source())
def test_mutated_files_give_a_result_or_compilation_error(source: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "amplify" / "data" / "resource.ts"
        path.parent.mkdir(parents=True)
        path.write_text(source, encoding="utf-8")
        try:
            load_gen2(path)
        except CompilationError as error:
            assert error.diagnostics
            assert all(d.line >= 1 and d.column >= 1 for d in error.diagnostics)
            return
        try:
            translator.compile_path(path)
        except CompilationError as error:
            assert error.diagnostics


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes_the_front_end(source: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "resource.ts"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")
        try:
            load_gen2(path)
        except CompilationError as error:
            assert error.diagnostics
