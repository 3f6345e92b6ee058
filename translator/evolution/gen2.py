"""Diagnostics of a Gen 2 deployment, table by table (``E320``-``E325``, ``E328``, ``W120``-``W123``).

Gen 2 refuses nothing: ``DataGenerator.generateContainerEntry`` deploys every schema with
``allowDestructiveGraphqlSchemaUpdates: true`` ("The CI/CD check should take the responsibility
to validate if any tables are being replaced"), so what Gen 1's push check refuses happens here:
tables deleted or replaced with their items. Each diagnostic says what happens to the data and
what to do instead; the fates come from :mod:`translator.evolution.table_manager`.
"""

from __future__ import annotations

from collections.abc import Iterator

from translator.core.diagnostics import Diagnostic, Related, Span
from translator.evolution.compare import Comparison
from translator.evolution.table_manager import (
    GSI_QUOTA,
    IMPORT_MESSAGE,
    DeploymentFate,
    TableFate,
    import_mismatches,
)
from translator.model.deploy import KeyElement, SecondaryIndex, Table
from translator.model.deploy.gen2 import TableResource

_DESTRUCTIVE = "Gen 2 deploys it without asking (allowDestructiveGraphqlSchemaUpdates: true)"
_PROTECT = ("first protect its table in amplify/backend.ts (backend.data.resources.cfnResources.amplifyDynamoDbTables"
            ".{model}.deletionProtectionEnabled = true, or .applyRemovalPolicy(RemovalPolicy.RETAIN)) and deploy")
_MIGRATE = ("add a model with the new identifier, deploy, copy the items into its table, move the clients over, then "
            "remove the old model (" + _PROTECT + " to keep the old items)")


def _keys(schema: tuple[KeyElement, ...]) -> str:
    return ", ".join(f"{k.name} {k.key_type}" for k in schema)


def _index(index: SecondaryIndex) -> str:
    keys = f"{index.name} ({_keys(index.key_schema)})"
    return f"{keys}, from {index.origin}" if index.origin else keys


def gen2_diagnostics(comparison: Comparison) -> Iterator[Diagnostic]:
    """Every table diagnostic of deploying a Gen 2 NEW over OLD (nothing for a Gen 1 NEW)."""
    fate = comparison.gen2
    if fate is None or fate.failed_stage in ("old-schema", "new-schema"):
        return  # nothing of OLD was deployed / NEW is not deployed (mapping.py reports why)
    if fate.failed_stage == "deploy-old":
        yield from _first_imports(comparison, fate)
        return
    for table in fate.tables.values():
        yield from _table(comparison, fate, table)


def _table(comparison: Comparison, fate: DeploymentFate, table: TableFate) -> Iterator[Diagnostic]:
    if table.outcome in ("deleted", "not_reached") and table.before is not None:
        yield _deleted(comparison, table, table.before)
    elif table.outcome == "retained" and table.before is not None:
        yield _retained(comparison, table.before)
    elif table.outcome == "replaced" and table.before is not None and table.after is not None:
        yield (_key_replaced(comparison, table.before, table.after) if table.reason == "key"
               else _sandbox_replaced(comparison, table.before, table.after))
    elif table.outcome == "failed" and table.after is not None:
        yield _failed(comparison, fate, table, table.after)
    elif table.outcome == "updated" and table.before is not None and table.after is not None:
        yield from _updated(comparison, table, table.before, table.after)
    if table.after is not None and table.after.imported and table.outcome != "failed":
        yield from _imported_key_ignored(comparison, table.after)


def _model(resource: TableResource) -> str:
    return resource.table.model or resource.logical_id


def _deleted(comparison: Comparison, fate: TableFate, before: TableResource) -> Diagnostic:
    model = _model(before)
    when = "once the deployment gets past its failure, it" if fate.outcome == "not_reached" else "the deployment"
    return Diagnostic("E320", f"{model} is removed: {when} deletes its table {before.table_name} and every item in "
                      "it (unless amplify/backend.ts protects or retains that table, which is not read: say so with "
                      f"--deletion-protected or --retained); {_DESTRUCTIVE}. "
                      "A renamed model gets a new, empty table. Instead: keep the model (rename "
                      f"it in the client code only), or {_PROTECT.format(model=model)} before removing the model: "
                      "the table then stays with its items", comparison.old.model_span(model),
                      related=(Related(comparison.new.anchor, "the schema without it"),))


def _retained(comparison: Comparison, before: TableResource) -> Diagnostic:
    model = _model(before)
    why = ("it is an adopted Gen 1 table (retained, deletion-protected)" if before.imported
           else "deletion protection or RemovalPolicy.RETAIN keeps it")
    return Diagnostic("W122", f"{model} is removed: its table {before.table_name} stays with its items ({why}) but "
                      "leaves the app: nothing reads or deletes it any more. Delete it by hand once its items are not "
                      "needed (turn deletion protection off first), or restore the model to use them",
                      comparison.old.model_span(model), "warning",
                      (Related(comparison.new.anchor, "the schema without it"),))


