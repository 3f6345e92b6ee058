"""The ``check``, ``hook-compile`` and ``compile -o [--check]`` commands, end to end through click."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import EXAMPLES, REPO

from translator.cli import main
from translator.core.diagnostics import Diagnostic, Span
from translator.emit.report import render_github

BLOG = EXAMPLES / "blog.graphql"

# E003 (unknown type) at 4:11, the ``N`` of ``Nope``.
BAD = """\
type Post @model {
  id: ID!
  title: String!
  author: Nope
}
"""
# A second, independent error: E028 (@hasMany on a non-list field) at 3:14.
BAD_2 = """\
type Blog @model {
  id: ID!
  post: Post @hasMany
}

type Post @model {
  id: ID!
}
"""
# W005 (enum values colliding in constant case) at 1:18 and nothing else.
WARN = """\
enum Color { red RED }

type Paint @model {
  id: ID!
  color: Color
}
"""
# E010 (type defined twice) at 5:6 with a related note at 1:6.
DUPLICATE = """\
type Tag @model {
  id: ID!
}

type Tag {
  label: String
}
"""
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)\[(?P<code>[A-Z]\d{3})\]: ")


def run(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result


def diagnostics_in(text: str) -> list[tuple[str, int, int, str, str]]:
    """``(path, line, col, severity, code)`` of every ``path:line:col: severity[CODE]: ...`` line."""
    found = []
    for line in text.splitlines():
        match = LINE.match(line)
        if match:
            found.append((match["path"], int(match["line"]), int(match["col"]), match["severity"], match["code"]))
    return found


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the current directory, holding bad.graphql, bad2.graphql, warn.graphql, dup.graphql."""
    monkeypatch.chdir(tmp_path)
    for name, text in (("bad", BAD), ("bad2", BAD_2), ("warn", WARN), ("dup", DUPLICATE)):
        (tmp_path / f"{name}.graphql").write_text(text, encoding="utf-8")
    return tmp_path


# -- exit codes and the text format ------------------------------------------------------------


def test_clean_schema_exits_0_and_prints_nothing() -> None:
    result = run("check", str(BLOG))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert diagnostics_in(result.stderr) == []


def test_bad_schema_exits_1_with_path_line_col(workdir: Path) -> None:
    result = run("check", "bad.graphql")
    assert result.exit_code == 1, result.output
    assert "bad.graphql:4:11: error[E003]: " in result.stderr
    assert diagnostics_in(result.stderr) == [("bad.graphql", 4, 11, "error", "E003")]
    assert "1 error(s), 0 warning(s)" in result.stderr
    assert result.stdout == "", "the text report goes to stderr"


def test_warnings_pass_unless_strict(workdir: Path) -> None:
    relaxed = run("check", "warn.graphql")
    assert relaxed.exit_code == 0, relaxed.output
    assert diagnostics_in(relaxed.stderr) == [("warn.graphql", 1, 18, "warning", "W005")]
    strict = run("check", "--strict", "warn.graphql")
    assert strict.exit_code == 1, strict.output
    assert diagnostics_in(strict.stderr) == [("warn.graphql", 1, 18, "warning", "W005")]
    # --strict changes nothing for a clean schema.
    assert run("check", "--strict", str(BLOG)).exit_code == 0


def test_missing_file_exits_2(workdir: Path) -> None:
    result = run("check", "missing.graphql")
    assert result.exit_code == 2, result.output
    assert "missing.graphql: error[E201]" in result.stderr


def test_missing_file_among_others_still_reports_the_others(workdir: Path) -> None:
    result = run("check", "bad.graphql", "missing.graphql")
    assert result.exit_code == 2, result.output
    assert ("bad.graphql", 4, 11, "error", "E003") in diagnostics_in(result.stderr)
    assert "missing.graphql: error[E201]" in result.stderr


def test_no_path_is_a_usage_error() -> None:
    assert run("check").exit_code == 2


def test_verbose_shows_source_line_and_caret(workdir: Path) -> None:
    result = run("check", "-v", "bad.graphql", "warn.graphql")
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    checked = 0
    for i, line in enumerate(lines):
        match = LINE.match(line)
        if not match:
            continue
        column = int(match["col"])
        source, caret = lines[i + 1], lines[i + 2]
        text = Path(match["path"]).read_text(encoding="utf-8").splitlines()[int(match["line"]) - 1]
        assert source.endswith(f"{match['line']} | {text}"), source
        assert caret.strip() == "| ^" or caret.rstrip().endswith("^"), caret
        assert caret.count("^") == 1
        # The caret sits under the character the column names.
        offset = source.index(" | ") + 3
        assert caret.index("^") - offset == column - 1, f"{source}\n{caret}"
        assert source[caret.index("^")] == text[column - 1]
        checked += 1
    assert checked == 2
    assert "   4 |   author: Nope" in result.stderr
    # Without -v there is no excerpt.
    assert "|" not in run("check", "bad.graphql").stderr


