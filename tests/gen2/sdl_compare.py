"""Compare a Gen 2 SchemaDocument with the SDL Amplify's toolchain prints for the same file.

Both sides are reduced to the same plain form: per definition its kind, and per field its type
and the directives the front end emits (``@model``, ``@auth``, ``@primaryKey``, ``@index``,
``@hasMany``, ``@hasOne``, ``@belongsTo``, ``@default``) with their arguments. Resolver and
AppSync auth directives (``@function``, ``@aws_*``) are left out: the front end does not emit
them. graphql-core reads the SDL (tests only; the product never parses Amplify's SDL).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from graphql import parse
from graphql.language import (
    EnumTypeDefinitionNode,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    print_ast,
)

from translator.core.document import SchemaDocument
from translator.frontends.graphql.values import value_of

KEPT = {"model", "auth", "primaryKey", "index", "hasMany", "hasOne", "belongsTo", "default", "refersTo"}
ROOTS = {"Query", "Mutation", "Subscription"}
_KINDS = {
    ObjectTypeDefinitionNode: "object",
    InputObjectTypeDefinitionNode: "input",
    InterfaceTypeDefinitionNode: "interface",
    EnumTypeDefinitionNode: "enum",
}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def sdl_shape(sdl: str) -> dict[str, Any]:
    """The comparable shape of Amplify's SDL text."""
    shape: dict[str, Any] = {}
    for node in parse(sdl).definitions:
        kind = _KINDS.get(type(node))
        if kind is None:
            continue
        name = node.name.value
        if kind == "enum":
            shape[name] = ("enum", [v.name.value for v in node.values])
            continue
        fields = []
        for f in node.fields or ():
            directives = (
                []
                if name in ROOTS
                else [
                    (d.name.value, {a.name.value: _plain(value_of(a.value)) for a in d.arguments})
                    for d in f.directives or ()
                    if d.name.value in KEPT
                ]
            )
            fields.append((f.name.value, print_ast(f.type), directives))
        type_directives = [
            (d.name.value, {a.name.value: _plain(value_of(a.value)) for a in d.arguments})
            for d in node.directives or ()
            if d.name.value in KEPT
        ]
        if name in shape and name in ROOTS:
            shape[name][2].extend(fields)
            continue
        shape[name] = (kind, type_directives, fields)
    return shape


def document_shape(document: SchemaDocument) -> dict[str, Any]:
    """The comparable shape of a SchemaDocument."""
    shape: dict[str, Any] = {}
    for t in document.types:
        if t.kind == "enum":
            shape[t.name] = ("enum", [v.name for v in t.values])
            continue
        fields = [
            (
                f.name,
                str(f.type),
                []
                if t.name in ROOTS
                else [(d.name, {a.name: _plain(a.value) for a in d.arguments}) for d in f.directives],
            )
            for f in t.fields
        ]
        directives = [(d.name, {a.name: _plain(a.value) for a in d.arguments}) for d in t.directives]
        shape[t.name] = (t.kind, directives, fields)
    return shape


def first_difference(want: dict[str, Any], got: dict[str, Any]) -> str | None:
    """A readable first difference, or None when the shapes agree."""
    for name in want:
        if name not in got:
            return f"type {name} missing"
        if want[name] != got[name]:
            return f"type {name}: want {want[name]!r}\n got {got[name]!r}"
    for name in got:
        if name not in want:
            return f"type {name} extra"
    if list(want) != list(got):
        return f"type order differs: want {list(want)}\n got {list(got)}"
    return None


def entry_path(case: Path, workdir: Path) -> Path:
    """Lay out a corpus case with a NAME.deps/ folder the way conformance.py does."""
    deps = case.with_name(case.stem + ".deps")
    if not deps.is_dir():
        return case
    entry_file = deps / "ENTRY"
    where = entry_file.read_text().strip() if entry_file.exists() else "amplify/data/resource.ts"
    repo = Path(tempfile.mkdtemp(prefix="gen2-", dir=workdir)) / "repo"
    shutil.copytree(deps, repo)
    target = repo / where
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(case, target)
    return target
