"""data-schema's relationship validation (``validateRelationships``).

Each ``a.hasOne``/``a.hasMany`` needs exactly one ``a.belongsTo`` on the related model pointing
back with the same ``references`` (and each ``belongsTo`` exactly one ``hasOne``/``hasMany``);
the reference fields must exist on the child and match the parent's identifier in number and
type (``ID`` and ``String`` count as the same).
"""

from __future__ import annotations

from typing import Any

from translator.core.diagnostics import Related, Span
from translator.frontends.gen2.amplify.builders import Model, RelationField, ScalarField
from translator.frontends.gen2.interpreter.values import JSArray, JSObject, to_display
from translator.frontends.gen2.lowering.fields import Reporter, relation_references

_COUNTERPARTS = {"hasOne": ("belongsTo",), "hasMany": ("belongsTo",), "belongsTo": ("hasOne", "hasMany")}


def _describe(model: str, name: str, field: RelationField) -> str:
    related = to_display(field.related)
    shown = f"[{related}]" if field.array else related
    refs = ", ".join(f"'{to_display(r)}'" for r in relation_references(field))
    return f"{model}.{name}: {shown} @{field.kind}(references: [{refs}])"


def _same_references(left: RelationField, right: RelationField) -> bool:
    a, b = relation_references(left), relation_references(right)
    return len(a) == len(b) and all(_js_equal(x, y) for x, y in zip(a, b, strict=True))


def _js_equal(x: Any, y: Any) -> bool:
    if isinstance(x, bool) or isinstance(y, bool):
        return type(x) is type(y) and x == y
    return (
        type(x) is type(y) and x == y
        if not isinstance(x, float | int)
        else (isinstance(y, float | int) and float(x) == float(y))
    )


def _fields(model: Model) -> JSObject:
    return model.fields if isinstance(model.fields, JSObject) else JSObject()


def check_relationships(model_name: str, fields: JSObject, lookup: dict[str, Any], report: Reporter) -> None:
    """Validate every relationship field of one model (each pair is checked from both ends)."""
    for name, value in fields.props.items():
        if not isinstance(value, RelationField):
            continue
        span = fields.spans.get(name, value.span)
        related_name = value.related
        target = lookup.get(related_name) if isinstance(related_name, str) else None
        if target is None:
            report.error(
                "G016",
                f"invalid ref: {model_name} is referring to {to_display(related_name)} "
                "which is not defined in the schema",
                value.span,
            )
            continue
        if not isinstance(target, Model):
            report.error("G016", f"{_describe(model_name, name, value)}: {related_name} is not a model", value.span)
            continue
        kinds = _COUNTERPARTS.get(value.kind, ())
        other_fields = _fields(target)
        candidates = [
            (other_name, other)
            for other_name, other in other_fields.props.items()
            if isinstance(other, RelationField)
            and other.related == model_name
            and other.kind in kinds
            and _same_references(other, value)
        ]
        if len(candidates) != 1:
            if candidates:
                names = ", ".join(f"{related_name}.{n}" for n, _ in candidates)
                problem = f"found multiple relationship associations with {names}"
            else:
                problem = f"unable to find associated relationship definition in {related_name}"
            report.error(
                "G013",
                f"{problem} for {_describe(model_name, name, value)}",
                span,
                tuple(Related(other_fields.spans.get(n, o.span), "candidate") for n, o in candidates),
            )
            continue
        if value.kind == "belongsTo":
            continue  # the pair's references are checked from the hasOne/hasMany end
        other_name, other = candidates[0]
        self_model = lookup.get(model_name)
        if isinstance(self_model, Model):
            _check_references(
                model_name, name, value, self_model, str(related_name), other_name, other, target, span, report
            )


def _check_references(
    parent_name: str,
    parent_field: str,
    parent_rel: RelationField,
    parent: Model,
    child_name: str,
    child_field: str,
    child_rel: RelationField,
    child: Model,
    span: Span,
    report: Reporter,
) -> None:
    pair = f"{_describe(parent_name, parent_field, parent_rel)} <-> {_describe(child_name, child_field, child_rel)}"
    child_fields = _fields(child)
    child_types: list[str] = []
    for reference in relation_references(parent_rel):
        key = to_display(reference)
        declared = child_fields.props.get(key)
        if not isinstance(declared, ScalarField):
            report.error(
                "G014",
                f"reference field '{key}' must be defined on {child_name}. {pair}",
                span,
                (Related(child_fields.spans.get(child_field, child_rel.span), "the belongsTo end"),),
            )
            return
        child_types.append(declared.field_type)
    if isinstance(parent.identifier, str):
        # data-schema maps over the parent's identifier here, which a string cannot do.
        report.error("G015", f"the identifier of {parent_name} must be an array of field names to match reference "
                     f"fields against it. {pair}", span)
        return
    parent_types = _identifier_types(parent)
    if len(parent_types) != len(child_types):
        report.error(
            "G015",
            f"the identifiers defined on {parent_name} must match the reference fields defined on "
            f"{child_name}: {len(parent_types)} identifiers, {len(child_types)} reference fields. {pair}",
            span,
        )
        return
    for (field_name, parent_type), child_type in zip(parent_types, child_types, strict=True):
        if not _matching(parent_type, child_type):
            report.error(
                "G015",
                f"reference field types do not match: {parent_name}.{field_name} is {parent_type} "
                f"but the reference on {child_name} is {child_type}. {pair}",
                span,
            )
            return


def _identifier_types(model: Model) -> list[tuple[str, str | None]]:
    """The types of a model's identifier fields (an undeclared ``id`` is an ``ID``)."""
    fields = _fields(model)
    identifier = model.identifier.items if isinstance(model.identifier, JSArray) else ["id"]
    result: list[tuple[str, str | None]] = []
    for name in identifier:
        key = to_display(name)
        declared = fields.props.get(key)
        if declared is not None:
            result.append((key, declared.field_type if isinstance(declared, ScalarField) else None))
        elif key == "id":
            result.append((key, "ID"))
    return result


def _matching(parent: str | None, child: str) -> bool:
    return parent == child or (parent in ("ID", "String") and child in ("ID", "String"))
