"""The migration cases against Amplify's own migrator and pipeline (``cases_io.py`` says what the
reference files are; ``regenerate.py`` remakes them).

For each case: where Amplify refuses, we refuse (with the ``# expect:`` codes and positions of the
case); where it migrates, each of our migrated files parses to the same syntax tree as Amplify's
(layout and comments aside), and our compile of our migrated schema gives Amplify's
genericDataSchema for its migrated schema (or rejects it when Amplify does). The one deliberate
difference: where Amplify's migrator writes ``allow: undefined`` (a model without @auth under a
Lambda default auth mode), we refuse (E137)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import entry_order_diff, first_diff, parse_expectations
from migrate.cases_io import MigrationCase, canonical_sdl, migration_cases

from translator.core.diagnostics import CompilationError, Diagnostic
from translator.core.document import SchemaSource
from translator.core.settings import Settings
from translator.frontends.graphql import parse_schema
from translator.frontends.graphql.migrate import MigratedSource, migrate_sources
from translator.pipeline import compile_document
from translator.project.sources import load, project_settings

CASES = migration_cases()


def _sources(case: MigrationCase) -> tuple[SchemaSource, ...]:
    return load([case.path]).sources


def _expected_refusals(case: MigrationCase) -> list[tuple[str, str, int | None, int | None]]:
    found = []
    for file in case.schema_files():
        for expectation in parse_expectations(file.read_text(encoding="utf-8")):
            found.append((str(file), expectation.code, expectation.line, expectation.column))
    return found


def _check_refusal(case: MigrationCase, diagnostics: list[Diagnostic]) -> None:
    expected = _expected_refusals(case)
    assert expected, f"{case.name}: refused, but the case has no # expect: line"
    got = {(d.path, d.code, d.line, d.column) for d in diagnostics}
    for path, code, line, column in expected:
        if line is None:
            assert any(d.path == path and d.code == code for d in diagnostics), (code, diagnostics)
        else:
            assert (path, code, line, column) in got, f"want {code} {path}:{line}:{column}, got {sorted(got)}"


def _compile(files: list[MigratedSource], case: MigrationCase) -> dict[str, object]:
    sources = [SchemaSource(f.source.name, f.text) for f in files]
    settings = project_settings(case.path) if case.is_folder else Settings()
    return dict(compile_document(parse_schema(sources), settings))


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_migration_matches_amplify(case: MigrationCase) -> None:
    assert case.refused.exists() != case.migrated.exists(), f"{case.name}: regenerate the reference files"
    try:
        ours = migrate_sources(_sources(case), case.auth_mode)  # type: ignore[arg-type]
    except CompilationError as error:
        if case.migrated.exists():
            # Our one deliberate refusal of something Amplify's migrator writes.
            assert any("allow: undefined" in text for text in case.reference_outputs().values()), error
            assert {d.code for d in error.diagnostics} == {"E137"}, error
        _check_refusal(case, list(error.diagnostics))
        return
    assert not case.refused.exists(), (f"Amplify refuses {case.name} "
                                       f"({case.refused.read_text(encoding='utf-8').strip()[:160]}) but we migrate it")
    assert not _expected_refusals(case)
    reference = case.reference_outputs()
    by_name = {(Path(f.source.name).name if not case.is_folder else
                str(Path(f.source.name).relative_to(case.path))): f for f in ours}
    assert sorted(by_name) == sorted(reference)
    for name, text in reference.items():
        assert canonical_sdl(by_name[name].text) == canonical_sdl(text), f"{case.name}/{name} differs from Amplify's"
    if case.rejected.exists():
        with pytest.raises(CompilationError):
            _compile(ours, case)
        return
    want = json.loads(case.compiled.read_text(encoding="utf-8"))
    got = _compile(ours, case)
    assert first_diff(want, got) is None, first_diff(want, got)
    assert entry_order_diff(want, got) is None


def test_cases_cover_every_rule() -> None:
    """At least 40 schemas, each migrator rule, refusal code and a schema folder among them."""
    names = [c.name for c in CASES]
    assert len(names) >= 40
    for prefix in ("0", "1"):
        assert any(n.startswith(prefix) for n in names)
    assert sum(1 for c in CASES if c.is_folder) >= 3
    codes = {code for c in CASES for _, code, _, _ in _expected_refusals(c)}
    assert {f"E13{i}" for i in range(9)} <= codes | {"E139"}, sorted(codes)
    modes = {c.auth_mode for c in CASES}
    assert modes == {"apiKey", "userPools", "iam", "oidc", "lambda"}
