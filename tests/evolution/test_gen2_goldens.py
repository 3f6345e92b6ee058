"""Every Gen 2 golden pair (``tests/evolution/gen2/cases``, made by Amplify's own defineData and
table manager, see the README there) through our ``diff``: per deployment type, the table
resources each side synthesizes, what happens to every table (outcome, items lost, index steps),
where the deployment stops, the Gen 1 mapping's findings, and the diagnostics that say so."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from translator.core.diagnostics import Diagnostic
from translator.evolution import Options
from translator.evolution.mapping import mapping_findings
from translator.evolution.table_manager import DeploymentFate
from translator.evolve import DiffResult, diff_paths
from translator.model.deploy.gen2 import TableResource

GEN2 = Path(__file__).parent / "gen2"
CASES = sorted(p for p in (GEN2 / "cases").iterdir() if p.is_dir())
# The codes that state a table's fate (the rest are about the mapping and stored data).
TABLE_CODES = {"E320", "E321", "E322", "E323", "E324", "E325", "E326", "E327", "E328", "W120", "W121", "W122"}


@dataclass(frozen=True, eq=False)  # hashed by identity: the runs are made once
class Run:
    """One case compared for one deployment type, as the reference ran it."""

    case: Path
    deployment: str
    flags: dict[str, Any]
    expected: dict[str, Any]

    @property
    def options(self) -> Options:
        return Options(sandbox=self.deployment == "sandbox", branch=self.flags.get("branch", "main"),
                       deletion_protection=frozenset(self.flags.get("deletion_protection", ())),
                       retain=frozenset(self.flags.get("retain", ())))

    @property
    def reference(self) -> dict[str, Any]:
        deployment: dict[str, Any] = self.expected["deployments"][self.deployment]
        return deployment

    def __str__(self) -> str:
        return f"{self.case.name}-{self.deployment}"


def _runs() -> list[Run]:
    runs = []
    for case in CASES:
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        flags = json.loads((case / "flags.json").read_text(encoding="utf-8"))
        runs.extend(Run(case, deployment, flags, expected) for deployment in expected["deployments"])
    return runs


RUNS = _runs()


@cache
def _diff(run: Run) -> DiffResult:
    return diff_paths(run.case / "old.ts", run.case / "new.ts", options=run.options)


def _fate(run: Run) -> DeploymentFate:
    result = _diff(run)
    assert result.evolution is not None, [d.render() for d in result.diagnostics]
    fate = result.evolution.comparison.gen2
    assert fate is not None
    return fate


def _outcomes(tables: dict[str, Any]) -> dict[str, tuple[object, ...]]:
    return {name: (t["outcome"], t["data_lost"], t["steps"], [(s["action"], s["index"]) for s in t["gsi_steps"]])
            for name, t in tables.items()}


def test_every_case_runs() -> None:
    assert len(CASES) == 31 and len(RUNS) == 57


@pytest.mark.parametrize("run", RUNS, ids=str)
def test_table_outcomes(run: Run) -> None:
    """Per table: created, imported, unchanged, updated in N index steps, replaced, deleted,
    retained, failed or not reached, whether its items are lost; and where the deployment stops."""
    fate, reference = _fate(run), run.reference
    assert fate.failed_stage == reference["failed_stage"]
    assert [f.logical_id for f in fate.old_failures] == [f["table"] for f in reference["old_failures"]]
    ours = {t.logical_id: (t.outcome, t.data_lost, t.steps, [(s.action, s.index) for s in t.gsi_steps])
            for t in fate.tables.values()}
    assert ours == _outcomes(reference["tables"])
    assert sorted(t.logical_id for t in fate.tables.values() if t.data_lost) == reference["data_loss"]


def _properties(resource: TableResource) -> dict[str, Any]:
    """Our resource in the reference's shape (the properties the schema decides)."""
    table = resource.table
    out: dict[str, Any] = {
        "model": table.model,
        "type": table.resource_type,
        "deletion_policy": "Retain" if resource.retain else "Delete",
        "tableName": resource.table_name,
        "deletionProtectionEnabled": resource.deletion_protection,
        "replaceTableUponGsiUpdate": resource.replace_on_gsi_update,
        "keySchema": [{"attributeName": k.name, "keyType": k.key_type} for k in table.key_schema],
        "attributeDefinitions": [{"attributeName": a.name, "attributeType": a.type} for a in table.attributes],
    }
    if table.gsis:
        out["globalSecondaryIndexes"] = [
            {"indexName": g.name, "keySchema": [{"attributeName": k.name, "keyType": k.key_type} for k in g.key_schema],
             "projection": {"projectionType": g.projection}} for g in table.gsis]
    return out


