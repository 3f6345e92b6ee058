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

from graphql import GraphQLSchema, build_ast_schema, find_breaking_changes, find_dangerous_changes
from graphql.language import (
    DefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    EnumValueDefinitionNode,
    FieldDefinitionNode,
    ListTypeNode,
    NamedTypeNode,
    NameNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    TypeNode,
)

from translator.core.document import SchemaDocument, TypeDef, TypeRef

# Every scalar a field may have, declared on both sides so no scalar shows up as removed.
_SCALARS = ("String", "Int", "Float", "Boolean", "ID", "AWSDate", "AWSTime", "AWSDateTime", "AWSTimestamp",
            "AWSEmail", "AWSJSON", "AWSURL", "AWSPhone", "AWSIPAddress")
# Where each kind of change is written: the member's name and its type's, from the description
# graphql-core gives (``Post.title was removed.``, ``DRAFT was removed from enum type Status.``).
_MEMBER = re.compile(r"^(?P<type>[_A-Za-z][_0-9A-Za-z]*)\.(?P<member>[_A-Za-z][_0-9A-Za-z]*) ")
_ENUM_VALUE = re.compile(r"^(?P<member>\S+) was (?:added to|removed from) enum type (?P<type>\S+)\.$")
_TYPE = re.compile(r"^(?P<type>[_A-Za-z][_0-9A-Za-z]*) ")
_ID = TypeRef("ID", item_required=True)
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
    """Breaking then dangerous changes of ``new``'s data types for clients of ``old``.

    graphql-core only gets what differs: the types of one side only, the enums whose values
    differ, the object fields that are on one side only or typed differently (a field the same on
    both sides cannot make a change), and empty stand-ins of the same kind for the types these
    refer to. A large schema with a small change costs little."""
    before, after = _data_types(old), _data_types(new)
    if before == after:
        return []
    old_nodes: list[DefinitionNode] = []
    new_nodes: list[DefinitionNode] = []
    referenced: set[str] = set()
    for name in sorted(before.keys() | after.keys()):
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        if was is not None and now is not None and was.kind == now.kind == "type":
            fields = {f for f in was.members.keys() | now.members.keys() if was.members.get(f) != now.members.get(f)}
            was, now = was.only(fields), now.only(fields)
        for entry, nodes in ((was, old_nodes), (now, new_nodes)):
            if entry is not None:
                nodes.append(entry.node(name))
                referenced.update(entry.referenced)
    declared = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}
    stand_ins = [_DataType(after[n].kind, {}).node(n) for n in sorted(referenced - declared) if n in after]
    scalars = sorted(referenced - declared - set(after) - set(_SCALARS))
    old_schema, new_schema = _schema(old_nodes + stand_ins, scalars), _schema(new_nodes + stand_ins, scalars)
    found = [(True, c.type.name, c.description) for c in find_breaking_changes(old_schema, new_schema)]
    found += [(False, c.type.name, c.description) for c in find_dangerous_changes(old_schema, new_schema)]
    return [_located(breaking, kind, description) for breaking, kind, description in found]


def _located(breaking: bool, kind: str, description: str) -> ClientChange:
    side: Literal["old", "new"] = "old" if kind in _OLD_SIDE else "new"
    for pattern in (_ENUM_VALUE, _MEMBER):
        match = pattern.match(description)
        if match is not None:
            return ClientChange(breaking, kind, description, match["type"], match["member"], side)
    match = _TYPE.match(description)
    return ClientChange(breaking, kind, description, match["type"] if match else "", None, side)


def _name(value: str) -> NameNode:
    return NameNode(value=value)


def _type_node(ref: TypeRef) -> TypeNode:
    """The type of a field as graphql-core's syntax tree (what parsing ``str(ref)`` would give)."""
    node: TypeNode = NamedTypeNode(name=_name(ref.name))
    if ref.item_required:
        node = NonNullTypeNode(type=node)
    for depth in range(ref.list_depth):
        node = ListTypeNode(type=node)
        if depth == ref.list_depth - 1 and ref.list_required:
            node = NonNullTypeNode(type=node)
    return node


@dataclass(frozen=True)
class _DataType:
    """An object type (``members``: field name to type) or an enum (``members``: its values)."""

    kind: Literal["type", "enum"]
    members: dict[str, TypeRef | None]

    @property
    def referenced(self) -> set[str]:
        return {t.name for t in self.members.values() if t is not None}

    def only(self, fields: set[str]) -> _DataType:
        return _DataType(self.kind, {f: t for f, t in self.members.items() if f in fields})

    def node(self, name: str) -> DefinitionNode:
        """The definition as a syntax tree, built directly (no text to lex and parse)."""
        if self.kind == "enum":
            values = tuple(EnumValueDefinitionNode(name=_name(v), directives=()) for v in self.members)
            return EnumTypeDefinitionNode(name=_name(name), values=values, directives=())
        fields = tuple(FieldDefinitionNode(name=_name(f), type=_type_node(t), arguments=(), directives=())
                       for f, t in self.members.items() if t is not None)
        return ObjectTypeDefinitionNode(name=_name(name), fields=fields, interfaces=(), directives=())


def _data_types(document: SchemaDocument) -> dict[str, _DataType]:
    """The object types (but the operation types) and enums of ``document``."""
    out: dict[str, _DataType] = {}
    for typedef in document.types:
        if not _is_data_type(typedef, document) or typedef.name in out:
            continue
        if typedef.kind == "enum":
            out[typedef.name] = _DataType("enum", dict.fromkeys(v.name for v in typedef.values))
            continue
        fields: dict[str, TypeRef | None] = {f.name: f.type for f in typedef.fields}
        if typedef.is_model and "id" not in fields and _has_implicit_id(typedef):
            fields = {"id": _ID, **fields}
        out[typedef.name] = _DataType("type", fields)
    return out


def _schema(definitions: list[DefinitionNode], scalars: list[str]) -> GraphQLSchema:
    """A schema of ``definitions``, declaring every scalar a field may have (so none of them
    shows up as removed) and the other named types referred to as ``scalars``."""
    every_scalar = _DataType("type", {f"s{i}": TypeRef(name) for i, name in enumerate(_SCALARS)})
    nodes = [*definitions, *(ScalarTypeDefinitionNode(name=_name(n), directives=()) for n in [*_SCALARS[5:], *scalars])]
    nodes.append(every_scalar.node("_Scalars"))
    return build_ast_schema(DocumentNode(definitions=tuple(nodes)), assume_valid=True, assume_valid_sdl=True)


def _is_data_type(typedef: TypeDef, document: SchemaDocument) -> bool:
    if typedef.kind == "enum":
        return True
    return typedef.kind == "object" and typedef.name not in document.root_types


def _has_implicit_id(typedef: TypeDef) -> bool:
    """A model without ``@primaryKey`` gets ``id: ID!``."""
    return not any(f.directive("primaryKey") for f in typedef.fields)