def test_verbose_shows_the_current_file_after_an_edit(workdir: Path) -> None:
    """Several checks in one process (an editor integration, a watch loop) show the file as it is now."""
    first = run("check", "-v", "bad.graphql")
    assert "|   author: Nope" in first.stderr
    Path("bad.graphql").write_text(BAD.replace("  author: Nope", "  writer: Missing"), encoding="utf-8")
    second = run("check", "-v", "bad.graphql")
    assert second.stderr.splitlines()[0].startswith("bad.graphql:4:11: error[E003]: Unknown type 'Missing'.")
    assert "|   writer: Missing" in second.stderr, second.stderr
    assert "author" not in second.stderr


def test_verbose_caret_after_tabs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("tabs.graphql").write_text("type Post @model {\n\tid: ID!\n\tauthor:\tNope\n}\n", encoding="utf-8")
    result = run("check", "-v", "tabs.graphql")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("tabs.graphql:3:10: error[E003]")
    source, caret = lines[1], lines[2]
    assert source[caret.index("^")] == "N", f"{source}\n{caret}"


# -- JSON and GitHub formats -------------------------------------------------------------------


def test_json_format(workdir: Path) -> None:
    result = run("check", "--format", "json", "dup.graphql", "warn.graphql")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert isinstance(report, list) and report
    keys = {"code", "severity", "message", "path", "line", "column", "related"}
    for entry in report:
        assert set(entry) == keys, entry
        assert isinstance(entry["message"], str) and entry["message"]
        assert isinstance(entry["line"], int) and isinstance(entry["column"], int)
        assert entry["severity"] in ("error", "warning")
        for related in entry["related"]:
            assert set(related) == {"path", "line", "column", "message"}
    by_code = {entry["code"]: entry for entry in report}
    duplicate = by_code["E010"]
    assert (duplicate["path"], duplicate["line"], duplicate["column"], duplicate["severity"]) == (
        "dup.graphql", 5, 6, "error")
    assert duplicate["related"] == [
        {"path": "dup.graphql", "line": 1, "column": 6, "message": "first defined here"}
    ]
    warning = by_code["W005"]
    assert (warning["path"], warning["line"], warning["column"], warning["severity"]) == (
        "warn.graphql", 1, 18, "warning")
    assert warning["related"] == []
    # Nothing but the JSON on stdout; no text report mixed in.
    assert "error[" not in result.stdout


def test_json_format_clean_is_empty_list() -> None:
    result = run("check", "--format", "json", str(BLOG))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_github_format(workdir: Path) -> None:
    result = run("check", "--format", "github", "bad.graphql", "warn.graphql")
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines == [
        "::error file=bad.graphql,line=4,col=11,title=E003::Unknown type 'Nope'.",
        "::warning file=warn.graphql,line=1,col=18,title=W005::" + lines[1].split("::", 2)[2],
    ]
    assert "RED" in lines[1]


def test_github_format_escapes_properties_and_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Path("we,ird:dir")
    folder.mkdir()
    (folder / "p.graphql").write_text("type Post @model {\n  id: ID!\n  x: String %\n}\n", encoding="utf-8")
    result = run("check", "--format", "github", "we,ird:dir/p.graphql")
    assert result.exit_code == 1, result.output
    line = result.stdout.strip()
    assert line.startswith("::error file=we%2Cird%3Adir/p.graphql,line=3,col=13,title=E001::"), line
    message = line.split("::", 2)[2]
    assert "%25" in message and "%'" not in message, message
    assert "\n" not in line


def test_github_renderer_escapes_newlines() -> None:
    diagnostic = Diagnostic("E099", "50% of\r\nit: bad, really", Span("a:b,c.graphql", 2, 3), severity="warning")
    assert render_github([diagnostic]) == (
        "::warning file=a%3Ab%2Cc.graphql,line=2,col=3,title=E099::50%25 of%0D%0Ait: bad, really\n"
    )
    whole_file = Diagnostic("E053", "not GraphQL", Span("schema/README.md"))
    assert render_github([whole_file]) == "::error file=schema/README.md,title=E053::not GraphQL\n"


# -- several paths, schema folders ----------------------------------------------------------------


