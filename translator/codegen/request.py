"""Build and validate the whole StartCodegenJob request (semantics.md, section 13.1).

Nothing here touches AWS or imports boto3, so ``--dry-run`` works without the ``aws`` extra. The
request is the keyword arguments of boto3's ``start_codegen_job``: ``appId``, ``environmentName``,
``clientToken`` and ``codegenJobToCreate`` (the JSON body on the wire). Keys are inserted in the
member order of botocore's service model, because botocore serializes a structure in the order of
the dict it is given, so this order is also the order on the wire.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from translator.codegen.errors import RequestError
from translator.core.diagnostics import Diagnostic, SourceError, Span
from translator.core.settings import Settings

# Enum values of the service model (shapes JSModule, JSTarget, JSScript, ...). botocore does not
# check enums or patterns client-side, so a typo would otherwise only fail on the service.
MODULES = ("es2020", "esnext")
TARGETS = ("es2015", "es2020")
SCRIPTS = ("jsx", "tsx", "js")
API_KINDS = ("graphql", "datastore", "none")
DATA_SOURCE_TYPES = ("DataStore",)
DATA_TYPES = (
    "ID",
    "String",
    "Int",
    "Float",
    "AWSDate",
    "AWSTime",
    "AWSDateTime",
    "AWSTimestamp",
    "AWSEmail",
    "AWSURL",
    "AWSIPAddress",
    "Boolean",
    "AWSJSON",
    "AWSPhone",
    "Enum",
    "Model",
    "NonModel",
)
RELATIONSHIP_TYPES = ("HAS_MANY", "HAS_ONE", "BELONGS_TO")

APP_ID_PATTERN = re.compile(r"d[a-z0-9]+")
APP_ID_MAX = 20
# The model's own pattern, quirks included: "+-=" is a character range ("+" to "="), so digits,
# ",", ";", "<" are allowed too. Matching the service exactly is the point.
TAG_KEY_PATTERN = re.compile(r"(?!aws:)[a-zA-Z+-=._:/]+")
TAG_KEY_MAX = 128
TAG_VALUE_MAX = 256

# The packages Amplify CLI reads from package.json, in the order it sends them.
AMPLIFY_PACKAGES = ("aws-amplify", "@aws-amplify/ui-react-storage", "@aws-amplify/ui-react")

REQUEST_CODE = "E206"

# Fixed namespace of the name-based (v5) UUIDs used as clientToken: the same request content
# always gives the same token, so a re-run reuses the job instead of starting another.
_TOKEN_NAMESPACE = uuid.UUID("3b0f8a52-4a7e-5c1e-9d6b-6a6d706c6966")


@dataclass(frozen=True)
class GraphQLPaths:
    """The five ``graphQLConfig`` paths, relative to the components folder, without extension.

    Defaults are those Amplify CLI computes for a JavaScript project with ``srcDir`` ``src`` and
    ``docsFilePath`` ``src/graphql`` (section 13.1).
    """

    types: str = ""
    queries: str = "../graphql/queries"
    mutations: str = "../graphql/mutations"
    subscriptions: str = "../graphql/subscriptions"
    fragments: str = "../graphql/fragments"

    def to_config(self) -> dict[str, str]:
        """The ``GraphQLRenderConfig`` members in service-model order."""
        return {
            "typesFilePath": self.types,
            "queriesFilePath": self.queries,
            "mutationsFilePath": self.mutations,
            "subscriptionsFilePath": self.subscriptions,
            "fragmentsFilePath": self.fragments,
        }


@dataclass(frozen=True)
class CodegenOptions:
    """Everything of the request besides the ids and the schema; defaults as Amplify CLI sends.

    ``inline_source_map`` None leaves the member out (Amplify CLI never sends it);
    ``auto_generate_forms`` None means true unless ``api`` is ``none``, as Amplify CLI decides.
    """

    module: str = "es2020"
    target: str = "es2020"
    script: str = "jsx"
    render_type_declarations: bool = True
    inline_source_map: bool | None = None
    api: str = "datastore"
    graphql_paths: GraphQLPaths = field(default_factory=GraphQLPaths)
    dependencies: Mapping[str, str] = field(default_factory=dict)
    auto_generate_forms: bool | None = None
    relationships: bool = True
    non_models: bool = True
    tags: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A boolean member given "false" or 0 would be sent as a JSON string or number that the
        # service rejects (or, worse, reads as true); refuse it before any call.
        for name in _BOOLEANS:
            value = getattr(self, name)
            if not isinstance(value, bool) and not (value is None and name in _OPTIONAL_BOOLEANS):
                allowed = "True, False or None" if name in _OPTIONAL_BOOLEANS else "True or False"
                raise TypeError(f"CodegenOptions.{name} must be {allowed}, not {value!r}")
        for name in ("dependencies", "tags"):
            if not isinstance(getattr(self, name), Mapping):
                raise TypeError(f"CodegenOptions.{name} must be a mapping of strings, not {getattr(self, name)!r}")
        if not isinstance(self.graphql_paths, GraphQLPaths):
            raise TypeError(f"CodegenOptions.graphql_paths must be a GraphQLPaths, not {self.graphql_paths!r}")


_BOOLEANS = ("render_type_declarations", "inline_source_map", "auto_generate_forms", "relationships", "non_models")
_OPTIONAL_BOOLEANS = ("inline_source_map", "auto_generate_forms")


def build_request(
    app_id: str,
    environment_name: str,
    generic_data_schema: Mapping[str, Any] | None,
    options: CodegenOptions | None = None,
    *,
    client_token: str | None = None,
) -> dict[str, Any]:
    """The validated StartCodegenJob arguments, ready for boto3 and for ``--dry-run``.

    Raises :class:`RequestError` listing every problem. ``client_token`` defaults to
    :func:`client_token_for` of the request content.
    """
    options = CodegenOptions() if options is None else options
    if not isinstance(options, CodegenOptions):
        raise TypeError(f"options must be a CodegenOptions, not {type(options).__name__}")
    for name, value in (("app_id", app_id), ("environment_name", environment_name)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a string, not {value!r}")
    if client_token is not None and not isinstance(client_token, str):
        raise TypeError(f"client_token must be a string or None, not {client_token!r}")
    if generic_data_schema is not None and not isinstance(generic_data_schema, Mapping):
        raise TypeError("generic_data_schema must be the mapping compile_path returns, or None")
    problems = list(_check_ids(app_id, environment_name))
    problems += _check_options(options)
    if generic_data_schema is not None:
        problems += _check_schema(generic_data_schema)
    if client_token is not None and not client_token.strip():
        problems.append(_problem("clientToken", "must not be empty"))
    if problems:
        raise RequestError(problems)
    body = _body(generic_data_schema, options)
    return {
        "appId": app_id,
        "environmentName": environment_name,
        "clientToken": client_token or client_token_for(app_id, environment_name, body),
        "codegenJobToCreate": body,
    }


def client_token_for(app_id: str, environment_name: str, body: Mapping[str, Any]) -> str:
    """A UUID-shaped token derived from the request content (key order does not matter)."""
    canonical = json.dumps(
        {"appId": app_id, "environmentName": environment_name, "codegenJobToCreate": body},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return str(uuid.uuid5(_TOKEN_NAMESPACE, canonical))


def salted_client_token(client_token: str, failed_job_id: str) -> str:
    """The token of a fresh job replacing ``failed_job_id``: derived from both, so every re-run
    after the same failure asks for the same fresh job (still idempotent)."""
    return str(uuid.uuid5(_TOKEN_NAMESPACE, f"{client_token}\nafter failed job {failed_job_id}"))


def check_app_id(app_id: str, environment_name: str) -> None:
    """Raise :class:`RequestError` unless the ids are acceptable to the service."""
    problems = id_problems(app_id, environment_name)
    if problems:
        raise RequestError(problems)


def id_problems(app_id: str, environment_name: str) -> list[Diagnostic]:
    """What the service would refuse in the app id and environment name."""
    return list(_check_ids(app_id, environment_name))


def option_problems(options: CodegenOptions) -> list[Diagnostic]:
    """What the service would refuse in ``options`` (enums, paths, dependencies, tags)."""
    return _check_options(options)


def read_package_dependencies(path: str | Path) -> dict[str, str]:
    """The ``dependencies`` member of a package.json; raises ``SourceError`` when unusable.

    Amplify CLI's sync fails on a package.json without ``dependencies``; this says so plainly
    instead of sending a guess.
    """
    where = Span(str(path))
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError(Diagnostic("E201", "package.json not found", where)) from None
    except UnicodeDecodeError:
        raise SourceError(Diagnostic("E204", "package.json is not UTF-8", where)) from None
    except OSError as error:
        message = f"package.json cannot be read: {error.strerror or error}"
        raise SourceError(Diagnostic("E203", message, where)) from None
    except json.JSONDecodeError as error:
        span = Span(str(path), error.lineno, error.colno)
        message = f"package.json is not valid JSON: {error.msg}"
        raise SourceError(Diagnostic("E203", message, span)) from None
    dependencies = data.get("dependencies") if isinstance(data, dict) else None
    if not isinstance(dependencies, dict):
        message = 'package.json has no "dependencies" object (Amplify CLI fails on it too)'
        raise SourceError(Diagnostic("E203", message, where))
    return {str(name): str(version) for name, version in dependencies.items()}


def project_dependencies(package_json: str | Path | None = None) -> dict[str, str] | None:
    """The dependencies of ``package_json``, else of ``./package.json``; None without either."""
    if package_json is None and Path("package.json").is_file():
        package_json = "package.json"
    return read_package_dependencies(package_json) if package_json is not None else None


def amplify_dependencies(
    installed: Mapping[str, str] | None, overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The ``dependencies`` map Amplify CLI sends, then ``overrides``.

    Amplify CLI sends its three packages with the installed range, or ``latest`` when one is not
    installed, and nothing at all when there is no package.json (``installed`` None).
    """
    found = {} if installed is None else {n: installed.get(n, "latest") for n in AMPLIFY_PACKAGES}
    return {**found, **(overrides or {})}


