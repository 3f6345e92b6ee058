"""Validation of a parsed schema against Amplify's directive definitions, as Amplify's
``validateModelSchema`` does it: graphql-core's SDL rules, then its check of argument values
inside directives. Each graphql-core error becomes a diagnostic with a stable code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    introspection_types,
    specified_scalar_types,
)
from graphql.language import (
    DirectiveDefinitionNode,
    DirectiveNode,
    DocumentNode,
    ListValueNode,
    Node,
    ObjectValueNode,
    Source,
    TypeDefinitionNode,
    TypeSystemDefinitionNode,
    TypeSystemExtensionNode,
    ValueNode,
    parse,
)
from graphql.language.visitor import BREAK, SKIP, ParallelVisitor, visit
from graphql.pyutils import Undefined
from graphql.utilities import TypeInfo, TypeInfoVisitor, build_ast_schema, value_from_ast
from graphql.validation import ASTValidationRule, SDLValidationContext, ValidationContext
from graphql.validation.rules.known_argument_names import KnownArgumentNamesOnDirectivesRule
from graphql.validation.rules.known_directives import KnownDirectivesRule
from graphql.validation.rules.known_type_names import KnownTypeNamesRule
from graphql.validation.rules.provided_required_arguments import ProvidedRequiredArgumentsOnDirectivesRule
from graphql.validation.rules.unique_argument_definition_names import UniqueArgumentDefinitionNamesRule
from graphql.validation.rules.unique_directives_per_location import UniqueDirectivesPerLocationRule
from graphql.validation.rules.unique_enum_value_names import UniqueEnumValueNamesRule
from graphql.validation.rules.unique_field_definition_names import UniqueFieldDefinitionNamesRule
from graphql.validation.rules.unique_type_names import UniqueTypeNamesRule
from graphql.validation.rules.values_of_correct_type import ValuesOfCorrectTypeRule
from graphql.validation.specified_rules import specified_sdl_rules

from translator.core.diagnostics import Diagnostic, Related, Span
from translator.frontends.graphql.compat import QUERY_DOCUMENT_KEYS, handlers_for_kind, release_visitors
from translator.frontends.graphql.plain_sdl import plainly_valid
from translator.frontends.graphql.values import span_of


@lru_cache(maxsize=1)
def directive_definitions() -> DocumentNode:
    """Amplify's directive definitions and AppSync scalars, parsed once."""
    text = (files("translator") / "grammar" / "amplify-directives.graphql").read_text("utf-8")
    return parse(Source(text, "amplify-directives.graphql"), no_location=True)


# Of the executable-document rules Amplify's validateModelSchema adds, only the check of argument
# values finds anything the SDL rules do not (names, uniqueness and required arguments of
# directives are SDL rules too), and it only needs to look inside directives.
_ARGUMENT_RULES = (ValuesOfCorrectTypeRule,)


# No SDL rule looks at names or descriptions as nodes of their own (each reads them from its
# parent), so the walk skips them: a third fewer nodes to visit on a large schema.
_SDL_VISITOR_KEYS = {
    kind: tuple(key for key in keys if key not in ("name", "description"))
    for kind, keys in QUERY_DOCUMENT_KEYS.items()
}


# The code of what each rule reports; a rule not listed reports E099.
_RULE_CODES: dict[type[ASTValidationRule], str] = {
    UniqueTypeNamesRule: "E010",
    UniqueEnumValueNamesRule: "E011",
    UniqueFieldDefinitionNamesRule: "E011",
    UniqueArgumentDefinitionNamesRule: "E011",
    KnownTypeNamesRule: "E003",
    KnownDirectivesRule: "E004",  # E008 when the directive exists but not for that place
    UniqueDirectivesPerLocationRule: "E009",
    KnownArgumentNamesOnDirectivesRule: "E005",
    ProvidedRequiredArgumentsOnDirectivesRule: "E007",
    ValuesOfCorrectTypeRule: "E006",
}
_Reported = tuple[type[ASTValidationRule], GraphQLError]


def _validate_sdl(document: DocumentNode) -> list[_Reported]:
    """graphql-core's ``validate_sdl``: its SDL rules over a pruned walk that calls, for each
    node, only the rules with a handler for its kind (graphql-core's generic ``visit`` asks all
    fifteen at every node, which dominated validation time on large schemas). Each error comes
    with the rule that reported it."""
    errors: list[_Reported] = []
    rules = [rule(SDLValidationContext(document, None, _reporter(rule, errors))) for rule in specified_sdl_rules]
    _SDLWalk(rules, document).walk(document, None, None, ())
    release_visitors(rules)
    return errors


def _reporter(rule: type[ASTValidationRule], errors: list[_Reported]) -> Callable[[GraphQLError], None]:
    return lambda error: errors.append((rule, error))


_TYPE_WRAPPERS = frozenset({"non_null_type", "list_type"})
_Handler = tuple[int, Callable[..., Any] | None, Callable[..., Any] | None]


