"""Client-facing changes between two schemas' data types, found by graphql-core's
``find_breaking_changes`` and ``find_dangerous_changes``.

What clients read is the schema's object types (models and non-model types) and enums; both
documents are reduced to those (directives, arguments and the operation types left out, other
named types kept as scalars) and compared. Each change is named by the type and member it is
about, and by the side (old or new) where that is written, so it can be reported there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from graphql import GraphQLSchema, build_ast_schema, find_breaking_changes, find_dangerous_changes, parse

from translator.core.document import SchemaDocument, TypeDef

# Every scalar a field may have, declared on both sides so no scalar shows up as removed.
_SCALARS = ("String", "Int", "Float", "Boolean", "ID", "AWSDate", "AWSTime", "AWSDateTime", "AWSTimestamp",
            "AWSEmail", "AWSJSON", "AWSURL", "AWSPhone", "AWSIPAddress")
# Where each kind of change is written: the member's name and its type's, from the description
# graphql-core gives (``Post.title was removed.``, ``DRAFT was removed from enum type Status.``).
_MEMBER = re.compile(r"^(?P<type>[_A-Za-z][_0-9A-Za-z]*)\.(?P<member>[_A-Za-z][_0-9A-Za-z]*) ")
_ENUM_VALUE = re.compile(r"^(?P<member>\S+) was (?:added to|removed from) enum type (?P<type>\S+)\.$")
_TYPE = re.compile(r"^(?P<type>[_A-Za-z][_0-9A-Za-z]*) ")
_OLD_SIDE = frozenset({"TYPE_REMOVED", "FIELD_REMOVED", "VALUE_REMOVED_FROM_ENUM", "TYPE_REMOVED_FROM_UNION"})


@dataclass(frozen=True)
class ClientChange:
    """One change: ``breaking`` (or dangerous), graphql-core's change type and description,
    and where it is: ``type_name`` (and ``member``, a field or enum value) on ``side``."""

    breaking: bool
    kind: str
    description: str
    type_name: str
    member: str | None
    side: Literal["old", "new"]


def client_changes(old: SchemaDocument, new: SchemaDocument) -> list[ClientChange]:
    """Breaking then dangerous changes of ``new``'s data types for clients of ``old``."""
    before, after = _data_schema(old), _data_schema(new)
    found = [(True, c.type.name, c.description) for c in find_breaking_changes(before, after)]
    found += [(False, c.type.name, c.description) for c in find_dangerous_changes(before, after)]
    return [_located(breaking, kind, description) for breaking, kind, description in found]


def _located(breaking: bool, kind: str, description: str) -> ClientChange:
    side: Literal["old", "new"] = "old" if kind in _OLD_SIDE else "new"
    for pattern in (_ENUM_VALUE, _MEMBER):
        match = pattern.match(description)
        if match is not None:
            return ClientChange(breaking, kind, description, match["type"], match["member"], side)
    match = _TYPE.match(description)
    return ClientChange(breaking, kind, description, match["type"] if match else "", None, side)


def _data_schema(document: SchemaDocument) -> GraphQLSchema:
    """The object types (but the operation types) and enums of ``document`` as a schema."""
    kept = [t for t in document.types if _is_data_type(t, document)]
    defined = {t.name for t in kept}
    lines: list[str] = []
    referenced: set[str] = set()
    for typedef in kept:
        if typedef.kind == "enum":
            values = " ".join(v.name for v in typedef.values)
            lines.append(f"enum {typedef.name} {{ {values} }}" if values else f"enum {typedef.name}")
            continue
        fields = [f"{f.name}: {f.type}" for f in typedef.fields]
        referenced.update(f.type.name for f in typedef.fields)
        if typedef.is_model and typedef.field("id") is None and _has_implicit_id(typedef):
            fields.insert(0, "id: ID!")
        lines.append(f"type {typedef.name} {{ {' '.join(fields)} }}" if fields else f"type {typedef.name}")
    lines.extend(f"scalar {name}" for name in sorted(referenced - defined - set(_SCALARS[:5])))
    lines.extend(f"scalar {name}" for name in _SCALARS[5:] if name not in referenced)
    lines.append("type _Scalars { " + " ".join(f"s{i}: {name}" for i, name in enumerate(_SCALARS)) + " }")
    return build_ast_schema(parse("\n".join(lines), no_location=True), assume_valid=True, assume_valid_sdl=True)


def _is_data_type(typedef: TypeDef, document: SchemaDocument) -> bool:
    if typedef.kind == "enum":
        return True
    return typedef.kind == "object" and typedef.name not in document.root_types


def _has_implicit_id(typedef: TypeDef) -> bool:
    """A model without ``@primaryKey`` gets ``id: ID!``."""
    return not any(f.directive("primaryKey") for f in typedef.fields)
