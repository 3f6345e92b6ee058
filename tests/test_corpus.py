"""Real-world schemas from public repositories (``../shared/corpus/real``), each next to the result
of Amplify's own pipeline: ``NAME.json`` (the genericDataSchema) or ``NAME.error.txt`` (rejected).

* ``v2``: transformer v2 schemas, new-project flags;
* ``v2-legacy``: the same schemas with existing-project flags (CPK mode and timestamps off);
* ``v1``: schemas of transformer v1 projects, run through the (transformer v2, new-project) reference
  pipeline: the ones using ``@key``/``@connection`` are rejected, the others compile normally.

Skipped when the corpus folder does not exist. Corpus files are read in place, never copied.
"""

from __future__ import annotations

import json

import pytest
from conftest import CORPUS, Case, case_params, corpus_cases, entry_order_diff, first_diff, requires_corpus

import translator

pytestmark = requires_corpus


def check_against_reference(case: Case) -> None:
    """Our result for ``case`` agrees with Amplify's: same value and entry order, or both reject."""
    kind = case.kind
    if kind == "missing":
        pytest.fail(f"no reference beside {case.schema.name}")
    if kind == "both":
        pytest.fail(f"both {case.json_path.name} and {case.error_path.name} exist")
    if kind == "json":
        want = json.loads(case.json_path.read_text(encoding="utf-8"))
        try:
            ours = translator.compile_path(case.schema, feature_flags=case.flags)
        except translator.CompilationError as error:
            first = "\n".join(d.render() for d in error.diagnostics[:3])
            pytest.fail(f"Amplify accepts this schema but we reject it:\n{first}")
        diff = first_diff(want, ours)
        assert diff is None, f"output differs: {diff}"
        order = entry_order_diff(want, ours)
        assert order is None, f"entry order differs: {order}"
        return
    reason = case.error_path.read_text(encoding="utf-8").strip().splitlines()[0][:200]
    try:
        ours = translator.compile_path(case.schema, feature_flags=case.flags)
    except translator.CompilationError as error:
        assert error.diagnostics, "CompilationError without diagnostics"
        return
    pytest.fail(f"Amplify rejects this schema ({reason}) but we accept it (models: {list(ours['models'])[:8]})")


V2 = corpus_cases("v2")
V2_LEGACY = corpus_cases("v2-legacy")
V1 = corpus_cases("v1")


@pytest.mark.parametrize("case", case_params(V2))
def test_v2(case: Case) -> None:
    check_against_reference(case)


@pytest.mark.parametrize("case", case_params(V2_LEGACY))
def test_v2_legacy(case: Case) -> None:
    check_against_reference(case)


@pytest.mark.parametrize("case", case_params(V1))
def test_v1(case: Case) -> None:
    check_against_reference(case)


@pytest.mark.parametrize("subset", ["v2", "v2-legacy", "v1"])
def test_corpus_subset_present(subset: str) -> None:
    """The corpus is there, so each subset must hold schemas (a renamed folder would otherwise
    silently turn its tests into an empty parametrization)."""
    assert (CORPUS / subset).is_dir(), f"{CORPUS / subset} is missing"
    assert corpus_cases(subset), f"no *.graphql under {CORPUS / subset}"
