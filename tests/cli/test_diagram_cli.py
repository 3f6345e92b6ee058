"""The ``diagram`` and ``report`` commands end to end through click: golden diagrams, exit codes,
diagnostics, ``-o``, and the README's diagram being the command's output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES, GOLDEN, REPO

from translator.cli import main

DIAGRAMS = GOLDEN / "diagrams"
CASES = json.loads((DIAGRAMS / "cases.json").read_text("utf-8"))
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): error\[(?P<code>[A-Z]\d{3})\]: ")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_diagrams(case: dict[str, object], fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command still prints what was reviewed (remake with tests/golden/diagrams/remake.py)."""
    monkeypatch.chdir(REPO)
    args = case["args"]
    assert isinstance(args, list)
    result = run("diagram", *args, "--format", fmt)
    assert result.exit_code == 0, result.output
    suffix = ".mmd" if fmt == "mermaid" else ".dot"
    assert result.stdout == (DIAGRAMS / f"{case['name']}{suffix}").read_text("utf-8")


def test_every_golden_file_has_a_case() -> None:
    names = {c["name"] for c in CASES}
    files = {p.name.rsplit(".", 1)[0] for p in DIAGRAMS.iterdir() if p.suffix in (".mmd", ".dot")}
    assert files == names


def test_readme_embeds_the_blog_diagram_made_by_the_command() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    match = re.search(r"`amplify-translate diagram (?P<args>[^\n`]+)`:\n\n```mermaid\n(?P<body>.*?)```", readme, re.S)
    assert match is not None, "README has no 'amplify-translate diagram ...' followed by a mermaid block"
    args = match["args"].split()
    assert args[0] == "examples/blog.graphql"
    result = run("diagram", str(REPO / args[0]), *args[1:])
    assert result.exit_code == 0 and match["body"] == result.stdout


def test_schema_errors_print_like_compile_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.graphql"
    bad.write_text("type Post @model {\n  id: ID!\n  author: Nope\n}\n", "utf-8")
    for command in ("diagram", "report"):
        result = run(command, str(bad))
        assert result.exit_code == 1
        assert result.stdout == ""
        first = LINE.match(result.stderr)
        assert first is not None and (first["line"], first["col"], first["code"]) == ("3", "11", "E003")
        assert result.stderr.endswith("1 error\n")


def test_io_problems_exit_2(tmp_path: Path) -> None:
    for command in ("diagram", "report"):
        result = run(command, str(tmp_path / "missing.graphql"))
        assert result.exit_code == 2 and result.stdout == ""
        assert "missing.graphql" in result.stderr


def test_unknown_model_and_bad_depth_are_usage_errors() -> None:
    result = run("diagram", str(EXAMPLES / "blog.graphql"), "--model", "Nope")
    assert result.exit_code == 2
    assert "no model named 'Nope'" in result.stderr and "Blog, Post, Comment" in result.stderr
    result = run("diagram", str(EXAMPLES / "blog.graphql"), "--model", "Blog", "--depth", "-1")
    assert result.exit_code == 2


def test_model_and_depth_select_a_neighbourhood() -> None:
    result = run("diagram", str(EXAMPLES / "blog.graphql"), "--model", "Comment", "--depth", "1")
    assert result.exit_code == 0
    entities = re.findall(r"^    (\w+) \{$", result.stdout, re.M)
    assert entities == ["Post", "Comment"]
    assert re.findall(r"^    (\w+) \S+ (\w+) : ", result.stdout, re.M) == [("Post", "Comment")]


def test_output_file_is_written_and_only_when_it_changes(tmp_path: Path) -> None:
    target = tmp_path / "model.md"
    result = run("report", str(EXAMPLES / "blog.graphql"), "-o", str(target), "--title", "Blog")
    assert result.exit_code == 0 and result.stdout == ""
    text = target.read_text("utf-8")
    assert text.startswith("# Blog\n") and "```mermaid\nerDiagram\n" in text
    stamp = target.stat().st_mtime_ns
    assert run("report", str(EXAMPLES / "blog.graphql"), "-o", str(target), "--title", "Blog").exit_code == 0
    assert target.stat().st_mtime_ns == stamp
    assert run("diagram", str(tmp_path / "nope.graphql"), "-o", str(target)).exit_code == 2
    assert target.read_text("utf-8") == text  # nothing written on failure


def test_gen2_resource_ts_is_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run("diagram", "tests/gen2/cases/07_has_many.ts")
    assert result.exit_code == 0
    assert result.stdout.startswith("erDiagram\n") and re.search(r"^    \w+ \|[|o]--o\{ \w+ : ", result.stdout, re.M)
