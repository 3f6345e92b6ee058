"""The Markdown report of a schema: its diagram, a section per model (fields, keys, indexes,
relationships and the warnings about it), the non-models and enums, and the other warnings.

The report is a sequence of sections, each a function of :class:`ReportInput`; ``models`` says
which models get a section. A report of a change can put its own section (the changed models) in
front of the others and pass only the changed models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from translator.core.diagnostics import Diagnostic
from translator.core.document import SchemaDocument, TypeDef, strings
from translator.core.names import index_key_name
from translator.emit.diagram import Cardinality, Diagram, Edge, Entity, relation_kind
from translator.emit.diagram_render import keys_of, render_mermaid
from translator.model.derive import GenericField, GenericSchema


@dataclass(frozen=True)
class ReportInput:
    """What a report is made from. ``diagram`` is what is drawn; ``full`` has every model (the
    tables list relationships to models the drawing leaves out); ``models`` get a section each."""

    title: str
    document: SchemaDocument
    schema: GenericSchema
    diagram: Diagram
    full: Diagram
    warnings: tuple[Diagnostic, ...]
    models: tuple[str, ...]


Section = Callable[[ReportInput], "str | None"]

_MULTIPLICITY: dict[Cardinality, str] = {"one": "1", "zero_or_one": "0..1", "zero_or_more": "0..*",
                                         "one_or_more": "1..*"}


def cell(text: str) -> str:
    """Text that stays inside one Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def code(text: str) -> str:
    """``text`` as inline code."""
    return f"`{text}`" if text else ""


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table (cells already escaped)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def owners(document: SchemaDocument, diagnostics: Iterable[Diagnostic]) -> dict[Diagnostic, str | None]:
    """The type each diagnostic is about: the type whose name, field, directive or enum value it
    points at; else the type whose lines hold it; None when no type does."""
    exact: dict[tuple[str, int, int], str] = {}
    ranges: list[tuple[str, int, int, str]] = []
    for typedef in document.types:
        spans = [typedef.span, *(d.span for d in typedef.directives), *(v.span for v in typedef.values)]
        for field in typedef.fields:
            spans.extend([field.span, field.type_span, *(d.span for d in field.directives)])
        for span in spans:
            exact.setdefault((span.path, span.line, span.column), typedef.name)
        lines = [s.line for s in spans if s.path == typedef.span.path and s.line > 0]
        if lines:
            ranges.append((typedef.span.path, min(lines), max(lines), typedef.name))
    out: dict[Diagnostic, str | None] = {}
    for diagnostic in diagnostics:
        span = diagnostic.span
        owner = exact.get((span.path, span.line, span.column))
        if owner is None:
            holding = [r for r in ranges if r[0] == span.path and r[1] <= span.line <= r[2]]
            owner = min(holding, key=lambda r: r[2] - r[1])[3] if holding else None
        out[diagnostic] = owner
    return out


def render_report(report: ReportInput, sections: Sequence[Section] | None = None) -> str:
    """The report: each section that has something to say, separated by blank lines."""
    parts = [text for section in (SECTIONS if sections is None else sections) if (text := section(report))]
    return "\n\n".join(parts).rstrip("\n") + "\n"


# -- sections -----------------------------------------------------------------------------------


def summary_section(report: ReportInput) -> str:
    """Title and counts."""
    models = len(report.schema.models)
    relationships = sum(1 for e in report.full.edges if not e.embedded)
    counts = [f"{models} model{'s' * (models != 1)}",
              f"{relationships} relationship{'s' * (relationships != 1)}",
              f"{len(report.schema.non_models)} non-model{'s' * (len(report.schema.non_models) != 1)}",
              f"{len(report.schema.enums)} enum{'s' * (len(report.schema.enums) != 1)}",
              f"{len(report.warnings)} warning{'s' * (len(report.warnings) != 1)}"]
    lines = [f"# {report.title}", "", ", ".join(counts) + "."]
    if len(report.models) < models:
        lines += ["", f"Showing {len(report.models)} of the {models} models."]
    return "\n".join(lines)


