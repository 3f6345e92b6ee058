"""The StartCodegenJob request: defaults, order, validation, package.json, clientToken."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fake_uibuilder import MODEL, model_problems

from translator.codegen.errors import RequestError, redact_urls
from translator.codegen.request import (
    AMPLIFY_PACKAGES,
    DATA_TYPES,
    MODULES,
    RELATIONSHIP_TYPES,
    SCRIPTS,
    TARGETS,
    CodegenOptions,
    GraphQLPaths,
    amplify_dependencies,
    build_request,
    client_token_for,
    missing_dependencies,
    read_package_dependencies,
    salted_client_token,
)
from translator.core.diagnostics import SourceError


def _field(data_type: str, value: str, required: bool = False, **more: Any) -> dict[str, Any]:
    base = {"dataType": data_type, "dataTypeValue": value, "required": required}
    return {**base, "readOnly": False, "isArray": False, **more}


# A small genericDataSchema as the compiler emits it (semantics.md, section 1).
SCHEMA: dict[str, Any] = {
    "models": {
        "Blog": {
            "primaryKeys": ["id"],
            "fields": {
                "id": _field("ID", "ID", True),
                "name": _field("String", "String", True),
                "status": _field("Enum", "Status"),
                "posts": _field(
                    "Model",
                    "Post",
                    isArray=True,
                    relationship={
                        "type": "HAS_MANY",
                        "relatedModelName": "Post",
                        "relatedModelFields": ["blogPostsId"],
                    },
                ),
            },
        },
        "Post": {
            "primaryKeys": ["id"],
            "fields": {
                "id": _field("ID", "ID", True),
                "blogPostsId": _field(
                    "ID", "ID", relationship={"type": "BELONGS_TO", "relatedModelName": "Blog", "isHasManyIndex": True}
                ),
            },
        },
    },
    "enums": {"Status": {"values": ["DRAFT", "PUBLISHED"]}},
    "nonModels": {},
    "dataSourceType": "DataStore",
}


def _codes(error: RequestError) -> list[str]:
    return [f"{d.path}: {d.message}" for d in error.diagnostics]


def test_defaults_are_what_amplify_cli_sends() -> None:
    deps = amplify_dependencies({"aws-amplify": "^6.0.0", "@aws-amplify/ui-react": "^6.0.0"})
    request = build_request("d1a2b3c4", "dev", SCHEMA, CodegenOptions(dependencies=deps))
    assert list(request) == ["appId", "environmentName", "clientToken", "codegenJobToCreate"]
    assert request["codegenJobToCreate"] == {
        "renderConfig": {
            "react": {
                "module": "es2020",
                "target": "es2020",
                "script": "jsx",
                "renderTypeDeclarations": True,
                "apiConfiguration": {"dataStoreConfig": {}},
                "dependencies": {
                    "aws-amplify": "^6.0.0",
                    "@aws-amplify/ui-react-storage": "latest",
                    "@aws-amplify/ui-react": "^6.0.0",
                },
            }
        },
        "genericDataSchema": SCHEMA,
        "autoGenerateForms": True,
        "features": {"isRelationshipSupported": True, "isNonModelSupported": True},
    }


def test_key_order_follows_the_service_model() -> None:
    options = CodegenOptions(api="graphql", inline_source_map=True, tags={"team": "ui"})
    body = build_request("d1", "dev", SCHEMA, options)["codegenJobToCreate"]
    react = body["renderConfig"]["react"]

    def members(shape: str) -> list[str]:
        return list(MODEL.shape_for(shape).members)  # type: ignore[attr-defined]

    assert list(body) == members("StartCodegenJobData")
    assert list(react) == members("ReactStartCodegenJobData")
    graphql = react["apiConfiguration"]["graphQLConfig"]
    assert list(graphql) == members("GraphQLRenderConfig")
    assert list(body["features"]) == members("CodegenFeatureFlags")
    assert model_problems(body, "StartCodegenJobData") == []


def test_graphql_defaults_and_overrides() -> None:
    body = build_request("d1", "dev", SCHEMA, CodegenOptions(api="graphql"))["codegenJobToCreate"]
    assert body["renderConfig"]["react"]["apiConfiguration"] == {
        "graphQLConfig": {
            "typesFilePath": "",
            "queriesFilePath": "../graphql/queries",
            "mutationsFilePath": "../graphql/mutations",
            "subscriptionsFilePath": "../graphql/subscriptions",
            "fragmentsFilePath": "../graphql/fragments",
        }
    }
    paths = GraphQLPaths(types="../API.ts")
    body = build_request("d1", "dev", SCHEMA, CodegenOptions(api="graphql", graphql_paths=paths))["codegenJobToCreate"]
    assert body["renderConfig"]["react"]["apiConfiguration"]["graphQLConfig"]["typesFilePath"] == ("../API.ts")


def test_no_api_turns_auto_generated_forms_off_and_omits_optional_members() -> None:
    body = build_request("d1", "dev", None, CodegenOptions(api="none"))["codegenJobToCreate"]
    assert body["autoGenerateForms"] is False
    assert body["renderConfig"]["react"]["apiConfiguration"] == {"noApiConfig": {}}
    assert "genericDataSchema" not in body and "tags" not in body
    assert "inlineSourceMap" not in body["renderConfig"]["react"]
    forced = CodegenOptions(api="none", auto_generate_forms=True)
    assert build_request("d1", "dev", None, forced)["codegenJobToCreate"]["autoGenerateForms"]


def test_local_enums_equal_the_service_model() -> None:
    def enum(shape: str) -> tuple[str, ...]:
        return tuple(MODEL.shape_for(shape).enum)  # type: ignore[attr-defined]

    assert enum("JSModule") == MODULES
    assert enum("JSTarget") == TARGETS
    assert enum("JSScript") == SCRIPTS
    assert enum("CodegenGenericDataFieldDataType") == DATA_TYPES
    assert enum("GenericDataRelationshipType") == RELATIONSHIP_TYPES


@pytest.mark.parametrize("app_id", ["d1a2b3c4d5e6f7", "d1", "d" + "a" * 19])
def test_valid_app_ids(app_id: str) -> None:
    assert build_request(app_id, "dev", SCHEMA)["appId"] == app_id


@pytest.mark.parametrize("app_id", ["", "d", "D1abc", "x1abc", "d1-abc", "d" + "a" * 20, "d1 "])
def test_invalid_app_ids_are_refused(app_id: str) -> None:
    with pytest.raises(RequestError) as caught:
        build_request(app_id, "dev", SCHEMA)
    assert caught.value.diagnostics[0].path == "appId"
    assert "d[a-z0-9]+" in str(caught.value)


def test_every_problem_is_reported_at_once() -> None:
    options = CodegenOptions(
        script="ts", module="commonjs", target="es5", api="rest", tags={"aws:owner": "me", "ok": ""}
    )
    with pytest.raises(RequestError) as caught:
        build_request("d1", " ", SCHEMA, options)
    found = _codes(caught.value)
    assert len(found) == 7
    assert "renderConfig.react.script: 'ts' is not one of jsx, tsx, js" in found
    assert all(d.code == "E206" for d in caught.value.diagnostics)
    assert str(caught.value).startswith("environmentName: error[E206]: must not be empty")


def test_schema_enum_values_are_checked() -> None:
    bad = json.loads(json.dumps(SCHEMA))
    bad["models"]["Blog"]["fields"]["name"]["dataType"] = "Text"
    bad["models"]["Post"]["fields"]["blogPostsId"]["relationship"]["type"] = "MANY"
    bad["dataSourceType"] = "Dynamo"
    with pytest.raises(RequestError) as caught:
        build_request("d1", "dev", bad)
    assert _codes(caught.value) == [
        "genericDataSchema.dataSourceType: 'Dynamo' is not one of DataStore",
        "genericDataSchema.models.Blog.fields.name.dataType: 'Text' is not one of " + ", ".join(DATA_TYPES),
        "genericDataSchema.models.Post.fields.blogPostsId.relationship.type: 'MANY' is not one "
        "of HAS_MANY, HAS_ONE, BELONGS_TO",
    ]


def test_tag_key_pattern_is_the_models() -> None:
    ok = CodegenOptions(tags={"team/ui:1": "x", "a+b=c.d_e": "y"})
    assert build_request("d1", "dev", SCHEMA, ok)["codegenJobToCreate"]["tags"] == ok.tags
    with pytest.raises(RequestError):
        build_request("d1", "dev", SCHEMA, CodegenOptions(tags={"has space": "x"}))


def test_client_token_is_derived_from_the_content() -> None:
    first = build_request("d1", "dev", SCHEMA)["clientToken"]
    assert first == build_request("d1", "dev", json.loads(json.dumps(SCHEMA)))["clientToken"]
    assert len(first) == 36 and first.count("-") == 4
    assert first != build_request("d1", "prod", SCHEMA)["clientToken"]
    assert first != build_request("d2", "dev", SCHEMA)["clientToken"]
    other = build_request("d1", "dev", SCHEMA, CodegenOptions(script="tsx"))["clientToken"]
    assert first != other
    body = build_request("d1", "dev", SCHEMA)["codegenJobToCreate"]
    reordered = dict(reversed(list(body.items())))
    assert client_token_for("d1", "dev", reordered) == first
    assert build_request("d1", "dev", SCHEMA, client_token="mine")["clientToken"] == "mine"


def test_package_json_versions_as_amplify_cli_reads_them(tmp_path: Path) -> None:
    package = tmp_path / "package.json"
    package.write_text(json.dumps({"dependencies": {"aws-amplify": "^5.3.0", "react": "^18"}}))
    installed = read_package_dependencies(package)
    assert amplify_dependencies(installed) == {
        "aws-amplify": "^5.3.0",
        "@aws-amplify/ui-react-storage": "latest",
        "@aws-amplify/ui-react": "latest",
    }
    assert list(amplify_dependencies({})) == list(AMPLIFY_PACKAGES)
    job_deps = [
        {"name": "aws-amplify", "supportedVersion": "^6"},
        {"name": "@aws-amplify/ui-react", "supportedVersion": "^6"},
    ]
    assert missing_dependencies(job_deps, installed) == [job_deps[1]]


@pytest.mark.parametrize(
    ("content", "code", "text"),
    [
        (None, "E201", "not found"),
        (b"{not json", "E203", "not valid JSON"),
        (b'{"devDependencies": {}}', "E203", 'no "dependencies"'),
        (b"\xff\xfe", "E204", "not UTF-8"),
    ],
)
def test_unusable_package_json(tmp_path: Path, content: bytes | None, code: str, text: str) -> None:
    package = tmp_path / "package.json"
    if content is not None:
        package.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        read_package_dependencies(package)
    assert caught.value.diagnostic.code == code
    assert text in caught.value.diagnostic.message


def test_redact_urls_drops_query_strings_and_passwords() -> None:
    text = 'see "https://b.s3.amazonaws.com/k/x.jsx?X-Amz-Signature=abc&X-Amz-Credential=AKIA"'
    assert redact_urls(text) == 'see "https://b.s3.amazonaws.com/k/x.jsx"'
    assert redact_urls("http://user:pw@127.0.0.1:9/m#frag end") == "http://127.0.0.1:9/m end"


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("relationships", "false"),
        ("non_models", 0),
        ("render_type_declarations", None),
        ("inline_source_map", "yes"),
        ("auto_generate_forms", 1),
    ],
)
def test_non_bool_booleans_are_refused_before_any_call(member: str, value: object) -> None:
    # "false" would be sent as a JSON string, 0 as a number: the service refuses both, or worse.
    with pytest.raises(TypeError, match=rf"CodegenOptions\.{member} must be True"):
        CodegenOptions(**{member: value})  # type: ignore[arg-type]


def test_wrong_types_for_the_builder_are_refused() -> None:
    with pytest.raises(TypeError, match="options must be a CodegenOptions, not dict"):
        build_request("d1", "dev", SCHEMA, {"script": "tsx"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="app_id must be a string"):
        build_request(None, "dev", SCHEMA)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="generic_data_schema must be the mapping"):
        build_request("d1", "dev", '{"models": {}}')  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"CodegenOptions\.tags must be a mapping"):
        CodegenOptions(tags=[("team", "ui")])  # type: ignore[arg-type]
    assert CodegenOptions(inline_source_map=None, auto_generate_forms=None).relationships is True


def test_salted_token_is_fresh_and_stable() -> None:
    token = build_request("d1", "dev", SCHEMA)["clientToken"]
    salted = salted_client_token(token, "job-1")
    assert salted != token and salted == salted_client_token(token, "job-1")
    assert salted != salted_client_token(token, "job-2")
