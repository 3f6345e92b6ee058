"""One run reports every problem it can: the rules still run on the parts of a schema that
parsed and validated, warnings come with errors, and what only follows from a reported error
(a field of a type that was set aside) is not reported again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import translator
from translator.check import check_paths
from translator.cli import main

SYNTAX_AND_MORE = """\
type Post @model {
  id: ID!
  title String
}
type Blog @model { id: ID! name: Nope }
type A @model { id: [ID!] }
type C @model { id: ID! address: Address }
type Address { s: String }
"""
# Every problem of SYNTAX_AND_MORE: the syntax error in Post, the unknown type in Blog (SDL
# validation), the list-typed id of A (a rule) and the warning about C.
EVERY = [("E001", 3, 9, "error"), ("E003", 5, 34, "error"), ("E015", 6, 17, "error"), ("W009", 7, 25, "warning")]


def found(diagnostics: list[translator.Diagnostic]) -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.column, d.severity) for d in diagnostics]


def test_check_reports_syntax_sdl_and_rule_errors_and_warnings_at_once(tmp_path: Path) -> None:
    (tmp_path / "s.graphql").write_text(SYNTAX_AND_MORE)
    result = check_paths([tmp_path / "s.graphql"])
    assert found(list(result.diagnostics)) == EVERY
    assert (result.errors, result.warnings) == (3, 1)


def test_compile_reports_every_error(tmp_path: Path) -> None:
    (tmp_path / "s.graphql").write_text(SYNTAX_AND_MORE)
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_path(tmp_path / "s.graphql")
    assert found(caught.value.diagnostics) == [e for e in EVERY if e[3] == "error"]
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_source(SYNTAX_AND_MORE)
    assert found(caught.value.diagnostics) == [e for e in EVERY if e[3] == "error"]


def test_json_format_marks_each_severity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("s.graphql").write_text(SYNTAX_AND_MORE)
    result = CliRunner().invoke(main, ["check", "--format", "json", "s.graphql"])
    assert result.exit_code == 1
    assert [(d["code"], d["line"], d["column"], d["severity"]) for d in json.loads(result.stdout)] == EVERY


def test_text_format_shows_warnings_with_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("s.graphql").write_text(SYNTAX_AND_MORE)
    result = CliRunner().invoke(main, ["check", "s.graphql"])
    assert result.exit_code == 1
    assert "s.graphql:7:25: warning[W009]: " in result.stderr
    assert result.stderr.endswith("3 error(s), 1 warning(s)\n")


def test_a_type_set_aside_is_not_reported_again_through_its_users() -> None:
    # Post has an invalid @auth value: Post is set aside; Blog.posts, which needs Post, goes with
    # it silently (no "unknown type"), and A's own error is still found.
    text = ("type Post @model @auth(rules: [{allow: bogus}]) { id: ID! }\n"
            "type Blog @model { id: ID! posts: [Post] @hasMany }\n"
            "type A @model { id: [ID!] }\n")
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_source(text)
    assert found(caught.value.diagnostics) == [("E006", 1, 40, "error"), ("E015", 3, 17, "error")]


def test_warnings_of_types_without_errors_come_with_rule_errors(tmp_path: Path) -> None:
    text = ("type A @model { id: [ID!] }\n"
            "type C @model { id: ID! address: Address }\n"
            "type Address { s: String }\n")
    (tmp_path / "s.graphql").write_text(text)
    result = check_paths([tmp_path / "s.graphql"])
    assert found(list(result.diagnostics)) == [("E015", 1, 17, "error"), ("W009", 2, 25, "warning")]


def test_a_schema_folder_with_a_broken_file_still_checks_the_others(tmp_path: Path) -> None:
    folder = tmp_path / "schema"
    folder.mkdir()
    (folder / "a.graphql").write_text("type Post @model {\n  id: ID!\n  title String\n}\n")
    (folder / "b.graphql").write_text("type A @model { id: [ID!] }\n")
    result = check_paths([folder])
    assert [(d.code, Path(d.path).name, d.line) for d in result.diagnostics] == [
        ("E001", "a.graphql", 3), ("E015", "b.graphql", 1)]


def test_only_the_first_syntax_error_of_a_file_is_reported() -> None:
    # The missing brace makes everything after Post unreadable as graphql-core reads it; what it
    # would say next follows from the first error.
    text = "type Post @model {\n  id: ID!\n\ntype Blog @model {\n  id: ID!\n}\n"
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_source(text)
    assert [d.code for d in caught.value.diagnostics] == ["E001"]


def test_a_clean_schema_is_unchanged() -> None:
    assert list(translator.compile_source("type Todo @model { id: ID! }")["models"]) == ["Todo"]