def _key_replaced(comparison: Comparison, before: TableResource, after: TableResource) -> Diagnostic:
    model = _model(after)
    return Diagnostic("E321", f"{model}'s identifier changes ({_keys(before.table.key_schema)} -> "
                      f"{_keys(after.table.key_schema)}): the table manager replaces table {after.table_name} "
                      f"(isKeySchemaModified -> replaceTable), deleting it with every item and creating it empty; "
                      f"{_DESTRUCTIVE}. Instead: keep the identifier; to change it, {_MIGRATE.format(model=model)}",
                      after.table.key_span, related=(Related(before.table.key_span, "the identifier before"),))


def _index_changes(before: Table, after: Table) -> tuple[Span, list[Related], list[str]]:
    """Where the first index change is, the other changes as related places, and a summary."""
    old_by, new_by = {g.name: g for g in before.gsis or ()}, {g.name: g for g in after.gsis or ()}
    places = [(g.span, f"added: {_index(g)}") for g in after.gsis or () if g.name not in old_by]
    places += [(g.span, f"changed: {_index(g)}") for g in after.gsis or () if g.name in old_by and old_by[g.name] != g]
    places += [(g.span, f"removed: {_index(g)}") for g in before.gsis or () if g.name not in new_by]
    if not places:
        return after.span, [], []
    return places[0][0], [Related(span, note) for span, note in places[1:]], [note for _, note in places]


def _sandbox_replaced(comparison: Comparison, before: TableResource, after: TableResource) -> Diagnostic:
    span, related, changes = _index_changes(before.table, after.table)
    model = _model(after)
    return Diagnostic("E322", f"in a sandbox, this secondary index change of {model} replaces table "
                      f"{after.table_name} (ReplaceTableUponGsiUpdateOverrideAspect sets replaceTableUponGsiUpdate): "
                      f"it is deleted with every item and created empty ({'; '.join(changes)}). A branch deployment "
                      "(ampx pipeline-deploy) changes indexes in place. Instead: export the sandbox's items first and "
                      "load them again after the deployment, or accept an empty table", span, related=tuple(related))


def _failed(comparison: Comparison, fate: DeploymentFate, table: TableFate, after: TableResource) -> Diagnostic:
    model = _model(after)
    before = table.before
    if table.reason == "protected" and before is not None:
        return Diagnostic("E323", f"{model}'s identifier changes ({_keys(before.table.key_schema)} -> "
                          f"{_keys(after.table.key_schema)}) on a deletion-protected table: the table manager's "
                          f"replacement stops with \"{table.error}\", so the deployment fails and is rolled back. "
                          f"Instead: keep the identifier; to change it, {_MIGRATE.format(model=model)}",
                          after.table.key_span, related=(Related(before.table.key_span, "the identifier before"),))
    if table.reason == "type" and before is not None:
        return _type_change(comparison, fate, before, after)
    if table.reason == "import" and after.mapped is not None:
        return _import_fails(comparison, after, table.error or "")
    count = len(after.table.gsis or ())
    span = (after.table.gsis or ())[GSI_QUOTA].span if count > GSI_QUOTA else after.table.span
    if table.data_lost:
        return Diagnostic("E324", f"in a sandbox, this index change replaces table {after.table_name}: it is deleted "
                          f"with every item, then creating it with {count} global secondary indexes fails (DynamoDB "
                          f"allows {GSI_QUOTA} per table by default; Amplify checks nothing): the items are lost and "
                          f"the deployment fails. Instead: keep {model} at {GSI_QUOTA} indexes or fewer, or raise the "
                          "account's quota first", span)
    done = f" after {len(table.gsi_steps)} index step(s) that stay done" if table.gsi_steps else ""
    action = "creating" if table.event == "Create" else "updating"
    return Diagnostic("W121", f"{model}'s table would have {count} global secondary indexes: DynamoDB allows "
                      f"{GSI_QUOTA} per table by default (Amplify checks nothing), so {action} {after.table_name} "
                      f"fails at the {GSI_QUOTA + 1}st{done} and the deployment fails. Instead: keep {GSI_QUOTA} "
                      "indexes or fewer (several queries can share an overloaded index), or raise the account's "
                      "quota first", span, "warning")


