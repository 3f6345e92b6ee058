"""The plain reader (:mod:`sdl_document`) reads a schema into exactly the document the tree path
builds from it, positions included, only when the tree path accepts it; it leaves everything
else to the tree path; and it takes most schemas (else it would save nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLES, GOLDEN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_generated_schemas import SCHEMAS
from test_plain_sdl import BREAKS_ONE_RULE, LEFT_TO_THE_RULES, PIECES

from translator.core.diagnostics import CompilationError
from translator.core.document import SchemaDocument, SchemaSource
from translator.frontends.graphql import _parse_schema, parse_schema
from translator.frontends.graphql.sdl_document import read_plain_document
from translator.frontends.graphql.sdl_tokens import Unsupported

PLACEMENTS = ("none", "spans")


def _tree_document(sources: list[SchemaSource], placement: str) -> SchemaDocument | None:
    """What the tree path builds (with every node placed, for "spans"), or None when it reports
    a problem."""
    try:
        return _parse_schema(sources, "all" if placement == "spans" else "none")  # type: ignore[arg-type]
    except (CompilationError, RecursionError):
        return None


def _agrees(sources: list[SchemaSource], placement: str) -> bool:
    """Whether the plain reader took ``sources``; when it did, asserts the tree path builds the
    same document. ``repr`` compares more strictly than ``==``: dict order, True against 1."""
    try:
        plain = read_plain_document(sources, placement)  # type: ignore[arg-type]
    except Unsupported:
        return False
    expected = _tree_document(sources, placement)
    assert expected is not None, f"the plain reader took what the tree path refuses: {sources}"
    assert repr(plain) == repr(expected)
    return True


def _schemas() -> list[Path]:
    paths = [*GOLDEN.glob("**/*.graphql"), *EXAMPLES.glob("*.graphql")]
    if CORPUS.is_dir():
        paths += CORPUS.glob("*/*.graphql")
    return sorted(paths)


@pytest.mark.parametrize("placement", PLACEMENTS)
def test_every_known_schema_it_takes_reads_as_the_tree_path_builds_it(placement: str) -> None:
    taken = valid = 0
    for path in _schemas():
        sources = [SchemaSource(str(path), path.read_text(encoding="utf-8"))]
        taken += _agrees(sources, placement)
        valid += _tree_document(sources, placement) is not None
    # The rest have extensions, schema definitions or custom directives: the tree path reads them.
    assert taken > 0.85 * valid > 200, (taken, valid)


def test_files_of_one_schema_read_together() -> None:
    sources = [
        SchemaSource("a.graphql", 'type Post @model { id: ID! comments: [Comment] @hasMany(indexName: "byPost") }\n'),
        SchemaSource("empty.graphql", "# only a comment\n"),
        SchemaSource("b.graphql", '"""doc"""\ntype Comment @model {\n  postID: ID @index(name: "byPost")\n}\n'),
    ]
    for placement in PLACEMENTS:
        assert _agrees(sources, placement)
    spans = read_plain_document(sources, "spans")
    assert [str(f.span) for t in spans.types for f in t.fields] == ["a.graphql:1:20", "a.graphql:1:28",
                                                                    "b.graphql:3:3"]
    # A name defined in two files, or a type only another file defines, is the tree path's.
    with pytest.raises(Unsupported):
        read_plain_document([*sources, SchemaSource("c.graphql", "type Post { a: Int }")], "none")
    with pytest.raises(Unsupported):
        read_plain_document(sources[:1], "none")


def test_a_stray_file_of_a_schema_folder_is_left_to_the_tree_path() -> None:
    with pytest.raises(Unsupported):
        read_plain_document([SchemaSource("s.graphql", "type A { a: Int }"),
                             SchemaSource("notes.graphql", "type B { b: Int }", part_of_schema=False)], "none")


@pytest.mark.parametrize("text", BREAKS_ONE_RULE)
def test_what_breaks_a_rule_is_left_to_the_tree_path_which_reports_it(text: str) -> None:
    sources = [SchemaSource("schema.graphql", text)]
    with pytest.raises(Unsupported):
        read_plain_document(sources, "none")
    with pytest.raises(CompilationError):
        parse_schema(sources, positions=False)


# Valid for the tree path, and not for the plain reader to decide.
LEFT_TO_THE_TREE = [
    *LEFT_TO_THE_RULES,
    "input AMPLIFY { globalAuthRule: AuthRule = { allow: public } } type A @model { a: Int }",  # the sandbox rule
    "type __Hidden { a: Int } type A { h: __Hidden }",  # reserved names, which change the type order
    "scalar AWSDate type A { a: AWSDate }",  # a redefinition of a type Amplify defines
    "query Q { a }",  # an operation
]

# Refused by the argument check, which only looks at values.
WRONG_VALUES = [
    'type A @model @auth(rules: [{allow: "public"}]) { a: Int }',  # a string for an enum
    "type A @model { a: Int @index(name: 1) }",  # a number for a string
    "type A @model(timestamps: {createdAt: true}) { a: Int }",  # a boolean for a string
    "type A @model @auth(rules: [{allow: public, nope: 1}]) { a: Int }",  # a field the input lacks
    "type A @model @auth(rules: [{allow: nope}]) { a: Int }",  # not a value of the enum
    "type A @model @auth(rules: [{provider: iam}]) { a: Int }",  # a required field missing
    "type A { a: Int @default(value: null) }",  # null for a required argument
    "type A @model(subscriptions: {level: public}) @searchable { a: Int @function(name: 2147483648) }",  # Int range
]


@pytest.mark.parametrize("text", LEFT_TO_THE_TREE)
def test_other_shapes_are_left_to_the_tree_path(text: str) -> None:
    with pytest.raises(Unsupported):
        read_plain_document([SchemaSource("schema.graphql", text)], "none")


@pytest.mark.parametrize("text", WRONG_VALUES)
def test_wrong_directive_values_are_left_to_the_tree_path_which_reports_them(text: str) -> None:
    sources = [SchemaSource("schema.graphql", text)]
    with pytest.raises(Unsupported):
        read_plain_document(sources, "none")
    with pytest.raises(CompilationError) as caught:
        parse_schema(sources, positions=False)
    assert {d.code for d in caught.value.diagnostics} <= {"E006", "E007"}


def test_a_verdict_on_directives_holds_for_any_strings_and_nothing_else() -> None:
    # The same tokens but for a string: one verdict, each use with its own values.
    text = ('type A @model { a: Int @index(name: "x", queryField: "qa") b: Int @index(name: "y", queryField: "qb") }\n'
            "enum E { X Y }\n")
    document = read_plain_document([SchemaSource("s.graphql", text)], "none")
    model = document.types[0]
    assert [(f.directives[0].value("name"), f.directives[0].value("queryField")) for f in model.fields] == [
        ("x", "qa"), ("y", "qb")]
    # The same shape with an enum value where a string was: not the same tokens, not the same verdict.
    text = 'type A @model { a: Int @index(name: "x") b: Int @index(name: X) }\n'
    with pytest.raises(Unsupported):
        read_plain_document([SchemaSource("s.graphql", text)], "none")
    # One location's verdict is not another's.
    text = 'type A @model { a: Int @deprecated(reason: "r") }\ninput I @deprecated(reason: "r") { a: Int }\n'
    with pytest.raises(Unsupported):
        read_plain_document([SchemaSource("s.graphql", text)], "none")


def test_values_keep_their_kinds_and_order() -> None:
    text = ('type A @model(queries: {list: "l", get: null}, timestamps: {updatedAt: "u", createdAt: "c"})'
            ' { a: Float @default(value: """block""") b: [[Int!]!] @function(name: "f") @function(name: "g") }\n')
    for placement in PLACEMENTS:
        assert _agrees([SchemaSource("s.graphql", text)], placement)
    model = read_plain_document([SchemaSource("s.graphql", text)], "none").types[0]
    assert list(model.directives[0].value("timestamps")) == ["updatedAt", "createdAt"]  # type: ignore[arg-type]
    reference = model.fields[1].type
    assert (reference.list_depth, reference.item_required, reference.list_required) == (2, True, False)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(SCHEMAS, st.sampled_from(PLACEMENTS))
def test_generated_schemas_read_as_the_tree_path_builds_them(text: str, placement: str) -> None:
    _agrees([SchemaSource("schema.graphql", text)], placement)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(st.lists(PIECES, min_size=1, max_size=30).map("".join))
def test_generated_pieces_read_as_the_tree_path_builds_them(text: str) -> None:
    _agrees([SchemaSource("schema.graphql", text)], "spans")


# Plain schemas, mostly valid: unique names, known types, directives as Amplify defines them,
# with a few wrong values, written with descriptions, commas, comments and odd spacing.
_SPACE = st.sampled_from([" ", "\n", ", ", " # note\n", "\t", "\r\n"])
_FIELD_TYPES = st.sampled_from(["ID", "ID!", "String", "[String!]", "[[Int]!]!", "E", "E!", "A", "[B]", "AWSJSON",
                                "Float!", "I", "U", "N"])
_FIELD_DIRECTIVES = st.sampled_from([
    "", '@index(name: "byX")', '@index(name: "by", sortKeyFields: ["a", "b"], queryField: "q")', "@hasMany",
    '@hasMany(indexName: "i", fields: ["id"])', "@belongsTo", '@default(value: "x")', "@default(value: 1)",
    '@auth(rules: [{allow: owner, ownerField: "o", operations: [read, update]}])', "@auth(rules: [{allow: nope}])",
    '@function(name: "f") @function(name: "g")', '@deprecated(reason: """old""")', "@aws_iam @aws_api_key",
    '@index(name: "x", name: "y")', "@hasOne @hasOne", "@primaryKey(sortKeyFields: [])",
])
_TYPE_DIRECTIVES = st.sampled_from([
    "", "@model", "@model @auth(rules: [{allow: public}])", '@model(queries: {get: "g", list: null})',
    "@model(timestamps: null) @aws_iam", "@model(subscriptions: {level: off})", '@auth(rules: [{allow: "public"}])',
    "@searchable", "@model(queries: {get: 1})",
])


@st.composite
def _plain_schemas(draw: st.DrawFn) -> str:
    space = draw(_SPACE)
    parts = ['enum E { X, Y "d" true }', "scalar S @specifiedBy(url: \"u\")", "union U = | A | B",
             'interface N { n: Int }', 'input I { a: Int = 1 "doc" b: [I] = [{a: 2}] c: E = X @deprecated }']
    for name in draw(st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=1, max_size=4, unique=True)):
        fields = draw(st.lists(st.sampled_from(["id", "a", "b", "c", "title", "n", "f(x: Int = 1, y: I)"]),
                               min_size=1, max_size=6, unique=True))
        described = ['"f" ' if draw(st.booleans()) else "" for _ in fields]
        body = space.join(f"{d}{f}: {draw(_FIELD_TYPES)} {draw(_FIELD_DIRECTIVES)}"
                          for d, f in zip(described, fields, strict=True))
        implements = " implements N" if "n" in fields and draw(st.booleans()) else ""
        parts.append(f"type {name}{implements} {draw(_TYPE_DIRECTIVES)} {{{space}{body}{space}}}")
    if "type B" not in "".join(parts):
        parts.append("type B { b: Int }")
    if "type A" not in "".join(parts):
        parts.append('"""A"""\ntype A')
    draw(st.randoms()).shuffle(parts)
    return "\n".join(parts) + "\n"


@settings(max_examples=400, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(_plain_schemas(), st.sampled_from(PLACEMENTS))
def test_generated_plain_schemas_read_as_the_tree_path_builds_them(text: str, placement: str) -> None:
    _agrees([SchemaSource("schema.graphql", text)], placement)


def test_without_positions_equal_plain_fields_are_one_object() -> None:
    """Memory: without positions a field with neither arguments nor directives is shared by
    every type that has the same field; anything else, and every field with positions, is its own."""
    text = ("type A @model { id: ID! title: String tags: [String] n(x: Int): Int }\n"
            "type B @model { id: ID! title: String tags: [String] n(x: Int): Int title2: String @auth(rules: []) }\n")
    sources = [SchemaSource("s.graphql", text)]
    a, b = read_plain_document(sources, "none").types
    assert a.fields[0] is b.fields[0] and a.fields[1] is b.fields[1]
    assert a.fields[2] == b.fields[2] and a.fields[3] == b.fields[3]
    assert a.fields[3] is not b.fields[3]  # arguments: not shared
    located_a, located_b = read_plain_document(sources, "spans").types
    assert located_a.fields[0] is not located_b.fields[0]
