"""The evaluated ``defineData({...})`` props to a :class:`DataDefinition`: the Gen 1 table
mapping (``migratedAmplifyGen1DynamoDbTableMappings``) and the kind of schema it is given.

Values are read as Amplify's ``DataGenerator.generateContainerEntry`` reads them: an entry is
matched by ``branchName ===`` the branch, a model's table name counts only when truthy
(``extractImportedModels``). Parts that only exist when the app runs are listed, not guessed.
"""

from __future__ import annotations

from typing import Any

from translator.core.definition import DataDefinition, MappedTable, SchemaKind, TableMapping
from translator.core.diagnostics import Span
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSArray, JSObject, Unknown, describe

MAPPINGS = "migratedAmplifyGen1DynamoDbTableMappings"


def data_definition(props: JSObject, span: Span) -> DataDefinition:
    """What ``props`` (the object given to ``defineData``, at ``span``) says about tables."""
    kind: SchemaKind = "sdl" if isinstance(props.props.get("schema"), str) else "data-schema"
    value = props.props.get(MAPPINGS, UNDEFINED)
    if value is UNDEFINED or value is None:
        return DataDefinition(span, kind)
    where = props.spans.get(MAPPINGS, span)
    unknown: list[tuple[str, Span]] = []
    if not isinstance(value, JSArray):
        unknown.append((_what(value, f"{MAPPINGS} is {describe(value)}, not an array"), where))
        return DataDefinition(span, kind, (), where, tuple(unknown))
    entries = []
    for index, item in enumerate(value.items):
        entry_span = value.span_at(index) or where
        entry = _entry(item, entry_span, unknown)
        if entry is not None:
            entries.append(entry)
    return DataDefinition(span, kind, tuple(entries), where, tuple(unknown))


def _entry(item: Any, span: Span, unknown: list[tuple[str, Span]]) -> TableMapping | None:
    if not isinstance(item, JSObject):
        unknown.append((_what(item, f"a mapping entry is {describe(item)}"), span))
        return None
    branch = item.props.get("branchName", UNDEFINED)
    if not isinstance(branch, str):
        unknown.append((_what(branch, f"branchName is {describe(branch)}"), item.spans.get("branchName", span)))
        return None
    tables: list[MappedTable] = []
    mapping = item.props.get("modelNameToTableNameMapping", UNDEFINED)
    mapping_span = item.spans.get("modelNameToTableNameMapping", span)
    if isinstance(mapping, JSObject):
        for model, table in mapping.props.items():
            here = mapping.spans.get(model, mapping_span)
            if isinstance(table, Unknown):
                unknown.append((_what(table, ""), here))
            else:  # a table name that is not a non-empty string is Amplify's "No table found" error
                tables.append(MappedTable(model, table if isinstance(table, str) else "", here))
    elif mapping is not UNDEFINED and mapping is not None:
        unknown.append((_what(mapping, f"modelNameToTableNameMapping is {describe(mapping)}"), mapping_span))
    return TableMapping(branch, tuple(tables), span)


def _what(value: Any, fallback: str) -> str:
    return f"{value.what} is only known when the app runs" if isinstance(value, Unknown) else fallback


__all__ = ["MAPPINGS", "data_definition"]
