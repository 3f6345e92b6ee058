"""``check`` agrees with Amplify: it reports an error exactly for the schemas Amplify rejects.

Over the real-world corpus (``../shared/corpus/real``, when present) and the golden cases: a schema
with ``NAME.error.txt`` beside it must give at least one error, any other none (warnings are
allowed). Rejected golden cases must also give each ``# expect: CODE LINE:COL`` diagnostic.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import GOLDEN, parse_expectations

import translator
from translator.check import check_schema
from translator.core.diagnostics import Diagnostic

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"

NEW: dict[str, bool] = {}
LEGACY = {
    "graphQLTransformer.respectPrimaryKeyAttributesOnConnectionField": False,
    "codegen.addTimestampFields": False,
}
NO_DATASTORE = {"datastore": False}

CORPUS_SETS: dict[str, Mapping[str, bool]] = {"v2": NEW, "v2-legacy": LEGACY, "v1": NEW}
GOLDEN_SETS: dict[str, Mapping[str, bool]] = {"cases": NEW, "legacy": LEGACY, "no-datastore": NO_DATASTORE}


def _schemas(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.graphql")) if folder.is_dir() else []


def _error_file(schema: Path) -> Path:
    return schema.with_name(schema.stem + ".error.txt")


def _params(root: Path, sets: Mapping[str, Mapping[str, bool]]) -> list[object]:
    return [
        pytest.param(schema, flags, id=f"{subset}/{schema.name}")
        for subset, flags in sets.items()
        for schema in _schemas(root / subset)
    ]


def _errors(schema: Path, flags: Mapping[str, bool]) -> list[Diagnostic]:
    diagnostics = check_schema([schema], feature_flags=flags)
    assert all(d.severity in ("error", "warning") for d in diagnostics)
    return [d for d in diagnostics if d.severity == "error"]


def _reason(schema: Path) -> str:
    return _error_file(schema).read_text(encoding="utf-8").strip().splitlines()[0][:200]


def _render(diagnostics: list[Diagnostic]) -> str:
    return "\n".join(d.render() for d in diagnostics[:5]) or "(none)"


# -- real-world corpus ---------------------------------------------------------------------------

CORPUS = _params(REAL, CORPUS_SETS)


def test_corpus_present() -> None:
    if not REAL.is_dir():
        pytest.skip(f"{REAL} does not exist")
    for subset in CORPUS_SETS:
        assert _schemas(REAL / subset), f"{REAL / subset} holds no schema"
    assert any(_error_file(p).is_file() for p in _schemas(REAL / "v2")), "no rejected schema in v2"


@pytest.mark.skipif(not REAL.is_dir(), reason=f"{REAL} does not exist")
@pytest.mark.parametrize(("schema", "flags"), CORPUS)
def test_corpus_errors_iff_amplify_rejects(schema: Path, flags: Mapping[str, bool]) -> None:
    errors = _errors(schema, flags)
    if _error_file(schema).is_file():
        assert errors, f"Amplify rejects this schema ({_reason(schema)}) but check reports no error"
    else:
        assert not errors, f"Amplify accepts this schema but check reports:\n{_render(errors)}"


# -- golden cases -----------------------------------------------------------------------------------

GOLDEN_CASES = _params(GOLDEN, GOLDEN_SETS)


def test_golden_cases_present() -> None:
    schemas = [schema for subset in GOLDEN_SETS for schema in _schemas(GOLDEN / subset)]
    assert len(schemas) == len(GOLDEN_CASES) > 100
    rejected = [schema for schema in schemas if _error_file(schema).is_file()]
    assert len(rejected) > 50
    for schema in rejected:
        assert parse_expectations(schema.read_text(encoding="utf-8")), f"{schema.name} has no # expect: line"


@pytest.mark.parametrize(("schema", "flags"), GOLDEN_CASES)
def test_golden_check_agrees(schema: Path, flags: Mapping[str, bool]) -> None:
    errors = _errors(schema, flags)
    if not _error_file(schema).is_file():
        assert schema.with_suffix(".json").is_file(), f"fixture {schema.name} has no reference output"
        assert not errors, f"Amplify accepts this schema but check reports:\n{_render(errors)}"
        return
    assert errors, f"Amplify rejects this schema ({_reason(schema)}) but check reports no error"
    for expectation in parse_expectations(schema.read_text(encoding="utf-8")):
        with_code = [d for d in errors if d.code == expectation.code]
        assert with_code, f"no {expectation.code} error (Amplify: {_reason(schema)}); check reports:\n{_render(errors)}"
        if expectation.line is not None:
            positions = [(d.line, d.column) for d in with_code]
            assert (expectation.line, expectation.column) in positions, (
                f"{expectation.code} expected at {expectation.line}:{expectation.column}, "
                f"reported at {positions}"
            )
    # check reports exactly the errors compile does.
    with pytest.raises(translator.CompilationError) as raised:
        translator.compile_path(schema, feature_flags=flags)
    assert [d.render() for d in errors] == [d.render() for d in raised.value.diagnostics]
