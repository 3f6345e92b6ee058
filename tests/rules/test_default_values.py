"""@default value checks against Amplify's own validators.

tests/fixtures/default_value_cases.json is the output of the reference package: for each
[type, value], ``new TypeValidators()[type](value)`` of
@aws-amplify/graphql-default-value-transformer/lib/validators (in ../shared/oracle's install),
run with node. Phone numbers are approximated (see translator/rules/default_values.py): those cases
are checked too, so a wrong approximation fails here.
"""

from __future__ import annotations

import json

import pytest
from conftest import TESTS

from translator.rules.defaults import is_valid_default

CASES = json.loads((TESTS / "fixtures" / "default_value_cases.json").read_text())


@pytest.mark.parametrize(("type_name", "value", "valid"), CASES, ids=[f"{t}:{v!r}" for t, v, _ in CASES])
def test_same_verdict_as_amplify(type_name: str, value: str, valid: bool) -> None:
    assert is_valid_default(type_name, value) is valid


# tests/fixtures/default_value_fuzz.json: 4,892 generated [type, value, verdict] triples, the
# verdict being Amplify's own TypeValidators run with node (made during differential testing).
# tests/fixtures/url_values.json: 2,500 more AWSURL values (schemes, hosts, ports, credentials
# and blanks combined at random) with node's `new URL`, which is Amplify's AWSURL validator.
# AWSPhone (libphonenumber metadata) is an approximation: the test pins how close it is, so a
# regression shows; every other type must agree exactly.
FIXTURES = TESTS / "fixtures"
FUZZ = [
    *json.loads((FIXTURES / "default_value_fuzz.json").read_text()),
    *json.loads((FIXTURES / "url_values.json").read_text()),
]
APPROXIMATED = {"AWSPhone": 0.83}


@pytest.mark.parametrize("type_name", sorted({t for t, _, _ in FUZZ}))
def test_generated_values_agree_with_amplify(type_name: str) -> None:
    cases = [(value, valid) for t, value, valid in FUZZ if t == type_name]
    wrong = [value for value, valid in cases if is_valid_default(type_name, value) is not valid]
    if type_name in APPROXIMATED:
        assert 1 - len(wrong) / len(cases) >= APPROXIMATED[type_name], wrong[:10]
    else:
        assert not wrong
