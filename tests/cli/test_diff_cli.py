"""``diff OLD NEW`` and ``check --against REV`` end to end through click: every output format,
exit codes, and schemas read from git revisions (files and folders, never checked out)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import TESTS
from jsonschema import Draft202012Validator

from translator.cli import main

CASES = TESTS / "evolution" / "cases"
REMOVED = CASES / "40_model_removed_iterative"  # Tag removed: refused, TagTable at old.graphql:13:6
GIT = shutil.which("git")
requires_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def test_text_shows_both_sides_and_exit_1() -> None:
    result = run("diff", REMOVED / "old.graphql", REMOVED / "new.graphql")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{REMOVED / 'old.graphql'}:13:6: error[E306]: amplify push stops with: Removing")
    assert lines[1] == f"  {REMOVED / 'new.graphql'}: note: the schema without it"
    assert lines[-1] == "1 error(s), 0 warning(s)"
    assert result.stdout == ""


def test_accepted_change_exits_0_and_verbose_prints_the_plan() -> None:
    case = CASES / "10_index_added_iterative"
    result = run("diff", "-v", case / "old.graphql", case / "new.graphql")
    assert result.exit_code == 0, result.output
    assert "plan:\n  update ItemTable (stack Item)\n    + GSI byName (name HASH)\n" in result.stderr
    assert "amplify push: accepted by its sanity check" in result.stderr


def test_warnings_exit_0_or_1_with_strict() -> None:
    case = CASES / "03_required_field_added"
    assert run("diff", case / "old.graphql", case / "new.graphql").exit_code == 0
    assert run("diff", "--strict", case / "old.graphql", case / "new.graphql").exit_code == 1


def test_flags_and_allow_destructive() -> None:
    case = CASES / "13_two_indexes_added_non_iterative"
    assert run("diff", case / "old.graphql", case / "new.graphql").exit_code == 0  # new projects: iterative
    flag = "graphqltransformer.enableiterativegsiupdates=false"
    result = run("diff", "--feature-flag", flag, "--format", "json", case / "old.graphql", case / "new.graphql")
    assert result.exit_code == 1 and [d["code"] for d in json.loads(result.stdout)] == ["E307"]
    result = run("diff", "--allow-destructive-graphql-schema-updates", "--format", "json",
                 REMOVED / "old.graphql", REMOVED / "new.graphql")
    assert result.exit_code == 1 and [d["code"] for d in json.loads(result.stdout)] == ["E312"]


def test_json_github_and_sarif() -> None:
    case = CASES / "52_has_many_field_renamed_non_iterative"
    old, new = case / "old.graphql", case / "new.graphql"
    flag = ("--feature-flag", "graphqltransformer.enableiterativegsiupdates=false")
    report = json.loads(run("diff", *flag, "--format", "json", old, new).stdout)
    first = report[0]
    assert (first["code"], first["path"], first["line"], first["column"]) == ("E305", str(new), 4, 19)
    before = "before: gsi-Blog.articles (blogArticlesId HASH), from @hasMany Blog.articles"
    assert first["related"] == [{"path": str(old), "line": 4, "column": 20, "message": before}]
    github = run("diff", *flag, "--format", "github", old, new).stdout.splitlines()
    assert github[0].startswith(f"::error file={new},line=4,col=19,title=E305::amplify push stops with:")
    log = json.loads(run("diff", *flag, "--format", "sarif", old, new).stdout)
    schema = json.loads((TESTS / "fixtures" / "sarif-2.1.0-subset.schema.json").read_text(encoding="utf-8"))
    assert not list(Draft202012Validator(schema).iter_errors(log))
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == [d["code"] for d in report]
    assert results[0]["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 20}


def test_usage_and_io_problems_exit_2(tmp_path: Path) -> None:
    result = run("diff", tmp_path / "nope.graphql", REMOVED / "new.graphql")
    assert result.exit_code == 2 and "error[E201]" in result.stderr


def test_schema_that_does_not_compile(tmp_path: Path) -> None:
    case = CASES / "80_new_schema_rejected"
    result = run("diff", case / "old.graphql", case / "new.graphql")
    assert result.exit_code == 1 and f"{case / 'new.graphql'}:9:14: error[E040]" in result.stderr


class Repository:
    """A scratch git repository, driven like a user would, outside any other repository's state."""

    def __init__(self, root: Path) -> None:
        assert GIT is not None
        self.root = root
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        self.env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(root / ".gitconfig-none")})
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        assert GIT is not None
        done = subprocess.run([GIT, "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
                              cwd=self.root, env=self.env, capture_output=True, text=True, check=True)
        return done.stdout

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


@requires_git
def test_check_against_a_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repository(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    monkeypatch.setattr(os, "environ", {**os.environ, **repo.env})
    old = (REMOVED / "old.graphql").read_text(encoding="utf-8")
    repo.write("models/schema.graphql", old)
    assert run("check", "--against", "HEAD", "models/schema.graphql").exit_code == 0, "no commit yet: passes"
    repo.commit("schema")
    repo.write("models/schema.graphql", (REMOVED / "new.graphql").read_text(encoding="utf-8"))
    result = run("check", "--against", "HEAD", "models/schema.graphql")
    assert result.exit_code == 1
    assert result.stderr.startswith("HEAD:models/schema.graphql:13:6: error[E306]: amplify push stops with")
    result = run("diff", "HEAD:models/schema.graphql", "models/schema.graphql")
    assert result.exit_code == 1 and result.stderr.startswith("HEAD:models/schema.graphql:13:6: error[E306]")
    repo.write("models/other.graphql", old)
    assert run("check", "--against", "HEAD", "models/other.graphql").exit_code == 0, "a new schema passes"
    result = run("diff", "NOPE:models/schema.graphql", "models/schema.graphql")
    assert result.exit_code == 2 and "cannot read revision NOPE" in result.stderr


@requires_git
def test_api_folder_at_a_revision_with_its_project_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder (an API with a schema/ folder) is read from the revision together with the
    cli.json of that revision: at HEAD the project had CPK mode off, so the child's index was
    keyed on blogPostsId; turning it on renames that key (refused without iterative updates)."""
    repo = Repository(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    monkeypatch.setattr(os, "environ", {**os.environ, **repo.env})
    repo.write("amplify/cli.json", json.dumps({"features": {"graphqltransformer": {}}}))
    api = "amplify/backend/api/shop"
    repo.write(f"{api}/schema/a.graphql", "type Blog @model { email: String! @primaryKey posts: [Post] @hasMany }\n")
    repo.write(f"{api}/schema/b.graphql", "type Post @model { id: ID! title: String }\n")
    repo.commit("api")
    assert run("diff", f"HEAD:{api}", api).exit_code == 0
    cpk = {"graphqltransformer": {"respectprimarykeyattributesonconnectionfield": True}}
    repo.write("amplify/cli.json", json.dumps({"features": cpk}))
    result = run("diff", f"HEAD:{api}", api)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{api}/schema/a.graphql:1:61: error[E304]: amplify push stops with: Attempting "
                                    "to edit the global secondary index gsi-Blog.posts on the PostTable table")
    assert f"  HEAD:{api}/schema/a.graphql:1:61: note: before: gsi-Blog.posts (blogPostsId HASH)" in result.stderr
    assert run("diff", f"HEAD:{api}", f"HEAD:./{api}").exit_code == 0, "a revision against itself"
    repo.write(f"{api}/schema/b.graphql", "type Post @model { id: ID! title: String @index sku: String @index }\n")
    repo.write("amplify/cli.json", json.dumps({"features": {"graphqltransformer": {}}}))
    result = run("diff", f"HEAD:{api}", api)
    assert result.exit_code == 1 and result.stderr.startswith(f"{api}/schema/b.graphql:1:42: error[E307]: amplify")


@requires_git
def test_check_against_adds_only_the_comparison(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unchanged since HEAD: the same report as check. A schema that did not compile at HEAD is
    not compared (W119, a warning), the new one is checked as usual."""
    repo = Repository(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    monkeypatch.setattr(os, "environ", {**os.environ, **repo.env})
    blog = (TESTS.parent / "examples" / "blog.graphql").read_text(encoding="utf-8")
    repo.write("schema.graphql", blog)
    repo.commit("blog")
    check, against = run("check", "schema.graphql"), run("check", "--against", "HEAD", "schema.graphql")
    assert (against.exit_code, against.stderr) == (check.exit_code, check.stderr)
    repo.write("schema.graphql", blog.replace("name: String!", "name: Nope!"))
    repo.commit("broken")
    repo.write("schema.graphql", blog)
    result = run("check", "--against", "HEAD", "--format", "json", "schema.graphql")
    assert result.exit_code == 0
    found = [(d["code"], d["path"], d["line"]) for d in json.loads(result.stdout)]
    assert found == [("W119", "HEAD:schema.graphql", 9)]
