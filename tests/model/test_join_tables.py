"""``join_table_names`` (all that ``check``'s warnings take from model building) names exactly
the models Amplify's output marks ``isJoinTable``, on every golden and corpus schema it accepts."""

from __future__ import annotations

import json

import pytest
from conftest import Case, case_params, corpus_cases, golden_cases

from translator.api import load_document
from translator.model.derive import join_table_names
from translator.model.lower import lower

CASES = [c for c in golden_cases() + corpus_cases("v2") + corpus_cases("v2-legacy") if c.kind == "json"]
FOUND: dict[str, frozenset[str]] = {}


@pytest.mark.parametrize("case", case_params(CASES))
def test_join_tables_as_amplify_marks_them(case: Case) -> None:
    expected = json.loads(case.json_path.read_text(encoding="utf-8"))
    marked = frozenset(name for name, model in expected["models"].items() if model.get("isJoinTable"))
    loaded = load_document([case.schema], feature_flags=case.flags, positions=False)
    names = join_table_names(lower(loaded.document, loaded.settings))
    assert names == marked
    FOUND[case.id] = names


def test_some_schemas_have_join_tables() -> None:
    """The comparison above is not only between empty sets (runs after it, in file order)."""
    assert sum(1 for names in FOUND.values() if names) >= 5, FOUND
