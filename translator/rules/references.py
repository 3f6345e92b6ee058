"""Rules for relationships written with ``references`` (the Gen 2 style), as Amplify's
relational transformer checks them: the fields exist on the right model and are scalars, match
the primary key in number and type, agree in nullability, have a counterpart with the same
references, and do not share a pair of models with a ``fields``-style relationship."""

from __future__ import annotations

from translator.core.diagnostics import Diagnostic, Related
from translator.core.document import Directive, FieldDef, SchemaDocument, TypeDef, strings
from translator.model.lower import SCALARS
from translator.rules.facts import primary_key_fields, relation_sites


def _type_of(model: TypeDef, name: str) -> str | None:
    field = model.field(name)
    if field is not None:
        return field.type.name
    return "ID" if name == "id" else None


def check_references(document: SchemaDocument) -> list[Diagnostic]:
    """Every problem of the relationships written with ``references``."""
    out: list[Diagnostic] = []
    for model, field, d, related in relation_sites(document):
        if d.has("references"):
            _check_relationship(model, field, d, related, document, out)
    return out


def _check_relationship(
    model: TypeDef, field: FieldDef, d: Directive, related: TypeDef, document: SchemaDocument,
    out: list[Diagnostic],
) -> None:
    """Every problem of relationship ``model.field`` with ``references`` pointing at ``related``."""
    references = strings(d.value("references"))
    if not references:
        out.append(Diagnostic("E114", f"@{d.name} on {model.name}.{field.name} has an empty references list",
                              d.span))
        return
    # hasMany/hasOne: the references are fields of the child and match the parent's key.
    parent, holder = (related, model) if d.name == "belongsTo" else (model, related)
    keys = primary_key_fields(parent)
    if len(keys) != len(references):
        out.append(Diagnostic("E113", f"@{d.name} gives {len(references)} reference(s) but {parent.name}'s primary "
                              f"key has {len(keys)} field(s) ({', '.join(keys)})", d.span))
        return
    nodes: list[FieldDef] = []
    for name in references:
        node = holder.declared_field(name)
        if node is None:
            out.append(Diagnostic("E032", f"{name} is not a field in {holder.name}", d.span))
            return
        target = document.type(node.type.name)
        if node.type.is_list or not (node.type.name in SCALARS or (target is not None and target.kind in
                                                                    ("enum", "scalar"))):
            out.append(Diagnostic("E113", f"reference field {holder.name}.{name} must be a scalar or enum field",
                                  d.span))
            return
        nodes.append(node)
    if len({n.type.item_required for n in nodes}) > 1:
        out.append(Diagnostic("E113", f"the reference fields {', '.join(references)} of {holder.name} must be all "
                              "required or all optional", d.span))
    _check_counterpart(model, field, d, related, references, out)
    for key, node in zip(keys, nodes, strict=True):
        key_type = _type_of(parent, key)
        if key_type != node.type.name and not {key_type, node.type.name} <= {"ID", "String"}:
            out.append(Diagnostic("E113", f"type of {parent.name}.{key} ({key_type}) does not match the reference "
                                  f"field {holder.name}.{node.name} ({node.type.name})", d.span))


def _check_counterpart(
    model: TypeDef, field: FieldDef, d: Directive, related: TypeDef, references: list[str], out: list[Diagnostic]
) -> None:
    wanted = ("hasOne", "hasMany") if d.name == "belongsTo" else ("belongsTo",)
    matched = False
    for other in related.fields:
        if other.type.name != model.name:
            continue
        counterpart = next((x for x in other.directives if x.name in wanted), None)
        if counterpart is None:
            continue
        if not counterpart.has("references"):
            # Amplify reads the references of every such field and fails on one without them.
            message = (f"{model.name}.{field.name} uses references but {related.name}.{other.name} relates the same "
                       "models without references; use references on both")
            note = Related(counterpart.span, "relationship without references")
            out.append(Diagnostic("E112", message, d.span, related=(note,)))
            return
        matched = matched or strings(counterpart.value("references")) == references
    if not matched:
        other_kind = "a @hasOne or @hasMany" if d.name == "belongsTo" else "a @belongsTo"
        out.append(Diagnostic("E036", f"{model.name}.{field.name} uses references {references}; add {other_kind} "
                              f"field with the same references to {related.name}", d.span))