def diagram_section(report: ReportInput) -> str:
    """The Mermaid diagram."""
    return "## Diagram\n\n```mermaid\n" + render_mermaid(report.diagram) + "```"


def model_sections(report: ReportInput) -> str | None:
    """One section per model of ``report.models``."""
    if not report.models:
        return None
    about = owners(report.document, report.warnings)
    entities = {e.name: e for e in report.full.entities}
    fields = {name: dict(model.fields) for name, model in report.schema.models}
    keys = dict((name, model.primary_keys) for name, model in report.schema.models)
    parts = ["## Models"]
    for name in report.models:
        typedef = report.document.type(name)
        declared = typedef if typedef is not None and typedef.is_model else None
        parts.append(_model_section(report, entities[name], declared, fields, keys[name],
                                    [d for d, owner in about.items() if owner == name]))
    return "\n\n".join(parts)


def _model_section(report: ReportInput, entity: Entity, declared: TypeDef | None,
                   fields: dict[str, dict[str, GenericField]], keys: tuple[str, ...],
                   warnings: list[Diagnostic]) -> str:
    heading = f"### {entity.name}" + (" (generated join model)" if entity.generated else "")
    key_text = f"Primary key: {code(keys[0])}"
    if len(keys) > 1:
        key_text += ", sort keys " + ", ".join(code(k) for k in keys[1:])
    parts = [heading, key_text + "."]
    own = fields[entity.name]
    rows = []
    for attribute in entity.attributes:
        written = declared.field(attribute.name) if declared is not None else None
        shown = str(written.type) if written is not None else _compiled_type(own[attribute.name])
        rows.append((code(attribute.name), code(shown), ", ".join(keys_of(attribute)),
                     cell(", ".join(attribute.notes))))
    parts.append(table(("field", "type", "key", "notes"), rows))
    indexes = list(_indexes(entity, declared, own))
    if indexes:
        parts += ["Indexes:", table(("index", "partition key", "sort keys", "query"), indexes)]
    relationships = list(_relationships(report, entity.name, declared, fields))
    if relationships:
        parts += ["Relationships:", table(("field", "kind", "related model", "foreign key", "paired with",
                                           "cardinality"), relationships)]
    if warnings:
        parts += ["Warnings:", _warning_list(warnings)]
    return "\n\n".join(parts)


def _compiled_type(field: GenericField) -> str:
    text = field.data_type_value + ("!" if field.required else "")
    return f"[{text}]" if field.is_array else text


def _indexes(entity: Entity, declared: TypeDef | None, own: dict[str, GenericField]) -> Iterable[Sequence[str]]:
    """(name, partition key, sort keys, query field) of each secondary index: the ``@index``
    directives as written, or those Amplify writes on a generated join model's key fields."""
    if declared is None:
        return _join_indexes(entity.name, own)
    rows = []
    for field in declared.fields:
        for index in field.all("index"):
            sort = strings(index.value("sortKeyFields"))
            default = index_key_name(entity.name, [field.name, *sort])
            name = index.value("name")
            query = index.value("queryField") if index.has("queryField") else default
            rows.append((code(str(name) if isinstance(name, str) else default), code(field.name),
                         ", ".join(code(s) for s in sort), code(query) if isinstance(query, str) else "none"))
    return rows


def _join_indexes(model: str, own: dict[str, GenericField]) -> Iterable[Sequence[str]]:
    # One index per side, on the key fields its @belongsTo uses, named by the other model.
    for field in own.values():
        relationship = field.relationship
        if field.data_type == "Model" and relationship is not None and relationship.associated_fields:
            first, *sort = relationship.associated_fields
            yield (code("by" + relationship.related_model_name), code(first), ", ".join(code(s) for s in sort),
                   code(index_key_name(model, [first, *sort])))


