"""The whole ``submit --dry-run`` request of projects laid out as Amplify creates them, run from
inside and from outside each project: the defaults Amplify itself computes (--out, the
apiConfiguration, the GraphQL paths, dependencies, form features) must not depend on the
current folder. Fixtures: tests/fixtures/projects-codegen/ (see its README.md)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import translator
from translator.cli import main
from translator.codegen.defaults import request_defaults
from translator.codegen.request import client_token_for
from translator.core.settings import Settings
from translator.project.amplify_project import find_project, read_codegen_config
from translator.project.yaml_subset import read_yaml_subset

PROJECTS = Path(__file__).resolve().parents[1] / "fixtures" / "projects-codegen"
APP, ENV = "d1a2b3c4d5", "dev"
STORAGE, UI = "@aws-amplify/ui-react-storage", "@aws-amplify/ui-react"
GRAPHQL_STATEMENTS = {
    "queriesFilePath": "../graphql/queries",
    "mutationsFilePath": "../graphql/mutations",
    "subscriptionsFilePath": "../graphql/subscriptions",
    "fragmentsFilePath": "../graphql/fragments",
}
STUDIO_FEATURES = {"isRelationshipSupported": True, "isNonModelSupported": True}


def _react(api: dict[str, Any], dependencies: dict[str, str]) -> dict[str, Any]:
    return {"module": "es2020", "target": "es2020", "script": "jsx", "renderTypeDeclarations": True,
            "apiConfiguration": api, "dependencies": dependencies}  # fmt: skip


# project: (schema path inside it, renderConfig.react, autoGenerateForms, features, --out, warnings)
EXPECTED: dict[str, tuple[str, dict[str, Any], bool, dict[str, bool], str, list[str]]] = {
    "js-app": (
        "amplify/backend/api/jsapi",
        _react({"graphQLConfig": {"typesFilePath": "", **GRAPHQL_STATEMENTS}},
               {"aws-amplify": "^6.0.7", STORAGE: "latest", UI: "^6.1.0"}),
        True, STUDIO_FEATURES, "src/ui-components",
        ["Forms with relationships require a maximum query depth of at least 3 (maxDepth is 2 in"],
    ),
    "ts-app": (
        "amplify/backend/api/tsapi/schema.graphql",
        _react({"graphQLConfig": {"typesFilePath": "../API.ts", **GRAPHQL_STATEMENTS}},
               {"aws-amplify": "^6.3.8", STORAGE: "^3.1.3", UI: "^6.1.12"}),
        True, STUDIO_FEATURES, "src/ui-components", [],
    ),
    "datastore-app": (
        "amplify/backend/api/datastoreapi",
        _react({"dataStoreConfig": {}},
               {"aws-amplify": "^5.3.12", STORAGE: "latest", UI: "^5.3.2"}),
        True, STUDIO_FEATURES, "frontend/src/ui-components", [],
    ),
    "no-frontend-app": (
        "amplify/backend/api/iosapi/schema.graphql",
        _react({"noApiConfig": {}}, {}),
        False, STUDIO_FEATURES, "src/ui-components",
        ["Amplify CLI syncs Studio components only for JavaScript React projects",
         "no javascript.config.SourceDir in",
         "Unable to successfully configure component generation for GraphQL (Cannot find the codegen "
         "configuration file at provided projectPath",
         "no package.json, so no aws-amplify version is sent"],
    ),
    "gen2-app": (
        "amplify/data/resource.ts",
        _react({"graphQLConfig": {"typesFilePath": "../graphql/types", **GRAPHQL_STATEMENTS}},
               {"aws-amplify": "^6.0.0"}),
        True, {"isRelationshipSupported": False, "isNonModelSupported": False}, "ui-components", [],
    ),
}  # fmt: skip


@pytest.fixture
def projects(tmp_path: Path) -> Path:
    copied = tmp_path / "work" / "projects"
    shutil.copytree(PROJECTS, copied)
    return copied


def _dry_run(cwd: Path, path: str, *extra: str, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, Any], str]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["submit", path, "--app-id", APP, "--environment-name", ENV,
                                       "--dry-run", "-v", *extra])  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_whole_request_from_inside_and_outside(name: str, projects: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    schema_path, react, auto_forms, features, out, warnings = EXPECTED[name]
    root = projects / name
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    inside, inside_log = _dry_run(root, schema_path, monkeypatch=monkeypatch)
    outside, outside_log = _dry_run(elsewhere, str(root / schema_path), monkeypatch=monkeypatch)
    body = {
        "renderConfig": {"react": react},
        "genericDataSchema": translator.compile_path(root / schema_path),
        "autoGenerateForms": auto_forms,
        "features": features,
    }
    expected = {"appId": APP, "environmentName": ENV, "clientToken": client_token_for(APP, ENV, body),
                "codegenJobToCreate": body}  # fmt: skip
    assert inside == outside == expected
    # Same key order as the service model, whichever folder it ran from.
    assert json.dumps(inside) == json.dumps(outside)
    for log in (inside_log, outside_log):
        assert f"  --out: {out}  [" in log
        assert f"  project: {root} (Amplify " in log
        found = [line.removeprefix("warning: ") for line in log.splitlines() if line.startswith("warning: ")]
        assert len(found) == len(warnings), found
        assert all(line.startswith(start) for line, start in zip(found, warnings, strict=True)), found


def test_a_given_out_moves_the_relative_paths(projects: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = projects / "ts-app"
    request, log = _dry_run(root, "amplify/backend/api/tsapi", "--out", "src/forms/generated", monkeypatch=monkeypatch)
    config = request["codegenJobToCreate"]["renderConfig"]["react"]["apiConfiguration"]["graphQLConfig"]
    assert config["typesFilePath"] == "../../API.ts"
    assert config["queriesFilePath"] == "../../graphql/queries"
    assert "  --out: src/forms/generated  [given: --out]" in log
    gen2, _ = _dry_run(projects / "gen2-app", "amplify/data", "--out", "src/ui", monkeypatch=monkeypatch)
    config = gen2["codegenJobToCreate"]["renderConfig"]["react"]["apiConfiguration"]["graphQLConfig"]
    assert config["mutationsFilePath"] == "../../graphql/mutations"


def test_given_options_win_over_the_project(projects: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    given = ("--relationships", "--package-json", "package.json", "--types-file-path", "../API")
    request, log = _dry_run(projects / "gen2-app", "amplify/data/resource.ts", *given, monkeypatch=monkeypatch)
    react = request["codegenJobToCreate"]["renderConfig"]["react"]
    assert request["codegenJobToCreate"]["features"] == {"isRelationshipSupported": True, "isNonModelSupported": False}
    assert react["dependencies"] == {"aws-amplify": "^6.6.6", STORAGE: "latest", UI: "^6.5.5"}
    assert react["apiConfiguration"]["graphQLConfig"]["typesFilePath"] == "../API"
    assert "  --relationships: on  [given: --relationships]" in log


def test_unreadable_graphqlconfig_is_reported_not_fatal(projects: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = projects / "js-app"
    config = root / ".graphqlconfig.yml"
    config.write_text(config.read_text().replace("maxDepth: 2", "maxDepth: 2\n        note: |\n          text")
                      + "\tbroken: tab\n")  # fmt: skip
    request, log = _dry_run(root, "amplify/backend/api/jsapi", monkeypatch=monkeypatch)
    assert f"{config}:14:1: warning[E224]: not read: block scalars (| and >) are not supported" in log
    assert f"{config}:19:1: warning[E224]: not read: tab used for indentation" in log
    # What could be read still gives Amplify's paths.
    paths = request["codegenJobToCreate"]["renderConfig"]["react"]["apiConfiguration"]["graphQLConfig"]
    assert paths["queriesFilePath"] == "../graphql/queries"
    config.write_text("projects: [not, a, mapping]\n")
    request, log = _dry_run(root, "amplify/backend/api/jsapi", monkeypatch=monkeypatch)
    assert request["codegenJobToCreate"]["renderConfig"]["react"]["apiConfiguration"] == {"noApiConfig": {}}
    assert "No projects were found in fetched codegen configuration" in log


def test_codegen_config_as_amplify_codegen_reads_it(tmp_path: Path) -> None:
    """getCodegenConfig: docsFilePath, else dirname(dirname(includes[0])); the first project;
    old (version < 3) files whose top-level entries are projects; Number(maxDepth)."""
    config = tmp_path / ".graphqlconfig.yml"
    config.write_text(
        "projects:\n  first:\n    includes: 'lib/graphql/**/*.graphql'\n    extensions:\n      amplify:\n"
        "        generatedFileName: ./lib/./API.ts\n        maxDepth: '4'\n"
        "  second:\n    includes:\n      - x/y/*.js\n    extensions:\n      amplify:\n        docsFilePath: x\n"
        "extensions:\n  amplify:\n    version: 3\n"
    )
    found, problem = read_codegen_config(tmp_path, [])
    assert problem is None and found is not None
    assert (found.statements_dir, found.types_path, found.max_depth) == ("lib/graphql", "lib/API.ts", 4)
    assert found.statement_path("queries") == "lib/graphql/queries"
    config.write_text("old:\n  includes:\n    - src/graphql/**/*.js\n  extensions:\n    amplify:\n      maxDepth: x\n")
    found, problem = read_codegen_config(tmp_path, [])
    assert found is not None and (found.statements_dir, found.max_depth) == ("src/graphql", None)
    config.write_text("projects:\n  bare:\n    schemaPath: schema.json\n")
    assert read_codegen_config(tmp_path, [])[0] is None


def test_project_root_is_found_from_the_path(projects: Path, tmp_path: Path) -> None:
    api = projects / "js-app" / "amplify" / "backend" / "api" / "jsapi" / "schema.graphql"
    project = find_project(api)
    assert project is not None and project.root == projects / "js-app" and project.source_dir == "src"
    assert find_project(projects / "gen2-app" / "amplify" / "data" / "resource.ts", "gen2") is not None
    assert find_project(tmp_path) is None
    outside = request_defaults(tmp_path / "schema.graphql", language="graphql", settings=Settings(datastore=False))
    assert outside.project is None and outside.api.value == "graphql"


def test_yaml_subset() -> None:
    read = read_yaml_subset(
        "a:\n- x\n- 'y''s' # note\nb: [1, 'two', \"th#ree\"]\nc: {}\nd: ~\ne: \"\\u00e9\\n\"\n"
        "f: &anchor 1\ng:\n  h: true\n  i: 2.5\n"
    )
    assert read.value == {"a": ["x", "y's"], "b": [1, "two", "th#ree"], "c": {}, "d": None, "e": "é\n",
                          "f": None, "g": {"h": True, "i": 2.5}}  # fmt: skip
    assert read.problems == [(8, "anchors are not supported")]
    assert read_yaml_subset("- a: 1\n").problems == [(1, "mappings inside a sequence are not supported")]
    assert read_yaml_subset("a: b\n  c: d\n").problems == [(2, "unexpected indentation")]
    assert read_yaml_subset("a: 'open\n").problems == [(1, "unterminated or multi-line quoted string")]
