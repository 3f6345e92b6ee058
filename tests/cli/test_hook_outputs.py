"""``hook-compile`` given the JSON it keeps (``generic-data-schema.json``): the schema beside it
is compiled, so a hand-edited or stale output committed alone is caught and put right."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

import translator
from translator.cli import main
from translator.emit.generic import to_json

BLOG = (EXAMPLES / "blog.graphql").read_text(encoding="utf-8")
GEN2 = """\
import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({ Todo: a.model({ content: a.string() }).authorization((allow) => [allow.publicApiKey()]) });
export const data = defineData({ schema });
"""


def hook(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["hook-compile", *args])
    return result.exit_code, result.stderr


@pytest.mark.parametrize("layout", ["schema.graphql", "schema/", "resource.ts"])
def test_a_stale_output_alone_is_compiled_from_the_schema_beside_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Path("amplify/data") if layout == "resource.ts" else Path("api")
    folder.mkdir(parents=True)
    if layout == "schema.graphql":
        (folder / "schema.graphql").write_text(BLOG)
    elif layout == "schema/":
        (folder / "schema").mkdir()
        (folder / "schema" / "blog.graphql").write_text(BLOG)
    else:
        (folder / "resource.ts").write_text(GEN2)
    schema = folder / layout.rstrip("/")
    expected = to_json(translator.compile_path(schema))
    output = folder / "generic-data-schema.json"
    output.write_text(expected.replace('"models"', '"models" ', 1))  # a hand edit

    assert hook(str(output)) == (1, f"{output}: updated\n")
    assert output.read_text() == expected
    assert hook(str(output)) == (0, "")
    assert sorted(p.name for p in folder.iterdir()) == sorted(["generic-data-schema.json", layout.rstrip("/")])


def test_the_output_name_follows_output_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema.graphql").write_text(BLOG)
    Path("models.json").write_text("{}\n")
    assert hook("--output-name", "models.json", "models.json") == (1, "models.json: updated\n")
    assert Path("models.json").read_text() == to_json(translator.compile_path("schema.graphql"))


def test_an_output_without_a_schema_beside_it_is_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("generic-data-schema.json").write_text("{}\n")
    assert hook("generic-data-schema.json") == (0, "")
    assert Path("generic-data-schema.json").read_text() == "{}\n"


def test_an_output_and_its_schema_together_compile_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("schema.graphql").write_text(BLOG)
    assert hook("schema.graphql", "generic-data-schema.json") == (1, "generic-data-schema.json: updated\n")
