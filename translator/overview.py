"""Seeing a data model: the ER diagram (Mermaid or Graphviz) and the Markdown report of a schema.

Both work from what a compile derives (models, keys, relationships, join tables) together with
the document as written (declared fields, ``@index``, positions), so they draw exactly what
Amplify builds, implicit foreign keys and generated join models included.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.api import load_document
from translator.core.diagnostics import CompilationError, Diagnostic, sort_diagnostics
from translator.core.document import SchemaDocument
from translator.core.settings import Settings
from translator.emit.diagram import Diagram, UnknownEntityError, build_diagram, neighbourhood
from translator.emit.diagram_render import FORMATS, render
from translator.emit.markdown import ReportInput, render_report
from translator.model.derive import GenericSchema
from translator.pipeline import derive_document
from translator.rules import warnings as form_warnings


@dataclass(frozen=True)
class SchemaOverview:
    """A compiled schema with the document it came from and its warnings (those of ``check``)."""

    entry: Path
    document: SchemaDocument
    schema: GenericSchema
    settings: Settings
    warnings: tuple[Diagnostic, ...]


def load_overview(
    paths: Sequence[Path | str], *, feature_flags: Mapping[str, bool] | None = None, warnings: bool = True
) -> SchemaOverview:
    """Compile the schema at ``paths`` (CompilationError on schema errors, SourceError on I/O
    problems). ``warnings=False`` skips the warnings and the source positions only they need."""
    try:
        loaded = load_document(paths, feature_flags=feature_flags, positions=warnings)
        schema = derive_document(loaded.document, loaded.settings)
    except CompilationError:
        if warnings:
            raise
        # Parsed without positions for speed (they take as long as the rest): again with them,
        # so the errors say where.
        loaded = load_document(paths, feature_flags=feature_flags)
        schema = derive_document(loaded.document, loaded.settings)
    found = tuple(sort_diagnostics(form_warnings(loaded.document, schema.join_table_names()))) if warnings else ()
    return SchemaOverview(loaded.entry, loaded.document, schema, loaded.settings, found)


def overview_diagram(
    overview: SchemaOverview, *, include_all: bool = False, models: Sequence[str] = (), depth: int = 1
) -> Diagram:
    """The diagram of ``overview``; with ``models``, only the entities within ``depth``
    relationships of them (UnknownEntityError for a name the diagram does not have)."""
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    diagram = build_diagram(overview.schema, overview.document, include_all=include_all)
    return neighbourhood(diagram, list(dict.fromkeys(models)), depth) if models else diagram


def diagram_paths(
    paths: Sequence[Path | str],
    *,
    fmt: str = "mermaid",
    include_all: bool = False,
    models: Sequence[str] = (),
    depth: int = 1,
    feature_flags: Mapping[str, bool] | None = None,
) -> str:
    """The ER diagram of the schema at ``paths`` as Mermaid ``erDiagram`` or Graphviz DOT text."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown diagram format {fmt!r}; expected one of {', '.join(FORMATS)}")
    overview = load_overview(paths, feature_flags=feature_flags, warnings=False)
    return render(overview_diagram(overview, include_all=include_all, models=models, depth=depth), fmt)


def report_paths(
    paths: Sequence[Path | str],
    *,
    include_all: bool = False,
    models: Sequence[str] = (),
    depth: int = 1,
    feature_flags: Mapping[str, bool] | None = None,
    title: str | None = None,
) -> str:
    """The Markdown report of the schema at ``paths``: the diagram, a section per model (fields,
    keys, indexes, relationships, warnings), the non-models and enums, the other warnings."""
    overview = load_overview(paths, feature_flags=feature_flags)
    full = build_diagram(overview.schema, overview.document, include_all=include_all)
    diagram = overview_diagram(overview, include_all=include_all, models=models, depth=depth)
    shown = {e.name for e in diagram.entities}
    return render_report(ReportInput(
        title=title or f"Data model: {' '.join(str(p) for p in paths)}",
        document=overview.document,
        schema=overview.schema,
        diagram=diagram,
        full=full,
        warnings=overview.warnings,
        models=tuple(name for name, _ in overview.schema.models if name in shown),
    ))


__all__ = [
    "SchemaOverview",
    "UnknownEntityError",
    "diagram_paths",
    "load_overview",
    "overview_diagram",
    "report_paths",
]