def test_several_paths_reported_at_once(workdir: Path) -> None:
    result = run("check", "bad.graphql", "bad2.graphql", str(BLOG), "warn.graphql")
    assert result.exit_code == 1, result.output
    found = diagnostics_in(result.stderr)
    assert ("bad.graphql", 4, 11, "error", "E003") in found
    assert ("bad2.graphql", 3, 14, "error", "E028") in found
    assert ("warn.graphql", 1, 18, "warning", "W005") in found
    assert not [d for d in found if d[0] == str(BLOG)]
    assert "2 error(s), 1 warning(s)" in result.stderr


SCHEMA_A = """\
type Blog @model {
  id: ID!
  name: String!
  posts: [Post] @hasMany
}
"""
SCHEMA_B = """\
type Post @model {
  id: ID!
  title: String!
  blog: Blog @belongsTo
}
"""


@pytest.fixture
def api_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``amplify/backend/api/x/schema/{a,b}.graphql``; b uses Blog from a. Returns the schema/ folder."""
    monkeypatch.chdir(tmp_path)
    schema = tmp_path / "amplify" / "backend" / "api" / "x" / "schema"
    schema.mkdir(parents=True)
    (schema / "a.graphql").write_text(SCHEMA_A, encoding="utf-8")
    (schema / "b.graphql").write_text(SCHEMA_B, encoding="utf-8")
    return schema


def test_file_in_schema_folder_checked_with_its_api(api_folder: Path) -> None:
    # b.graphql alone would not know Blog; it is checked as part of the whole API.
    only_b = run("check", "amplify/backend/api/x/schema/b.graphql")
    assert only_b.exit_code == 0, only_b.output
    both = run("check", "--format", "json", "amplify/backend/api/x/schema/a.graphql",
               "amplify/backend/api/x/schema/b.graphql")
    assert both.exit_code == 0, both.output
    assert json.loads(both.stdout) == []


def test_file_in_schema_folder_checked_once(api_folder: Path) -> None:
    (api_folder / "b.graphql").write_text(SCHEMA_B.replace("  title: String!", "  title: Nope"), encoding="utf-8")
    result = run("check", "--format", "json", "amplify/backend/api/x/schema/a.graphql",
                 "amplify/backend/api/x/schema/b.graphql")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert [(d["code"], d["line"], d["column"]) for d in report] == [("E003", 3, 10)]
    assert Path(report[0]["path"]).as_posix().endswith("amplify/backend/api/x/schema/b.graphql")
    # Naming only the other file of the API still finds the error, in b.graphql.
    via_a = run("check", "--format", "json", "amplify/backend/api/x/schema/a.graphql")
    assert via_a.exit_code == 1
    assert [(Path(d["path"]).name, d["code"]) for d in json.loads(via_a.stdout)] == [("b.graphql", "E003")]


# -- hook-compile ----------------------------------------------------------------------------------


def compiled(*paths: str) -> str:
    result = run("compile", *paths)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_hook_compile_writes_beside_schema_and_leaves_current_file_alone(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("api").mkdir()
    Path("api/schema.graphql").write_text(BLOG.read_text(encoding="utf-8"), encoding="utf-8")
    output = Path("api/generic-data-schema.json")

    first = run("hook-compile", "api/schema.graphql")
    assert first.exit_code == 1, "rewriting the output must fail the hook so the change gets staged"
    assert "generic-data-schema.json: updated" in first.stderr
    assert output.read_text(encoding="utf-8") == compiled("api/schema.graphql")
    assert json.loads(output.read_text(encoding="utf-8"))["models"].keys() >= {"Blog", "Post", "Comment"}

    old = 1_000_000_000_000_000_000
    os.utime(output, ns=(old, old))
    second = run("hook-compile", "api/schema.graphql")
    assert second.exit_code == 0, second.output
    assert second.stderr == ""
    assert output.stat().st_mtime_ns == old, "an up-to-date output must not be rewritten"

    # A schema change makes the output stale: rewritten, exit 1.
    changed = BLOG.read_text(encoding="utf-8").replace("  name: String!\n", "  name: String!\n  tagline: String\n")
    Path("api/schema.graphql").write_text(changed, encoding="utf-8")
    third = run("hook-compile", "api/schema.graphql")
    assert third.exit_code == 1
    assert output.stat().st_mtime_ns != old
    assert "tagline" in output.read_text(encoding="utf-8")
    assert output.read_text(encoding="utf-8") == compiled("api/schema.graphql")
    assert sorted(p.name for p in Path("api").iterdir()) == ["generic-data-schema.json", "schema.graphql"]


def test_hook_compile_schema_folder_writes_beside_folder(api_folder: Path) -> None:
    result = run("hook-compile", "amplify/backend/api/x/schema/a.graphql", "amplify/backend/api/x/schema/b.graphql")
    assert result.exit_code == 1, result.output
    target = api_folder.parent / "generic-data-schema.json"
    assert target.is_file()
    assert not (api_folder / "generic-data-schema.json").exists()
    assert result.stderr.count("updated") == 1, "one API, one output"
    assert set(json.loads(target.read_text(encoding="utf-8"))["models"]) >= {"Blog", "Post"}
    assert run("hook-compile", "amplify/backend/api/x/schema/b.graphql").exit_code == 0


def test_hook_compile_broken_schema_writes_nothing(workdir: Path) -> None:
    result = run("hook-compile", "bad.graphql")
    assert result.exit_code == 1
    assert "bad.graphql:4:11: error[E003]" in result.stderr
    assert not (workdir / "generic-data-schema.json").exists()


# -- compile -o [--check] --------------------------------------------------------------------------


def test_compile_check_reports_stale_output_with_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema.graphql").write_text(BLOG.read_text(encoding="utf-8"), encoding="utf-8")

    missing = run("compile", "schema.graphql", "-o", "out.json", "--check")
    assert missing.exit_code == 1, "a missing output is stale"
    assert not Path("out.json").exists(), "--check writes nothing"

    assert run("compile", "schema.graphql", "-o", "out.json").exit_code == 0
    current = Path("out.json").read_text(encoding="utf-8")
    assert current == compiled("schema.graphql")
    fresh = run("compile", "schema.graphql", "-o", "out.json", "--check")
    assert fresh.exit_code == 0, fresh.output
    assert fresh.stdout == ""

    Path("schema.graphql").write_text(BLOG.read_text(encoding="utf-8").replace("  title: String!\n",
                                                                              "  title: String!\n  rating: Int\n"),
                                      encoding="utf-8")
    stale = run("compile", "schema.graphql", "-o", "out.json", "--check")
    assert stale.exit_code == 1, stale.output
    diff = stale.stdout
    assert diff.startswith("--- out.json\n+++ out.json (compiled)\n"), diff[:200]
    assert "\n@@ " in diff
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert any('"rating"' in line for line in added), diff
    assert not [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert "out.json: not up to date" in stale.stderr
    assert Path("out.json").read_text(encoding="utf-8") == current, "--check must not write"


def test_compile_output_on_broken_schema_writes_nothing(workdir: Path) -> None:
    result = run("compile", "bad.graphql", "-o", "out.json")
    assert result.exit_code == 1
    assert "bad.graphql:4:11: error[E003]" in result.stderr
    assert not (workdir / "out.json").exists()
    # An existing output is left as it was, and no temporary file is left behind.
    (workdir / "out.json").write_text("previous\n", encoding="utf-8")
    assert run("compile", "bad.graphql", "-o", "out.json").exit_code == 1
    assert (workdir / "out.json").read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in workdir.iterdir() if p.name.startswith(".")) == []


def test_compile_check_needs_output() -> None:
    result = run("compile", str(BLOG), "--check")
    assert result.exit_code == 2


# -- a real process -----------------------------------------------------------------------------


def test_python_dash_m_translator_check(workdir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    bad = subprocess.run([sys.executable, "-m", "translator", "check", "bad.graphql"], cwd=workdir, env=env,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1, bad.stderr
    assert "bad.graphql:4:11: error[E003]: Unknown type 'Nope'." in bad.stderr.splitlines()
    assert "Traceback" not in bad.stderr
    clean = subprocess.run([sys.executable, "-m", "translator", "check", str(BLOG)], cwd=workdir, env=env,
                           capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout == "" and clean.stderr == ""


def test_missed_join_table_warning(tmp_path: Path) -> None:
    """W003: a hand-written link model that the join-table heuristic will not recognise."""
    from translator.check import check_schema

    schema = tmp_path / "schema.graphql"
    base = (
        'type Student @model { id: ID! enrollments: [Enrollment] @hasMany(indexName: "byStudent", fields: ["id"]) }\n'
        'type Course @model { id: ID! enrollments: [Enrollment] @hasMany(indexName: "byCourse", fields: ["id"]) }\n'
        "type Enrollment @model {\n  id: ID!\n"
        '  studentId: ID! @index(name: "byStudent")\n  courseId: ID! @index(name: "byCourse")\n'
        '  student: Student! @belongsTo(fields: ["studentId"])\n  course: Course! @belongsTo(fields: ["courseId"])\n'
    )
    schema.write_text(base + "}\n")
    codes = [d.code for d in check_schema([schema])]
    assert "W003" not in codes and "W002" in codes  # detected as a join table
    schema.write_text(base + "  grade: String\n}\n")
    warnings = [d for d in check_schema([schema]) if d.code == "W003"]
    assert len(warnings) == 1 and "grade" in warnings[0].message
