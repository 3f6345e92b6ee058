"""The pruned SDL walk reports exactly what graphql-core's own ``validate_sdl`` reports."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import GOLDEN
from graphql import GraphQLError
from graphql.language import DocumentNode, Source, parse
from graphql.validation.validate import validate_sdl

from translator.frontends.graphql.validation import (
    _directive_schema,
    _validate_arguments,
    _validate_sdl,
    directive_definitions,
)

BROKEN = [
    "type A @model { x: Nope }",
    "type A @frob { x: Int @model }",
    "type A @model @model { x: Int @default(value: \"1\") @default(value: \"2\") }",
    "type A { x: Int x: String }\ntype A { y: Int }",
    "enum E { A A }\nextend enum E { A }",
    "extend type Missing { x: Int }\nextend enum A { B }\ntype A { a: Int }",
    "type A { f(a: Int, a: Int): Int }\ndirective @d(a: Int, a: Int) on FIELD_DEFINITION\ndirective @d on OBJECT",
    "type A @model(queries: {get: \"g\", get: \"h\"}) { x: [B] @hasMany(indexName: \"a\", indexName: \"b\") }",
    "type A { x: [B] @manyToMany }\nschema { query: A query: A }\nschema { query: A }",
    "interface I @model { id: ID! }\nunion U @auth(rules: []) = A\ntype A implements Nope { id: ID! }",
    "type A { x: [[Nope!]]! y(arg: [Missing!], ok: String): Int }",
    "query Q { a }\ntype A { x: String, y: Strin, z: __Type }",
    "type A { x: Int @deprecated @deprecated, y: Int }",
    "input I { a: Int @nope, b: [Zed] = [1] }\nenum E { V @deprecated @deprecated }",
]


def _errors(reported: list[tuple[Any, GraphQLError]]) -> list[GraphQLError]:
    return [error for _rule, error in reported]


def _messages(errors: list[GraphQLError]) -> list[tuple[str, list[tuple[int, int]]]]:
    return [(e.message, [(loc.line, loc.column) for loc in e.locations or []]) for e in errors]


def _documents() -> list[tuple[str, str]]:
    cases = [(path.name, path.read_text()) for path in sorted(GOLDEN.glob("*/*.graphql"))]
    return cases + [(f"broken-{i}", text) for i, text in enumerate(BROKEN)]


@pytest.mark.parametrize(("name", "text"), _documents(), ids=[n for n, _ in _documents()])
def test_same_errors_as_graphql_core(name: str, text: str) -> None:
    try:
        user = parse(Source(text, name))
    except GraphQLError:
        pytest.skip("not parseable")
    full = DocumentNode(definitions=(*directive_definitions().definitions, *user.definitions))
    assert _messages(_errors(_validate_sdl(full))) == _messages(validate_sdl(full))


def test_broken_documents_do_report_errors() -> None:
    for text in BROKEN:
        user = parse(text)
        full = DocumentNode(definitions=(*directive_definitions().definitions, *user.definitions))
        assert _validate_sdl(full), text


BAD_ARGUMENTS = [
    'type A @model { k: String! @primaryKey(sortKeyFields: 3) }',
    'type A @model { k: String @index(name: 1, sortKeyFields: ["a", 2]) }',
    'type A @model { bs: [B] @hasMany(limit: "x", fields: [["id"]]) }\ntype B @model { id: ID! }',
    'type A @model { n: Int @default(value: null) }',
    'type A @model(timestamps: {createdAt: 1, nope: "x"}) { id: ID! }',
    'type A @model @auth(rules: [{allow: everyone}, {allow: owner, operations: [read, fly]}]) { id: ID! }',
    'type A @model { bs: [B] @manyToMany(relationName: ["R"]) }',
    'type A @model @auth(rules: [{allow: owner, nope: 1}]) { id: ID! }',
    'type A @model @auth(rules: {allow: public, extra: true}) { id: ID! }',
    'type A @model(queries: [{get: "x"}]) { id: ID! }',
    'type A @model(timestamps: "x") { id: ID! }',
    'type A @model @auth(rules: [{allow: groups, groups: [{a: 1}]}]) { id: ID! }',
    'type A @model @auth(rules: [{allow: groups, groups: [["Admin"]]}]) { id: ID! }',
    'type A @model(subscriptions: {level: on, onCreate: [{x: 1}]}) { id: ID! }',
    'type A @model { x: Int @index(name: "ok", queryField: "q") @default(value: "1") }',
]

# Valid arguments the fast path must pass without a visit, and the visit agrees.
GOOD_ARGUMENTS = [
    'type A @model @auth(rules: [{allow: owner, ownerField: "o", operations: [read, update]}]) { id: ID! }',
    'type A @model @auth(rules: {allow: public}) { id: ID! }',
    'type A @model(timestamps: {createdAt: "made"}, queries: null) { id: ID! }',
    'type A @model @auth(rules: [{allow: groups, groups: "Admin"}, {allow: private, provider: iam}]) { id: ID! }',
]


def _full_visit(full: DocumentNode) -> list[GraphQLError]:
    """What graphql-core's ValuesOfCorrectTypeRule reports visiting the whole document."""
    from graphql.language.visitor import visit
    from graphql.utilities import TypeInfo, TypeInfoVisitor
    from graphql.validation import ValidationContext
    from graphql.validation.rules.values_of_correct_type import ValuesOfCorrectTypeRule

    schema = _directive_schema()
    errors: list[GraphQLError] = []
    type_info = TypeInfo(schema)
    visit(full, TypeInfoVisitor(type_info, ValuesOfCorrectTypeRule(ValidationContext(schema, full, type_info,
                                                                                     errors.append))))
    return errors


@pytest.mark.parametrize("text", BAD_ARGUMENTS)
def test_argument_checks_equal_a_full_visit(text: str) -> None:
    full = DocumentNode(definitions=(*directive_definitions().definitions, *parse(text).definitions))
    expected = _full_visit(full)
    assert bool(expected) == (text != BAD_ARGUMENTS[-1])  # the last one is valid
    assert _messages(_errors(_validate_arguments(_directive_schema(), full))) == _messages(expected)


def _argument_cases() -> list[tuple[str, str]]:
    goldens = [(path.name, path.read_text()) for path in sorted(GOLDEN.glob("*/*.graphql"))]
    return goldens + [(f"good-{i}", text) for i, text in enumerate(GOOD_ARGUMENTS)]


@pytest.mark.parametrize(("name", "text"), _argument_cases(), ids=[n for n, _ in _argument_cases()])
def test_argument_fast_path_agrees_with_a_full_visit(name: str, text: str) -> None:
    try:
        user = parse(Source(text, name))
    except GraphQLError:
        pytest.skip("not parseable")
    full = DocumentNode(definitions=(*directive_definitions().definitions, *user.definitions))
    if _validate_sdl(full):
        pytest.skip("arguments are only checked in a sound schema")
    expected = _full_visit(full)
    assert _messages(_errors(_validate_arguments(_directive_schema(), full))) == _messages(expected)
    if name.startswith("good-"):
        assert not expected
