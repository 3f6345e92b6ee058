"""Diagnostics of a Gen 1 ``amplify push``: what its sanity check refuses (``E300``-``E308``,
Amplify's message text), what DynamoDB and CloudFormation still refuse where the check lets an
update through (``E309``, ``E310``), and the tables ``--allow-destructive-graphql-schema-updates``
deletes or replaces (``E311``, ``E312``). Each is placed where the change is: NEW's position for
what came, OLD's for what went, the other side as a related place."""

from __future__ import annotations

from collections.abc import Iterator

from translator.core.diagnostics import Diagnostic, Related, Span
from translator.evolution.compare import Comparison, IndexUpdate
from translator.evolution.sanity import AmplifyError
from translator.model.deploy import SecondaryIndex, Table

RULE_CODES = {
    "cantEditKeySchemaRule": "E300",
    "cantAddLSILaterRule": "E301",
    "cantRemoveLSILater": "E302",
    "cantEditLSIKeySchemaRule": "E303",
    "cantEditGSIKeySchemaRule": "E304",
    "cantAddAndRemoveGSIAtSameTimeRule": "E305",
    "cantRemoveTableAfterCreation": "E306",
    "cantMutateMultipleGSIAtUpdateTimeRule": "E307",
    "cantHaveMoreThan500ResourcesRule": "E308",
}
_ITERATIVE = "or turn on graphqltransformer.enableiterativegsiupdates in amplify/cli.json"
_INSTEAD = {
    "cantEditKeySchemaRule": "a table's key cannot change; keep it, or add a model with the new key and copy the items",
    "cantAddLSILaterRule": "a local secondary index is made with its table only; index another field (a GSI)",
    "cantRemoveLSILater": "a local secondary index goes with its table only; keep the @index",
    "cantEditLSIKeySchemaRule": "a local secondary index cannot change; keep the @index as it was",
    "cantEditGSIKeySchemaRule": f"add the changed index under a new name, push, then remove the old one, {_ITERATIVE}",
    "cantAddAndRemoveGSIAtSameTimeRule": f"add the new index, push, then remove the old one, {_ITERATIVE}",
    "cantRemoveTableAfterCreation": "keep the model, or push with --allow-destructive-graphql-schema-updates "
                                    "if losing its items is intended",
    "cantMutateMultipleGSIAtUpdateTimeRule": f"change one index of the table per push, {_ITERATIVE}",
    "cantHaveMoreThan500ResourcesRule": "assign resolvers to other stacks with StackMapping in transform.conf.json",
}
_GSI_RULES = ("cantEditGSIKeySchemaRule", "cantAddAndRemoveGSIAtSameTimeRule", "cantMutateMultipleGSIAtUpdateTimeRule")
_REPLACED_BECAUSE = {
    "cantEditKeySchemaRule": "its key schema changes",
    "cantAddLSILaterRule": "a local secondary index is added",
    "cantRemoveLSILater": "a local secondary index is removed",
    "cantEditLSIKeySchemaRule": "a local secondary index changes",
}


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _describe(index: SecondaryIndex) -> str:
    keys = ", ".join(f"{k.name} {k.key_type}" for k in index.key_schema)
    return f"{index.name} ({keys}), from {index.origin}" if index.origin else f"{index.name} ({keys})"


def _key(table: Table) -> str:
    return ", ".join(f"{k.name} {k.key_type}" for k in table.key_schema)


def push_refusals(comparison: Comparison) -> Iterator[Diagnostic]:
    """Every violation of Amplify's sanity check; the error ``amplify push`` stops with first."""
    verdict = comparison.verdict
    for error in verdict.violations:
        lead = "amplify push stops with" if error == verdict.error else "amplify push also refuses"
        message = f"{lead}: {_one_line(error.message)} [{error.rule}] Instead: {_INSTEAD[error.rule]}."
        if error.rule != "cantRemoveTableAfterCreation":
            yield from _placed(comparison, error, RULE_CODES[error.rule], message)
            continue
        for removed in error.removed_tables or ():  # one diagnostic at each model that went
            table = comparison.old_tables.get(removed)
            owner = f"{removed} is the table of {table.model}. " if table is not None else ""
            placed = message.replace("Instead:", owner + "Instead:")
            yield from _placed(comparison, error, RULE_CODES[error.rule], placed, removed)


def destructive_changes(comparison: Comparison) -> Iterator[Diagnostic]:
    """What ``--allow-destructive-graphql-schema-updates`` lets through: tables deleted or
    replaced, with every item in them."""
    for error in comparison.lifted:
        if error.removed_tables:
            for logical_id in error.removed_tables:
                yield from _placed(comparison, error, "E312", f"table {logical_id} is deleted by this push "
                                   "(--allow-destructive-graphql-schema-updates): all its items are lost", logical_id)
        for logical_id in error.replaced_tables or ():
            yield from _placed(comparison, error, "E311", f"table {logical_id} is replaced by this push "
                               f"(--allow-destructive-graphql-schema-updates) because {_REPLACED_BECAUSE[error.rule]}: "
                               "all its items are lost", logical_id)


