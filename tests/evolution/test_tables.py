"""The tables we derive equal the tables Amplify's transformer writes into its build: every
corpus schema in both flag modes, and both sides of every golden migration pair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import requires_corpus
from evolution_cases import CORPUS_TABLES, LEGACY, GoldenCase, corpus_table_dumps, feature_flags, golden_cases, side

from translator.api import load_document
from translator.core.diagnostics import CompilationError
from translator.model.deploy import deployed_tables, tables_json
from translator.pipeline import derive_document


def _want(dump: Path) -> object:
    return None if dump.name.endswith(".error.txt") else json.loads(dump.read_text(encoding="utf-8"))


@requires_corpus
@pytest.mark.parametrize(("schema", "new_dump", "legacy_dump"),
                         [pytest.param(*c, id=c[0].stem) for c in corpus_table_dumps()])
def test_corpus_tables(schema: Path, new_dump: Path, legacy_dump: Path) -> None:
    """Both modes from one parse (positions are not needed: nothing is reported)."""
    try:
        loaded = load_document([schema], positions=False)
    except CompilationError:
        assert _want(new_dump) is None and _want(legacy_dump) is None
        return
    for flags, dump in (({}, new_dump), (LEGACY, legacy_dump)):
        settings = loaded.settings.with_flags(flags)
        try:
            derive_document(loaded.document, settings)
        except CompilationError:
            assert _want(dump) is None, f"{dump.parent.name}: we reject a schema the transformer accepts"
            continue
        assert tables_json(deployed_tables(loaded.document, settings)) == _want(dump), dump.parent.name


@pytest.mark.parametrize("case", golden_cases(), ids=lambda c: c.name)
def test_golden_tables(case: GoldenCase) -> None:
    for name in ("old", "new"):
        want = case.expected[name]
        try:
            got = tables_json(side(getattr(case, name), feature_flags(case.flags)).deployment)
        except CompilationError:
            assert "error" in want, f"{name}: we reject a schema the transformer accepts"
            continue
        assert got == want, name


def test_corpus_dumps_are_all_there() -> None:
    """Both modes dump the same schemas (a lost file would silently shrink the comparison)."""
    new = sorted(p.name for p in (CORPUS_TABLES / "new").iterdir())
    legacy = sorted(p.name for p in (CORPUS_TABLES / "legacy").iterdir())
    assert new == legacy and len(new) == 118