def _reference_properties(table: dict[str, Any]) -> dict[str, Any]:
    properties = table["properties"]
    out = {key: properties[key] for key in ("tableName", "deletionProtectionEnabled", "replaceTableUponGsiUpdate",
                                            "keySchema", "attributeDefinitions")}
    if "globalSecondaryIndexes" in properties:  # throughput of imported tables' indexes: not the schema's
        out["globalSecondaryIndexes"] = [{k: v for k, v in g.items() if k != "provisionedThroughput"}
                                         for g in properties["globalSecondaryIndexes"]]
    return {"model": table["model"], "type": table["type"], "deletion_policy": table["deletion_policy"], **out}


@pytest.mark.parametrize("run", RUNS, ids=str)
def test_synthesized_tables(run: Run) -> None:
    """Both sides' table resources equal the ones Amplify's defineData synthesized (or both fail)."""
    fate = _fate(run)
    for side, synthesis in (("old", fate.old), ("new", fate.new)):
        reference = run.expected[side][run.deployment]
        if "error" in reference:
            assert synthesis.error is not None and synthesis.error.message in reference["error"]["message"]
            continue
        assert synthesis.error is None
        ours = {name: _properties(r) for name, r in synthesis.resources.items()}
        assert ours == {name: _reference_properties(t) for name, t in reference["tables"].items()}


@pytest.mark.parametrize("run", [r for r in RUNS if r.expected["mapping"][r.deployment]["new"]["declared"]], ids=str)
def test_mapping_findings(run: Run) -> None:
    """What the Gen 1 table mapping does not do, per side, as the reference finds it."""
    result = _diff(run)
    assert result.evolution is not None
    comparison = result.evolution.comparison
    for side_name, side in (("old", comparison.old), ("new", comparison.new)):
        reference = run.expected["mapping"][run.deployment][side_name]
        ours = [(f.kind, list(f.models)) for f in mapping_findings(side.definition, comparison.synthesis(side))]
        assert ours == [(f["kind"], f.get("models", [])) for f in reference["findings"]]


def _expected_codes(run: Run) -> Counter[str]:
    """The table codes the reference's outcome calls for, read off expected.json alone."""
    reference, codes = run.reference, Counter[str]()
    if reference["failed_stage"] == "new-schema":
        codes["E326" if "Imported model not found" in reference["error"]["message"] else "E327"] += 1
        return codes
    if reference["failed_stage"] == "deploy-old":
        codes["E328"] += len(reference["old_failures"])
        return codes
    old, new = run.expected["old"][run.deployment]["tables"], run.expected["new"][run.deployment]["tables"]
    for name, table in reference["tables"].items():
        outcome, error = table["outcome"], table["error"] or ""
        if outcome in ("deleted", "not_reached"):
            codes["E320"] += 1
        elif outcome == "retained":
            codes["W122"] += 1
        elif outcome == "replaced":
            key_changed = old[name]["properties"]["keySchema"] != new[name]["properties"]["keySchema"]
            codes["E321" if key_changed else "E322"] += 1
        elif outcome == "updated" and len(table["gsi_steps"]) > 1:
            codes["W120"] += 1
        elif outcome == "failed":
            if "deletion protection" in error:
                codes["E323"] += 1
            elif "resource type" in error:
                codes["E325"] += 1
            elif "Imported table properties" in error:
                codes["E328"] += 1
            else:  # the GSI quota: items lost (a sandbox replacement) or only the deployment failed
                codes["E324" if table["data_lost"] else "W121"] += 1
    return codes


@pytest.mark.parametrize("run", RUNS, ids=str)
def test_diagnostics_state_each_fate(run: Run) -> None:
    """One diagnostic per table fate the reference reports, errors exactly where items are lost
    or the deployment fails for a reason no quota increase fixes."""
    diagnostics: list[Diagnostic] = list(_diff(run).diagnostics)
    assert Counter(d.code for d in diagnostics if d.code in TABLE_CODES) == _expected_codes(run)
    reference = run.reference
    lost = [name.removesuffix("Table") for name in reference["data_loss"]]
    errors = [d for d in diagnostics if d.severity == "error" and d.code in TABLE_CODES]
    for model in lost:
        assert any(re.search(rf"\b{model}\b", d.message) for d in errors), f"no error names {model}"
    failed = [t["error"] or "" for t in reference["tables"].values() if t["outcome"] == "failed"]
    quota_only = bool(failed) and all("global secondary indexes" in error for error in failed)
    assert bool(errors) == bool(lost or (reference["failed_stage"] and not quota_only))
    assert all(d.span.line > 0 for d in diagnostics), "every diagnostic points into a file"
    assert all("Instead:" in d.message for d in diagnostics if d.code in TABLE_CODES - {"W122"})


def test_readme_cites_amplify_for_every_case() -> None:
    """Each golden case has a row in the reference README naming the Amplify code that decides it."""
    rows = {m.group(1): m.group(2) for m in re.finditer(r"^\| `(\d\d_[a-z0-9_]+)` \|.*\| ([^|]+) \|$",
                                                         (GEN2 / "README.md").read_text(encoding="utf-8"), re.M)}
    assert sorted(rows) == [c.name for c in CASES]
    assert all(re.search(r"`\w+`|CloudFormation|as \d\d|same", cited) for cited in rows.values()), rows
