"""What a schema deploys: its DynamoDB tables, as the Gen 1 transformer (v2) writes them into the
CloudFormation templates of ``amplify/backend/api/<api>/build``.

Only what `amplify push`'s sanity check and DynamoDB look at is kept: the key schema, the
attribute definitions, the secondary indexes (in template order, which matters: Amplify's rules
compare them by position), and which nested stack holds each table. Every table and index also
keeps where in the schema it comes from, so a change can be reported at the right place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from translator.core.diagnostics import Span

KeyType = Literal["HASH", "RANGE"]
AttributeType = Literal["S", "N"]

TABLE_TYPE = "AWS::DynamoDB::Table"
# Gen 2 (the AMPLIFY_TABLE strategy) deploys every model table through Amplify's table manager.
MANAGED_TABLE_TYPE = "Custom::AmplifyDynamoDBTable"
ROOT_STACK = "root"
CONNECTION_STACK = "ConnectionStack"


@dataclass(frozen=True, slots=True)
class KeyElement:
    """One element of a ``KeySchema``."""

    name: str
    key_type: KeyType


@dataclass(frozen=True, slots=True)
class AttributeDefinition:
    """One element of ``AttributeDefinitions``."""

    name: str
    type: AttributeType


@dataclass(frozen=True, slots=True)
class SecondaryIndex:
    """A global or local secondary index; the projection is always ``ALL`` in Amplify.

    ``origin`` says what made it (``@index on Post.title``, ``@hasMany Blog.posts``) and ``span``
    points there."""

    name: str
    key_schema: tuple[KeyElement, ...]
    span: Span = field(compare=False)
    origin: str = field(default="", compare=False)
    projection: str = "ALL"


@dataclass(frozen=True, slots=True)
class Table:
    """A DynamoDB table of the deployment.

    ``gsis`` / ``lsis`` are None when the template has no such property at all, which Amplify's
    diff treats differently from an empty list. ``span`` is the model type (or what created the
    table), ``key_span`` the ``@primaryKey`` that shapes the key schema (else the model)."""

    logical_id: str
    model: str | None
    stack: str
    key_schema: tuple[KeyElement, ...]
    attributes: tuple[AttributeDefinition, ...]
    gsis: tuple[SecondaryIndex, ...] | None
    lsis: tuple[SecondaryIndex, ...] | None
    span: Span = field(compare=False)
    key_span: Span = field(compare=False)
    resource_type: str = TABLE_TYPE

    @property
    def stack_file(self) -> str:
        """The build file holding the table (``stacks/<stack>.json``, or the root template)."""
        return "cloudformation-template.json" if self.stack == ROOT_STACK else f"{self.stack}.json"

    def gsi(self, name: str) -> SecondaryIndex | None:
        """The global secondary index called ``name``."""
        return next((index for index in self.gsis or () if index.name == name), None)


@dataclass(frozen=True)
class Deployment:
    """Every table of a schema, plus what decides the other parts of the build the rules see.

    ``stack_resources`` is a lower bound of the resources in nested stacks other than the model
    stacks (the relationship resolvers of ``ConnectionStack``), ``connections`` describes what
    ``ConnectionStack`` holds, so two builds can be told apart there."""

    tables: tuple[Table, ...]
    stack_resources: Mapping[str, int] = field(default_factory=dict)
    connections: frozenset[tuple[str, str, str]] = frozenset()

    def by_id(self) -> dict[str, Table]:
        """Tables by logical id."""
        return {table.logical_id: table for table in self.tables}


def _keys(schema: tuple[KeyElement, ...]) -> list[dict[str, str]]:
    return [{"AttributeName": k.name, "KeyType": k.key_type} for k in schema]


def _indexes(indexes: tuple[SecondaryIndex, ...] | None) -> list[dict[str, Any]] | None:
    if indexes is None:
        return None
    return [
        {"IndexName": i.name, "KeySchema": _keys(i.key_schema), "Projection": {"ProjectionType": i.projection}}
        for i in indexes
    ]


def table_json(table: Table) -> dict[str, Any]:
    """A table with CloudFormation's property names (the format of the evolution reference)."""
    return {
        "model": table.model,
        "stack": table.stack,
        "type": table.resource_type,
        "KeySchema": _keys(table.key_schema),
        "AttributeDefinitions": [{"AttributeName": a.name, "AttributeType": a.type} for a in table.attributes],
        "GlobalSecondaryIndexes": _indexes(table.gsis),
        "LocalSecondaryIndexes": _indexes(table.lsis),
    }


def tables_json(deployment: Deployment) -> dict[str, Any]:
    """Every table keyed by logical id, in code-point order of the ids."""
    tables = deployment.by_id()
    return {logical_id: table_json(tables[logical_id]) for logical_id in sorted(tables)}
