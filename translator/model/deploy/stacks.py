"""Names and contents of the nested stacks a table or relationship lands in."""

from __future__ import annotations

import hashlib
import re

from translator.core.document import TypeDef, Value
from translator.core.names import relation_model_name

_NOT_ALPHANUMERIC = re.compile(r"[^A-Za-z0-9]")
_RELATIONSHIPS = ("hasMany", "hasOne", "belongsTo", "manyToMany")


def logical_table_id(model: str) -> str:
    """The CloudFormation logical id of a model's table.

    Amplify keeps ``<Model>Table`` when it is purely alphanumeric (category-api's
    ``TransformerRootStack.allocateLogicalId``); otherwise CDK's ``makeUniqueId`` applies: the
    path ``<Model>Table/Resource`` without its non-alphanumerics and ``Resource``, plus the first
    eight hex digits (upper case) of the path's MD5."""
    construct = f"{model}Table"
    if not _NOT_ALPHANUMERIC.search(construct):
        return construct
    digest = hashlib.md5(f"{construct}/Resource".encode(), usedforsecurity=False).hexdigest()[:8].upper()
    return _NOT_ALPHANUMERIC.sub("", construct)[:240] + digest


def connection_resolvers(models: list[TypeDef]) -> frozenset[tuple[str, str, str]]:
    """The field resolvers of ``ConnectionStack``: one per relationship field, and two per
    ``@manyToMany`` relation for the join model's own fields. Each is named by its type, field and
    directive (with arguments), which is what changes the stack's templates."""
    found: set[tuple[str, str, str]] = set()
    relations: set[str] = set()
    for model in models:
        for model_field in model.fields:
            for directive in model_field.directives:
                if directive.name not in _RELATIONSHIPS:
                    continue
                arguments = ",".join(f"{a.name}={_text(a.value)}" for a in directive.arguments)
                found.add((model.name, model_field.name, f"@{directive.name}({arguments})"))
                if directive.name == "manyToMany":
                    relations.add(relation_model_name(str(directive.value("relationName", ""))))
    for relation in relations:
        found.add((relation, "<join>", "@hasOne"))
        found.add((relation, "<join>", "@hasOne#2"))
    return frozenset(found)


def _text(value: Value) -> str:
    if isinstance(value, tuple):
        return "[" + ",".join(_text(v) for v in value) + "]"
    return repr(value)
