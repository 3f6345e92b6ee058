"""A comparison of two schemas: the builds Amplify compares, its verdict, and what DynamoDB
would do with the index changes; everything is computed once, when a check first asks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from translator.evolution.builds import BuildSource, diffable_builds
from translator.evolution.sanity import AmplifyError, Verdict, sanity_check, sanity_check_rules
from translator.evolution.side import Options, Side
from translator.evolution.table_manager import DeploymentFate, simulate
from translator.model.deploy import Table
from translator.model.deploy.gen2 import Synthesis, synthesize

MULTIPLE_GSI_MESSAGE = "Cannot perform more than one GSI creation or deletion in a single update"
GSI_UPDATE_MESSAGE = ('CloudFormation cannot update the KeySchema or Projection of an existing global secondary index '
                      '("Update requires: Updates are not supported")')


@dataclass(frozen=True)
class IndexUpdate:
    """What one CloudFormation update does to a table's GSIs when updates are not iterative, and
    why DynamoDB or CloudFormation refuses it (``kind``: ``multiple_gsi_create_delete`` or
    ``gsi_updated_in_place``)."""

    table: str
    model: str | None
    stack: str
    created: tuple[str, ...]
    deleted: tuple[str, ...]
    updated: tuple[str, ...]
    kind: str
    message: str


class Comparison:
    """``new`` pushed over a deployed ``old``."""

    def __init__(self, old: Side, new: Side, options: Options) -> None:
        self.old = old
        self.new = new
        self.options = options

    @property
    def iterative(self) -> bool:
        """``graphqltransformer.enableiterativegsiupdates`` of the project being pushed."""
        return self.new.settings.iterative_gsi_updates

    @cached_property
    def old_tables(self) -> dict[str, Table]:
        """OLD's tables by logical id."""
        return self.old.deployment.by_id()

    @cached_property
    def new_tables(self) -> dict[str, Table]:
        """NEW's tables by logical id."""
        return self.new.deployment.by_id()

    @cached_property
    def builds(self) -> tuple[dict[str, object], dict[str, object]]:
        """The two builds, reduced to what the sanity check sees."""
        return diffable_builds(
            BuildSource(self.old.deployment, self.old.stack_fingerprints, self.old.settings.datastore, "old"),
            BuildSource(self.new.deployment, self.new.stack_fingerprints, self.new.settings.datastore, "new"),
        )

    @cached_property
    def verdict(self) -> Verdict:
        """Amplify's push-time sanity check."""
        return sanity_check(*self.builds, sanity_check_rules(self.iterative, self.options.allow_destructive))

    @cached_property
    def lifted(self) -> tuple[AmplifyError, ...]:
        """What ``--allow-destructive-graphql-schema-updates`` lets through: the refusals of the
        check without it that the check with it no longer makes (tables replaced or deleted)."""
        if not self.options.allow_destructive:
            return ()
        strict = sanity_check(*self.builds, sanity_check_rules(self.iterative, False))
        allowed = set(self.verdict.violations)
        return tuple(e for e in strict.violations if e.destructive and e not in allowed)

    @cached_property
    def gen2(self) -> DeploymentFate | None:
        """What deploying a Gen 2 NEW does to each table (None for a Gen 1 NEW): with ``ampx
        sandbox`` or ``ampx pipeline-deploy`` (``options.sandbox``). A Gen 1 OLD deployed
        nothing of Gen 2 (another stack); its tables are the Gen 1 tables a mapping adopts."""
        if self.new.language != "gen2":
            return None
        return simulate(self.synthesis(self.old), self.synthesis(self.new), self.gen1_tables,
                        sandbox=self.options.sandbox)

    @cached_property
    def gen1_tables(self) -> dict[str, Table]:
        """By logical id, the Gen 1 table a Gen 2 import adopts: the model's table as the
        transformer shapes it (what ``amplify push`` built), OLD's where it has one."""
        return {**self.new_tables, **self.old_tables}

    def synthesis(self, side: Side) -> Synthesis:
        """The Gen 2 table resources of ``side`` for the deployment of the options."""
        if side.language != "gen2":
            return Synthesis()
        options = self.options
        return synthesize(side.document, side.deployment, side.definition, sandbox=options.sandbox,
                          branch=options.branch, protected=options.deletion_protection, retained=options.retain)

    @cached_property
    def index_updates(self) -> tuple[IndexUpdate, ...]:
        """Per table kept in place, the GSIs one non-iterative update creates, deletes and
        changes (matched by name), where DynamoDB or CloudFormation refuses that update."""
        if self.iterative:
            return ()  # the provider deploys GSI changes one per step
        out: list[IndexUpdate] = []
        for logical_id in sorted(self.new_tables):
            table, before = self.new_tables[logical_id], self.old_tables.get(logical_id)
            if before is None or before.stack != table.stack:
                continue  # a new table is created with all its GSIs at once
            old_names = [g.name for g in before.gsis or ()]
            new_names = [g.name for g in table.gsis or ()]
            created = tuple(n for n in new_names if n not in old_names)
            deleted = tuple(n for n in old_names if n not in new_names)
            updated = tuple(g.name for g in table.gsis or () if (b := before.gsi(g.name)) is not None and b != g)
            where = (logical_id, table.model, table.stack, created, deleted, updated)
            if len(created) + len(deleted) > 1:
                out.append(IndexUpdate(*where, "multiple_gsi_create_delete", MULTIPLE_GSI_MESSAGE))
            if updated:
                out.append(IndexUpdate(*where, "gsi_updated_in_place", GSI_UPDATE_MESSAGE))
        return tuple(out)
