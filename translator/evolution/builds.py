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


def diffable_build(deployment: Deployment, rest: Mapping[str, str], datastore: bool, stamp: str) -> dict[str, Any]:
    """``{"stacks": {file: template}, "root": ...}`` with the stack files in byte order, as
    Node's ``readdir`` returns them. ``rest`` fingerprints what else each stack holds; ``stamp``
    stands for the time of the build (give the two builds different ones)."""
    stacks: dict[str, dict[str, Any]] = {}
    for table in deployment.tables:
        if table.stack == ROOT_STACK:
            continue
        resources = stacks.setdefault(table.stack_file, {"Resources": {}})["Resources"]
        resources[table.logical_id] = {"Type": table.resource_type, "Properties": table_properties(table, datastore)}
        resources[REST] = rest.get(table.stack, "")
    if deployment.connections:
        stacks[f"{CONNECTION_STACK}.json"] = {"Resources": {REST: sorted(deployment.connections)}}
    ordered = {name: stacks[name] for name in sorted(stacks, key=lambda n: n.encode())}
    build: dict[str, Any] = {"stacks": ordered, "root": {"Resources": {"ApiKey": {"Expires": stamp}}}}
    # Not part of the templates: what the project rules count, and the table ids every diff asks for.
    build["resource_counts"] = {f"{stack}.json": count for stack, count in deployment.stack_resources.items()}
    build["table_ids"] = _table_ids(ordered)
    return build


def table_ids(build: Mapping[str, Any]) -> list[str]:
    """Logical ids of the ``AWS::DynamoDB::Table`` resources of the nested stacks, in stack order
    (``cantRemoveTableAfterCreation``'s ``getTableLogicalIds``)."""
    ids: list[str] = build["table_ids"]
    return ids


def _table_ids(stacks: Mapping[str, Any]) -> list[str]:
    return [
        logical_id
        for template in stacks.values()
        for logical_id, resource in template["Resources"].items()
        if isinstance(resource, dict) and resource.get("Type") == TABLE_TYPE
    ]