def _type_change(comparison: Comparison, fate: DeploymentFate, before: TableResource,
                 after: TableResource) -> Diagnostic:
    model = _model(after)
    if after.imported and after.mapped is not None:
        why = f"{model} now adopts Gen 1 table {after.table_name}, but it was deployed with a table of its own"
        instead = f"leave {model} out of the mapping (a deployed Gen 2 table cannot be swapped for a Gen 1 one)"
        span = after.mapped.span
        related: tuple[Related, ...] = (Related(comparison.old.model_span(model), f"{model} before"),)
    else:
        definition = comparison.new.definition
        if definition is not None and definition.schema_kind == "data-schema":
            why = "the schema is now a.schema(...), which ignores the Gen 1 mapping"
        elif fate.new.mapping is None:
            why = f"no mapping entry is for branch {fate.new.branch_key!r} any more"
        else:
            why = f"{model} is no longer in the mapping entry for {fate.new.branch_key!r}"
        instead = f"keep {model}: '{before.table_name}' in the mapping entry of this branch"
        span = comparison.new.model_span(model)
        related = (Related(before.mapped.span, "the mapping before"),) if before.mapped is not None else ()
    return Diagnostic("E325", f"CloudFormation refuses this update: table resource {after.logical_id} changes type "
                      f"({before.table.resource_type} -> {after.table.resource_type}) because {why}; the deployment "
                      f"fails. Instead: {instead}", span, related=related)


def _import_fails(comparison: Comparison, after: TableResource, error: str) -> Diagnostic:
    model = _model(after)
    assert after.mapped is not None
    gen1 = comparison.gen1_tables.get(after.logical_id, after.table)
    return Diagnostic("E328", f"adopting Gen 1 table {after.table_name} for {model} fails Amplify's import check "
                      f"(\"{error}\"): the imported table is rendered with key ({_keys(after.table.key_schema)}) and "
                      f"attributes ({', '.join(a.name for a in after.table.attributes)}), the Gen 1 table has key "
                      f"({_keys(gen1.key_schema)}) and attributes ({', '.join(a.name for a in gen1.attributes)}): "
                      "model transformer 3.5.0 never applies @primaryKey to an imported table (aws-amplify/"
                      "amplify-backend#3281, amplify-category-api#3489), so the deployment fails. Instead: use an "
                      "Amplify version with amplify-category-api #3523, or leave the model out of the mapping until "
                      "then", after.mapped.span, related=(Related(comparison.new.model_span(model), model),))


def _first_imports(comparison: Comparison, fate: DeploymentFate) -> Iterator[Diagnostic]:
    """OLD could not be deployed (its Gen 1 imports fail), so NEW is deployed as the first
    deployment: each of its imports meets the same check."""
    for resource in fate.new.resources.values():
        if resource.imported and resource.mapped is not None:
            gen1 = comparison.gen1_tables.get(resource.logical_id, resource.table)
            differing = import_mismatches(resource.table, gen1)
            if differing:
                yield _import_fails(comparison, resource, f"{IMPORT_MESSAGE} ({', '.join(differing)})")


def _updated(comparison: Comparison, table: TableFate, before: TableResource,
             after: TableResource) -> Iterator[Diagnostic]:
    model = _model(after)
    if len(table.gsi_steps) > 1:
        span, related, _ = _index_changes(before.table, after.table)
        steps = ", ".join(f"{s.action.lower()} {s.index}" for s in table.gsi_steps)
        yield Diagnostic("W120", f"the indexes of {model}'s table change in {len(table.gsi_steps)} deploy steps "
                         f"({steps}): the table manager makes one index change per UpdateTable and waits for each "
                         "index to be built (backfilled) before the next, within one hour in all. Instead: for a large "
                         "table, change one index per deployment", span, "warning", tuple(related))
    old_types = {a.name: a.type for a in before.table.attributes}
    new_types = {a.name: a.type for a in after.table.attributes}
    retyped = [k.name for k in after.table.key_schema if old_types.get(k.name, new_types[k.name]) != new_types[k.name]]
    if retyped and not after.imported:
        name = retyped[0]
        yield Diagnostic("W123", f"{model}'s identifier {name} changes type ({old_types[name]} -> {new_types[name]}) "
                         "but its table keeps the old key type: isKeySchemaModified compares names only, so nothing "
                         "is replaced, and writes with the new type fail (\"Type mismatch for key\"). Instead: keep "
                         f"the type; to change it, {_MIGRATE.format(model=model)}", after.table.key_span, "warning",
                         (Related(before.table.key_span, "the identifier before"),))


def _imported_key_ignored(comparison: Comparison, after: TableResource) -> Iterator[Diagnostic]:
    """An adopted table keeps key ``id`` whatever the model's identifier says (3.5.0)."""
    model = _model(after)
    written = comparison.new.deployment.by_id().get(after.logical_id)
    if written is None or written.key_schema == after.table.key_schema:
        return
    yield Diagnostic("W123", f"{model}'s identifier is ({_keys(written.key_schema)}) but its adopted Gen 1 table "
                     f"{after.table_name} keeps key ({_keys(after.table.key_schema)}): model transformer 3.5.0 never "
                     "applies @primaryKey to an imported table (replaceDdbPrimaryKey), so reads and writes by the "
                     "identifier fail. Instead: keep the identifier the Gen 1 table has", written.key_span, "warning")


__all__ = ["gen2_diagnostics"]
