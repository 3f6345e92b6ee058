"""Gen 2 front end against Amplify's own pipeline.

* ``tests/gen2/cases``: small ``resource.ts`` files with the oracle's ``NAME.json`` or
  ``NAME.error.txt`` (``node gen2.mjs --batch``) and its SDL (``NAME.graphql``). ``NN_*`` cover
  each builder and modifier; ``aNN_*``/``bNN_*`` are edge cases of the rules and of evaluation.
* ``tests/gen2/sdl``: the oracle's SDL for every file of the real-world corpus and of the oracle's
  smoke files; the SchemaDocument must say the same, type by type and field by field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SHARED, TESTS
from gen2.sdl_compare import document_shape, entry_path, first_difference, sdl_shape

import translator
from translator.api import load_document
from translator.core.diagnostics import CompilationError

HERE = TESTS / "gen2"
CASES = sorted((HERE / "cases").glob("*.ts"))
CORPUS = SHARED / "corpus" / "real" / "gen2"
SMOKE = SHARED / "oracle-gen2" / "smoke"

# The G code each rejected case must be reported with (the rule Amplify applied).
EXPECTED_CODES = {
    "20_err_missing_belongs_to": "G013",
    "21_err_missing_authorization": "G012",
    "22_err_enum_default": "G005",
    "23_err_preview_allow": "G006",
    "24_err_reference_type_mismatch": "G015",
    "25_err_identifier_nullable": "G018",
    "26_err_undefined_ref": "G017",
    "27_err_owner_field_conflict": "G022",
    "29_err_enum_whitespace": "G020",
    "30_err_used_before_declaration": "G004",
    "31_err_syntax": "G001",
    "32_err_combine_duplicate": "G028",
    "33_err_custom_op_without_handler": "G024",
    "36_err_index_ref_not_enum": "G019",
    "39_err_sql_owner_field_missing": "G022",
    "c07_auth_string_breaks_sdl": "G031",
    "c08_enum_empty": "G032",
    "c10_default_control_char": "G031",
    "c13_identifier_string_substring_nullable": "G018",
    "c15_identifier_string_references": "G015",
    "c19_proto_computed_key_is_a_field": "G033",
    "c20_proto_shorthand_is_a_field": "G033",
    "c21_field_named_constructor": "G033",
    "c22_field_named_tostring": "G033",
    "c23_enum_field_named_valueof": "G033",
    "c25_custom_type_field_named_constructor": "G033",
    "c26_ref_field_named_constructor": "G033",
    "c27_relationship_named_constructor": "G033",
    "c28_identifier_named_isprototypeof": "G033",
    "c29_indexed_field_named_hasownproperty": "G033",
    "c33_model_named_constructor": "E122",
    "c35_returned_custom_type_field_constructor": "G033",
}
# SDL that Amplify's GraphQL parser rejects in the transformer stage; the front end checks it.
SDL_CHECKS = {
    "a11_enum_duplicate_values": "E011",
    "a18_hoist_collision": "G029",
}
# Transformer rules the semantic stages do not check yet (reported to the core).
CORE_GAPS: dict[str, str] = {}  # cases the core could not yet compile as Amplify does


def _expected(case: Path) -> tuple[str, object]:
    answer = case.with_suffix(".json")
    if answer.exists():
        return "ok", json.loads(answer.read_text())
    return "error", case.with_name(case.stem + ".error.txt").read_text().strip()


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_case(case: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if case.stem in CORE_GAPS:
        request.applymarker(pytest.mark.xfail(strict=True, reason=CORE_GAPS[case.stem]))
    kind, expected = _expected(case)
    entry = entry_path(case, tmp_path)
    if kind == "ok":
        got = translator.compile_path(entry)
        assert json.loads(json.dumps(got)) == expected
        return
    assert isinstance(expected, str)
    with pytest.raises(CompilationError) as caught:
        translator.compile_path(entry)
    diagnostics = caught.value.diagnostics
    assert diagnostics
    for diagnostic in diagnostics:
        assert diagnostic.line >= 1 and diagnostic.column >= 1
        assert Path(diagnostic.path).name.endswith(".ts")
    stage = expected.split("]", 1)[0].lstrip("[")
    if stage in ("load", "schema"):
        # Rejected before the GraphQL transformer: the front end's own rules must catch it.
        assert all(d.code.startswith("G") for d in diagnostics)
        if case.stem in EXPECTED_CODES:
            assert diagnostics[0].code == EXPECTED_CODES[case.stem]
        where = re.search(r"threw at [^:]+:(\d+):(\d+)", expected)
        if where:
            assert (diagnostics[0].line, diagnostics[0].column) == (int(where[1]), int(where[2]))
    elif case.stem in SDL_CHECKS:
        assert [d.code for d in diagnostics] == [SDL_CHECKS[case.stem]]
    elif stage == "transform":
        # The transformer rejects it: data-schema accepted it, so the front end must too.
        load_document([entry])


def _sdl_cases() -> list[tuple[str, Path, Path]]:
    cases = [
        (c.stem, c, c.with_suffix(".graphql"))
        for c in CASES
        if c.with_suffix(".graphql").exists() and c.stem not in SDL_CHECKS
    ]
    for folder, prefix in ((CORPUS, ""), (SMOKE, "smoke__")):
        for source in sorted(folder.glob("*.ts")) if folder.is_dir() else []:
            sdl = HERE / "sdl" / f"{prefix}{source.stem}.graphql"
            if sdl.exists():
                cases.append((prefix + source.stem, source, sdl))
    return cases


SDL_CASES = _sdl_cases()


@pytest.mark.parametrize(("name", "source", "sdl"), SDL_CASES, ids=[c[0] for c in SDL_CASES])
def test_document_matches_amplify_sdl(name: str, source: Path, sdl: Path, tmp_path: Path) -> None:
    document = load_document([entry_path(source, tmp_path)]).document
    difference = first_difference(sdl_shape(sdl.read_text()), document_shape(document))
    assert difference is None, difference


def test_every_corpus_file_has_a_reference_sdl_or_error() -> None:
    if not CORPUS.is_dir():
        pytest.skip("corpus not available")
    for source in CORPUS.glob("*.ts"):
        has_sdl = (HERE / "sdl" / f"{source.stem}.graphql").exists()
        assert has_sdl or source.with_name(source.stem + ".error.txt").exists(), source.name


def test_there_are_enough_golden_cases() -> None:
    assert len([c for c in CASES if c.with_suffix(".json").exists()]) >= 15
    assert len(CASES) >= 20