def dynamodb_refusals(comparison: Comparison) -> Iterator[Diagnostic]:
    """Index changes Amplify's check lets through that DynamoDB or CloudFormation refuses in a
    single (non-iterative) update."""
    caught = {e.table for e in comparison.verdict.violations if e.table}
    for update in comparison.index_updates:
        if update.table in caught:
            continue
        old, new = comparison.old_tables[update.table], comparison.new_tables[update.table]
        if update.kind == "multiple_gsi_create_delete":
            yield _many_gsi_changes(update, old, new)
        else:
            for name in update.updated:
                before, after = old.gsi(name), new.gsi(name)
                assert before is not None and after is not None
                yield Diagnostic("E310", f"CloudFormation refuses to update index {name} of table {update.table} in "
                                 f"place ({update.message}); Amplify's check lets it through. Give the changed index "
                                 f"a new name, {_ITERATIVE}", after.span,
                                 related=(Related(before.span, f"before: {_describe(before)}"),))


def _many_gsi_changes(update: IndexUpdate, old: Table, new: Table) -> Diagnostic:
    places = [(g.span, f"created: {_describe(g)}") for g in new.gsis or () if g.name in update.created]
    places += [(g.span, f"deleted: {_describe(g)}") for g in old.gsis or () if g.name in update.deleted]
    count = len(update.created) + len(update.deleted)
    return Diagnostic("E309", f"DynamoDB refuses this update of table {update.table}: it creates or deletes {count} "
                      f"global secondary indexes at once (\"{update.message}\"), which Amplify's check lets through "
                      f"without iterative GSI updates. Change one index per push, {_ITERATIVE}",
                      places[0][0], related=tuple(Related(span, note) for span, note in places[1:]))


def _placed(comparison: Comparison, error: AmplifyError, code: str, message: str,
            table_id: str | None = None) -> Iterator[Diagnostic]:
    """``error`` as diagnostics at the changes it is about."""
    old, new = comparison.old_tables, comparison.new_tables
    table_id = table_id or error.table
    if table_id is None:  # a whole stack (too many resources): where its relationships start
        yield Diagnostic(code, message, comparison.new.relationship_span)
        return
    before, after = old.get(table_id), new.get(table_id)
    if error.rule == "cantRemoveTableAfterCreation" or after is None:
        yield _at_old(comparison, before, code, message)
        return
    span, related = _change_site(error, before, after)
    yield Diagnostic(code, message, span, related=related)


def _at_old(comparison: Comparison, table: Table | None, code: str, message: str) -> Diagnostic:
    span = table.span if table is not None else comparison.old.anchor
    return Diagnostic(code, message, span, related=(Related(comparison.new.anchor, "the schema without it"),))


def _change_site(error: AmplifyError, before: Table | None, after: Table) -> tuple[Span, tuple[Related, ...]]:
    """The position of what ``error`` is about in NEW (or OLD, for what went) and the other side."""
    if before is None:
        return after.span, ()
    rule = error.rule
    if rule == "cantEditKeySchemaRule":
        return after.key_span, (Related(before.key_span, f"key before: {_key(before)}; now: {_key(after)}"),)
    if rule in ("cantAddLSILaterRule", "cantRemoveLSILater", "cantEditLSIKeySchemaRule"):
        return _index_site(before.lsis or (), after.lsis or (), error.index, before, after)
    if rule in _GSI_RULES:
        return _index_site(before.gsis or (), after.gsis or (), error.index, before, after)
    return after.span, (Related(before.span, "before"),)


def _index_site(
    old: tuple[SecondaryIndex, ...], new: tuple[SecondaryIndex, ...], name: str | None, before: Table, after: Table
) -> tuple[Span, tuple[Related, ...]]:
    old_by, new_by = {i.name: i for i in old}, {i.name: i for i in new}
    if name is not None and name in new_by and name in old_by:
        return new_by[name].span, (Related(old_by[name].span, f"before: {_describe(old_by[name])}"),)
    added = [i for i in new if old_by.get(i.name) != i]
    removed = [i for i in old if new_by.get(i.name) != i]
    notes = [Related(i.span, f"before: {_describe(i)}") for i in removed]
    if added:
        notes += [Related(i.span, f"also: {_describe(i)}") for i in added[1:]]
        if not removed:
            notes.append(Related(before.span, f"{before.model} before"))
        return added[0].span, tuple(notes)
    if removed:
        return removed[0].span, (*notes[1:], Related(after.span, f"{after.model} now"))
    return after.span, (Related(before.span, "before"),)
