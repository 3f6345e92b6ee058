"""Feature flag values given to the library must be bools: ``"false"`` is a truthy string and
would turn a flag on. The command line keeps parsing ``true|false``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import translator
from translator.cli import main
from translator.core.settings import Settings

SCHEMA = "type Todo @model { id: ID! name: String }"


@pytest.mark.parametrize("value", ["false", "true", 0, 1, None, "", [False]])
def test_a_value_that_is_not_a_bool_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match=r"codegen\.addTimestampFields"):
        translator.compile_source(SCHEMA, feature_flags={"codegen.addTimestampFields": value})  # type: ignore[dict-item]


def test_type_errors_from_every_entry_point(tmp_path: Path) -> None:
    (tmp_path / "s.graphql").write_text(SCHEMA)
    for call in (translator.compile_path, lambda p, **k: translator.compile_paths([p], **k)):
        with pytest.raises(TypeError):
            call(tmp_path / "s.graphql", feature_flags={"datastore": "no"})
    with pytest.raises(TypeError):
        Settings().with_flags({"storage": 1})  # type: ignore[dict-item]


@pytest.mark.parametrize("value, fields", [(False, ["id", "name"]), (True, ["id", "name", "createdAt", "updatedAt"])])
def test_bools_set_the_flag(value: bool, fields: list[str]) -> None:
    result = translator.compile_source(SCHEMA, feature_flags={"codegen.addTimestampFields": value})
    assert list(result["models"]["Todo"]["fields"]) == fields


@pytest.mark.parametrize("text, fields", [("false", ["id", "name"]), ("FALSE", ["id", "name"]),
                                          ("true", ["id", "name", "createdAt", "updatedAt"])])
def test_the_command_line_parses_true_and_false(tmp_path: Path, text: str, fields: list[str]) -> None:
    (tmp_path / "s.graphql").write_text(SCHEMA)
    result = CliRunner().invoke(main, ["compile", str(tmp_path / "s.graphql"),
                                       "--feature-flag", f"codegen.addtimestampfields={text}"])
    assert result.exit_code == 0, result.output
    assert list(json.loads(result.stdout)["models"]["Todo"]["fields"]) == fields
