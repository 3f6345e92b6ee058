"""The library API: compile a path, several paths or a string."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, NoReturn

from translator.core.definition import DataDefinition
from translator.core.diagnostics import CompilationError, Diagnostic
from translator.core.document import SchemaDocument, SchemaSource
from translator.core.settings import Settings
from translator.emit.generic import GenericDataSchema
from translator.frontends.graphql import parse_schema, parse_schema_parts, place_targets, read_plain_unplaced
from translator.pipeline import all_diagnostics, compile_document, unplaced_warnings
from translator.project.sources import Language, LoadedSchema, load, unreadable


@dataclass(frozen=True)
class LoadedDocument:
    """A parsed schema and the settings it compiles with; for Gen 2, what ``defineData`` says
    about the tables (``definition``)."""

    document: SchemaDocument
    settings: Settings
    entry: Path
    language: Language = "graphql"
    definition: DataDefinition | None = None


def load_document(
    paths: Sequence[Path | str], *, feature_flags: Mapping[str, bool] | None = None, positions: bool = True
) -> LoadedDocument:
    """Read and parse the schema at ``paths`` (CompilationError on schema errors,
    SourceError on I/O problems). ``positions=False``: see :func:`parse_schema`."""
    loaded = load(paths)
    settings = _settings(loaded, feature_flags)
    if loaded.language == "graphql":
        return LoadedDocument(parse_schema(loaded.sources, positions=positions), settings, loaded.entry)
    evaluated, definition = _evaluate_gen2_data(loaded)
    document = evaluated if isinstance(evaluated, SchemaDocument) else parse_schema([evaluated])
    return LoadedDocument(document, settings, loaded.entry, loaded.language, definition)


def compile_paths(
    paths: Sequence[Path | str], *, feature_flags: Mapping[str, bool] | None = None, shared_fields: bool = False
) -> GenericDataSchema:
    """Compile the schema made of ``paths`` (one file or folder, or several files).
    ``shared_fields``: equal field entries are one dict, for a result that is only read (as the
    CLI writes it out): less memory on large schemas, but changing one entry changes them all."""
    loaded = load(paths)  # files are read once, whatever happens next
    settings = _settings(loaded, feature_flags)
    if loaded.language == "graphql":
        return _compile_sources(loaded.sources, settings, shared_fields)
    evaluated = _evaluate_gen2(loaded)  # a Gen 2 document always has positions: evaluated once
    if isinstance(evaluated, SchemaDocument):
        try:
            return compile_document(evaluated, settings, shared_fields=shared_fields)
        except CompilationError as error:
            found = error.diagnostics
        _raise_every_error(all_diagnostics(evaluated, settings), found)
    return _compile_sources([evaluated], settings, shared_fields)


def diagnose(
    paths: Sequence[Path | str], *, feature_flags: Mapping[str, bool] | None = None
) -> list[Diagnostic]:
    """Every problem one run can find in the schema at ``paths``, errors and warnings: syntax
    and SDL errors, the rule errors of the parts without them, and the warnings of the parts
    without errors. SourceError on I/O problems."""
    loaded = load(paths)
    settings = _settings(loaded, feature_flags)
    if loaded.language == "graphql":
        return diagnose_sources(loaded.sources, settings)
    try:
        evaluated = _evaluate_gen2(loaded)
    except CompilationError as error:
        return list(error.diagnostics)
    if isinstance(evaluated, SchemaDocument):
        return all_diagnostics(evaluated, settings)
    return diagnose_sources([evaluated], settings)


def diagnose_sources(sources: Sequence[SchemaSource], settings: Settings) -> list[Diagnostic]:
    """:func:`diagnose` of GraphQL ``sources`` under ``settings``: read without positions
    when that finds everything (:func:`placed_warnings`), else with them."""
    placed = placed_warnings(sources, settings)
    if isinstance(placed, list):
        return placed
    return diagnostics_with_positions(sources, settings, plain=placed == "not placed")


def diagnostics_with_positions(
    sources: Sequence[SchemaSource], settings: Settings, *, plain: bool = True
) -> list[Diagnostic]:
    """Every problem of ``sources`` (see :func:`diagnose`), read with positions. ``plain``:
    see :func:`parse_schema`."""
    document, reported = parse_schema_parts(sources, plain=plain)
    if document is None:
        return reported
    return [*reported, *all_diagnostics(document, settings)]


def placed_warnings(
    sources: Sequence[SchemaSource], settings: Settings
) -> list[Diagnostic] | Literal["not plain", "not placed"]:
    """Every diagnostic of a plain schema that has no errors, found as a compile finds them,
    without positions, and then placed: the same as reading it with positions finds, in less
    time and memory (see :mod:`translator.frontends.graphql.placement`). Otherwise why not:
    the schema is "not plain", or its diagnostics are "not placed" this way (errors, which
    are found with positions)."""
    document = read_plain_unplaced(sources)
    if document is None:
        return "not plain"
    found = unplaced_warnings(document, settings)
    del document  # not held while the text is read again
    if not found:
        return "not placed" if found is None else []
    places = place_targets(sources, (target for _, target in found))
    if len(places) < len({target for _, target in found}):
        return "not placed"  # never expected: a warning is not reported without its place
    return [replace(warning, span=places[target]) for warning, target in found]


def _raise_every_error(diagnostics: Sequence[Diagnostic], found: Sequence[Diagnostic]) -> NoReturn:
    """CompilationError with every error of ``diagnostics`` (``found`` by the compile, if none)."""
    raise CompilationError([d for d in diagnostics if d.severity == "error"] or found)


def compile_path(path: Path | str, *, feature_flags: Mapping[str, bool] | None = None) -> GenericDataSchema:
    """Compile a ``schema.graphql``, an Amplify API folder, a ``schema/`` folder or a Gen 2
    ``resource.ts``. ``feature_flags`` overrides project settings, e.g.
    ``{"codegen.addTimestampFields": False}``."""
    return compile_paths([path], feature_flags=feature_flags)


def compile_source(
    text: str, *, name: str = "schema.graphql", feature_flags: Mapping[str, bool] | None = None
) -> GenericDataSchema:
    """Compile GraphQL SDL given as a string, with new-project settings unless overridden."""
    if not isinstance(text, str):
        hint = "; decode it first, e.g. data.decode('utf-8')" if isinstance(text, bytes | bytearray) else ""
        raise TypeError(
            f"compile_source takes the schema text as a str, not {type(text).__name__}{hint} "
            "(compile_path takes a file or folder)"
        )
    if not isinstance(name, str):
        raise TypeError(f"compile_source: name must be a str, not {type(name).__name__}")
    return _compile_sources([SchemaSource(name, text)], Settings().with_flags(feature_flags or {}))


def _settings(loaded: LoadedSchema, feature_flags: Mapping[str, bool] | None) -> Settings:
    """The project's settings with ``feature_flags`` over them; Gen 2's are fixed by Amplify Gen 2."""
    if loaded.language == "graphql":
        return loaded.settings.with_flags(feature_flags or {})
    from translator.frontends.gen2 import GEN2_FLAGS

    return Settings().with_flags({**GEN2_FLAGS, **(feature_flags or {})})


def _evaluate_gen2(loaded: LoadedSchema) -> SchemaDocument | SchemaSource:
    # lark is only imported for Gen 2 files.
    from translator.frontends.gen2 import load_gen2

    try:
        return load_gen2(loaded.entry)
    except OSError as error:  # probing an imported module's folder that cannot be read
        raise unreadable(error, loaded.entry) from None


def _evaluate_gen2_data(loaded: LoadedSchema) -> tuple[SchemaDocument | SchemaSource, DataDefinition]:
    """:func:`_evaluate_gen2`, plus what ``defineData`` says about the tables."""
    from translator.frontends.gen2 import load_gen2_data

    try:
        return load_gen2_data(loaded.entry)
    except OSError as error:
        raise unreadable(error, loaded.entry) from None


def _compile_sources(
    sources: Sequence[SchemaSource], settings: Settings, shared_fields: bool = False
) -> GenericDataSchema:
    """Compile GraphQL text. Positions only matter in diagnostics: the text is parsed without
    them first, and parsed again with them only when there is something to report."""
    try:
        return compile_document(parse_schema(sources, positions=False), settings, shared_fields=shared_fields)
    except CompilationError as error:
        found = error.diagnostics  # the exception itself is not kept: its frames would be
    # Every problem of the schema, with positions, not just those of the first stage that found one.
    _raise_every_error(diagnostics_with_positions(sources, settings), found)


__all__ = ["CompilationError", "Diagnostic", "compile_path", "compile_paths", "compile_source"]
