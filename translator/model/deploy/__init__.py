"""What a schema deploys (its DynamoDB tables and indexes), derived as the Gen 1 transformer (v2)
emits them; the input of the schema evolution checks."""

from __future__ import annotations

from translator.model.deploy.derive import deployed_tables
from translator.model.deploy.tables import (
    AttributeDefinition,
    Deployment,
    KeyElement,
    SecondaryIndex,
    Table,
    table_json,
    tables_json,
)

__all__ = [
    "AttributeDefinition",
    "Deployment",
    "KeyElement",
    "SecondaryIndex",
    "Table",
    "deployed_tables",
    "table_json",
    "tables_json",
]
