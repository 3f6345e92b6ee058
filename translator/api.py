"""The library API: compile a path, several paths or a string."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from translator.core.diagnostics import CompilationError, Diagnostic
from translator.core.document import SchemaDocument, SchemaSource
from translator.core.settings import Settings
from translator.emit.generic import GenericDataSchema
from translator.frontends.graphql import parse_schema
from translator.pipeline import compile_document
from translator.project.sources import LoadedSchema, load


@dataclass(frozen=True)
class LoadedDocument:
    """A parsed schema and the settings it compiles with."""

    document: SchemaDocument
    settings: Settings
    entry: Path


def load_document(
    paths: Sequence[Path | str], *, feature_flags: Mapping[str, bool] | None = None, positions: bool = True
) -> LoadedDocument:
    """Read and parse the schema at ``paths`` (CompilationError on schema errors,
    SourceError on I/O problems). ``positions=False``: see :func:`parse_schema`."""
    loaded: LoadedSchema = load(paths)
    if loaded.language == "gen2":
        # lark is only imported for Gen 2 files; their settings are fixed by Amplify Gen 2.
        from translator.frontends.gen2 import GEN2_FLAGS, load_gen2

        settings = Settings().with_flags({**GEN2_FLAGS, **(feature_flags or {})})
        evaluated = load_gen2(loaded.entry)
        document = evaluated if isinstance(evaluated, SchemaDocument) else parse_schema([evaluated])
    else:
        settings = loaded.settings.with_flags(feature_flags or {})
        document = parse_schema(loaded.sources, positions=positions)
    return LoadedDocument(document, settings, loaded.entry)


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """A compile allocates many small acyclic objects (syntax trees); the collector's full
    passes over them cost more than the compile itself on large schemas."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def compile_paths(
    paths: Sequence[Path | str], *, feature_flags: Mapping[str, bool] | None = None
) -> GenericDataSchema:
    """Compile the schema made of ``paths`` (one file or folder, or several files)."""
    with _no_gc_pauses():
        try:
            # Positions only matter in diagnostics: compile without them first, and again
            # with them when there is anything to report.
            loaded = load_document(paths, feature_flags=feature_flags, positions=False)
            return compile_document(loaded.document, loaded.settings)
        except CompilationError:
            loaded = load_document(paths, feature_flags=feature_flags)
            return compile_document(loaded.document, loaded.settings)


def compile_path(path: Path | str, *, feature_flags: Mapping[str, bool] | None = None) -> GenericDataSchema:
    """Compile a ``schema.graphql``, an Amplify API folder, a ``schema/`` folder or a Gen 2
    ``resource.ts``. ``feature_flags`` overrides project settings, e.g.
    ``{"codegen.addTimestampFields": False}``."""
    return compile_paths([path], feature_flags=feature_flags)


def compile_source(
    text: str, *, name: str = "schema.graphql", feature_flags: Mapping[str, bool] | None = None
) -> GenericDataSchema:
    """Compile GraphQL SDL given as a string, with new-project settings unless overridden."""
    settings = Settings().with_flags(feature_flags or {})
    with _no_gc_pauses():
        try:
            return compile_document(parse_schema([SchemaSource(name, text)], positions=False), settings)
        except CompilationError:
            return compile_document(parse_schema([SchemaSource(name, text)]), settings)


__all__ = ["CompilationError", "Diagnostic", "compile_path", "compile_paths", "compile_source"]
