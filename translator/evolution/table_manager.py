"""What a Gen 2 deployment of NEW over a deployed OLD does to each DynamoDB table.

CloudFormation's part: a resource only in NEW gets a Create event, one in both an Update event
when its properties differ, a resource whose type changes is refused ("Update of resource type
is not permitted"), and a resource only in OLD a Delete event in the cleanup phase, after every
create and update succeeded, none at all with ``DeletionPolicy: Retain``.

The table manager's part (model transformer 3.5.0 ``amplify-table-manager-handler.js``, its
decisions ported, not its code): ``processOnEvent`` creates a table (``createNewTable``) or checks
an imported one (``import-table.js`` ``validateImportedTableProperties``); on Update it replaces
the table when ``isKeySchemaModified`` (attribute names of HASH and RANGE only), or, with
``replaceTableUponGsiUpdate`` (sandboxes), when ``getNextGSIUpdate`` finds any index change;
``replaceTable`` refuses a deletion-protected table; otherwise it toggles deletion protection
(``getDeletionProtectionUpdate``) and then ``processIsComplete`` makes one ``getNextGSIUpdate``
per step: first the first current index that must go (gone, projection or key changed, a key
attribute's type changed), else the first wanted index missing. On Delete it keeps a
deletion-protected table. DynamoDB allows 20 GSIs per table (its default quota: Amplify checks
nothing), so the 21st index fails the create or the step that adds it.

The result mirrors the reference of ``tests/evolution/gen2`` (``simulate.mjs``) table by table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from translator.model.deploy import KeyElement, SecondaryIndex, Table
from translator.model.deploy.gen2 import Synthesis, TableResource

GSI_QUOTA = 20
Outcome = Literal["unchanged", "created", "imported", "updated", "replaced", "deleted", "retained", "failed",
                  "not_reached"]
Reason = Literal["", "key", "sandbox_gsi", "quota", "protected", "type", "import"]
PROTECTED_MESSAGE = "Table cannot be replaced when the deletion protection is enabled."
IMPORT_MESSAGE = "Imported table properties did not match the expected table properties."


@dataclass(frozen=True)
class GsiStep:
    """One ``UpdateTable`` of the table's indexes."""

    action: Literal["Create", "Delete"]
    index: str


@dataclass(frozen=True)
class TableFate:
    """What happens to one table resource of OLD or NEW. ``reason`` says why a table is replaced
    or fails (``key``, ``sandbox_gsi``, ``quota``, ``protected``, ``type``, ``import``);
    ``steps`` counts ``UpdateTable`` calls, ``gsi_steps`` those that change an index."""

    logical_id: str
    outcome: Outcome
    event: Literal["Create", "Update", "Delete"] | None = None
    data_lost: bool = False
    steps: int = 0
    gsi_steps: tuple[GsiStep, ...] = ()
    error: str | None = None
    reason: Reason = ""
    before: TableResource | None = None
    after: TableResource | None = None