def default_api(settings: Settings) -> str:
    """``datastore`` when the project has DataStore conflict detection on, else ``graphql``.

    Amplify CLI sends ``dataStoreConfig`` exactly then (the API has a ``ResolverConfig``), and
    ``graphQLConfig`` otherwise for an app with GraphQL enabled in Studio.
    """
    return "datastore" if settings.datastore else "graphql"


def missing_dependencies(
    job_dependencies: Sequence[Mapping[str, Any]], installed: Mapping[str, str]
) -> list[Mapping[str, Any]]:
    """The job's required packages (``{name, supportedVersion, ...}``) not in ``installed``."""
    return [dep for dep in job_dependencies if dep.get("name") not in installed]


def _body(schema: Mapping[str, Any] | None, options: CodegenOptions) -> dict[str, Any]:
    react: dict[str, Any] = {
        "module": options.module,
        "target": options.target,
        "script": options.script,
        "renderTypeDeclarations": options.render_type_declarations,
    }
    if options.inline_source_map is not None:
        react["inlineSourceMap"] = options.inline_source_map
    react["apiConfiguration"] = _api_configuration(options)
    react["dependencies"] = dict(options.dependencies)
    body: dict[str, Any] = {"renderConfig": {"react": react}}
    if schema is not None:
        body["genericDataSchema"] = schema
    auto_forms = options.auto_generate_forms
    body["autoGenerateForms"] = options.api != "none" if auto_forms is None else auto_forms
    body["features"] = {
        "isRelationshipSupported": options.relationships,
        "isNonModelSupported": options.non_models,
    }
    if options.tags:
        body["tags"] = dict(options.tags)
    return body


