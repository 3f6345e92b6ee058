"""The defaults of a StartCodegenJob request for a schema, as Amplify computes them for its project.

Gen 1 follows Amplify CLI's component sync (``@aws-amplify/amplify-util-uibuilder``):
``getUiBuilderComponentsPath`` (components go to ``<root>/<SourceDir>/ui-components``),
``getApiConfiguration`` (DataStore, else the GraphQL statement paths of amplify-codegen's
``getCodegenConfig`` relative to the components folder, else ``noApiConfig``) and
``parsePackageJsonFile``/``getStartCodegenJobDependencies`` (the root's package.json). Gen 2
follows ``ampx generate forms`` (``@aws-amplify/backend-cli`` and ``@aws-amplify/form-generator``).
A schema outside any project keeps the built-in defaults. Every value says where it came from,
for ``submit --dry-run -v``.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Literal, TypeVar

from translator.codegen.request import GraphQLPaths, amplify_dependencies, read_package_dependencies
from translator.core.diagnostics import Diagnostic
from translator.core.settings import Settings
from translator.project.amplify_project import (
    PROJECT_CONFIG,
    AmplifyProject,
    find_project,
    nearest_package_json,
)

T = TypeVar("T")

# amplify-util-uibuilder getApiConfiguration: `const minQueryDepth = 3`.
MIN_QUERY_DEPTH = 3
# @aws-amplify/backend-cli default_form_generation_output_paths: DEFAULT_UI_PATH, DEFAULT_GRAPHQL_PATH.
GEN2_UI_DIR = "ui-components"
GEN2_GRAPHQL_DIR = "graphql"
# @aws-amplify/form-generator LocalGraphqlFormGenerator.config: "generate amplify js v6 compatible code".
GEN2_DEPENDENCIES = {"aws-amplify": "^6.0.0"}
_STATEMENTS = ("queries", "mutations", "subscriptions", "fragments")
# Amplify CLI sends the form feature flags of the Studio app, which are on for a new app.
_STUDIO_SETTING = "Amplify CLI: the Studio app's form setting (on)"


@dataclass(frozen=True)
class Chosen(Generic[T]):
    """A value and where it came from (a file, an option, or Amplify's own default)."""

    value: T
    origin: str


@dataclass(frozen=True)
class RequestDefaults:
    """Everything of a request that depends on the project, with its origin.

    ``installed`` is the ``dependencies`` of the package.json read (None without one);
    ``problems`` are project files that could not be read; ``warnings`` are what Amplify CLI
    would warn about for the same project.
    """

    project: AmplifyProject | None
    out_dir: Chosen[Path]
    api: Chosen[str]
    graphql_paths: Chosen[GraphQLPaths]
    installed: Chosen[dict[str, str] | None]
    relationships: Chosen[bool]
    non_models: Chosen[bool]
    fixed_dependencies: Mapping[str, str] | None = None
    problems: tuple[Diagnostic, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def dependencies(self, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
        """The request's ``dependencies``: Gen 2's fixed set, or Amplify CLI's three packages
        from package.json; then ``overrides``."""
        if self.fixed_dependencies is not None:
            return {**self.fixed_dependencies, **(overrides or {})}
        return amplify_dependencies(self.installed.value, overrides)

    def origins(self) -> list[tuple[str, str]]:
        """``(what, "value  [origin]")`` for ``--dry-run -v``; files inside the project are named
        relative to its root (the first row)."""
        paths = self.graphql_paths.value.to_config()
        rows = [
            ("project", f"{self.project.root} (Amplify {self.project.generation}: {self.project.marker})"
             if self.project else "none around PATH: built-in defaults"),
            ("--out", f"{self.out_dir.value}  [{self.out_dir.origin}]"),
            ("--api", f"{self.api.value}  [{self.api.origin}]"),
        ]
        if self.api.value == "graphql":
            rows += [(name, f"{value!r}  [{self.graphql_paths.origin}]") for name, value in paths.items()]
        if self.fixed_dependencies is not None:
            source = ", ".join(f"{name} {version}" for name, version in self.fixed_dependencies.items())
        else:
            source = "from package.json" if self.installed.value is not None else "none"
        rows.append(("dependencies", f"{source}  [{self.installed.origin}]"))
        rows.append(("--relationships", f"{_on(self.relationships.value)}  [{self.relationships.origin}]"))
        rows.append(("--non-models", f"{_on(self.non_models.value)}  [{self.non_models.origin}]"))
        if self.project is None:
            return rows
        inside = f"{self.project.root}{os.sep}"
        return [rows[0], *((what, row.replace(inside, "")) for what, row in rows[1:])]


def request_defaults(
    schema_path: Path | str,
    *,
    language: Literal["graphql", "gen2"],
    settings: Settings,
    out_dir: Path | None = None,
    package_json: Path | None = None,
    api: str | None = None,
    relationships: bool | None = None,
    non_models: bool | None = None,
) -> RequestDefaults:
    """The defaults for the schema at ``schema_path``; given options win and are marked so.

    The project is searched from ``schema_path`` upwards, so the result does not depend on the
    current folder (only a relative ``out_dir`` is taken relative to it). Raises ``SourceError``
    when a package.json that is used cannot be read.
    """
    project = find_project(schema_path, "gen2" if language == "gen2" else "gen1")
    if project is not None and project.generation == "gen2":
        return _gen2_defaults(project, out_dir, package_json, relationships, non_models)
    warnings: list[str] = []
    out = _gen1_out_dir(project, out_dir, warnings)
    chosen_api = _gen1_api(project, settings, api, warnings)
    graphql = _gen1_graphql_paths(project, out.value)
    relations = _given(relationships, "--relationships") or Chosen(True, _STUDIO_SETTING)
    if (project and project.codegen and chosen_api.value == "graphql" and relations.value
            and (project.codegen.max_depth or 0) < MIN_QUERY_DEPTH):
        warnings.append(
            f"Forms with relationships require a maximum query depth of at least {MIN_QUERY_DEPTH} "
            f"(maxDepth is {project.codegen.max_depth or 'not set'} in {project.codegen.origin}); "
            "run 'amplify update codegen' to raise it"
        )
    return RequestDefaults(
        project,
        out,
        chosen_api,
        graphql,
        _installed(project, schema_path, package_json),
        relations,
        _given(non_models, "--non-models") or Chosen(True, _STUDIO_SETTING),
        problems=project.warnings if project else (),
        warnings=tuple(warnings),
    )


def relative_to_components(components: Path, target: Path) -> str:
    """amplify-util-uibuilder ``relativeToComponentsPath``: ``path.relative`` from the
    components folder, joined with ``/``."""
    relative = os.path.relpath(target, components)
    return posixpath.join(*relative.split(os.sep))


def _gen2_defaults(
    project: AmplifyProject,
    out_dir: Path | None,
    package_json: Path | None,
    relationships: bool | None,
    non_models: bool | None,
) -> RequestDefaults:
    """``ampx generate forms`` (generate_forms_command.ts, form_generation_handler.ts,
    local_codegen_graphql_form_generator.ts): forms in ``./ui-components`` of the project root,
    statements in ``./graphql``, addressed from the forms as ``path.relative(uiOutDir,
    modelsOutDir)`` through ``renderGraphqlPath``; aws-amplify 6; no form feature flags."""
    given = _given(out_dir, "--out")
    out = Chosen(given.value.resolve(), given.origin) if given else Chosen(
        project.root / GEN2_UI_DIR, f"ampx generate forms: ./{GEN2_UI_DIR} of the project root"
    )
    graphql_dir = relative_to_components(out.value, project.root / GEN2_GRAPHQL_DIR)
    paths = GraphQLPaths(*(_render_graphql_path(graphql_dir, kind) for kind in ("types", *_STATEMENTS)))
    origin = f"ampx generate forms: renderGraphqlPath of ./{GEN2_GRAPHQL_DIR} relative to --out"
    no_flags = "ampx generate forms: the form generator passes no form feature flags (off)"
    root_package = project.package_json if project.package_json.is_file() else None
    installed_from = package_json or root_package
    installed = read_package_dependencies(installed_from) if installed_from else None
    fixed = None if package_json else GEN2_DEPENDENCIES
    why = str(package_json) if package_json else "ampx generate forms: aws-amplify ^6.0.0 (form-generator)"
    return RequestDefaults(
        project,
        out,
        Chosen("graphql", "ampx generate forms: always the GraphQL API"),
        Chosen(paths, origin),
        Chosen(installed, why),
        _given(relationships, "--relationships") or Chosen(False, no_flags),
        _given(non_models, "--non-models") or Chosen(False, no_flags),
        fixed_dependencies=fixed,
    )


def _render_graphql_path(graphql_dir: str, kind: str) -> str:
    """form-generator ``renderGraphqlPath``: ``./`` is prepended unless the path starts with a dot."""
    path = f"{graphql_dir}/{kind}"
    return path if path.startswith(".") else f"./{path}"


def _gen1_out_dir(project: AmplifyProject | None, out_dir: Path | None, warnings: list[str]) -> Chosen[Path]:
    """getUiBuilderComponentsPath: ``path.resolve('.', srcDir, 'ui-components')`` in the root,
    with ``srcDir`` = ``projectConfig.javascript.config.SourceDir``."""
    given = _given(out_dir, "--out")
    if given is not None:
        return Chosen(given.value.resolve(), given.origin)
    if project is None:
        return Chosen(Path("ui-components").resolve(), "./ui-components in the current folder (no Amplify project)")
    config = project.root / PROJECT_CONFIG
    if project.frontend not in (None, "javascript") or project.framework not in (None, "react"):
        what = f"frontend {project.frontend}" + (f", framework {project.framework}" if project.framework else "")
        warnings.append(f"Amplify CLI syncs Studio components only for JavaScript React projects ({config}: {what})")
    if project.source_dir is None:
        warnings.append(f"no javascript.config.SourceDir in {config}; using src, the SourceDir of a new React project")
        return Chosen(project.root / "src" / "ui-components", f"{config} has no SourceDir: src")
    return Chosen(
        (project.root / project.source_dir / "ui-components").resolve(),
        f"{config}: javascript.config.SourceDir {project.source_dir!r}",
    )


def _gen1_api(project: AmplifyProject | None, settings: Settings, api: str | None, warnings: list[str]) -> Chosen[str]:
    """getApiConfiguration: DataStore when the API has conflict detection; else graphQLConfig
    from getCodegenConfig; when that throws, Amplify CLI warns and sends noApiConfig."""
    given = _given(api, "--api")
    if given is not None:
        return given
    if settings.datastore:
        return Chosen("datastore", "DataStore conflict detection (the API's transform.conf.json, or --feature-flag)")
    if project is None:
        return Chosen("graphql", "no DataStore and no Amplify project: GraphQL with the built-in paths")
    if project.codegen is None:
        warnings.append(
            "Unable to successfully configure component generation for GraphQL "
            f"({project.codegen_problem}), so Amplify CLI sends noApiConfig and generates no forms; "
            "run 'amplify add codegen', or pass --api graphql"
        )
        return Chosen("none", f"getApiConfiguration: {project.codegen_problem}")
    return Chosen("graphql", f"no DataStore; {project.codegen.origin}")


def _gen1_graphql_paths(project: AmplifyProject | None, components: Path) -> Chosen[GraphQLPaths]:
    codegen = project.codegen if project else None
    if project is None or codegen is None:
        return Chosen(GraphQLPaths(), "built-in: a JavaScript project with src/graphql (no .graphqlconfig.yml)")
    # `typesFilePath: (typesPath && relativeToComponentsPath(typesPath, context)) || ''`
    types = relative_to_components(components, project.root / codegen.types_path) if codegen.types_path else ""
    statements = (relative_to_components(components, project.root / codegen.statement_path(k)) for k in _STATEMENTS)
    return Chosen(GraphQLPaths(types, *statements), f"{codegen.origin}, relative to --out")


def _installed(
    project: AmplifyProject | None, schema_path: Path | str, package_json: Path | None
) -> Chosen[dict[str, str] | None]:
    if package_json is not None:
        return Chosen(read_package_dependencies(package_json), f"--package-json {package_json}")
    if project is not None:
        found = project.package_json
        if not found.is_file():
            return Chosen(None, f"no package.json in the project root {project.root}")
        return Chosen(read_package_dependencies(found), f"{found} (the project root's)")
    nearest = nearest_package_json(schema_path)
    if nearest is None:
        return Chosen(None, "no package.json above PATH")
    return Chosen(read_package_dependencies(nearest), f"{nearest} (the nearest above PATH)")


def _given(value: T | None, option: str) -> Chosen[T] | None:
    return None if value is None else Chosen(value, f"given: {option}")


def _on(value: bool) -> str:
    return "on" if value else "off"