@dataclass(frozen=True)
class DeploymentFate:
    """The deployment: whether it succeeds, where it stops (``old-schema``: OLD does not
    synthesize, so nothing of it was deployed; ``new-schema``: NEW does not; ``deploy-old``:
    OLD itself could not be deployed; ``deploy-new``: an event of NEW failed), and every
    table's fate by logical id."""

    sandbox: bool
    new: Synthesis
    old: Synthesis
    failed_stage: Literal["old-schema", "new-schema", "deploy-old", "deploy-new"] | None = None
    old_failures: tuple[TableFate, ...] = ()
    tables: dict[str, TableFate] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the deployment succeeds."""
        return self.failed_stage is None


@dataclass
class _Live:
    """A table in the account: its key, its indexes (each with its key attributes' types) and
    whether deletion protection is on."""

    key: tuple[KeyElement, ...]
    key_types: dict[str, str]
    gsis: list[tuple[SecondaryIndex, dict[str, str]]]
    protected: bool

    @classmethod
    def of(cls, table: Table, protected: bool) -> _Live:
        types: dict[str, str] = {a.name: a.type for a in table.attributes}
        gsis = [(g, {k.name: types.get(k.name, "S") for k in g.key_schema}) for g in table.gsis or ()]
        return cls(table.key_schema, {k.name: types.get(k.name, "S") for k in table.key_schema}, gsis, protected)

    def attribute_types(self) -> dict[str, str]:
        types = dict(self.key_types)
        for _, index_types in self.gsis:
            types.update(index_types)
        return types


def key_names_changed(current: tuple[KeyElement, ...], end: tuple[KeyElement, ...]) -> bool:
    """``isKeySchemaModified``: the HASH or RANGE attribute's name differs (types are not compared)."""
    def named(schema: tuple[KeyElement, ...], key_type: str) -> str | None:
        return next((k.name for k in schema if k.key_type == key_type), None)

    return named(current, "HASH") != named(end, "HASH") or named(current, "RANGE") != named(end, "RANGE")


def next_gsi_update(live: _Live, end: Table) -> tuple[GsiStep, SecondaryIndex | None] | None:
    """``getNextGSIUpdate`` (throughput updates left out: Gen 2 tables are on demand)."""
    end_types = {a.name: a.type for a in end.attributes}
    current_types = live.attribute_types()
    retyped = {n for n, t in current_types.items() if n in end_types and end_types[n] != t}
    wanted = {g.name: g for g in end.gsis or ()}
    for index, _ in live.gsis:
        target = wanted.get(index.name)
        if (target is None or any(k.name in retyped for k in index.key_schema)
                or target.projection != index.projection or key_names_changed(index.key_schema, target.key_schema)):
            return GsiStep("Delete", index.name), None
    present = {index.name for index, _ in live.gsis}
    for index in end.gsis or ():
        if index.name not in present:
            return GsiStep("Create", index.name), index
    return None


def import_mismatches(resource: Table, gen1: Table) -> list[str]:
    """``validateImportedTableProperties`` over the parts that come from the schema (sorted as
    ``sanitizeTableProperties`` sorts them): the names of the properties that differ."""
    def indexes(table: Table) -> list[tuple[str, list[tuple[str, str]]]]:
        return sorted((g.name, sorted((k.name, k.key_type) for k in g.key_schema)) for g in table.gsis or ())

    def keys(schema: tuple[KeyElement, ...]) -> list[tuple[str, str]]:
        return sorted((k.name, k.key_type) for k in schema)

    found = []
    if sorted((a.name, a.type) for a in resource.attributes) != sorted((a.name, a.type) for a in gen1.attributes):
        found.append("AttributeDefinitions")
    if keys(resource.key_schema) != keys(gen1.key_schema):
        found.append("KeySchema")
    if indexes(resource) != indexes(gen1):
        found.append("GlobalSecondaryIndexes")
    return found


class _Account:
    """The tables of the account while OLD and then NEW are deployed."""

    def __init__(self, gen1: dict[str, Table]) -> None:
        self.gen1 = gen1
        self.live: dict[str, _Live] = {}

    def create(self, resource: TableResource, event: Literal["Create"] = "Create") -> TableFate:
        table, logical_id = resource.table, resource.logical_id
        if resource.imported:
            gen1 = self.gen1.get(logical_id, table)
            differing = import_mismatches(table, gen1)
            if differing:
                message = f"{IMPORT_MESSAGE} ({', '.join(differing)})"
                return TableFate(logical_id, "failed", event, error=message, reason="import", after=resource)
            self.live[logical_id] = _Live.of(gen1, True)
            return TableFate(logical_id, "imported", event, after=resource)
        count = len(table.gsis or ())
        if count > GSI_QUOTA:
            return TableFate(logical_id, "failed", event, error=_quota(count), reason="quota", after=resource)
        self.live[logical_id] = _Live.of(table, resource.deletion_protection)
        return TableFate(logical_id, "created", event, after=resource)

    def update(self, before: TableResource, after: TableResource) -> TableFate:
        logical_id, live, end = after.logical_id, self.live[after.logical_id], after.table
        if key_names_changed(live.key, end.key_schema):
            return self._replace(before, after, "key")
        if after.replace_on_gsi_update and next_gsi_update(live, end) is not None:
            return self._replace(before, after, "sandbox_gsi")
        steps: list[GsiStep] = []
        extra = 0
        if live.protected != after.deletion_protection:
            live.protected = after.deletion_protection
            extra = 1
        while (update := next_gsi_update(live, end)) is not None:
            step, created = update
            if created is not None and len(live.gsis) >= GSI_QUOTA:
                return TableFate(logical_id, "failed", "Update", steps=len(steps) + extra, gsi_steps=tuple(steps),
                                 error=_quota(len(live.gsis) + 1), reason="quota", before=before, after=after)
            if created is not None:
                types = {a.name: a.type for a in end.attributes}
                live.gsis.append((created, {k.name: types.get(k.name, "S") for k in created.key_schema}))
            else:
                live.gsis = [(g, t) for g, t in live.gsis if g.name != step.index]
            steps.append(step)
        return TableFate(logical_id, "updated", "Update", steps=len(steps) + extra, gsi_steps=tuple(steps),
                         before=before, after=after)

    def _replace(self, before: TableResource, after: TableResource, reason: Reason) -> TableFate:
        logical_id = after.logical_id
        if self.live[logical_id].protected:
            return TableFate(logical_id, "failed", "Update", error=PROTECTED_MESSAGE, reason="protected",
                             before=before, after=after)
        del self.live[logical_id]  # deleteTable: the items go with it
        count = len(after.table.gsis or ())
        if count > GSI_QUOTA:
            return TableFate(logical_id, "failed", "Update", True, error=_quota(count), reason="quota",
                             before=before, after=after)
        self.live[logical_id] = _Live.of(after.table, after.deletion_protection)
        return TableFate(logical_id, "replaced", "Update", True, reason=reason, before=before, after=after)

    def delete(self, before: TableResource) -> TableFate:
        if before.retain:
            return TableFate(before.logical_id, "retained", before=before)
        if self.live[before.logical_id].protected:
            return TableFate(before.logical_id, "retained", "Delete", before=before)
        del self.live[before.logical_id]
        return TableFate(before.logical_id, "deleted", "Delete", True, before=before)


def _quota(count: int) -> str:
    return f"{count} global secondary indexes, DynamoDB allows {GSI_QUOTA} per table (its default quota)"


def simulate(old: Synthesis, new: Synthesis, gen1: dict[str, Table], *, sandbox: bool) -> DeploymentFate:
    """Deploy ``old``, then ``new``. ``gen1``: by logical id, the Gen 1 table an imported
    resource adopts (the model's table as the transformer shapes it)."""
    if old.error is not None:
        return DeploymentFate(sandbox, new, old, "old-schema")
    if new.error is not None:
        return DeploymentFate(sandbox, new, old, "new-schema")
    account = _Account(gen1)
    failures = [f for r in sorted(old.resources) if (f := account.create(old.resources[r])).outcome == "failed"]
    if failures:
        return DeploymentFate(sandbox, new, old, "deploy-old", tuple(failures))
    tables: dict[str, TableFate] = {}
    for logical_id in sorted(new.resources):
        before, after = old.resources.get(logical_id), new.resources[logical_id]
        if before is None:
            tables[logical_id] = account.create(after)
        elif before.table.resource_type != after.table.resource_type:
            tables[logical_id] = TableFate(logical_id, "failed", error="CloudFormation: Update of resource type is "
                                           f"not permitted ({before.table.resource_type} to "
                                           f"{after.table.resource_type})", reason="type", before=before, after=after)
        elif before.properties() == after.properties():
            tables[logical_id] = TableFate(logical_id, "unchanged", before=before, after=after)
        else:
            tables[logical_id] = account.update(before, after)
    failed = any(f.outcome == "failed" for f in tables.values())
    for logical_id in sorted(set(old.resources) - set(new.resources)):
        before = old.resources[logical_id]
        tables[logical_id] = TableFate(logical_id, "not_reached", before=before) if failed else account.delete(before)
    return DeploymentFate(sandbox, new, old, "deploy-new" if failed else None, (), dict(sorted(tables.items())))


__all__ = [
    "GSI_QUOTA",
    "IMPORT_MESSAGE",
    "PROTECTED_MESSAGE",
    "DeploymentFate",
    "GsiStep",
    "TableFate",
    "import_mismatches",
    "key_names_changed",
    "next_gsi_update",
    "simulate",
]
