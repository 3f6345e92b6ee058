"""What a Gen 2 ``defineData({...})`` says about tables besides its schema.

The Gen 2 front end fills it in from the evaluated call; the schema evolution checks read it.
Amplify's ``DataProps`` (``@aws-amplify/backend-data``) has one such property,
``migratedAmplifyGen1DynamoDbTableMappings``: per branch, the Gen 1 tables the models adopt
instead of getting new empty ones. Whether the schema is GraphQL text or ``a.schema(...)``
matters too: Amplify splits only text schemas by the mapping (``splitSchemasByTableMap``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from translator.core.diagnostics import Span

SchemaKind = Literal["sdl", "data-schema"]


@dataclass(frozen=True)
class MappedTable:
    """``Model: 'table name'`` in a ``modelNameToTableNameMapping``."""

    model: str
    table: str
    span: Span


@dataclass(frozen=True)
class TableMapping:
    """One entry of ``migratedAmplifyGen1DynamoDbTableMappings``: the Gen 1 tables of a branch."""

    branch_name: str
    tables: tuple[MappedTable, ...]
    span: Span

    def table_of(self, model: str) -> MappedTable | None:
        """The entry of ``model``."""
        return next((t for t in self.tables if t.model == model), None)


@dataclass(frozen=True)
class DataDefinition:
    """The parts of ``defineData`` that decide the tables.

    ``mappings`` is None when the property is absent; ``unknown`` lists the parts of it that only
    exist when the app runs (``branchName: process.env.X``), which make the mapping unknowable."""

    span: Span
    schema_kind: SchemaKind
    mappings: tuple[TableMapping, ...] | None = None
    mappings_span: Span | None = None
    unknown: tuple[tuple[str, Span], ...] = ()

    def mapping_for(self, branch: str) -> TableMapping | None:
        """The entry Amplify picks for ``branch`` (the first with that ``branchName``)."""
        return next((m for m in self.mappings or () if m.branch_name == branch), None)


__all__ = ["DataDefinition", "MappedTable", "SchemaKind", "TableMapping"]
