"""``@key`` to ``@primaryKey`` / ``@index``, as the migrator's ``migrateKeys`` does it.

Every ``@key`` leaves the type. One with ``fields`` and no ``name`` becomes ``@primaryKey`` on its
first field, with the other fields as ``sortKeyFields``; one with a ``name`` becomes ``@index`` on
its first field, keeping its other arguments in their order (``name``, ``queryField``) and adding
``sortKeyFields`` last. The new directive goes after the field's own directives. This applies to
every object type, models or not."""

from __future__ import annotations

from graphql.language import ListValueNode, ObjectTypeDefinitionNode, StringValueNode, print_ast

from translator.frontends.graphql.migrate.context import FileContext, argument, directives_named, one_line


def migrate_keys(node: ObjectTypeDefinitionNode, ctx: FileContext) -> set[str]:
    """Plan the edits for the ``@key`` directives of ``node``; the names of the fields that get an
    ``@index`` (the connection rule looks at them)."""
    keys = directives_named(node, "key")
    indexed: set[str] = set()
    for key in keys:
        assert key.loc is not None
        ctx.editor.remove_item(key.loc.start, key.loc.end)
    for key in keys:
        fields = argument(key, "fields")
        if fields is None:
            continue  # v1 validation requires it; the migrator would drop such a key silently
        values = fields.value.values if isinstance(fields.value, ListValueNode) else ()
        if not values:
            ctx.refuse("E134", key, "Amplify's migrator reads @key fields as a non-empty list of field names and "
                       f"fails on fields: {print_ast(fields.value)}: write fields: [\"...\"]")
            continue
        first = values[0].value if isinstance(values[0], StringValueNode) else None
        target = next((f for f in node.fields or () if f.name.value == first), None)
        if target is None:
            ctx.refuse("E134", key, f"{node.name.value} has no field {first!r}, so Amplify's migrator fails on this "
                       "@key (it puts the v2 directive on the key's first field)")
            continue
        sort_key = f"sortKeyFields: [{', '.join(print_ast(v) for v in values[1:])}]" if len(values) != 1 else None
        if argument(key, "name") is not None:
            arguments = [print_ast(a) for a in key.arguments if a.name.value != "fields"]
            replacement = f"@index({', '.join([*arguments, *([sort_key] if sort_key else [])])})"
            indexed.add(target.name.value)
        else:
            replacement = f"@primaryKey({sort_key})" if sort_key else "@primaryKey"
        assert target.loc is not None
        ctx.editor.insert(target.loc.end, " " + replacement)
        ctx.change(key, "key", f"{target.name.value}: {one_line(ctx.text_of(target.type))} {replacement}")
    return indexed
