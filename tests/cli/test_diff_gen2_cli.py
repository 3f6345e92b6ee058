"""``diff`` and ``check --against`` on Gen 2 ``resource.ts`` files through click: the deployment
type (``--sandbox``), the branch (``--branch``, ``AWS_BRANCH``), exit codes and formats."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TESTS
from test_diff_cli import Repository, requires_git, run

from translator.cli import main
from translator.core.codes import CODES

CASES = TESTS / "evolution" / "gen2" / "cases"
INDEX_ADDED = CASES / "11_secondary_index_added"
NOT_MAPPED = CASES / "22_gen1_mapping_model_not_mapped"


def test_sandbox_replaces_the_table_on_an_index_change() -> None:
    old, new = INDEX_ADDED / "old.ts", INDEX_ADDED / "new.ts"
    assert run("diff", old, new).exit_code == 0, "a branch deployment adds the index in place"
    result = run("diff", "--sandbox", "--format", "json", old, new)
    assert result.exit_code == 1
    found = [(d["code"], d["path"], d["line"], d["column"]) for d in json.loads(result.stdout)]
    assert found == [("E322", str(new), 9, 35)]
    sarif = json.loads(run("diff", "--sandbox", "--format", "sarif", old, new).stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [(r["id"], r["shortDescription"]["text"]) for r in rules] == [("E322", CODES["E322"])]


def test_verbose_plan_says_what_the_table_manager_does() -> None:
    case = CASES / "14_three_gsi_changes_pipeline"
    result = run("diff", "-v", case / "old.ts", case / "new.ts")
    assert result.exit_code == 0, "staged steps are a warning"
    assert ("ampx pipeline-deploy: updated ItemTable: delete itemsByStatus, create itemsByCode, create "
            "itemsByCreatedAt\n") in result.stderr
    assert "warning[W120]" in result.stderr


def test_branch_from_the_option_or_aws_branch() -> None:
    old, new = NOT_MAPPED / "old.ts", NOT_MAPPED / "new.ts"
    codes = [d["code"] for d in json.loads(run("diff", "--format", "json", old, new).stdout)]
    assert codes == ["W124"], "the single entry ('main') applies: Post is not in it"
    result = run("diff", "--branch", "prod", old, new)
    assert result.exit_code == 0 and "warning[W126]" in result.stderr and "'prod'" in result.stderr
    env = CliRunner(env={"AWS_BRANCH": "prod"}).invoke(main, ["diff", "--format", "json", str(old), str(new)])
    assert [d["code"] for d in json.loads(env.stdout)] == ["W126"]


@requires_git
def test_check_against_head_on_a_gen2_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = Repository(tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    monkeypatch.setattr(os, "environ", {**os.environ, **repo.env})
    resource = "amplify/data/resource.ts"
    repo.write(resource, (INDEX_ADDED / "old.ts").read_text(encoding="utf-8"))
    repo.commit("data")
    repo.write(resource, (INDEX_ADDED / "new.ts").read_text(encoding="utf-8"))
    assert run("check", "--against", "HEAD", resource).exit_code == 0
    result = run("check", "--against", "HEAD", "--sandbox", resource)
    assert result.exit_code == 1 and result.stderr.startswith(f"{resource}:9:35: error[E322]: in a sandbox")
    repo.write(resource, (INDEX_ADDED / "old.ts").read_text(encoding="utf-8").replace("Todo: a", "Task: a"))
    result = run("check", "--against", "HEAD", resource)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"HEAD:{resource}:4:3: error[E320]: Todo is removed: the deployment deletes")


@pytest.mark.parametrize(
    ("case", "options", "without", "with_them"),
    [
        ("19_model_removed_deletion_protection", ["--deletion-protected", "Todo"], "E320", "W122"),
        ("20_model_removed_retain_policy", ["--retained", "Todo"], "E320", "W122"),
        ("21_identifier_changed_deletion_protection", ["--deletion-protected", "Item"], "E321", "E323"),
    ],
)
def test_what_backend_ts_sets_on_a_table_is_given_on_the_command_line(
    case: str, options: list[str], without: str, with_them: str
) -> None:
    old, new = CASES / case / "old.ts", CASES / case / "new.ts"
    plain = [d["code"] for d in json.loads(run("diff", "--format", "json", old, new).stdout)]
    declared = [d["code"] for d in json.loads(run("diff", "--format", "json", *options, old, new).stdout)]
    assert (plain, declared) == ([without], [with_them])