def _relationships(report: ReportInput, model: str, declared: TypeDef | None,
                   fields: dict[str, dict[str, GenericField]]) -> Iterable[Sequence[str]]:
    edges: dict[str, Edge] = {}
    for edge in report.full.edges:
        if not edge.embedded:
            for name in edge.fields_of(model):
                edges.setdefault(name, edge)
    for name, field in fields[model].items():
        relationship = field.relationship
        if name not in edges or relationship is None or field.data_type != "Model":
            continue
        edge = edges[name]
        related = code(relationship.related_model_name)
        if relationship.related_join_table_name:
            related += f" through {code(relationship.related_join_table_name)}"
        on_parent = edge.parent == model and edge.parent_field == name
        other = (edge.child, edge.child_field) if on_parent else (edge.parent, edge.parent_field)
        paired = code(f"{other[0]}.{other[1]}") if other[1] else "none"
        cardinality = (f"{code(edge.parent)} {_MULTIPLICITY[edge.parent_cardinality]} to "
                       f"{_MULTIPLICITY[edge.child_cardinality]} {code(edge.child)}")
        yield (code(name), relation_kind(field, declared, name), related,
               ", ".join(code(k) for k in edge.foreign_keys) or "none", paired, cardinality)


def _warning_list(warnings: Iterable[Diagnostic]) -> str:
    return "\n".join(f"- {code(str(d.span))} {d.severity} {d.code}: {d.message}" for d in warnings)


def _used_types(report: ReportInput) -> set[str]:
    """The non-models and enums the reported models use, directly or through non-models."""
    non_models = {name: fields for name, fields in report.schema.non_models}
    pending = [f for name, model in report.schema.models if name in report.models for _, f in model.fields]
    used: set[str] = set()
    while pending:
        field = pending.pop()
        if field.data_type in ("NonModel", "Enum") and field.data_type_value not in used:
            used.add(field.data_type_value)
            pending.extend(f for _, f in non_models.get(field.data_type_value, ()))
    return used


def types_section(report: ReportInput) -> str | None:
    """The non-models and enums (only those the reported models use, when not all are reported)."""
    every = len(report.models) == len(report.schema.models)
    used = set() if every else _used_types(report)
    about = owners(report.document, report.warnings)
    parts: list[str] = []
    for name, fields in report.schema.non_models:
        if every or name in used:
            typedef = report.document.type(name)
            rows = []
            for f_name, field in fields:
                written = typedef.field(f_name) if typedef is not None else None
                rows.append((code(f_name), code(str(written.type) if written else _compiled_type(field))))
            parts += [f"### {name} (non-model)", table(("field", "type"), rows)]
            parts += _warnings_of(name, about)
    for name, values in report.schema.enums:
        if every or name in used:
            parts += [f"### {name} (enum)", ", ".join(code(v) for v in values) + "."]
            parts += _warnings_of(name, about)
    return "\n\n".join(["## Non-models and enums", *parts]) if parts else None


def _warnings_of(name: str, about: dict[Diagnostic, str | None]) -> list[str]:
    mine = [d for d, owner in about.items() if owner == name]
    return ["Warnings:", _warning_list(mine)] if mine else []


def other_warnings_section(report: ReportInput) -> str | None:
    """Warnings about no model, non-model or enum (root operation types, interfaces, or nothing
    in particular). Those about a model the report leaves out are left out with it."""
    schema = report.schema
    described = {n for n, _ in schema.models} | {n for n, _ in schema.non_models} | {n for n, _ in schema.enums}
    rest = [d for d, owner in owners(report.document, report.warnings).items() if owner not in described]
    return "## Other warnings\n\n" + _warning_list(rest) if rest else None


SECTIONS: tuple[Section, ...] = (summary_section, diagram_section, model_sections, types_section,
                                 other_warnings_section)