def _api_configuration(options: CodegenOptions) -> dict[str, Any]:
    if options.api == "graphql":
        return {"graphQLConfig": options.graphql_paths.to_config()}
    if options.api == "datastore":
        return {"dataStoreConfig": {}}
    return {"noApiConfig": {}}


def _problem(where: str, message: str) -> Diagnostic:
    return Diagnostic(REQUEST_CODE, message, Span(where))


def _one_of(where: str, value: object, allowed: Sequence[str]) -> Iterator[Diagnostic]:
    if value not in allowed:
        yield _problem(where, f"{value!r} is not one of {', '.join(allowed)}")


def _check_ids(app_id: str, environment_name: str) -> Iterator[Diagnostic]:
    if not (1 <= len(app_id) <= APP_ID_MAX and APP_ID_PATTERN.fullmatch(app_id)):
        yield _problem(
            "appId",
            f"{app_id!r} is not an Amplify app id (pattern d[a-z0-9]+, 1 to {APP_ID_MAX} "
            "characters, like d1a2b3c4d5e6f7)",
        )
    if not environment_name.strip():
        yield _problem("environmentName", "must not be empty")


def _check_options(options: CodegenOptions) -> list[Diagnostic]:
    react = "renderConfig.react"
    problems = [
        *_one_of(f"{react}.module", options.module, MODULES),
        *_one_of(f"{react}.target", options.target, TARGETS),
        *_one_of(f"{react}.script", options.script, SCRIPTS),
        *_one_of(f"{react}.apiConfiguration", options.api, API_KINDS),
    ]
    for member, path in options.graphql_paths.to_config().items():
        if not isinstance(path, str):
            problems.append(
                _problem(f"{react}.apiConfiguration.graphQLConfig.{member}", "must be a string")
            )
    for name, version in options.dependencies.items():
        if not name or not isinstance(version, str) or not version:
            problems.append(
                _problem(f"{react}.dependencies", f"{name!r}: needs a package name and a version")
            )
    for key, value in options.tags.items():
        if not (len(key) <= TAG_KEY_MAX and TAG_KEY_PATTERN.fullmatch(key)):
            problems.append(
                _problem(
                    "tags",
                    f"invalid tag key {key!r} (1 to {TAG_KEY_MAX} of "
                    "letters, digits and +-=._:/, not starting with aws:)",
                )
            )
        if not isinstance(value, str) or not 1 <= len(value) <= TAG_VALUE_MAX:
            problems.append(
                _problem("tags", f"tag {key!r}: value must have 1 to {TAG_VALUE_MAX} characters")
            )
    return problems


