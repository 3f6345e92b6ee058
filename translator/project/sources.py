"""Loading: find the schema files of a path (file, Amplify API folder, ``schema/`` folder, Gen 2
``amplify/data``) and the project settings that apply to it (semantics.md, sections 8.4 and 9)."""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from translator.core.diagnostics import Diagnostic, SourceError, Span
from translator.core.document import SchemaSource
from translator.core.settings import (
    CPK_FLAG,
    ITERATIVE_GSI_FLAG,
    SECONDARY_KEY_AS_GSI_FLAG,
    TIMESTAMPS_FLAG,
    Settings,
)

Language = Literal["graphql", "gen2"]
GRAPHQL_SUFFIXES = (".graphql", ".gql", ".graphqls")


@dataclass(frozen=True)
class LoadedSchema:
    """The files of one schema, its language and the settings of the project it sits in."""

    language: Language
    sources: tuple[SchemaSource, ...]
    settings: Settings
    entry: Path


def _fail(code: str, message: str, path: Path | str) -> SourceError:
    return SourceError(Diagnostic(code, message, Span(str(path))))


def read_text(path: Path) -> str:
    """A file's text as UTF-8 (a BOM is allowed); SourceError when it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail("E201", "no such file", path) from None
    except OSError as error:
        raise unreadable(error, path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _fail("E204", f"file is not UTF-8 text (byte {error.start})", path) from None


def load(paths: Sequence[Path | str]) -> LoadedSchema:
    """Load one schema from ``paths``: one file or folder, or several files joined in sorted order.
    SourceError on every I/O problem, located at the file or folder concerned."""
    try:
        return _load(paths)
    except OSError as error:
        # Listing or probing a folder that cannot be read (chmod 000, an unsearchable parent).
        raise unreadable(error, Path(paths[0]) if paths else Path("<arguments>")) from None


def unreadable(error: OSError, fallback: Path) -> SourceError:
    """E203 for an OS error met while reading a schema, at the file or folder it concerns."""
    where = Path(os.fsdecode(error.filename)) if error.filename is not None else fallback
    if error.errno == errno.EACCES:
        # A file in a folder that cannot be searched: name the folder, the thing to fix.
        for parent in where.parents:
            if os.path.isdir(parent) and not os.access(parent, os.X_OK):
                where = parent
    kind = "folder" if os.path.isdir(where) else "file"
    return _fail("E203", f"cannot read the {kind}: {error.strerror or error}", where)


def _load(paths: Sequence[Path | str]) -> LoadedSchema:
    resolved = [Path(p) for p in paths]
    if not resolved:
        raise _fail("E201", "no schema path given", "<arguments>")
    if len(resolved) == 1:
        return _load_one(resolved[0])
    for path in resolved:
        if not path.is_file():
            raise _fail("E201", "several paths must all be schema files", path)
    if any(p.suffix == ".ts" for p in resolved):
        raise _fail("E201", "a Gen 2 schema is compiled from its entry file alone", resolved[0])
    # Sorted so the result does not depend on the order the files were given in.
    files = sorted(resolved, key=lambda p: str(p).encode())
    sources = tuple(SchemaSource(str(p), read_text(p)) for p in files)
    return LoadedSchema("graphql", sources, project_settings(files[0]), files[0])


def _load_one(path: Path) -> LoadedSchema:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise _fail("E201", "no such file or folder", path) from None
    if stat.S_ISREG(mode):
        language: Language = "gen2" if path.suffix in (".ts", ".mts") else "graphql"
        sources: tuple[SchemaSource, ...] = (SchemaSource(str(path), read_text(path)),) if language == "graphql" else ()
        return LoadedSchema(language, sources, project_settings(path), path)
    if not stat.S_ISDIR(mode):
        raise _fail("E203", "not a file or folder", path)
    for candidate in (path / "resource.ts", path / "data" / "resource.ts", path / "amplify" / "data" / "resource.ts"):
        if candidate.is_file() and not (path / "schema.graphql").exists():
            return LoadedSchema("gen2", (), project_settings(candidate), candidate)
    api = _api_folder(path)
    if (api / "schema.graphql").is_file():
        entry = api / "schema.graphql"
        return LoadedSchema("graphql", (SchemaSource(str(entry), read_text(entry)),), project_settings(entry), entry)
    folder = api / "schema" if (api / "schema").is_dir() else api
    sources = tuple(schema_folder_sources(folder))
    if not any(s.part_of_schema for s in sources):
        raise _fail("E202", "folder holds no schema.graphql, schema/ folder or .graphql files", path)
    return LoadedSchema("graphql", sources, project_settings(folder), folder)


def _api_folder(path: Path) -> Path:
    """An Amplify project root or ``amplify/`` folder with exactly one API leads to that API."""
    for base in (path / "amplify" / "backend" / "api", path / "backend" / "api"):
        if base.is_dir():
            apis = sorted(p for p in base.iterdir() if p.is_dir())
            if len(apis) == 1:
                return apis[0]
    return path


def schema_folder_sources(folder: Path) -> list[SchemaSource]:
    """The files of a ``schema/`` folder in Amplify's joining order: breadth-first, names in
    byte order. Other non-hidden files are parsed too (Amplify's validation reads them)."""
    sources: list[SchemaSource] = []
    level = [folder]
    while level:
        next_level: list[Path] = []
        for directory in level:
            entries = sorted(directory.iterdir(), key=lambda p: p.name.encode())
            for entry in entries:
                if entry.is_dir():
                    next_level.append(entry)
                elif entry.name.endswith(GRAPHQL_SUFFIXES[:1]):
                    sources.append(SchemaSource(str(entry), read_text(entry)))
                elif not entry.name.startswith(".") and entry.is_file():
                    sources.append(SchemaSource(str(entry), _text_or_empty(entry), part_of_schema=False))
        level = next_level
    return sources


def _text_or_empty(path: Path) -> str:
    try:
        return read_text(path)
    except SourceError:
        return "\0"  # undecodable stray files fail Amplify's parse as well


# -- compiled outputs kept beside their schema (the pre-commit hook) -----------------------------


def output_beside(unit: Path, output_name: str) -> Path:
    """Where the JSON of the schema ``unit`` is kept: beside ``schema.graphql``, beside a
    ``schema/`` folder, beside ``resource.ts``, or inside an API or project folder."""
    beside = os.path.isfile(unit) or unit.name == "schema"
    return (unit.parent if beside else unit) / output_name


def schema_of_output(output: Path) -> Path | None:
    """The schema whose JSON ``output`` is (the inverse of :func:`output_beside`), or None when
    nothing beside it compiles to it."""
    folder = output.parent
    for candidate in (folder / "schema.graphql", folder / "resource.ts"):
        if os.path.isfile(candidate):
            return candidate
    if os.path.isdir(folder / "schema"):
        return folder / "schema"
    return None


# -- project settings ---------------------------------------------------------------------------


def project_settings(path: Path, environ: Mapping[str, str] | None = None) -> Settings:
    """Settings of the Amplify project enclosing ``path``; new-project defaults without one."""
    environ = os.environ if environ is None else environ
    amplify_dir = _enclosing_amplify_dir(path.resolve())
    api_dir = _enclosing_api_dir(path.resolve())
    settings = Settings()
    if amplify_dir is not None and (amplify_dir / "cli.json").is_file():
        features = _features(amplify_dir)
        settings = Settings(
            respect_primary_key=_flag(features, CPK_FLAG, environ),
            add_timestamp_fields=_flag(features, TIMESTAMPS_FLAG, environ),
            iterative_gsi_updates=_flag(features, ITERATIVE_GSI_FLAG, environ),
            secondary_key_as_gsi=_flag(features, SECONDARY_KEY_AS_GSI_FLAG, environ),
        )
    if api_dir is not None:
        conf = api_dir / "transform.conf.json"
        data = _json(conf) if conf.is_file() else {}
        settings = replace(settings, datastore=isinstance(data, dict) and "ResolverConfig" in data)
    if amplify_dir is not None:
        settings = replace(settings, s3_storage=_has_s3_storage(amplify_dir / "backend"))
    return settings


def _has_s3_storage(backend: Path) -> bool:
    """Whether the project has an S3 storage resource, as Amplify finds it in amplify-meta.json
    (backend-config.json lists the same resources, and is the one a repository keeps)."""
    for name in ("amplify-meta.json", "backend-config.json"):
        if (backend / name).is_file():
            storage = _json(backend / name)
            storage = storage.get("storage") if isinstance(storage, dict) else None
            return isinstance(storage, dict) and any(
                isinstance(resource, dict) and resource.get("service") == "S3" for resource in storage.values()
            )
    return False


def _enclosing_amplify_dir(path: Path) -> Path | None:
    for parent in [path, *path.parents]:
        if parent.name == "amplify" and (parent / "cli.json").is_file():
            return parent
        if (parent / "amplify" / "cli.json").is_file():
            return parent / "amplify"
    return None


def _enclosing_api_dir(path: Path) -> Path | None:
    """The API resource folder of ``path``: under ``amplify/backend/api/``, or the nearest folder
    with a ``transform.conf.json`` beside its schema."""
    start = path if path.is_dir() else path.parent
    if start.name == "schema":
        start = start.parent
    if (start / "transform.conf.json").is_file():
        return start
    for parent in [path, *path.parents]:
        if parent.parent.name == "api" and parent.parent.parent.name == "backend":
            return parent
    return None


def _json(path: Path) -> Any:
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise _fail("E205", f"invalid JSON: {error.msg} at line {error.lineno}", path) from None


def _cli_files(amplify_dir: Path) -> list[Path]:
    """cli.json, then the current environment's cli.<env>.json (which overrides it)."""
    files = [amplify_dir / "cli.json"]
    env_info = amplify_dir / ".config" / "local-env-info.json"
    if env_info.is_file():
        env = _json(env_info)
        if isinstance(env, dict) and isinstance(env.get("envName"), str):
            files.append(amplify_dir / f"cli.{env['envName']}.json")
    return files


def project_cli_json(path: Path) -> Path | None:
    """The cli.json file Amplify CLI changes for the project enclosing ``path`` (the current
    environment's own one when it exists); None outside a project."""
    amplify_dir = _enclosing_amplify_dir(path.resolve())
    if amplify_dir is None:
        return None
    return [f for f in _cli_files(amplify_dir) if f.is_file()][-1]


def read_json(path: Path) -> Any:
    """A project JSON file's content; SourceError when it is unreadable or invalid."""
    return _json(path)


def _features(amplify_dir: Path) -> dict[str, dict[str, Any]]:
    """``features`` of cli.json overlaid with cli.<env>.json, keys lower-cased."""
    merged: dict[str, dict[str, Any]] = {}
    for file in _cli_files(amplify_dir):
        if not file.is_file():
            continue
        data = _json(file)
        features = data.get("features") if isinstance(data, dict) else None
        for section, flags in (features or {}).items():
            if isinstance(flags, dict):
                merged.setdefault(section.lower(), {}).update({k.lower(): v for k, v in flags.items()})
    return merged


def _flag(features: dict[str, dict[str, Any]], name: str, environ: Mapping[str, str]) -> bool:
    section, flag = name.split(".")
    env_value = environ.get(f"AMPLIFYCLI_{section.upper()}__{flag.upper()}")
    if env_value is not None:
        return env_value.strip().lower() == "true"
    return features.get(section, {}).get(flag) is True


TRANSFORMER_VERSION_FLAG = "graphqltransformer.transformerversion"
# Amplify CLI's name of an API's default authorization type, as the v1 migrator names it.
_MIGRATOR_AUTH_MODES = {
    "API_KEY": "apiKey", "AWS_IAM": "iam", "AMAZON_COGNITO_USER_POOLS": "userPools", "OPENID_CONNECT": "oidc",
    "AWS_LAMBDA": "lambda",
}


def transformer_version(path: Path, environ: Mapping[str, str] | None = None) -> int | None:
    """The GraphQL transformer version of the Amplify project enclosing ``path`` (cli.json's
    ``graphqltransformer.transformerversion``; 1 when a project's cli.json lacks it, Amplify's
    value for existing projects); None outside a project."""
    environ = os.environ if environ is None else environ
    amplify_dir = _enclosing_amplify_dir(path.resolve())
    if amplify_dir is None:
        return None
    section, flag = TRANSFORMER_VERSION_FLAG.split(".")
    value: Any = environ.get(f"AMPLIFYCLI_{section.upper()}__{flag.upper()}")
    if value is None:
        value = _features(amplify_dir).get(section, {}).get(flag, 1)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise _fail("E205", f"{TRANSFORMER_VERSION_FLAG} must be a number, not {value!r}",
                    amplify_dir / "cli.json") from None


def default_auth_mode(path: Path) -> str | None:
    """The default authorization mode of the project's GraphQL API, as ``amplify migrate api``
    reads it (the first AppSync API of backend-config.json; Cognito user pools when there is
    none), in the migrator's names (``apiKey``, ``userPools``, ...); None outside a project."""
    amplify_dir = _enclosing_amplify_dir(path.resolve())
    if amplify_dir is None:
        return None
    config_path = amplify_dir / "backend" / "backend-config.json"
    config = _json(config_path) if config_path.is_file() else {}
    apis = config.get("api") if isinstance(config, dict) else None
    for api in apis.values() if isinstance(apis, dict) else ():
        if isinstance(api, dict) and api.get("service") == "AppSync":
            auth_type = _member(api, "output", "authConfig", "defaultAuthentication", "authenticationType")
            mode = _MIGRATOR_AUTH_MODES.get(str(auth_type))
            if mode is None:
                raise _fail("E205", f"unknown default authentication type {auth_type!r} of the AppSync API",
                            config_path)
            return mode
    return "userPools"


def _member(data: Any, *keys: str) -> Any:
    """``data[k1][k2]...``, None where a level is missing or not an object."""
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def parse_flag_assignments(items: Iterable[str]) -> dict[str, bool]:
    """``NAME=VALUE`` strings (as given to ``--feature-flag``) as a mapping; SourceError if malformed."""
    from translator.core.settings import parse_bool

    flags: dict[str, bool] = {}
    for item in items:
        name, sep, raw = item.partition("=")
        value = parse_bool(raw) if sep else None
        if value is None:
            raise _fail("E205", f"--feature-flag expects NAME=true|false, got {item!r}", "--feature-flag")
        flags[name.strip()] = value
    return flags
