"""Where ``amplify migrate api`` refuses a schema before migrating it: transformer v1 validation
(``validateModelSchema`` against the migrator's own directive definitions), the deprecated
``@connection(name: ...)`` parameterization and ``queries``/``mutations`` in ``@auth`` rules (its
schema inspector). A schema mixing v1 and v2 directives fails the v1 validation on each v2
directive; that is reported once as what it is (E133)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib.resources import files

from graphql import GraphQLError, GraphQLSchema
from graphql.language import (
    DirectiveDefinitionNode,
    DirectiveNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListValueNode,
    Node,
    ObjectTypeDefinitionNode,
    ObjectValueNode,
    ScalarTypeDefinitionNode,
    Source,
    UnionTypeDefinitionNode,
    parse,
)

from translator.core.diagnostics import Diagnostic, Related, Span
from translator.frontends.graphql.validation import definitions_schema, directive_definitions, schema_errors
from translator.frontends.graphql.values import span_of

MIGRATION_GUIDE = "https://docs.amplify.aws/cli/migration/transformer-migration/"
_DEPRECATED_CONNECTION_ARGUMENTS = frozenset({"name", "keyField", "sortField", "limit"})


@lru_cache(maxsize=1)
def v1_definitions() -> DocumentNode:
    """The directive definitions and scalars Amplify's migrator validates a v1 schema against."""
    text = (files("translator") / "grammar" / "transformer-v1-directives.graphql").read_text("utf-8")
    return parse(Source(text, "transformer-v1-directives.graphql"), no_location=True)


@lru_cache(maxsize=1)
def _v1_schema() -> GraphQLSchema:
    return definitions_schema(v1_definitions())


def _directive_names(document: DocumentNode) -> frozenset[str]:
    return frozenset(d.name.value for d in document.definitions if isinstance(d, DirectiveDefinitionNode))


@lru_cache(maxsize=1)
def generation_directives() -> tuple[frozenset[str], frozenset[str]]:
    """Directive names only transformer v1 knows (``key``, ``connection``) and those only v2 knows
    (``primaryKey``, ``index``, ``hasMany``, ...)."""
    v1, v2 = _directive_names(v1_definitions()), _directive_names(directive_definitions())
    return v1 - v2, v2 - v1


def directive_uses(document: DocumentNode) -> Iterator[DirectiveNode]:
    """Every directive applied anywhere in ``document``, in source order."""
    for definition in document.definitions:
        yield from _uses_in(definition)


def _uses_in(node: Node) -> Iterator[DirectiveNode]:
    yield from getattr(node, "directives", None) or ()
    for key in ("fields", "values", "arguments"):
        for member in getattr(node, key, None) or ():
            yield from _uses_in(member)


def mixing_problems(document: DocumentNode) -> list[Diagnostic]:
    """E133 for a schema that uses both v1-only and v2-only directives, at its first v2 one, with
    a note at each directive saying which generation it belongs to."""
    v1_only, v2_only = generation_directives()
    uses = [d for d in directive_uses(document) if d.name.value in v1_only | v2_only]
    v1_names = sorted({f"@{d.name.value}" for d in uses if d.name.value in v1_only})
    v2_names = sorted({f"@{d.name.value}" for d in uses if d.name.value in v2_only})
    if not v1_names or not v2_names:
        return []
    first_v2 = next(d for d in uses if d.name.value in v2_only)
    notes = tuple(Related(span_of(d), f"{'v1' if d.name.value in v1_only else 'v2'}: @{d.name.value}") for d in uses)
    return [Diagnostic("E133", f"this schema mixes transformer v1 directives ({', '.join(v1_names)}) with "
                       f"transformer v2 directives ({', '.join(v2_names)}); Amplify's migrator only takes a v1 "
                       "schema: rewrite the v1 ones by hand, or migrate the schema before adding v2 directives",
                       span_of(first_v2), related=notes)]


def refusals(document: DocumentNode) -> list[Diagnostic]:
    """Every reason ``amplify migrate api`` has to refuse ``document`` (all files of a schema)."""
    problems = mixing_problems(document)
    _, v2_only = generation_directives()
    for _rule, error in schema_errors(document, v1_definitions(), _v1_schema()):
        if problems and _is_unknown_v2_directive(error, v2_only):
            continue  # already said by E133
        if "'@versioned'" in error.message:
            message = ("@versioned (transformer v1 versioning) has no v2 form and Amplify's migrator refuses it: "
                       "remove it (v2 detects conflicts through DataStore, set in transform.conf.json)")
        else:
            message = f"{error.message} (Amplify's migrator validates the schema as transformer v1 first)"
        problems.append(Diagnostic("E130", message, _user_span(error)))
    problems.extend(_deprecated_connections(document))
    problems.extend(_auth_queries_or_mutations(document))
    return problems


def _user_span(error: GraphQLError) -> Span:
    """Where the user wrote what ``error`` is about: the definitions the migrator adds have no
    place, and of a repeated name the last one is the culprit."""
    placed = [node for node in error.nodes or () if node.loc is not None]
    if not placed:
        return Span("<schema>")
    return span_of(placed[-1] if "only one" in error.message or "only be" in error.message else placed[0])


def _is_unknown_v2_directive(error: GraphQLError, v2_only: frozenset[str]) -> bool:
    node = error.nodes[0] if error.nodes else None
    return isinstance(node, DirectiveNode) and node.name.value in v2_only and "Unknown directive" in error.message


_INSPECTED = (
    ObjectTypeDefinitionNode, InterfaceTypeDefinitionNode, UnionTypeDefinitionNode, InputObjectTypeDefinitionNode,
    EnumTypeDefinitionNode, ScalarTypeDefinitionNode,
)


def _inspected_uses(document: DocumentNode, name: str) -> Iterator[DirectiveNode]:
    """The migrator's inspector reads directives of type definitions (not of ``extend`` blocks)."""
    for definition in document.definitions:
        if isinstance(definition, _INSPECTED):
            yield from (d for d in _uses_in(definition) if d.name.value == name)


def _deprecated_connections(document: DocumentNode) -> Iterator[Diagnostic]:
    for directive in _inspected_uses(document, "connection"):
        arguments = directive.arguments or ()
        deprecated = [a.name.value for a in arguments if a.name.value in _DEPRECATED_CONNECTION_ARGUMENTS]
        if deprecated:
            yield Diagnostic("E131", f"@connection({deprecated[0]}: ...) is the deprecated parameterization of "
                             "@connection, which Amplify's migrator cannot migrate: rewrite it with keyName/fields "
                             f"first ({MIGRATION_GUIDE})", span_of(directive))


def _auth_queries_or_mutations(document: DocumentNode) -> Iterator[Diagnostic]:
    for directive in _inspected_uses(document, "auth"):
        for argument in directive.arguments or ():
            if argument.name.value != "rules" or not isinstance(argument.value, ListValueNode):
                continue
            for rule in argument.value.values:
                for field in rule.fields if isinstance(rule, ObjectValueNode) else ():
                    if field.name.value in ("queries", "mutations"):
                        yield Diagnostic("E132", f"an @auth rule with {field.name.value} cannot be migrated by "
                                         "Amplify's migrator: express it with operations first "
                                         f"({MIGRATION_GUIDE})", span_of(field))
