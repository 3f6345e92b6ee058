"""``plainly_valid`` only says a schema is valid when graphql-core's SDL rules find nothing in it,
and says so for most valid schemas (else it would save nothing)."""

from __future__ import annotations

import pytest
from conftest import CORPUS, EXAMPLES, GOLDEN
from graphql import GraphQLSyntaxError
from graphql.language import DocumentNode, Source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translator.frontends.graphql.parser import AmplifyParser
from translator.frontends.graphql.plain_sdl import plainly_valid
from translator.frontends.graphql.validation import _validate_sdl, directive_definitions


def _verdicts(text: str) -> tuple[bool, bool] | None:
    """(plainly valid, the rules find nothing), or None when the text does not parse."""
    try:
        user = AmplifyParser(Source(text), no_location=True).parse_document()
    except (GraphQLSyntaxError, RecursionError):
        return None
    definitions = directive_definitions()
    errors = _validate_sdl(DocumentNode(definitions=(*definitions.definitions, *user.definitions)))
    return plainly_valid(user, definitions), not errors


def _sound(text: str) -> bool:
    """Whether the check called ``text`` plainly valid (asserting the rules agree when it did)."""
    verdicts = _verdicts(text)
    if verdicts is None:
        return False
    plain, valid = verdicts
    assert valid or not plain, text
    return plain


def test_every_known_valid_schema_in_plain_shape_is_plainly_valid() -> None:
    paths = [*GOLDEN.glob("**/*.graphql"), *EXAMPLES.glob("*.graphql")]
    if CORPUS.is_dir():
        paths += CORPUS.glob("*/*.graphql")
    plain = valid = 0
    for path in sorted(paths):
        verdicts = _verdicts(path.read_text(encoding="utf-8"))
        if verdicts is None:
            continue
        assert verdicts[1] or not verdicts[0], path
        plain += verdicts[0]
        valid += verdicts[1]
    # The rest have extensions or schema definitions, which the check leaves to the rules.
    assert plain > 0.9 * valid > 250


# One schema per rule the check stands in for, each breaking only that rule.
BREAKS_ONE_RULE = [
    "type A { a: Int } type A { b: Int }",  # UniqueTypeNames
    "input AuthRule { a: Int } type A { a: Int }",  # UniqueTypeNames, with a definition's type
    "enum E { X Y X }",  # UniqueEnumValueNames
    "type A { a: Int b: Int a: String }",  # UniqueFieldDefinitionNames
    "input I { a: Int a: Int }",  # UniqueFieldDefinitionNames (input)
    "type A { f(x: Int, x: Int): Int }",  # UniqueArgumentDefinitionNames
    "type A { a: Nope }",  # KnownTypeNames
    "type A { f(x: Nope): Int }",  # KnownTypeNames (argument)
    "type A implements Nope { a: Int }",  # KnownTypeNames (interface)
    "union U = A | Nope type A { a: Int }",  # KnownTypeNames (member)
    "input I { a: [[Nope!]] }",  # KnownTypeNames (wrapped)
    "type A @nope { a: Int }",  # KnownDirectives (unknown)
    "type A { a: Int @model }",  # KnownDirectives (wrong place)
    "enum E @model { X }",  # KnownDirectives (wrong place)
    "enum E { X @model }",  # KnownDirectives (enum value)
    "input I { a: Int @hasMany }",  # KnownDirectives (input field)
    "type A { f(x: Int @hasMany): Int }",  # KnownDirectives (argument)
    "scalar S @model",  # KnownDirectives (scalar)
    "type A @model @model { a: Int }",  # UniqueDirectivesPerLocation
    "type A { a: Int @default(value: \"1\") @default(value: \"2\") }",  # UniqueDirectivesPerLocation
    "type A { a: Int @deprecated @deprecated }",  # UniqueDirectivesPerLocation (a specified directive)
    "type A @model(nope: true) { a: Int }",  # KnownArgumentNamesOnDirectives
    "type A { a: [A] @hasMany(indexName: \"x\", indexName: \"y\") }",  # UniqueArgumentNames
    "type A @model(queries: {get: \"g\", get: \"h\"}) { a: Int }",  # UniqueInputFieldNames
    "type A @auth(rules: [{allow: public, allow: owner}]) { a: Int }",  # UniqueInputFieldNames (in a list)
    "input I { a: I = {b: 1, b: 2} }",  # UniqueInputFieldNames (default value)
    "type A { a: Int @default }",  # ProvidedRequiredArgumentsOnDirectives
    "type A { f: Int @function }",  # ProvidedRequiredArgumentsOnDirectives
]

# What the check leaves to the rules even when they find nothing.
LEFT_TO_THE_RULES = [
    "type A { a: Int } extend type A { b: Int }",
    "schema { query: A } type A { a: Int }",
    "directive @mine on OBJECT type A @mine { a: Int }",
]


@pytest.mark.parametrize("text", BREAKS_ONE_RULE)
def test_a_schema_breaking_one_rule_is_not_plainly_valid(text: str) -> None:
    assert _verdicts(text) == (False, False)


@pytest.mark.parametrize("text", LEFT_TO_THE_RULES)
def test_other_shapes_are_left_to_the_rules(text: str) -> None:
    assert _verdicts(text) == (False, True)


def test_plain_schemas_using_every_kind_of_definition_are_plainly_valid() -> None:
    text = (
        'type A @model @auth(rules: [{allow: public}]) { id: ID! b: [B] @hasMany(indexName: "byA") '
        'f(x: Int = 1, y: I): String @function(name: "f") @function(name: "g") @deprecated }\n'
        'type B @model { id: ID! aID: ID @index(name: "byA", sortKeyFields: ["id"]) @index(name: "other") }\n'
        "interface N implements M { n: Int } interface M { n: Int }\n"
        'input I @oneOf { a: Int = 1, b: [I] = [{a: 2}] }\n'
        "enum E { X @deprecated Y true null }\n"
        'scalar S @specifiedBy(url: "u")\n'
        "union U = A | B\n"
    )
    assert _verdicts(text) == (True, True)


PIECES = st.sampled_from(
    ["type A", "type B", "input I", "enum E", "interface N", "union U = A", "scalar S", " implements N",
     " @model", " @auth(rules: [{allow: public}])", " @deprecated", " @index", ' @index(name: "x")',
     " @default", ' @default(value: "1")', " @hasMany", " @function", ' @function(name: "f")', " @nope",
     "{", "}", " a: Int", " a: String", " b: [B!]!", " c: Nope", " e: E", " X", " Y", "(x: Int = 1)",
     "(x: Int, x: Int)", "(x: I = {a: 1, a: 2})", " @model(queries: {get: \"g\", get: \"h\"})",
     " @model(nope: 1)", "\n", " | B", " = B"]
)


@settings(max_examples=500, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join))
def test_generated_schemas_are_plainly_valid_only_when_the_rules_agree(text: str) -> None:
    _sound(text)
