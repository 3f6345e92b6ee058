"""The Amplify project around a schema, read the way Amplify's own commands read it.

``submit`` takes its defaults from here: where the project root is, where generated components go
and where the GraphQL statements and types are. Gen 1 is read as Amplify CLI reads it when it
syncs Studio components (``@aws-amplify/amplify-util-uibuilder``, ``amplify-codegen``,
``@aws-amplify/amplify-cli-core``); the function each rule follows is named beside it. Gen 2 is
the layout ``ampx generate forms`` works in. Nothing here raises on a broken file: what cannot be
read becomes a warning (``E224``) and the value is left out, so the caller falls back.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from translator.core.diagnostics import Diagnostic, Span
from translator.project.yaml_subset import read_yaml_subset

Generation = Literal["gen1", "gen2"]
CONFIG_CODE = "E224"
PROJECT_CONFIG = "amplify/.config/project-config.json"
GRAPHQL_CONFIG = ".graphqlconfig.yml"  # AmplifyCodeGenConfig.configFileName


@dataclass(frozen=True)
class CodegenConfig:
    """What amplify-codegen's ``getCodegenConfig(projectPath)`` answers, paths as written in
    ``.graphqlconfig.yml`` (relative to the project root)."""

    statements_dir: str  # opsGenDirectory: docsFilePath, else dirname(dirname(includes[0]))
    types_path: str | None  # getGeneratedTypesPath(): path.normalize(generatedFileName) or undefined
    max_depth: int | None  # getQueryMaxDepth(): Number(maxDepth) or undefined
    origin: str  # the file and the project entry the values come from

    def statement_path(self, kind: str) -> str:
        """``getGeneratedQueriesPath()`` and the like: ``path.join(opsGenDirectory, kind)``."""
        return posixpath.normpath(posixpath.join(self.statements_dir, kind))


@dataclass(frozen=True)
class AmplifyProject:
    """An Amplify project: its root, generation and the frontend and codegen settings it has.

    ``codegen`` is None when ``getCodegenConfig`` would throw; ``codegen_problem`` then says
    why, in Amplify's words where it has them. ``warnings`` are files that could not be read.
    """

    generation: Generation
    root: Path
    marker: str  # what identified the root, relative to it
    frontend: str | None = None
    framework: str | None = None
    source_dir: str | None = None  # projectConfig.javascript.config.SourceDir
    codegen: CodegenConfig | None = None
    codegen_problem: str | None = None
    warnings: tuple[Diagnostic, ...] = field(default=())

    @property
    def package_json(self) -> Path:
        """``path.join(localEnvJson.projectPath, 'package.json')`` (amplify-util-uibuilder's
        ``parsePackageJsonFile``): the root's, whatever the current folder is."""
        return self.root / "package.json"


def find_project(path: Path | str, generation: Generation = "gen1") -> AmplifyProject | None:
    """The Amplify project that holds ``path`` (searched upwards from it, not from the current
    folder), or None when it is not inside one."""
    start = Path(path).resolve()
    folders = [start, *start.parents] if start.is_dir() else list(start.parents)
    if generation == "gen2":
        return _gen2_project(folders)
    for folder in folders:
        marker = _gen1_marker(folder)
        if marker is not None:
            return _gen1_project(folder, marker)
    # A repository often keeps amplify/backend but not amplify/.config (it is partly ignored
    # by the .gitignore Amplify writes); the folder holding it is still the project root.
    for folder in folders:
        if (folder / "amplify" / "backend").is_dir():
            return _gen1_project(folder, "amplify/backend (amplify/.config is missing)")
    return None


def nearest_package_json(path: Path | str) -> Path | None:
    """The first package.json found upwards from ``path`` (for a schema outside any project)."""
    start = Path(path).resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        if (folder / "package.json").is_file():
            return folder / "package.json"
    return None


def _gen1_marker(folder: Path) -> str | None:
    """amplify-cli-core ``pathManager.validateProjectPath``: ``amplify/.config`` exists, and
    ``#current-cloud-backend`` with ``backend``, or ``project-config.json``, or a
    ``local-env-info.json`` whose projectPath is this folder."""
    amplify = folder / "amplify"
    config = amplify / ".config"
    if not config.is_dir():
        return None
    if (config / "project-config.json").is_file():
        return PROJECT_CONFIG
    if (amplify / "#current-cloud-backend").is_dir() and (amplify / "backend").is_dir():
        return "amplify/#current-cloud-backend"
    env_info = _json_or_none(config / "local-env-info.json")
    project_path = env_info.get("projectPath") if isinstance(env_info, dict) else None
    if isinstance(project_path, str) and Path(project_path).resolve() == folder:
        return "amplify/.config/local-env-info.json"
    return None


