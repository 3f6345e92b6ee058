"""``@connection`` to ``@hasMany`` / ``@hasOne`` / ``@belongsTo``, as the migrator's
``migrateConnection`` does it (every object type).

Only the directive's name changes (and, on a list field, ``keyName`` becomes ``indexName``):
- a list field gets ``@hasMany``;
- a single field gets ``@belongsTo`` when the related type (as written before the migration, in
  the whole schema) has a list field of this type carrying a ``@connection``, found as the
  migrator finds it: the first field of the related type whose type is this type and that has
  a connection directive, looked for only when the first of ``fields`` is not a field of this
  type or has just become an ``@index`` key field. Otherwise ``@hasOne``.
The migrator keeps ``keyName`` on a single field as it is (v2 rejects it there)."""

from __future__ import annotations

from collections.abc import Mapping

from graphql.language import (
    DirectiveNode,
    FieldDefinitionNode,
    ListTypeNode,
    ListValueNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    StringValueNode,
    TypeNode,
)

from translator.frontends.graphql.migrate.context import FileContext, argument

_CONNECTION_NAMES = ("connection", "hasMany", "hasOne", "belongsTo")
_RELATED_CONNECTION_NAMES = frozenset({"hasOne", "hasMany", "connection"})


def is_list(type_: TypeNode) -> bool:
    """A list type, required or not (graphql-transformer-common ``isListType``)."""
    while isinstance(type_, NonNullTypeNode):
        type_ = type_.type
    return isinstance(type_, ListTypeNode)


def base_name(type_: TypeNode) -> str:
    """The named type inside list and non-null wrappers."""
    while isinstance(type_, NonNullTypeNode | ListTypeNode):
        type_ = type_.type
    return type_.name.value  # type: ignore[attr-defined, no-any-return]


def migrate_connections(
    node: ObjectTypeDefinitionNode,
    ctx: FileContext,
    indexed: set[str],
    object_types: Mapping[str, ObjectTypeDefinitionNode],
) -> None:
    """Plan the renames of the ``@connection`` directives on the fields of ``node``.
    ``indexed``: its fields that got an ``@index``; ``object_types``: the first definition of
    each object type in the whole schema, unmigrated."""
    for field in node.fields or ():
        if not any(d.name.value == "connection" for d in field.directives or ()):
            continue
        directive = next(d for d in field.directives or () if d.name.value in _CONNECTION_NAMES)
        if is_list(field.type):
            _rename(directive, "hasMany", ctx)
            key_name = argument(directive, "keyName")
            if key_name is not None:
                assert key_name.name.loc is not None
                ctx.editor.replace(key_name.name.loc.start, key_name.name.loc.end, "indexName")
        else:
            related = object_types.get(base_name(field.type))
            if related is None:
                ctx.refuse("E135", directive, f"@connection on {node.name.value}.{field.name.value} needs an object "
                           f"type, and Amplify's migrator fails on {base_name(field.type)}")
                continue
            belongs = _counterpart_is_list(node, directive, related, indexed)
            _rename(directive, "belongsTo" if belongs else "hasOne", ctx)
        assert directive.loc is not None
        ctx.change(directive, "connection", ctx.editor.apply_to(directive.loc.start, directive.loc.end))


def _first_connection_field(directive: DirectiveNode) -> str | None:
    fields = argument(directive, "fields")
    if fields is None or not isinstance(fields.value, ListValueNode) or not fields.value.values:
        return None
    first = fields.value.values[0]
    return first.value if isinstance(first, StringValueNode) else None


def _counterpart_is_list(
    node: ObjectTypeDefinitionNode, directive: DirectiveNode, related: ObjectTypeDefinitionNode, indexed: set[str]
) -> bool:
    first = _first_connection_field(directive)
    local: FieldDefinitionNode | None = next((f for f in node.fields or () if f.name.value == first), None)
    if local is not None and local.name.value not in indexed:
        return False  # the migrator's search rejects every candidate then
    for candidate in related.fields or ():
        if base_name(candidate.type) != node.name.value:
            continue
        if any(d.name.value in _RELATED_CONNECTION_NAMES for d in candidate.directives or ()):
            return is_list(candidate.type)
    return False


def _rename(directive: DirectiveNode, name: str, ctx: FileContext) -> None:
    assert directive.name.loc is not None
    ctx.editor.replace(directive.name.loc.start, directive.name.loc.end, name)
