"""``migrate``: rewrite transformer v1 schemas to v2 as ``amplify migrate api`` does, editing the
user's text (see :mod:`translator.frontends.graphql.migrate`).

Which schemas are v1: one using ``@key``/``@connection``; one using neither those nor a v2-only
directive when its Amplify project is on transformer v1 (cli.json
``graphqltransformer.transformerversion``, 1 when missing), or when the caller says so
(``assume_v1``). Nothing else can tell v1 ``@auth`` from v2 ``@auth``, and migrating a v2 schema
again would add rules each time. A schema using v2-only directives is left alone, one mixing
both is refused. Written in place, a migration inside a project also moves the project's
cli.json to transformer v2, as ``amplify migrate api`` does, so it is not migrated twice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from translator.core.diagnostics import CompilationError, Diagnostic, Related, SourceError, Span
from translator.core.document import SchemaSource
from translator.core.files import write_if_changed
from translator.core.settings import AUTH_MODES, AuthMode
from translator.emit.generic import GenericDataSchema
from translator.frontends.graphql import parse_schema
from translator.frontends.graphql.migrate import MigratedSource, directive_generations, migrate_sources
from translator.pipeline import compile_document
from translator.project.sources import (
    LoadedSchema,
    default_auth_mode,
    load,
    project_cli_json,
    read_json,
    transformer_version,
)

Status = Literal["migrated", "unchanged", "skipped"]

# What `amplify migrate api` sets in cli.json once the schemas are migrated (its state migrator).
_V2_FEATURES = {
    "graphqltransformer": {"useexperimentalpipelinedtransformer": True, "transformerversion": 2,
                           "suppressschemamigrationprompt": True},
    "codegen": {"useappsyncmodelgenplugin": True},
}


@dataclass(frozen=True)
class SchemaMigration:
    """The migration of one schema (a file, or the files of an API's ``schema/`` folder), and the
    project cli.json to move to transformer v2 with it (None outside a v1 project)."""

    entry: Path
    status: Status
    files: tuple[MigratedSource, ...]
    auth_mode: AuthMode
    reason: str = ""
    cli_json: Path | None = None

    @property
    def changed_files(self) -> tuple[MigratedSource, ...]:
        """The files whose text the migration changes."""
        return tuple(f for f in self.files if f.changed)


def resolve_auth_mode(loaded: LoadedSchema, auth_mode: str | None) -> AuthMode:
    """``auth_mode`` when given, else the project's API default (as ``amplify migrate api`` reads
    it), else ``apiKey`` (what ``amplify add api`` sets up)."""
    mode = auth_mode or default_auth_mode(loaded.entry) or "apiKey"
    for known in AUTH_MODES:
        if mode == known:
            return known
    raise SourceError(Diagnostic("E205", f"unknown auth mode {mode!r} (known: {', '.join(AUTH_MODES)})",
                                 Span("--auth-mode")))


def migrate_loaded(loaded: LoadedSchema, auth_mode: str | None = None, *, assume_v1: bool = False) -> SchemaMigration:
    """Migrate one loaded GraphQL schema; CompilationError when Amplify would refuse it."""
    mode = resolve_auth_mode(loaded, auth_mode)
    generations = directive_generations(loaded.sources)
    untouched = tuple(MigratedSource(s, s.text, ()) for s in loaded.sources if s.part_of_schema)
    version = transformer_version(loaded.entry)
    if generations.v2 and not generations.v1:
        names = ", ".join(f"@{name}" for name in generations.v2)
        return SchemaMigration(loaded.entry, "skipped", untouched, mode, f"already transformer v2 ({names})")
    if not generations.v1 and version == 2:
        return SchemaMigration(loaded.entry, "skipped", untouched, mode,
                               "no @key or @connection, and the project is on transformer v2")
    if not generations.v1 and version is None and not assume_v1:
        return SchemaMigration(loaded.entry, "skipped", untouched, mode,
                               "no @key or @connection, and no Amplify project on transformer v1 around it "
                               "(--assume-v1 migrates its @auth rules anyway)")
    files = tuple(migrate_sources(loaded.sources, mode))
    status: Status = "migrated" if any(f.changed for f in files) else "unchanged"
    cli_json = project_cli_json(loaded.entry) if version not in (None, 2) else None
    return SchemaMigration(loaded.entry, status, files, mode, "" if status == "migrated" else "nothing to migrate",
                           cli_json)


def migrate_paths(
    paths: Sequence[Path | str], *, auth_mode: str | None = None, assume_v1: bool = False
) -> list[SchemaMigration]:
    """Migrate every schema ``paths`` belong to (a file inside an API's ``schema/`` folder stands
    for the whole folder). CompilationError lists the problems of every refused schema."""
    from translator.check import schema_units

    results: list[SchemaMigration] = []
    problems: list[Diagnostic] = []
    for unit in schema_units([Path(p) for p in paths]):
        loaded = load([unit])
        if loaded.language != "graphql":
            raise SourceError(Diagnostic("E201", "a Gen 2 schema has no transformer v1 form to migrate",
                                         Span(str(loaded.entry))))
        try:
            results.append(migrate_loaded(loaded, auth_mode, assume_v1=assume_v1))
        except CompilationError as error:
            problems.extend(error.diagnostics)
    if problems:
        raise CompilationError(problems)
    return results


def compile_migrated(
    paths: Sequence[Path | str], *, feature_flags: Mapping[str, bool] | None = None
) -> GenericDataSchema:
    """Compile the schema at ``paths`` as ``migrate`` would leave it (in memory): a v1 schema
    through the migration, any other as it is. Diagnostics point into the files as written."""
    from translator.api import compile_paths

    loaded = load(paths)
    if loaded.language != "graphql":
        return compile_paths(paths, feature_flags=feature_flags)
    files = {f.source.name: f for f in migrate_loaded(loaded).files}
    sources = [SchemaSource(s.name, files[s.name].text if s.name in files else s.text, s.part_of_schema)
               for s in loaded.sources]
    settings = loaded.settings.with_flags(feature_flags or {})
    try:
        return compile_document(parse_schema(sources), settings)
    except CompilationError as error:
        raise CompilationError(_as_written(d, files) for d in error.diagnostics) from None


def _as_written(diagnostic: Diagnostic, files: Mapping[str, MigratedSource]) -> Diagnostic:
    file = files.get(diagnostic.path)
    if file is None:
        return diagnostic
    related = tuple(Related(file.original_span(r.span) if r.span.path == diagnostic.path else r.span, r.message)
                    for r in diagnostic.related)
    return replace(diagnostic, span=file.original_span(diagnostic.span), related=related)


def write_migrations(migrations: Sequence[SchemaMigration]) -> list[Path]:
    """Write every changed file in place (each atomically; a byte-order mark the file had is
    kept) and move the projects' cli.json to transformer v2; the paths written."""
    written: list[Path] = []
    for migration in migrations:
        for file in migration.changed_files:
            path = Path(file.source.name)
            bom = "\ufeff" if path.read_bytes().startswith(b"\xef\xbb\xbf") else ""
            if write_if_changed(path, bom + file.text):
                written.append(path)
        if migration.cli_json is not None and migration.cli_json not in written and _to_v2(migration.cli_json):
            written.append(migration.cli_json)
    return written


def _to_v2(cli_json: Path) -> bool:
    """Set the transformer v2 flags in ``cli_json`` (Amplify's own 2-space JSON); True if it changed."""
    data = read_json(cli_json)
    if not isinstance(data, dict):
        raise SourceError(Diagnostic("E205", "cli.json does not hold a JSON object", Span(str(cli_json))))
    features = data.setdefault("features", {})
    for section, flags in _V2_FEATURES.items():
        features.setdefault(section, {}).update(flags)
    return write_if_changed(cli_json, json.dumps(data, indent=2) + "\n")
