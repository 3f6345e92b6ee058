"""Every golden migration pair through our comparison: Amplify's verdict (the error it stops
with and every rule violation: rule, class, message, cause, fix, tables), the rules it applies,
what DynamoDB refuses, and what the diagnostics say, all equal the reference's expected.json."""

from __future__ import annotations

from typing import Any

import pytest
from evolution_cases import GoldenCase, feature_flags, golden_cases, side

from translator.core.diagnostics import CompilationError
from translator.evolution import AmplifyError, Evolution, Options, compare
from translator.evolution.push import RULE_CODES


def _record(error: AmplifyError) -> dict[str, Any]:
    """An error in the reference's shape."""
    return {
        "rule": error.rule,
        "class": error.error_class,
        "message": error.message,
        "cause": error.cause,
        "fix": error.fix,
        "removed_tables": list(error.removed_tables) if error.removed_tables is not None else None,
        "replaced_tables": list(error.replaced_tables) if error.replaced_tables is not None else None,
    }


def _compared(case: GoldenCase) -> Evolution | CompilationError:
    flags = feature_flags(case.flags)
    try:
        old, new = side(case.old, flags), side(case.new, flags)
    except CompilationError as error:
        return error
    return compare(old, new, Options(allow_destructive=case.flags.get("allow_destructive", False)))


@pytest.mark.parametrize("case", golden_cases(), ids=lambda c: c.name)
def test_golden_verdict(case: GoldenCase) -> None:
    expected = case.expected["verdict"]
    result = _compared(case)
    if expected["rules"] is None:  # a schema the transformer rejects: refused before any rule
        assert isinstance(result, CompilationError), "the transformer rejects one side"
        side_name = expected["errors"][0]["rule"].removeprefix("transform:")
        assert {d.path for d in result.diagnostics} == {str(getattr(case, side_name))}
        return
    assert isinstance(result, Evolution)
    verdict = result.comparison.verdict
    assert ([_record(verdict.error)] if verdict.error else []) == expected["errors"]
    assert [_record(e) for e in verdict.violations] == expected["violations"]
    assert list(verdict.rules.names) == [expected["rules"]["diff"], expected["rules"]["project"]]
    assert result.comparison.iterative == expected["call"]["enableIterativeGSIUpdates"]
    assert (verdict.error is None) == expected["ok"]


@pytest.mark.parametrize("case", golden_cases(), ids=lambda c: c.name)
def test_golden_dynamodb(case: GoldenCase) -> None:
    result = _compared(case)
    if isinstance(result, CompilationError):
        assert case.expected["verdict"]["rules"] is None
        return
    got = [{"table": u.table, "model": u.model, "stack": u.stack, "created": list(u.created),
            "deleted": list(u.deleted), "updated": list(u.updated), "kind": u.kind, "message": u.message}
           for u in result.comparison.index_updates]
    want = [{k: v for k, v in entry.items() if k != "source"} for entry in case.expected.get("dynamodb") or []]
    assert got == want


@pytest.mark.parametrize("case", golden_cases(), ids=lambda c: c.name)
def test_golden_diagnostics(case: GoldenCase) -> None:
    """The errors say what stops the push, in Amplify's words, first; what DynamoDB refuses
    where Amplify does not; what --allow-destructive-graphql-schema-updates deletes."""
    result = _compared(case)
    if isinstance(result, CompilationError):
        return
    verdict, errors = case.expected["verdict"], [d for d in result.diagnostics if d.severity == "error"]
    amplify = [d for d in errors if d.code in RULE_CODES.values()]
    if verdict["errors"]:
        first = verdict["errors"][0]
        assert amplify[0].code == RULE_CODES[first["rule"]]
        assert " ".join(first["message"].split()) in " ".join(amplify[0].message.split())
    assert {d.code for d in amplify} == {RULE_CODES[v["rule"]] for v in verdict["violations"]}
    refused_tables = {v["table"] for v in case.expected.get("dynamodb") or []}
    caught = {e.table for e in result.comparison.verdict.violations}
    assert bool({d.code for d in errors} & {"E309", "E310"}) == bool(refused_tables - caught)
    old, new = case.expected["old"], case.expected["new"]
    deleted = case.flags.get("allow_destructive") and any(t not in new for t in old)
    assert ("E312" in {d.code for d in errors}) == bool(deleted and verdict["ok"])
    assert all(d.span.line > 0 or d.code == "E308" or d.path.endswith(".graphql") for d in result.diagnostics)


def test_every_rule_and_form_is_covered() -> None:
    """The goldens exercise every push-time rule, each error class, and both update modes."""
    seen = {(v["rule"], v["class"]) for c in golden_cases() for v in c.expected["verdict"]["violations"]
            if not v["rule"].startswith("transform:")}
    assert {rule for rule, _ in seen} == set(RULE_CODES)
    classes = {"DestructiveMigrationError", "InvalidMigrationError", "InvalidGSIMigrationError"}
    assert {cls for _, cls in seen} == classes