class _SDLWalk:
    """Depth-first walk with graphql-core's visitor protocol (``key``, ``parent`` and
    ``ancestors`` as ``visit`` passes them; SKIP stops one rule below a node).

    It leaves out what no rule can report on: leaves without handlers, type references to
    known types (the only thing KnownTypeNamesRule checks of them) and the directives of a
    node that has none (UniqueDirectivesPerLocationRule's catch-all handler)."""

    def __init__(self, rules: list[ASTValidationRule], document: DocumentNode) -> None:
        self.rules = rules
        self.handlers: dict[str, list[_Handler]] = {}
        # The type names KnownTypeNamesRule accepts: declared ones, and in a document of type
        # definitions alone (where every reference sits in SDL), the built-in ones.
        self.known_types = {
            definition.name.value for definition in document.definitions if isinstance(definition, TypeDefinitionNode)
        }
        if all(isinstance(d, TypeSystemDefinitionNode | TypeSystemExtensionNode) for d in document.definitions):
            self.known_types.update(specified_scalar_types, introspection_types)
        self.passive: dict[str, bool] = {}  # kinds no rule but the directive rule looks at
        self.directive_rule = next(
            (index for index, rule in enumerate(rules) if isinstance(rule, UniqueDirectivesPerLocationRule)), -1
        )

    def _for_kind(self, kind: str) -> list[_Handler]:
        found = self.handlers.get(kind)
        if found is None:
            found = []
            has_directives = "directives" in QUERY_DOCUMENT_KEYS.get(kind, ())
            for index, rule in enumerate(self.rules):
                if index == self.directive_rule and not has_directives:
                    continue  # its catch-all handler only looks at a node's directives
                enter, leave = handlers_for_kind(rule, kind)
                if enter is not None or leave is not None:
                    found.append((index, enter, leave))
            self.handlers[kind] = found
        return found

    def _needless(self, node: Node) -> bool:
        """True for a node that no rule reports on, nor on anything below it."""
        kind = node.kind
        # Most of a schema, answered without the general path (the same answer: no rule but the
        # directive rule looks at a field, and this one has no directives).
        plain_field = kind == "field_definition" and not node.directives and not node.arguments  # type: ignore[attr-defined]
        if plain_field and self._passive_kind(kind):
            return self._needless(node.type)  # type: ignore[attr-defined]
        while kind in _TYPE_WRAPPERS:
            node = node.type  # type: ignore[attr-defined]
            kind = node.kind
        if kind == "named_type":
            return node.name.value in self.known_types  # type: ignore[attr-defined]
        if not self._passive_kind(kind) or getattr(node, "directives", None):
            return False
        for child_key in _SDL_VISITOR_KEYS.get(kind, ()):
            value = getattr(node, child_key, None)
            if value.__class__ is tuple:
                for child in value:
                    if not self._needless(child):
                        return False
            elif value is not None and not self._needless(value):
                return False
        return True

    def _passive_kind(self, kind: str) -> bool:
        """Whether no rule but the directive rule looks at nodes of ``kind``."""
        passive = self.passive.get(kind)
        if passive is None:
            passive = self.passive[kind] = all(index == self.directive_rule for index, _, _ in self._for_kind(kind))
        return passive

    def walk(
        self, node: Node, key: Any, parent: Any, ancestors: tuple[Any, ...], skipped: frozenset[int] = frozenset()
    ) -> None:
        """Visit ``node`` and what lies below it."""
        handlers = self._for_kind(node.kind)
        # Only this node's own directives matter to the directive rule: no skip below it.
        idle = self.directive_rule if not getattr(node, "directives", True) else -1
        path: list[Any] = []
        lineage = list(ancestors)  # one list for every handler, as graphql-core's visit passes one
        for index, enter, _leave in handlers:
            if enter is not None and index not in skipped and index != idle:
                result = enter(node, key, parent, path, lineage)
                if result is SKIP or result is False or result is BREAK or result is True:
                    skipped = skipped | {index}
        below = (*ancestors, parent) if parent is not None else ancestors
        for child_key in _SDL_VISITOR_KEYS.get(node.kind, ()):
            value = getattr(node, child_key, None)
            if isinstance(value, tuple):
                in_list = (*below, node)
                for position, child in enumerate(value):
                    if not self._needless(child):
                        self.walk(child, position, value, in_list, skipped)
            elif value is not None and not self._needless(value):
                self.walk(value, child_key, node, below, skipped)
        for index, _enter, leave in handlers:
            if leave is not None and index not in skipped and index != idle:
                leave(node, key, parent, path, lineage)


def validate_tree(user: DocumentNode) -> list[Diagnostic]:
    """What graphql-core's SDL rules, then its check of argument values, report about ``user``
    read together with Amplify's directive definitions."""
    definitions = directive_definitions()
    directives = {d.name.value for d in (*definitions.definitions, *user.definitions)
                  if isinstance(d, DirectiveDefinitionNode)}
    errors = schema_errors(user, definitions, _directive_schema())
    return [_diagnostic_of(rule, error, directives) for rule, error in errors]


