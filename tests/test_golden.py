"""Golden files made with the reference oracle (Amplify's own pipeline).

``tests/golden/<set>/NAME.graphql`` comes with ``NAME.json`` (the exact genericDataSchema Amplify
produces) or ``NAME.error.txt`` (Amplify rejects it; the schema then starts with
``# expect: CODE LINE:COL`` lines naming the diagnostics we must report). Sets and their flags:
``cases`` (new project), ``legacy`` (existing project flags), ``no-datastore``.

Cases are collected at import time, so fixtures added later are picked up by the next run.
"""

from __future__ import annotations

import json

import pytest
from conftest import Case, case_params, first_diff, first_order_diff, first_text_diff, golden_cases, parse_expectations

import translator
from translator.emit.generic import to_json

CASES = golden_cases()


def _render(error: translator.CompilationError) -> str:
    return "\n".join(d.render() for d in error.diagnostics) or "(no diagnostics)"


@pytest.mark.parametrize("case", case_params(CASES))
def test_golden(case: Case) -> None:
    kind = case.kind
    if kind == "missing":
        pytest.fail(f"fixture incomplete: neither {case.json_path.name} nor {case.error_path.name} exists")
    if kind == "both":
        pytest.fail(f"fixture ambiguous: both {case.json_path.name} and {case.error_path.name} exist")
    text = case.schema.read_text(encoding="utf-8")
    expectations = parse_expectations(text)

    if kind == "json":
        expected_text = case.json_path.read_text(encoding="utf-8")
        want = json.loads(expected_text)
        try:
            ours = translator.compile_path(case.schema, feature_flags=case.flags)
        except translator.CompilationError as error:
            pytest.fail(f"Amplify accepts this schema but we reject it:\n{_render(error)}")
        assert isinstance(ours, dict)
        diff = first_diff(want, ours)
        assert diff is None, f"output differs: {diff}"
        assert ours == want
        order = first_order_diff(want, ours)
        assert order is None, f"entry order differs: {order}"
        text_diff = first_text_diff(expected_text, to_json(ours))
        assert text_diff is None, f"to_json text differs from {case.json_path.name}: {text_diff}"
        return

    # kind == "error": Amplify rejects the schema.
    reason = case.error_path.read_text(encoding="utf-8").strip().splitlines()[0][:200]
    try:
        ours = translator.compile_path(case.schema, feature_flags=case.flags)
    except translator.CompilationError as error:
        diagnostics = error.diagnostics
        rendered = _render(error)
    else:
        pytest.fail(
            f"Amplify rejects this schema ({reason}) but we accept it (models: {list(ours.get('models', {}))[:8]})"
        )
    assert diagnostics, "CompilationError without diagnostics"
    for expectation in expectations:
        with_code = [d for d in diagnostics if d.code == expectation.code]
        assert with_code, f"no {expectation.code} diagnostic (Amplify: {reason}); we reported:\n{rendered}"
        if expectation.line is not None:
            positions = [(d.line, d.column) for d in with_code]
            assert (expectation.line, expectation.column) in positions, (
                f"{expectation.code} expected at {expectation.line}:{expectation.column}, "
                f"reported at {', '.join(f'{ln}:{col}' for ln, col in positions)}:\n{rendered}"
            )


def test_golden_rejections_carry_expectations() -> None:
    """Every rejected golden schema names the diagnostic it must produce."""
    missing = [c.id for c in CASES if c.kind == "error" and not parse_expectations(c.schema.read_text("utf-8"))]
    assert not missing, f"rejected golden schemas without '# expect:' lines: {missing}"
