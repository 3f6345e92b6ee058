"""Robustness: whatever text it is given, ``compile_source`` returns a generic schema or raises
``CompilationError`` with proper diagnostics; never another exception.

Deterministic (``derandomize=True``, no example database) so CI sees the same examples every run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, GOLDEN, GOLDEN_SETS, schema_files
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import translator
from translator.core.codes import CODES
from translator.emit.generic import to_json

FUZZ_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)

TOP_LEVEL = {"models", "nonModels", "enums", "dataSourceType"}


def check_outcome(text: str) -> None:
    """The contract: a dict, or CompilationError with at least one well-formed diagnostic."""
    try:
        result = translator.compile_source(text)
    except translator.CompilationError as error:
        assert error.diagnostics, "CompilationError without diagnostics"
        event(f"rejected {error.diagnostics[0].code}")  # shown by --hypothesis-show-statistics
        for diagnostic in error.diagnostics:
            assert re.fullmatch(r"[EW]\d{3}", diagnostic.code), diagnostic.code
            assert diagnostic.code in CODES, f"undocumented diagnostic code {diagnostic.code}"
            assert diagnostic.message
            assert isinstance(diagnostic.render(), str)
        return
    assert isinstance(result, dict), type(result)
    event("accepted")
    assert set(result) == TOP_LEVEL, sorted(result)
    assert isinstance(to_json(result), str)


# -- (a) random text ----------------------------------------------------------------------------

GRAPHQL_ALPHABET = st.sampled_from(
    [*"abcXYZ_019 \t\n\r{}[]()!:@=,.|&#\"'$\\-+", "\u00e9", "\ufeff", "\u2028", "\x00", "\U0001f600"]
)

TOKENS = [
    "@hasMany",
    '@hasMany(indexName: "byX", fields: ["id"])',
    '@hasMany(references: ["xId"])',
    "@hasOne",
    '@hasOne(fields: ["x"])',
    "@belongsTo",
    '@belongsTo(fields: ["x"])',
    '@belongsTo(references: ["xId"])',
    "@primaryKey",
    '@primaryKey(sortKeyFields: ["x"])',
    '@index(name: "a")',
    '@index(name: "a", sortKeyFields: ["b"], queryField: "q")',
    '@manyToMany(relationName: "R")',
    '@default(value: "1")',
    "@auth(rules: [{allow: public}])",
    "@auth(rules: [{allow: owner}])",
    "@model",
    "@searchable",
    '@key(fields: ["id"])',
    "@connection",
    "@aws_iam",
    "@deprecated",
    "!",
    "[",
    "]",
    "{",
    "}",
    "(",
    ")",
    ":",
    ",",
    '"',
    '"""',
    "#",
    "\n",
    "id: ID!",
    "x: X",
    "xId: ID",
    "_version: Int",
    "createdAt: AWSDateTime",
    "name: String!",
    "items: [X]",
    "[ID!]!",
    "Int",
    "Boolean!",
    "type X @model {",
    "type Y @model { id: ID! }",
    "type X {",
    "type Query { q: String }",
    "extend type X { y: Int }",
    "enum E { A B }",
    "scalar S",
    "input I { a: Int }",
    "interface I { a: Int }",
    "union U = X | Y",
    "schema { query: Query }",
    "input AMPLIFY { globalAuthRule: AuthRule = { allow: public } }",
    "directive @foo on FIELD_DEFINITION",
]

token_soup = st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join)


@FUZZ_SETTINGS
@given(
    st.one_of(
        st.text(max_size=300),
        st.text(GRAPHQL_ALPHABET, max_size=300),
        token_soup,
        st.lists(st.one_of(st.sampled_from(TOKENS), st.text(GRAPHQL_ALPHABET, max_size=5)), max_size=60).map("".join),
    )
)
def test_random_text(text: str) -> None:
    check_outcome(text)


# -- (b) mutated valid schemas ------------------------------------------------------------------

FALLBACK_SEED = """
enum Status { ON OFF }
type Blog @model @auth(rules: [{allow: public}]) {
  id: ID!
  name: String!
  status: Status
  posts: [Post] @hasMany
}
type Post @model @auth(rules: [{allow: public}]) {
  id: ID!
  title: String! @index(name: "byTitle")
  blog: Blog @belongsTo
  tags: [Tag] @manyToMany(relationName: "PostTags")
}
type Tag @model @auth(rules: [{allow: public}]) {
  id: ID!
  label: String!
  posts: [Post] @manyToMany(relationName: "PostTags")
}
type Address { street: String city: String }
"""