def _gen2_project(folders: list[Path]) -> AmplifyProject | None:
    """``ampx`` runs in the folder holding ``amplify/`` (with ``data/resource.ts`` or
    ``backend.ts``); its paths are relative to that folder."""
    for folder in folders:
        has_backend = (folder / "data" / "resource.ts").is_file() or (folder / "backend.ts").is_file()
        if folder.name == "amplify" and has_backend:
            marker = "amplify/backend.ts" if (folder / "backend.ts").is_file() else "amplify/data/resource.ts"
            return AmplifyProject("gen2", folder.parent, marker)
    return None


def _gen1_project(root: Path, marker: str) -> AmplifyProject:
    warnings: list[Diagnostic] = []
    frontend = framework = source_dir = None
    config_path = root / PROJECT_CONFIG
    if config_path.is_file():
        config = _read_json(config_path, warnings)
        if isinstance(config, dict):
            frontend = _text(config.get("frontend"))
            javascript = config.get("javascript")
            if isinstance(javascript, dict):
                framework = _text(javascript.get("framework"))
                js_config = javascript.get("config")
                source_dir = _text(js_config.get("SourceDir")) if isinstance(js_config, dict) else None
    codegen, problem = read_codegen_config(root, warnings)
    return AmplifyProject(
        "gen1", root, marker, frontend, framework, source_dir, codegen, problem, tuple(warnings)
    )


def read_codegen_config(root: Path, warnings: list[Diagnostic]) -> tuple[CodegenConfig | None, str | None]:
    """amplify-codegen ``getCodegenConfig(projectPath)``: the first Amplify project of
    ``<root>/.graphqlconfig.yml``; (None, why) wherever that function throws."""
    path = root / GRAPHQL_CONFIG
    if not path.is_file():
        return None, f"Cannot find the codegen configuration file at provided projectPath: {root}"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        warnings.append(_warning(path, f"cannot be read: {getattr(error, 'strerror', None) or error}"))
        return None, f"{GRAPHQL_CONFIG} cannot be read"
    read = read_yaml_subset(text)
    for line, message in read.problems:
        warnings.append(_warning(path, f"not read: {message}", line))
    projects = _amplify_projects(read.value if isinstance(read.value, dict) else {})
    if not projects:
        return None, f"No projects were found in fetched codegen configuration: {path}"
    name, project = projects[0]
    extension = project["extensions"]["amplify"]
    includes = project.get("includes")
    includes = includes if isinstance(includes, list) else [includes]
    docs = extension.get("docsFilePath")
    if docs:
        statements_dir = str(docs)
    elif includes and isinstance(includes[0], str):
        statements_dir = posixpath.dirname(posixpath.dirname(includes[0]))
    else:
        return None, f"{GRAPHQL_CONFIG} project {name}: no docsFilePath and no includes"
    generated = extension.get("generatedFileName")
    types_path = posixpath.normpath(str(generated)) if generated else None
    max_depth = _number(extension.get("maxDepth"))
    where = f"{path} ({'projects.' + name if name else 'top level'}.extensions.amplify)"
    return CodegenConfig(statements_dir, types_path, max_depth, where), None


def _amplify_projects(config: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """graphQlToAmplifyConfig after AmplifyCodeGenConfig.fixOldConfig: the top level when it is
    an Amplify project, then each entry of ``projects`` with ``extensions.amplify`` and
    ``includes``. Before version 3 of the file, top-level entries were projects themselves."""
    projects: dict[str, Any] = dict(config.get("projects") or {}) if isinstance(config.get("projects"), dict) else {}
    root_amplify = _amplify_extension(config)
    version = _number(root_amplify.get("version")) if root_amplify else None
    if not (version and version >= 3):
        for key, value in config.items():
            if key != "projects" and isinstance(value, dict) and _amplify_extension(value) is not None:
                projects[key] = value
    found: list[tuple[str, Mapping[str, Any]]] = []
    if root_amplify is not None and config.get("includes"):
        found.append(("", config))
    for name, project in projects.items():
        if isinstance(project, dict) and _amplify_extension(project) is not None and project.get("includes"):
            found.append((name, project))
    return found


def _amplify_extension(config: Mapping[str, Any]) -> Mapping[str, Any] | None:
    extensions = config.get("extensions")
    amplify = extensions.get("amplify") if isinstance(extensions, dict) else None
    return amplify if isinstance(amplify, dict) else None


def _number(value: object) -> int | None:
    """JavaScript ``Number(value)`` when it is a non-zero finite number, else None."""
    if isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip()) if value is not None else 0.0
    except ValueError:
        return None
    return int(number) if number and number == number and abs(number) != float("inf") else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _read_json(path: Path, warnings: list[Diagnostic]) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        warnings.append(_warning(path, f"not valid JSON: {error.msg}", error.lineno, error.colno))
    except (OSError, UnicodeDecodeError) as error:
        warnings.append(_warning(path, f"cannot be read: {getattr(error, 'strerror', None) or error}"))
    return None


def _json_or_none(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None


def _warning(path: Path, message: str, line: int = 0, column: int = 0) -> Diagnostic:
    return Diagnostic(CONFIG_CODE, message, Span(str(path), line, column or (1 if line else 0)), "warning")
