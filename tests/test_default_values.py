"""@default value checks against Amplify's own validators.

tests/fixtures/default_value_cases.json is the output of the reference package: for each
[type, value], ``new TypeValidators()[type](value)`` of
@aws-amplify/graphql-default-value-transformer/lib/validators (in ../shared/oracle's install),
run with node. Phone numbers are approximated (see translator/default_values.py): those cases
are checked too, so a wrong approximation fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translator.default_values import is_valid_default

CASES = json.loads((Path(__file__).parent / "fixtures" / "default_value_cases.json").read_text())


@pytest.mark.parametrize(("type_name", "value", "valid"), CASES, ids=[f"{t}:{v!r}" for t, v, _ in CASES])
def test_same_verdict_as_amplify(type_name: str, value: str, valid: bool) -> None:
    assert is_valid_default(type_name, value) is valid
