"""Generated schemas that mostly parse (types, fields, arguments, directives, descriptions,
extensions), for what random text rarely reaches: the document built from the spans alone is
the one built from every position, and ``plainly_valid`` only says valid when graphql-core's
SDL rules agree."""

from __future__ import annotations

import pytest
from graphql.language import DocumentNode, Source
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translator.frontends.graphql.build import build_document
from translator.frontends.graphql.plain_sdl import plainly_valid
from translator.frontends.graphql.sdl_parser import Unsupported, parse_sdl
from translator.frontends.graphql.validation import _validate_sdl, directive_definitions

_TYPE_NAMES = st.sampled_from(["A", "B", "Post", "Comment", "E", "I", "U", "S"])
_FIELD_NAMES = st.sampled_from(["id", "a", "b", "title", "posts", "owner", "x", "true"])
_TYPES = st.sampled_from(["ID", "String!", "[B]", "[B!]!", "A", "E", "[[Int]]!", "AWSDateTime", "Nope"])
_DIRECTIVES = st.sampled_from([
    "", " @index", ' @index(name: "i", sortKeyFields: ["a"])', " @hasMany", ' @default(value: "1")',
    " @auth(rules: [{allow: owner, operations: [read]}])", ' @belongsTo(fields: ["a"])', " @deprecated",
    " @model", ' @index(name: "i", name: "j")',
])
_ARGUMENTS = st.sampled_from(["", "(x: Int)", '(x: Int = 1, y: [String!] = ["a"])', '("d" x: E = V @deprecated)',
                              "(x: I = {a: 1, a: 2})"])
_DESCRIPTIONS = st.sampled_from(["", '"d" ', '"""block\n  doc""" '])
_FIELD = st.builds(lambda d, n, a, t, ds: f"  {d}{n}{a}: {t}{ds}\n", _DESCRIPTIONS, _FIELD_NAMES, _ARGUMENTS, _TYPES,
                   st.lists(_DIRECTIVES, max_size=2).map("".join))
_TYPE = st.builds(
    lambda d, kind, n, directives, fields: f"{d}{kind} {n}{directives} {{\n{''.join(fields)}}}\n",
    _DESCRIPTIONS, st.sampled_from(["type", "interface", "input", "extend type"]), _TYPE_NAMES,
    st.sampled_from(["", " @model", " @model @auth(rules: [{allow: public}])", " @model @model"]),
    st.lists(_FIELD, min_size=1, max_size=5),
)
_ENUM = st.builds(lambda d, n, values: f"{d}enum {n} {{ {' '.join(values)} }}\n", _DESCRIPTIONS, _TYPE_NAMES,
                  st.lists(st.sampled_from(["V", "W", "true", "null", '"d" X @deprecated']), min_size=1, max_size=4))
_OTHER = st.sampled_from(["union U = A | B\n", "scalar S\n", "schema { query: A }\n", "extend enum E { Z }\n",
                          "extend union U = Post\n"])
SCHEMAS = st.lists(_TYPE | _ENUM | _OTHER, min_size=1, max_size=6).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(SCHEMAS)
def test_the_spans_build_the_document_every_position_builds(text: str) -> None:
    try:
        every = parse_sdl(Source(text, "schema.graphql"), True)
    except Unsupported:
        return
    spans = parse_sdl(Source(text, "schema.graphql"), "spans")
    try:
        expected = build_document(every)
    except Exception as error:  # noqa: BLE001 - whatever it is, the spans tree must fail alike
        with pytest.raises(type(error)):
            build_document(spans)
        return
    assert build_document(spans) == expected


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(SCHEMAS)
def test_plainly_valid_only_when_the_rules_agree(text: str) -> None:
    try:
        user = parse_sdl(Source(text, "schema.graphql"), False)
    except Unsupported:
        return
    definitions = directive_definitions()
    if plainly_valid(user, definitions):
        assert _validate_sdl(DocumentNode(definitions=(*definitions.definitions, *user.definitions))) == []