def _check_schema(schema: Mapping[str, Any]) -> list[Diagnostic]:
    """The schema's enum-typed members; botocore checks the rest of the shape itself."""
    where = "genericDataSchema"
    problems = list(
        _one_of(f"{where}.dataSourceType", schema.get("dataSourceType"), DATA_SOURCE_TYPES)
    )
    for kind in ("models", "nonModels"):
        types = schema.get(kind)
        if not isinstance(types, Mapping):
            problems.append(_problem(f"{where}.{kind}", "must be an object"))
            continue
        for type_name, type_def in types.items():
            fields = type_def.get("fields") if isinstance(type_def, Mapping) else None
            if not isinstance(fields, Mapping):
                problems.append(_problem(f"{where}.{kind}.{type_name}", "has no fields object"))
                continue
            for field_name, field_def in fields.items():
                at = f"{where}.{kind}.{type_name}.fields.{field_name}"
                if not isinstance(field_def, Mapping):
                    problems.append(_problem(at, "must be an object"))
                    continue
                problems += _one_of(f"{at}.dataType", field_def.get("dataType"), DATA_TYPES)
                relationship = field_def.get("relationship")
                if isinstance(relationship, Mapping):
                    problems += _one_of(
                        f"{at}.relationship.type", relationship.get("type"), RELATIONSHIP_TYPES
                    )
    if not isinstance(schema.get("enums"), Mapping):
        problems.append(_problem(f"{where}.enums", "must be an object"))
    return problems
