"""Warnings: what Amplify accepts but makes generated forms go wrong (codes ``W0NN``)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from translator.core.diagnostics import Diagnostic, Span, Target, TargetPart
from translator.core.document import SchemaDocument, TypeDef
from translator.core.names import constant_case

# A warning and what it points at.
Finding = tuple[Diagnostic, Target]


def lint(document: SchemaDocument, join_tables: AbstractSet[str]) -> list[Diagnostic]:
    """Every warning for a schema that compiled, whose derived schema has ``join_tables``."""
    return [warning for warning, _ in lint_targets(document, join_tables)]


def lint_targets(document: SchemaDocument, join_tables: AbstractSet[str]) -> list[Finding]:
    """:func:`lint`'s warnings, each with what it points at: so the warnings of a schema read
    without positions can be placed afterwards."""
    out: list[Finding] = []
    kinds = {t.name: t for t in document.types}
    for typedef in document.types:
        if typedef.kind == "enum":
            _enum_collisions(typedef, out)
        if typedef.kind != "object":
            continue
        if typedef.is_model:
            _model_warnings(typedef, kinds, join_tables, out)
        for field in typedef.fields:
            target = kinds.get(field.type.name)
            if target is not None and target.kind in ("union", "interface"):
                out.append(_warn("W008", f"{typedef.name}.{field.name} has {target.kind} type {target.name}; "
                                 "Amplify leaves it out of the generated schema", field.span,
                                 typedef, "field", field.name))
    return out


def _warn(code: str, message: str, span: Span, typedef: TypeDef, part: TargetPart = "type",
          name: str = "") -> Finding:
    """A warning at ``span``, which is the ``part`` called ``name`` of ``typedef``."""
    return Diagnostic(code, message, span, severity="warning"), Target(typedef.name, part, name)


def _model_warnings(
    model: TypeDef, kinds: dict[str, TypeDef], join_tables: AbstractSet[str], out: list[Finding]
) -> None:
    relations = ("hasMany", "hasOne", "belongsTo", "manyToMany")
    parents: dict[str, list[str]] = {}
    for field in model.fields:
        target = kinds.get(field.type.name)
        related = [d for d in field.directives if d.name in relations]
        if target is not None and target.is_model:
            if not related:
                out.append(_warn("W007", f"{model.name}.{field.name} has model type {target.name} but no "
                                 "@hasOne/@hasMany/@belongsTo/@manyToMany; Amplify drops the field", field.span,
                                 model, "field", field.name))
            elif not field.type.is_list and field.type.item_required and related[0].name != "belongsTo":
                out.append(_warn("W001", f"{model.name}.{field.name} is a required @{related[0].name} field; "
                                 "generated forms cannot fill it, so records cannot be created from them",
                                 field.span, model, "field", field.name))
            if field.directive("belongsTo"):
                parents.setdefault(target.name, []).append(field.name)
        elif target is not None and target.kind == "object" and not target.is_model:
            out.append(_warn("W009", f"{model.name}.{field.name} has non-model type {target.name}; generated "
                             "forms leave it out unless non-model support is enabled", field.span,
                             model, "field", field.name))
    for parent, names in parents.items():
        if len(names) > 1:
            out.append(_warn("W004", f"{model.name} has several @belongsTo fields to {parent} "
                             f"({', '.join(names)}); forms and relationships only use the first, {names[0]}",
                             model.span, model))
    if model.name not in join_tables:
        _missed_join_table(model, kinds, out)
    else:
        out.append(_warn("W002", f"{model.name} is written by hand but Amplify's form generator treats it as a "
                         "join table: @hasMany fields into it are redirected to the model on its other side",
                         model.span, model))
    model_directive = model.directive("model")
    timestamps = model_directive.value("timestamps") if model_directive else None
    if model_directive is not None and isinstance(timestamps, dict):
        for key, value in timestamps.items():
            if value is None:
                out.append(_warn("W006", f"timestamps.{key}: null does not remove the field (Amplify falls back "
                                 f"to '{key}'); use timestamps: null to remove both", model_directive.span,
                                 model, "model"))


def _missed_join_table(model: TypeDef, kinds: dict[str, TypeDef], out: list[Finding]) -> None:
    """A hand-written model linking two models like a join table that the heuristic will not
    recognise (semantics.md, section 7.9), so forms treat it as an ordinary model."""
    links = [f for f in model.directed_fields
             if f.directive("belongsTo") and (kinds.get(f.type.name) or model).is_model]
    if len(links) != 2 or links[0].type.name == links[1].type.name:
        return
    back_pointing = [
        link for link in links
        if any(f.type.name == model.name and f.directive("hasMany") for f in kinds[link.type.name].directed_fields)
    ]
    if len(back_pointing) != 2:
        return
    reasons = [f"{link.name} is optional" for link in links if not link.type.item_required]
    keys = {f.name for f in model.directed_fields if f.directive("index") or f.directive("primaryKey")}
    for link in links:
        d = link.directive("belongsTo")
        fields = d.value("fields") if d is not None else None
        if isinstance(fields, tuple):
            keys.update(str(v) for v in fields)
    extra = [f.name for f in model.fields if f.name not in keys | {"id", "createdAt", "updatedAt"}
             and not (kinds.get(f.type.name) is not None and kinds[f.type.name].is_model)]
    if extra:
        reasons.append(f"it has other fields ({', '.join(extra)})")
    if reasons:
        out.append(_warn("W003", f"{model.name} links {links[0].type.name} and {links[1].type.name} like a join "
                         f"table, but forms will not treat it as one because {' and '.join(reasons)}", model.span,
                         model))


def _enum_collisions(enum: TypeDef, out: list[Finding]) -> None:
    seen: dict[str, str] = {}
    for value in enum.values:
        key = constant_case(value.name)
        if key in seen:
            out.append(_warn("W005", f"enum value {value.name} of {enum.name} collides with {seen[key]} (both "
                             f"are {key!r} in constant case); Amplify keeps only one of them", value.span,
                             enum, "value", value.name))
        seen.setdefault(key, value.name)