def _seed_texts() -> list[str]:
    paths: list[Path] = []
    for folder, _flags in GOLDEN_SETS:
        paths.extend(schema_files(GOLDEN / folder))
    paths.extend(schema_files(EXAMPLES))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    return texts or [FALLBACK_SEED]


SEEDS = _seed_texts()

# Replacement words for "replace_word": names that exist in many seeds, scalars and wrappers, so
# that the mutant usually still parses and exercises the semantic checks instead.
WORDS = [
    "ID",
    "ID!",
    "String",
    "String!",
    "Int",
    "Boolean",
    "AWSJSON",
    "[String]",
    "[ID!]!",
    "Post",
    "[Post]",
    "Blog",
    "Comment",
    "Tag",
    "Status",
    "Address",
    "id",
    "name",
    "title",
    "blogID",
    "@model",
    "@hasMany",
    "@hasOne",
    "@belongsTo",
    "@primaryKey",
    "@index",
    "@manyToMany",
    "@default",
    "input",
    "enum",
    "interface",
    "extend type",
]
FIELD_LINES = [
    "  extra: String",
    "  id: ID!",
    "  id: ID",
    "  owner: String @auth(rules: [{allow: owner}])",
    "  posts: [Post] @hasMany",
    "  blog: Blog @belongsTo",
    '  blogID: ID! @index(name: "byBlog")',
    "  post: Post @hasOne",
    '  tags: [Tag] @manyToMany(relationName: "PostTags")',
    '  key: String! @primaryKey(sortKeyFields: ["id"])',
    '  status: Status @default(value: "NOPE")',
    "  _version: Int",
    "  createdAt: AWSDateTime",
    '  items: [Item] @hasMany(indexName: "byX", fields: ["id"])',
    '  ref: Post @belongsTo(references: ["refId"])',
]
WORD_RE = re.compile(r"@?[A-Za-z_][A-Za-z0-9_]*")

position = st.integers(min_value=0, max_value=1 << 20)
mutation = st.one_of(
    st.tuples(st.just("delete_line"), position),
    st.tuples(st.just("duplicate_line"), position),
    st.tuples(st.just("swap_lines"), position, position),
    st.tuples(st.just("delete_chars"), position, st.integers(min_value=1, max_value=8)),
    st.tuples(st.just("insert_token"), position, st.sampled_from(TOKENS)),
    st.tuples(st.just("insert_line"), position, st.sampled_from(FIELD_LINES)),
    st.tuples(st.just("replace_word"), position, st.sampled_from(WORDS)),
)


def apply_mutation(text: str, op: tuple[Any, ...]) -> str:
    kind = op[0]
    if kind in ("delete_line", "duplicate_line", "swap_lines", "insert_line"):
        lines = text.split("\n")
        i = op[1] % len(lines)
        if kind == "delete_line":
            del lines[i]
        elif kind == "duplicate_line":
            lines.insert(i, lines[i])
        elif kind == "insert_line":
            lines.insert(i, str(op[2]))
        else:
            j = op[2] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)
    if kind == "delete_chars":
        if not text:
            return text
        i = op[1] % len(text)
        return text[:i] + text[i + op[2] :]
    if kind == "replace_word":
        words = list(WORD_RE.finditer(text))
        if not words:
            return text
        word = words[op[1] % len(words)]
        return text[: word.start()] + str(op[2]) + text[word.end() :]
    i = op[1] % (len(text) + 1)
    return text[:i] + str(op[2]) + text[i:]


@st.composite
def mutated_schema(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SEEDS))
    for op in draw(st.lists(mutation, min_size=1, max_size=6)):
        text = apply_mutation(text, op)
    return text


@FUZZ_SETTINGS
@given(mutated_schema())
def test_mutated_schemas(text: str) -> None:
    check_outcome(text)


@pytest.mark.parametrize(
    "op, expected",
    [
        (("delete_line", 1), "a\nc"),
        (("duplicate_line", 4), "a\nb\nb\nc"),
        (("swap_lines", 0, 2), "c\nb\na"),
        (("delete_chars", 2, 2), "a\nc"),
        (("insert_token", 1, "!"), "a!\nb\nc"),
        (("insert_line", 1, "x"), "a\nx\nb\nc"),
        (("replace_word", 4, "@d"), "a\n@d\nc"),
    ],
)
def test_mutations_do_what_they_say(op: tuple[Any, ...], expected: str) -> None:
    assert apply_mutation("a\nb\nc", op) == expected
