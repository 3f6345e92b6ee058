"""The deep-diff port lists the differences of the real deep-diff 1.0.2, in its order
(fixture: tests/evolution/reference/deepdiff_cases.cjs)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from evolution_cases import EVOLUTION

from translator.evolution.deepdiff import diff

FIXTURE = json.loads((EVOLUTION / "deepdiff_cases.json").read_text(encoding="utf-8"))


def _plain(lhs: Any, rhs: Any) -> list[dict[str, Any]]:
    out = []
    for d in diff(lhs, rhs):
        entry: dict[str, Any] = {"kind": d.kind, "path": list(d.path)}
        if d.kind == "A":
            assert d.item is not None
            entry.update(index=d.index, item=d.item.kind)
        out.append(entry)
    return out


def test_fixture_is_from_the_version_amplify_uses() -> None:
    assert FIXTURE["package"] == "deep-diff@1.0.2"


@pytest.mark.parametrize("case", FIXTURE["cases"], ids=lambda c: json.dumps([c["lhs"], c["rhs"]])[:60])
def test_same_differences_in_the_same_order(case: dict[str, Any]) -> None:
    assert _plain(case["lhs"], case["rhs"]) == case["diffs"]