def schema_errors(user: DocumentNode, definitions: DocumentNode, schema: GraphQLSchema) -> list[_Reported]:
    """graphql-core's SDL rules over ``user`` read together with ``definitions``, then (only when
    those pass, as in Amplify) the check of directive argument values against ``schema``, which
    :func:`definitions_schema` builds from ``definitions``. Each error with the rule reporting it."""
    full = DocumentNode(definitions=(*definitions.definitions, *user.definitions))
    # Most schemas pass the SDL rules; plainly_valid proves it for most of those at a fraction
    # of the rules' cost, and the rules run (and report) whenever it cannot.
    errors = [] if plainly_valid(user, definitions) else _validate_sdl(full)
    if not errors:
        errors = _validate_arguments(schema, full)
    return errors


def definitions_schema(definitions: DocumentNode) -> GraphQLSchema:
    """The schema that directive argument values are checked against. Only the directive
    definitions matter for that (redefining one of their types is an SDL error already), so it
    is built once per set of definitions."""
    query = parse("type Query { noop: String }", no_location=True)
    return build_ast_schema(DocumentNode(definitions=(*definitions.definitions, *query.definitions)), assume_valid=True)


@lru_cache(maxsize=1)
def _directive_schema() -> GraphQLSchema:
    return definitions_schema(directive_definitions())


def _validate_arguments(schema: GraphQLSchema, document: DocumentNode) -> list[_Reported]:
    errors: list[_Reported] = []
    type_info = TypeInfo(schema)
    rules = [rule(ValidationContext(schema, document, type_info, _reporter(rule, errors))) for rule in _ARGUMENT_RULES]
    parallel = ParallelVisitor(rules)
    visitor = TypeInfoVisitor(type_info, parallel)
    for directive in _directive_uses(document):
        if directive.arguments and not _plainly_valid(schema, directive):
            visit(directive, visitor)
    release_visitors([visitor, parallel, *rules])
    return errors


def arguments_coerce(directive: DirectiveNode) -> bool:
    """True when the check of argument values (against Amplify's directive definitions) has
    nothing to say about ``directive``; False when it may."""
    return not directive.arguments or _plainly_valid(_directive_schema(), directive)


def _plainly_valid(schema: GraphQLSchema, directive: DirectiveNode) -> bool:
    """True when every argument coerces to its type and names no input field its type lacks:
    then the rule has nothing to say (coercion catches everything else it reports), and the
    costly typed visit is skipped."""
    definition = schema.get_directive(directive.name.value)
    if definition is None:
        return False
    for argument in directive.arguments:
        argument_def = definition.args.get(argument.name.value)
        if argument_def is None or not _only_known_fields(argument.value, argument_def.type):
            return False
        if value_from_ast(argument.value, argument_def.type) is Undefined:
            return False
    return True


def _only_known_fields(value: ValueNode, type_: GraphQLInputType) -> bool:
    """No input object in ``value`` has a field its type does not define (coercion ignores
    those). False, too, where ``value`` does not have the shape of ``type_``."""
    nullable = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(nullable, GraphQLList):
        if isinstance(value, ListValueNode):
            return all(_only_known_fields(item, nullable.of_type) for item in value.values)
        return _only_known_fields(value, nullable.of_type)  # a single value coerces to a list
    if isinstance(value, ObjectValueNode):
        if not isinstance(nullable, GraphQLInputObjectType):
            return False
        fields = nullable.fields
        return all(
            field.name.value in fields and _only_known_fields(field.value, fields[field.name.value].type)
            for field in value.fields
        )
    return not isinstance(value, ListValueNode)


def _directive_uses(document: DocumentNode) -> Iterable[DirectiveNode]:
    for definition in document.definitions:
        yield from getattr(definition, "directives", None) or ()
        for member in [*(getattr(definition, "fields", None) or ()), *(getattr(definition, "values", None) or ())]:
            yield from getattr(member, "directives", None) or ()
            for argument in getattr(member, "arguments", None) or ():
                yield from argument.directives or ()


_V1_DIRECTIVES = frozenset({"key", "connection", "versioned"})


def _diagnostic_of(rule: type[ASTValidationRule], error: GraphQLError, directives: set[str]) -> Diagnostic:
    """``error`` with the code of the rule that reported it (directive definitions: ``directives``)."""
    nodes = list(error.nodes or [])
    code = _RULE_CODES.get(rule, "E099")
    directive = nodes[0] if nodes and isinstance(nodes[0], DirectiveNode) else None
    if rule is KnownDirectivesRule and directive is not None:
        if directive.name.value in directives:
            code = "E008"  # a known directive where it may not stand
        elif directive.name.value in _V1_DIRECTIVES:
            code = "E012"  # a transformer v1 schema: say so rather than "unknown"
    if code in ("E010", "E011", "E009") and len(nodes) > 1:
        # Point at the repeated definition; the first one is the related place.
        first, *rest = nodes
        related = (Related(span_of(first), "first defined here"),)
        return Diagnostic(code, error.message, span_of(rest[-1]), related=related)
    span = span_of(nodes[0]) if nodes else Span("<schema>")
    return Diagnostic(code, error.message, span)
