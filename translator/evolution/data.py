"""Changes Amplify deploys without a word that break or hide the data already stored (warnings,
``W100``-``W109``): DynamoDB keeps every item as it is, so a field the schema now requires, a
value the enum no longer has or a type that no longer fits makes the reads of old items fail."""

from __future__ import annotations

from collections.abc import Iterator

from translator.core.diagnostics import Diagnostic, Related
from translator.evolution.side import Side
from translator.model.deploy import SecondaryIndex
from translator.model.derive import GenericField, GenericModel


def _fields(model: GenericModel) -> dict[str, GenericField]:
    return dict(model.fields)


def _type(field: GenericField) -> str:
    return f"[{field.data_type_value}]" if field.is_array else field.data_type_value


def _stored(field: GenericField) -> bool:
    """Whether the field is an attribute of the items (not a relationship resolved elsewhere)."""
    return field.relationship is None and field.data_type != "Model"


def data_changes(old: Side, new: Side) -> Iterator[Diagnostic]:
    """Every data warning of pushing ``new`` over ``old``."""
    old_models, new_models = dict(old.generic.models), dict(new.generic.models)
    for name, new_model in new_models.items():
        old_model = old_models.get(name)
        if old_model is not None:
            yield from _field_changes(old, new, name, _fields(old_model), _fields(new_model))
    yield from _renamed_models(old, new, old_models, new_models)
    yield from _enum_values_removed(old, new)
    yield from _relationship_links(old, new)


def _field_changes(
    old: Side, new: Side, model: str, before: dict[str, GenericField], after: dict[str, GenericField]
) -> Iterator[Diagnostic]:
    # Positions are looked up only for what is reported: most fields do not change.
    for name, field in after.items():
        previous = before.get(name)
        if previous is None:
            if _stored(field) and field.required and not field.read_only:
                yield Diagnostic("W100", f"{model}.{name} is added as required ({_type(field)}!): the {model} items "
                                 "stored before have no value, and every query that selects it on them fails with a "
                                 "non-null error until they are backfilled", new.field_span(model, name), "warning",
                                 (Related(old.model_span(model), f"{model} before, without {name}"),))
            continue
        if not (_stored(field) and _stored(previous)):
            continue
        before_type, after_type = _type(previous), _type(field)
        if before_type != after_type:
            yield Diagnostic("W102", f"{model}.{name} changes type from {before_type} to {after_type}: DynamoDB "
                             "keeps the stored values, and those that do not fit the new type make the queries "
                             "returning them fail", new.field_span(model, name), "warning",
                             (_was(old, model, name, previous),))
        elif field.required and not previous.required:
            yield Diagnostic("W101", f"{model}.{name} is made required: {model} items stored without a value make "
                             "every query that selects it fail with a non-null error until they are backfilled",
                             new.field_span(model, name), "warning", (_was(old, model, name, previous),))
    for name, previous in before.items():
        if name not in after and _stored(previous):
            yield Diagnostic("W105", f"{model}.{name} is removed: its values stay in every stored {model} item but "
                             "can no longer be read; if this is a rename, the old values stay under the old name",
                             old.field_span(model, name), "warning",
                             (Related(new.model_span(model), f"{model} without {name}"),))


def _was(old: Side, model: str, name: str, previous: GenericField) -> Related:
    return Related(old.field_span(model, name), f"{model}.{name} before: {_type(previous)}"
                   + ("!" if previous.required else ""))


def _scalar_shape(model: GenericModel) -> frozenset[tuple[str, str]]:
    return frozenset((n, _type(f)) for n, f in model.fields if _stored(f))


def _renamed_models(
    old: Side, new: Side, old_models: dict[str, GenericModel], new_models: dict[str, GenericModel]
) -> Iterator[Diagnostic]:
    """A removed and an added model with the same stored fields: most likely a rename, which
    Amplify deploys as a new empty table and the deletion of the old one."""
    added = {n: _scalar_shape(m) for n, m in new_models.items() if n not in old_models and not m.is_join_table}
    kept_tables = {t.model for t in new.deployment.tables}  # a model renamed with @mapsTo keeps its table
    for name, model in old_models.items():
        if name in new_models or model.is_join_table or name in kept_tables:
            continue
        shape = _scalar_shape(model)
        renamed = next((n for n, s in added.items() if s == shape and len(s) > 1), None)
        if renamed is None:
            continue
        del added[renamed]
        yield Diagnostic(
            "W104", f"{name} seems renamed {renamed} (the same fields): Amplify deletes the table of {name} with all "
            f"its items and creates an empty one for {renamed}; to rename the type and keep its table, declare "
            f'`type {renamed} @model @mapsTo(name: "{name}")` instead (Gen 2: keep the model name)',
            new.model_span(renamed), "warning", (Related(old.model_span(name), f"{name}, whose table is deleted"),),
        )


def _enum_values_removed(old: Side, new: Side) -> Iterator[Diagnostic]:
    for typedef in old.document.types:
        after = new.document.type(typedef.name)
        if typedef.kind != "enum" or after is None or after.kind != "enum":
            continue
        kept = {v.name for v in after.values}
        for value in typedef.values:
            if value.name not in kept:
                yield Diagnostic("W103", f"{typedef.name}.{value.name} is removed: stored items that hold "
                                 f"{value.name} can no longer be returned; queries that read them fail",
                                 value.span, "warning", (Related(after.span, f"{typedef.name} without {value.name}"),))


def _relationship_links(old: Side, new: Side) -> Iterator[Diagnostic]:
    """A parent's implicit relationship index keyed on another attribute than before (its
    ``@hasMany`` field renamed, or the key naming mode changed): the stored children keep the
    old attribute, so the parent no longer finds them."""
    old_tables = old.deployment.by_id()
    for table in new.deployment.tables:
        before = old_tables.get(table.logical_id)
        if before is None:
            continue
        gone = [g for g in before.gsis or () if _implicit(g) and _changed(g, table.gsi(g.name))]
        for index in table.gsis or ():
            if not _implicit(index) or before.gsi(index.name) == index:
                continue
            parent = index.name.split(".")[0]
            same_name = [g for g in gone if g.name == index.name]
            previous = next(iter(same_name or [g for g in gone if g.name.split(".")[0] == parent]), None)
            if previous is None:
                continue
            gone.remove(previous)
            old_key, new_key = previous.key_schema[0].name, index.key_schema[0].name
            if old_key == new_key:
                continue
            before_note = Related(previous.span, f"{previous.origin}: index {previous.name} on {old_key}")
            yield Diagnostic(
                "W106", f"{index.origin} now links {table.model} items through {new_key} (index {index.name}); the "
                f"stored {table.model} items keep {old_key}, so they are no longer linked until that attribute is "
                "copied", index.span, "warning", (before_note,),
            )


def _implicit(index: SecondaryIndex) -> bool:
    return index.name.startswith("gsi-")


def _changed(index: SecondaryIndex, now: SecondaryIndex | None) -> bool:
    return now is None or now.key_schema != index.key_schema
