"""The two builds Amplify's sanity check compares, reduced to what decides its verdict.

``sanityCheckProject`` reads ``build/stacks/*.json`` and the root template into
``{"stacks": {file: template}, "root": template}`` and deep-diffs the old build against the new
one. The rules only look at the tables (``AWS::DynamoDB::Table`` resources of the nested
stacks), but every other difference also counts: ``cantRemoveTableAfterCreation`` ignores its
diff and throws at the first one of all, so whether that first difference is itself a refused
table change decides which error the user sees. A build here holds each table's template
properties in CloudFormation's order and, after it, one placeholder whose value changes when the
rest of the stack would (its resolvers, functions and outputs); the root stack always differs
(the API key's ``Expires`` is computed at every build).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from translator.model.deploy import Deployment, Table
from translator.model.deploy.tables import CONNECTION_STACK, ROOT_STACK, TABLE_TYPE

REST = "<rest of the stack>"
_THROUGHPUT = {"Fn::If": ["ShouldUsePayPerRequestBilling", {"Ref": "AWS::NoValue"}, "<capacity>"]}


def _key_schema(table_keys: tuple[Any, ...]) -> list[dict[str, str]]:
    return [{"AttributeName": k.name, "KeyType": k.key_type} for k in table_keys]


def table_properties(table: Table, datastore: bool) -> dict[str, Any]:
    """The properties of a table resource, in the order the transformer's template lists them
    (CDK renders ``CfnTable`` properties alphabetically)."""
    properties: dict[str, Any] = {
        "AttributeDefinitions": [{"AttributeName": a.name, "AttributeType": a.type} for a in table.attributes],
        "BillingMode": "<billing mode>",
    }
    if table.gsis is not None:
        properties["GlobalSecondaryIndexes"] = [
            {"IndexName": i.name, "KeySchema": _key_schema(i.key_schema),
             "Projection": {"ProjectionType": i.projection}, "ProvisionedThroughput": _THROUGHPUT}
            for i in table.gsis
        ]
    properties["KeySchema"] = _key_schema(table.key_schema)
    if table.lsis is not None:
        properties["LocalSecondaryIndexes"] = [
            {"IndexName": i.name, "KeySchema": _key_schema(i.key_schema),
             "Projection": {"ProjectionType": i.projection}}
            for i in table.lsis
        ]
    properties["TableName"] = f"{table.model}-<apiId>-<env>"
    if datastore:
        properties["TimeToLiveSpecification"] = {"AttributeName": "_ttl", "Enabled": True}
    return properties


@dataclass(frozen=True)
class BuildSource:
    """What one build is made from: the deployment, what else each stack holds (``rest``), the
    DataStore setting (it adds a property to every table) and a stand-in for the build time."""

    deployment: Deployment
    rest: Mapping[str, str]
    datastore: bool
    stamp: str

    @cached_property
    def tables(self) -> dict[str, list[Table]]:
        """The tables of each nested stack file."""
        out: dict[str, list[Table]] = {}
        for table in self.deployment.tables:
            if table.stack != ROOT_STACK:
                out.setdefault(table.stack_file, []).append(table)
        return out

    def stacks(self) -> dict[str, tuple[object, ...]]:
        """A cheap summary of each nested stack file: equal summaries, equal templates."""
        out: dict[str, tuple[object, ...]] = {
            name: (*tables, self.rest.get(tables[0].stack, ""), self.datastore) for name, tables in self.tables.items()
        }
        if self.deployment.connections:
            out[f"{CONNECTION_STACK}.json"] = (self.deployment.connections,)
        return out

    def template(self, stack_file: str) -> dict[str, Any]:
        """The stack's template as far as the check can tell it apart."""
        if stack_file == f"{CONNECTION_STACK}.json":
            return {"Resources": {REST: sorted(self.deployment.connections)}}
        resources: dict[str, Any] = {}
        for table in self.tables.get(stack_file, []):
            properties = table_properties(table, self.datastore)
            resources[table.logical_id] = {"Type": table.resource_type, "Properties": properties}
            resources[REST] = self.rest.get(table.stack, "")
        return {"Resources": resources}


def diffable_builds(old: BuildSource, new: BuildSource) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two builds as ``{"stacks": {file: template}, "root": ...}``, stack files in byte order
    as Node's ``readdir`` returns them. A stack the same in both gives no difference wherever it
    sits, so only the stacks that differ are spelled out; what the rules ask of every stack (the
    table ids, the resource counts) is kept beside the templates."""
    builds = []
    old_stacks, new_stacks = old.stacks(), new.stacks()
    for source, stacks in ((old, old_stacks), (new, new_stacks)):
        ordered = sorted(stacks, key=lambda n: n.encode())
        templates = {name: source.template(name) for name in ordered if old_stacks.get(name) != new_stacks.get(name)}
        build: dict[str, Any] = {"stacks": templates, "root": {"Resources": {"ApiKey": {"Expires": source.stamp}}}}
        counts = source.deployment.stack_resources.items()
        build["resource_counts"] = {f"{stack}.json": count for stack, count in counts}
        build["table_ids"] = [
            t.logical_id for name in ordered for t in source.tables.get(name, []) if t.resource_type == TABLE_TYPE
        ]
        builds.append(build)
    return builds[0], builds[1]


def table_ids(build: Mapping[str, Any]) -> list[str]:
    """Logical ids of the ``AWS::DynamoDB::Table`` resources of the nested stacks, in stack order
    (``cantRemoveTableAfterCreation``'s ``getTableLogicalIds``)."""
    ids: list[str] = build["table_ids"]
    return ids
