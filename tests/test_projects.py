"""API folders and project settings: schema/ folders joined as Amplify joins them (goldens made
by the reference pipeline on whole API folders), and flags read from cli.json, cli.<env>.json,
AMPLIFYCLI_* variables and transform.conf.json, with --feature-flag overriding them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import translator
from translator.core.settings import Settings
from translator.emit.generic import to_json
from translator.project.sources import project_settings

PROJECTS = Path(__file__).parent / "golden" / "projects"
CASES = sorted(p for p in PROJECTS.iterdir() if p.is_dir()) if PROJECTS.is_dir() else []


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_api_folder_golden(folder: Path) -> None:
    expected_json = folder.with_suffix(".json")
    if expected_json.exists():
        assert to_json(translator.compile_path(folder)) == expected_json.read_text()
        return
    expect = (folder / "expect.txt").read_text().splitlines()
    file = next(line.split(":", 1)[1].strip() for line in expect if line.startswith("# file:"))
    code, position = next(line.split()[2:4] for line in expect if line.startswith("# expect:"))
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_path(folder)
    places = [(d.code, d.path, f"{d.line}:{d.column}") for d in caught.value.diagnostics]
    assert (code, str(folder / file), position) in places


def _project(tmp_path: Path, features: dict[str, dict[str, bool]], conf: dict[str, object] | None) -> Path:
    api = tmp_path / "amplify" / "backend" / "api" / "app"
    api.mkdir(parents=True)
    (tmp_path / "amplify" / "cli.json").write_text(json.dumps({"features": features}))
    if conf is not None:
        (api / "transform.conf.json").write_text(json.dumps(conf))
    (api / "schema.graphql").write_text(
        "type Blog @model { id: ID! posts: [Post] @hasMany }\n"
        "type Post @model { id: ID! blog: Blog @belongsTo _version: Int }\n"
    )
    return api


NEW = {"graphqltransformer": {"respectprimarykeyattributesonconnectionfield": True},
       "codegen": {"addtimestampfields": True}}
# Flags a cli.json does not name are off: these projects predate the two table flags.
NO_TABLE_FLAGS = {"iterative_gsi_updates": False, "secondary_key_as_gsi": False}


def test_cli_json_flags_and_transform_conf(tmp_path: Path) -> None:
    api = _project(tmp_path, NEW, {"Version": 5})
    settings = project_settings(api / "schema.graphql", environ={})
    assert settings == Settings(True, True, datastore=False, **NO_TABLE_FLAGS)
    out = translator.compile_path(api)
    assert "createdAt" in out["models"]["Post"]["fields"]
    assert "_version" in out["models"]["Post"]["fields"]  # no DataStore: the name is allowed


def test_missing_flags_mean_off_and_datastore_rejects_reserved_names(tmp_path: Path) -> None:
    api = _project(tmp_path, {}, {"Version": 5, "ResolverConfig": {"project": {}}})
    assert project_settings(api, environ={}) == Settings(False, False, datastore=True, **NO_TABLE_FLAGS)
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_path(api)
    assert [d.code for d in caught.value.diagnostics] == ["E014"]
    out = translator.compile_path(api, feature_flags={"datastore": False})
    assert "createdAt" not in out["models"]["Post"]["fields"]
    # CPK mode off: the @belongsTo target is removed from the fields but still named
    assert "blogPostsId" not in out["models"]["Post"]["fields"]
    assert out["models"]["Blog"]["fields"]["posts"]["relationship"]["relatedModelFields"] == ["blogPostsId"]


def test_env_file_and_variables_override(tmp_path: Path) -> None:
    api = _project(tmp_path, NEW, None)
    (tmp_path / "amplify" / ".config").mkdir()
    (tmp_path / "amplify" / ".config" / "local-env-info.json").write_text(json.dumps({"envName": "dev"}))
    (tmp_path / "amplify" / "cli.dev.json").write_text(
        json.dumps({"features": {"codegen": {"addTimestampFields": False}}})
    )
    assert project_settings(api, environ={}) == Settings(True, False, datastore=False, **NO_TABLE_FLAGS)
    variable = {"AMPLIFYCLI_GRAPHQLTRANSFORMER__RESPECTPRIMARYKEYATTRIBUTESONCONNECTIONFIELD": "false"}
    assert project_settings(api, environ=variable) == Settings(False, False, datastore=False, **NO_TABLE_FLAGS)


def test_feature_flag_names_are_case_insensitive_and_checked() -> None:
    text = "type M @model { id: ID! }"
    out = translator.compile_source(text, feature_flags={"CODEGEN.AddTimestampFields": False})
    assert list(out["models"]["M"]["fields"]) == ["id"]
    with pytest.raises(translator.SourceError):
        translator.compile_source(text, feature_flags={"codegen.nope": True})


def test_bare_file_uses_new_project_defaults(tmp_path: Path) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text("type M @model { id: ID! }")
    assert project_settings(schema, environ={}) == Settings()
    assert list(translator.compile_path(schema)["models"]["M"]["fields"]) == ["id", "createdAt", "updatedAt"]


PREDICTIONS = (
    "type Note @model { id: ID! text: String }\n"
    "type Query { speak(input: String): String @predictions(actions: [convertTextToSpeech]) }\n"
)


@pytest.mark.parametrize("config", ["amplify-meta.json", "backend-config.json"])
def test_predictions_need_an_s3_storage_resource(tmp_path: Path, config: str) -> None:
    api = _project(tmp_path, NEW, None)
    (api / "schema.graphql").write_text(PREDICTIONS)
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_path(api)
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [("E121", 2)]
    backend = tmp_path / "amplify" / "backend"
    (backend / config).write_text(json.dumps({"storage": {"files": {"service": "DynamoDB"}}}))
    with pytest.raises(translator.CompilationError):
        translator.compile_path(api)  # a table is not a bucket
    (backend / config).write_text(json.dumps({"storage": {"files": {"service": "S3"}}}))
    assert project_settings(api, environ={}).s3_storage
    # Root operation fields are not part of the output: it is the models' alone.
    plain = translator.compile_source("type Note @model { id: ID! text: String }")
    assert translator.compile_path(api) == plain
    assert translator.compile_source(PREDICTIONS, feature_flags={"storage": True}) == plain
