"""``check`` on transformer v1 schemas: each v1 directive (E012) says what it becomes in v2, as
Amplify's migrator writes it, and whether ``amplify-translate migrate`` can do it; a schema that
mixes v1 and v2 directives gets E133 saying which directive is which."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, requires_corpus
from migrate.cases_io import CASES

from translator.check import check_schema
from translator.core.document import SchemaSource
from translator.frontends.graphql.migrate import migrate_sources

V1 = """\
type Blog @model {
  id: ID!
  posts: [Post] @connection(keyName: "byBlog", fields: ["id"])
}

type Post @model @key(name: "byBlog", fields: ["blogId", "title"]) {
  id: ID!
  blogId: ID!
  title: String!
  blog: Blog @connection(fields: ["blogId"])
}
"""
PREVIEW = re.compile(r"in v2: `(?P<preview>[^`]+)`")


def test_each_v1_directive_gets_its_v2_form(tmp_path: Path) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text(V1, encoding="utf-8")
    diagnostics = check_schema([schema])
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("E012", 3, 17), ("E012", 6, 18), ("E012", 10, 14)]
    [migrated] = migrate_sources([SchemaSource(str(schema), V1)], "apiKey")
    for diagnostic in diagnostics:
        assert diagnostic.message.endswith("run `amplify-translate migrate` to rewrite the schema (comments and "
                                           "layout kept)"), diagnostic.message
        match = PREVIEW.search(diagnostic.message)
        assert match is not None, diagnostic.message
        # The preview is what the migration writes: a line of the migrated schema ends with it.
        assert any(line.strip().endswith(match["preview"].split(": ", 1)[-1]) for line in migrated.text.splitlines())
    assert "`blogId: ID! @index(name: \"byBlog\", sortKeyFields: [\"title\"])`" in diagnostics[1].message
    assert "`@belongsTo(fields: [\"blogId\"])`" in diagnostics[2].message


def test_mixed_schema_says_which_is_which() -> None:
    diagnostics = check_schema([CASES / "075_refuse_mixed_v1_v2.graphql"])
    assert [d.code for d in diagnostics] == ["E012", "E133"]
    v1, mixed = diagnostics
    assert "`id: ID! @primaryKey`" in v1.message and "rewrite it by hand" in v1.message
    assert (mixed.line, mixed.column) == (5, 17)
    assert "mixes transformer v1 directives (@key) with transformer v2 directives (@hasMany)" in mixed.message
    assert [(r.span.line, r.message) for r in mixed.related] == [(2, "v1: @key"), (5, "v2: @hasMany")]


@pytest.mark.parametrize(("case", "says"), [
    ("070_refuse_connection_name", "cannot rewrite: @connection(name: ...) is the deprecated parameterization"),
    ("078_refuse_key_field_missing", "cannot rewrite: Post has no field 'slug'"),
    ("011_key_on_extension_stays", "leaves as it is here"),
    ("076_refuse_unknown_directive", "@versioned is a transformer v1 directive with no v2 form"),
])
def test_what_the_migration_cannot_do_is_said(case: str, says: str) -> None:
    diagnostics = [d for d in check_schema([CASES / f"{case}.graphql"]) if d.code == "E012"]
    assert diagnostics and all(says in d.message for d in diagnostics), diagnostics


def test_refused_elsewhere_keeps_the_preview(tmp_path: Path) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text(V1 + "type Tag @model @auth(rules: [{allow: owner, queries: [get]}]) {\n  id: ID!\n}\n",
                      encoding="utf-8")
    diagnostics = check_schema([schema])
    assert {d.code for d in diagnostics} == {"E012"}
    assert all("in v2: `" in d.message and "refuses this schema as it is" in d.message and "E132" not in d.message
               and "queries cannot be migrated" in d.message for d in diagnostics), diagnostics


@requires_corpus
@pytest.mark.parametrize("schema", sorted((CORPUS / "v1").glob("*.graphql")), ids=lambda p: p.stem)
def test_corpus_v1_directives_are_explained(schema: Path) -> None:
    uses = len(re.findall(r"@(?:key|connection|versioned)\b", re.sub(r"#[^\n]*", "", schema.read_text("utf-8"))))
    diagnostics = check_schema([schema])
    explained = [d for d in diagnostics if d.code == "E012"]
    assert len(explained) == uses
    assert not any("Unknown directive" in d.message for d in diagnostics)
