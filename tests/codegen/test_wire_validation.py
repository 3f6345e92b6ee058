"""Every payload we emit passes botocore's own client-side validation of StartCodegenJob, plus the
enum checks botocore leaves to the service (semantics.md, sections 1.8 and 13).

Payloads: the reference outputs of the golden sets (a check of the validator itself) and our own
outputs for every golden and corpus schema we accept. Enums are read from botocore's service model.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import botocore.session
import pytest
from botocore.model import OperationModel
from botocore.validate import ParamValidator
from conftest import CORPUS, Case, corpus_cases, golden_cases, iter_shape_enums

import translator

APP_ID = "d1a2b3c4"
ENVIRONMENT = "dev"


@cache
def operation_model() -> OperationModel:
    service = botocore.session.get_session().get_service_model("amplifyuibuilder")
    return service.operation_model("StartCodegenJob")


def generic_shape() -> Any:
    shape: Any = operation_model().input_shape
    return shape.members["codegenJobToCreate"].members["genericDataSchema"]


def field_shape() -> Any:
    models: Any = generic_shape().members["models"]
    return models.value.members["fields"].value


def enum_of(shape: Any) -> list[str]:
    values = list(shape.enum)
    assert values, f"shape {shape.name} has no enum in the service model"
    return values


def data_type_enum() -> list[str]:
    return enum_of(field_shape().members["dataType"])


def relationship_type_enum() -> list[str]:
    return enum_of(field_shape().members["relationship"].members["type"])


def data_source_type_enum() -> list[str]:
    return enum_of(generic_shape().members["dataSourceType"])


def request_for(schema: Any) -> dict[str, Any]:
    return {
        "appId": APP_ID,
        "environmentName": ENVIRONMENT,
        "codegenJobToCreate": {"renderConfig": {"react": {}}, "genericDataSchema": schema},
    }


def all_fields(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for section in ("models", "nonModels"):
        for name, entry in schema.get(section, {}).items():
            for field_name, field in entry.get("fields", {}).items():
                found.append((f"{section}.{name}.{field_name}", field))
    return found


def check_payload(schema: Any) -> None:
    """botocore's ParamValidator on the whole request, then the enum checks it skips."""
    input_shape = operation_model().input_shape
    assert input_shape is not None
    report = ParamValidator().validate(request_for(schema), input_shape)
    assert not report.has_errors(), report.generate_report()

    data_types = data_type_enum()
    relationship_types = relationship_type_enum()
    for where, field in all_fields(schema):
        assert field["dataType"] in data_types, f"{where}: dataType {field['dataType']!r} not in {data_types}"
        relationship = field.get("relationship")
        if relationship is not None:
            assert relationship["type"] in relationship_types, (
                f"{where}: relationship type {relationship['type']!r} not in {relationship_types}"
            )
    assert schema["dataSourceType"] in data_source_type_enum(), f"dataSourceType {schema['dataSourceType']!r}"

    # Every other enum-typed string of the shape as well (none today besides the three above).
    bad = [
        f"{path}={value!r}"
        for path, value, allowed in iter_shape_enums(schema, generic_shape())
        if value not in allowed
    ]
    assert not bad, f"values outside their service-model enum: {bad[:10]}"


# -- the validator itself -----------------------------------------------------------------------


def test_enums_are_read_from_the_service_model() -> None:
    assert "Model" in data_type_enum() and "AWSDateTime" in data_type_enum()
    assert set(relationship_type_enum()) >= {"HAS_MANY", "HAS_ONE", "BELONGS_TO"}
    assert "DataStore" in data_source_type_enum()


def test_validator_catches_bad_payloads() -> None:
    good: dict[str, Any] = {
        "models": {
            "M": {
                "primaryKeys": ["id"],
                "fields": {
                    "id": {
                        "dataType": "ID",
                        "dataTypeValue": "ID",
                        "required": True,
                        "readOnly": False,
                        "isArray": False,
                    }
                },
            }
        },
        "nonModels": {},
        "enums": {"E": {"values": ["A"]}},
        "dataSourceType": "DataStore",
    }
    check_payload(good)
    broken = [
        {**good, "enums": {"E": {"values": ["A"], "name": "E"}}},  # unknown key
        {k: v for k, v in good.items() if k != "nonModels"},  # missing required member
        {**good, "dataSourceType": "Whatever"},  # enum botocore does not check
        json.loads(json.dumps(good).replace('"dataType": "ID"', '"dataType": "AWSString"')),
        json.loads(json.dumps(good).replace('"required": true', '"required": null')),
    ]
    for payload in broken:
        with pytest.raises(AssertionError):
            check_payload(payload)


# -- payloads -----------------------------------------------------------------------------------

GOLDEN = golden_cases()
REFERENCE_JSON = [c for c in GOLDEN if c.kind == "json"]
CORPUS_CASES = [
    pytest.param(c, id=f"{subset}/{c.schema.name}")
    for subset in ("v2", "v2-legacy", "v1")
    for c in corpus_cases(subset)
]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in REFERENCE_JSON])
def test_golden_reference_json_is_valid(case: Case) -> None:
    check_payload(json.loads(case.json_path.read_text(encoding="utf-8")))


def _ours(case: Case) -> dict[str, Any]:
    try:
        return dict(translator.compile_path(case.schema, feature_flags=case.flags))
    except translator.CompilationError:
        pytest.skip("rejected by the compiler: nothing emitted")


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in GOLDEN])
def test_golden_output_is_valid(case: Case) -> None:
    check_payload(_ours(case))


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} does not exist")
@pytest.mark.parametrize("case", CORPUS_CASES)
def test_corpus_output_is_valid(case: Case) -> None:
    check_payload(_ours(case))
