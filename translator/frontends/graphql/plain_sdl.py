"""A quick proof that graphql-core's SDL rules find nothing, for the common shape of a schema.

graphql-core's SDL validation (fifteen rules, each a visitor) costs as much as parsing on a large
schema, and on almost every schema it finds nothing. :func:`plainly_valid` checks, in one pass
over plain data, everything those rules check, for documents made only of object, interface,
input, enum, scalar and union definitions (no extensions, schema or directive definitions) read
with a set of directive definitions:

- type names unique (UniqueTypeNames), and every named type defined or built in (KnownTypeNames);
- field, enum value and argument names unique in their parent (UniqueFieldDefinitionNames,
  UniqueEnumValueNames, UniqueArgumentDefinitionNames);
- each directive use defined for its location (KnownDirectives), a non-repeatable one used once
  per location (UniqueDirectivesPerLocation), with defined, unique argument names and every
  required argument (KnownArgumentNamesOnDirectives, UniqueArgumentNames,
  ProvidedRequiredArgumentsOnDirectives);
- input object fields unique in every object value (UniqueInputFieldNames).

The other rules (LoneSchemaDefinition, UniqueOperationTypes, UniqueDirectiveNames,
PossibleTypeExtensions) only look at definitions this shape does not have. True means the rules
report nothing (tests hold this against graphql-core on every known schema and on generated
ones); False means "run the rules", which then report what is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from graphql import introspection_types, specified_directives, specified_scalar_types
from graphql.language import (
    DirectiveDefinitionNode,
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListValueNode,
    Node,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ObjectValueNode,
    ScalarTypeDefinitionNode,
    TypeDefinitionNode,
    UnionTypeDefinitionNode,
    ValueNode,
)
from graphql.type import is_required_argument

__all__ = ["PlainCheck", "plain_check", "plainly_valid"]

# The directive location of each definition kind this check takes.
_LOCATIONS: dict[type[Node], str] = {
    ObjectTypeDefinitionNode: "OBJECT",
    InterfaceTypeDefinitionNode: "INTERFACE",
    InputObjectTypeDefinitionNode: "INPUT_OBJECT",
    EnumTypeDefinitionNode: "ENUM",
    ScalarTypeDefinitionNode: "SCALAR",
    UnionTypeDefinitionNode: "UNION",
}
_BUILT_IN = frozenset(specified_scalar_types) | frozenset(introspection_types)


@dataclass(frozen=True)
class _Directive:
    locations: frozenset[str]
    arguments: frozenset[str]
    required: frozenset[str]
    repeatable: bool


@dataclass(frozen=True)
class _Definitions:
    directives: dict[str, _Directive]
    type_names: frozenset[str]
    plain: bool  # only type and directive definitions, each type name once


@lru_cache(maxsize=4)
def _definitions(definitions: DocumentNode) -> _Definitions:
    """The directives (graphql-core's specified ones, then those ``definitions`` declare, as the
    rules read them) and type names of ``definitions``."""
    directives = {
        d.name: _Directive(frozenset(location.name for location in d.locations), frozenset(d.args),
                           frozenset(name for name, arg in d.args.items() if is_required_argument(arg)),
                           d.is_repeatable)
        for d in specified_directives
    }
    names: list[str] = []
    plain = True
    for node in definitions.definitions:
        if isinstance(node, DirectiveDefinitionNode):
            arguments = node.arguments or ()
            directives[node.name.value] = _Directive(
                frozenset(location.value for location in node.locations),
                frozenset(a.name.value for a in arguments),
                frozenset(a.name.value for a in arguments if isinstance(a.type, NonNullTypeNode)
                          and a.default_value is None),
                node.repeatable,
            )
        elif isinstance(node, TypeDefinitionNode):
            names.append(node.name.value)
        else:
            plain = False
    return _Definitions(directives, frozenset(names), plain and len(set(names)) == len(names))


def plainly_valid(user: DocumentNode, definitions: DocumentNode) -> bool:
    """True when graphql-core's SDL rules find nothing in ``user`` read after ``definitions``;
    False when they may (or the document has a shape this check leaves to them)."""
    known = _definitions(definitions)
    if not known.plain:
        return False
    type_names = set(known.type_names)
    for node in user.definitions:
        if type(node) not in _LOCATIONS:
            return False
        name = node.name.value  # type: ignore[attr-defined]
        if name in type_names:
            return False
        type_names.add(name)
    return PlainCheck(known.directives, type_names | _BUILT_IN).document(user)


def plain_check(definitions: DocumentNode) -> PlainCheck | None:
    """The check of documents read after ``definitions``, its ``types`` the names they define and
    the built-in ones (a document's own type names are added by the caller); None when
    ``definitions`` are not plain themselves."""
    known = _definitions(definitions)
    return PlainCheck(known.directives, set(known.type_names) | _BUILT_IN) if known.plain else None


class PlainCheck:
    """The checks of :func:`plainly_valid`, each True when the rules find nothing in what it
    is given; ``types`` are the type names a document may use."""

    def __init__(self, directives: dict[str, _Directive], types: set[str]) -> None:
        self.directives = directives
        self.types = types

    def document(self, user: DocumentNode) -> bool:
        for node in user.definitions:
            location = _LOCATIONS[type(node)]
            if not self.uses(node.directives, location):  # type: ignore[attr-defined]
                return False
            if location in ("OBJECT", "INTERFACE"):
                ok = self.named(getattr(node, "interfaces", None) or ()) and self.fields(node, "ARGUMENT_DEFINITION")
            elif location == "INPUT_OBJECT":
                ok = self.input_values(node.fields, "INPUT_FIELD_DEFINITION")  # type: ignore[attr-defined]
            elif location == "ENUM":
                ok = self.enum_values(node)
            elif location == "UNION":
                ok = self.named(node.types or ())  # type: ignore[attr-defined]
            else:
                ok = True
            if not ok:
                return False
        return True

    def named(self, nodes: Iterable[Node]) -> bool:
        return all(n.name.value in self.types for n in nodes)  # type: ignore[attr-defined]

    def type_known(self, node: Node) -> bool:
        while node.kind != "named_type":
            node = node.type  # type: ignore[attr-defined]
        return node.name.value in self.types  # type: ignore[attr-defined]

    def fields(self, node: Node, argument_location: str) -> bool:
        seen: set[str] = set()
        for field in node.fields or ():  # type: ignore[attr-defined]
            name = field.name.value
            if name in seen or not self.type_known(field.type):
                return False
            seen.add(name)
            if field.directives and not self.uses(field.directives, "FIELD_DEFINITION"):
                return False
            if field.arguments and not self.input_values(field.arguments, argument_location):
                return False
        return True

    def input_values(self, values: Iterable[InputValueDefinitionNode] | None, location: str) -> bool:
        seen: set[str] = set()
        for value in values or ():
            name = value.name.value
            if name in seen or not self.type_known(value.type):
                return False
            seen.add(name)
            if value.default_value is not None and not unique_fields(value.default_value):
                return False
            if value.directives and not self.uses(value.directives, location):
                return False
        return True

    def enum_values(self, node: Node) -> bool:
        seen: set[str] = set()
        for value in node.values or ():  # type: ignore[attr-defined]
            name = value.name.value
            if name in seen:
                return False
            seen.add(name)
            if value.directives and not self.uses(value.directives, "ENUM_VALUE"):
                return False
        return True

    def uses(self, uses: Iterable[DirectiveNode] | None, location: str) -> bool:
        """Every directive in ``uses`` defined for ``location``, a non-repeatable one once, with
        known, unique argument names, every required one, and unique fields in object values."""
        once: set[str] = set()
        for use in uses or ():
            name = use.name.value
            directive = self.directives.get(name)
            if directive is None or location not in directive.locations:
                return False
            if not directive.repeatable:
                if name in once:
                    return False
                once.add(name)
            given: set[str] = set()
            for argument in use.arguments or ():
                argument_name = argument.name.value
                if argument_name in given or argument_name not in directive.arguments:
                    return False
                given.add(argument_name)
                if not unique_fields(argument.value):
                    return False
            if not directive.required <= given:
                return False
        return True


def unique_fields(value: ValueNode) -> bool:
    """No object in ``value`` names a field twice."""
    if isinstance(value, ObjectValueNode):
        names = [f.name.value for f in value.fields]
        return len(set(names)) == len(names) and all(unique_fields(f.value) for f in value.fields)
    if isinstance(value, ListValueNode):
        return all(unique_fields(item) for item in value.values)
    return True
