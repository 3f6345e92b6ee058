"""What a change does to stored data and existing clients, to tables that Amplify's check lets
through, and how Gen 2 schemas are compared (no Gen 1 push check)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translator.core.settings import Settings
from translator.evolve import diff_paths
from translator.project.sources import project_settings

BASE = """\
enum Status { DRAFT PUBLISHED ARCHIVED }
type Blog @model { id: ID! name: String! posts: [Post] @hasMany }
type Post @model {
  id: ID!
  title: String!
  views: Int
  summary: String
  status: Status
}
"""


def _diff(tmp_path: Path, old: str, new: str, **options: object) -> list[tuple[str, str, int]]:
    (tmp_path / "old.graphql").write_text(old, encoding="utf-8")
    (tmp_path / "new.graphql").write_text(new, encoding="utf-8")
    result = diff_paths(tmp_path / "old.graphql", tmp_path / "new.graphql", **options)  # type: ignore[arg-type]
    return [(d.code, Path(d.path).name, d.line) for d in result.diagnostics]


@pytest.mark.parametrize(("edit", "expected"), [
    (("  summary: String\n", "  summary: String\n  slug: String!\n"), [("W100", "new.graphql", 8)]),
    (("  summary: String\n", "  summary: String!\n"), [("W101", "new.graphql", 7)]),
    (("  views: Int\n", "  views: String\n"), [("W102", "new.graphql", 6)]),
    (("DRAFT PUBLISHED ARCHIVED", "DRAFT PUBLISHED"), [("W103", "old.graphql", 1)]),
    (("  summary: String\n", ""), [("W105", "old.graphql", 7)]),
    (("  summary: String\n", "  summary: String\n  note: String\n"), []),
])
def test_data_warnings(tmp_path: Path, edit: tuple[str, str], expected: list[tuple[str, str, int]]) -> None:
    assert _diff(tmp_path, BASE, BASE.replace(*edit)) == expected


def test_optional_field_made_optional_breaks_clients_only(tmp_path: Path) -> None:
    found = _diff(tmp_path, BASE, BASE.replace("  title: String!\n", "  title: String\n"))
    assert found == [("W110", "new.graphql", 5)]


def test_enum_value_added_may_break_clients(tmp_path: Path) -> None:
    assert _diff(tmp_path, BASE, BASE.replace("ARCHIVED }", "ARCHIVED HIDDEN }")) == [("W111", "new.graphql", 1)]


def test_rename_is_a_delete_and_a_create_unless_mapped(tmp_path: Path) -> None:
    renamed = BASE.replace("type Blog @model", "type Journal @model").replace("[Post] @hasMany", "[Post] @hasMany")
    found = _diff(tmp_path, BASE, renamed)
    assert ("E306", "old.graphql", 2) in found and ("W104", "new.graphql", 2) in found
    mapped = BASE.replace("type Blog @model", 'type Journal @model @mapsTo(name: "Blog")')
    found = _diff(tmp_path, BASE, mapped)
    assert not [f for f in found if f[0] in ("E306", "W104")], "the table is kept: nothing is lost"


def test_renamed_has_many_detaches_children(tmp_path: Path) -> None:
    found = _diff(tmp_path, BASE, BASE.replace("posts: [Post] @hasMany", "entries: [Post] @hasMany"))
    assert ("W106", "new.graphql", 2) in found


def test_allow_destructive_reports_the_lost_table(tmp_path: Path) -> None:
    removed = BASE.replace("type Blog @model { id: ID! name: String! posts: [Post] @hasMany }\n", "")
    assert [f[0] for f in _diff(tmp_path, BASE, removed)] == ["E306"]
    assert [f[0] for f in _diff(tmp_path, BASE, removed, allow_destructive=True)] == ["E312"]


GEN2 = """\
import {{ a, defineData }} from '@aws-amplify/backend';
const schema = a.schema({{
  Todo: a.model({{ title: a.string(){required} }}),
{extra}}}).authorization((allow) => [allow.publicApiKey()]);
export const data = defineData({{ schema }});
"""


def test_gen2_compares_without_the_gen1_push_check(tmp_path: Path) -> None:
    old = tmp_path / "old" / "amplify" / "data" / "resource.ts"
    new = tmp_path / "new" / "amplify" / "data" / "resource.ts"
    for path, text in ((old, GEN2.format(required="", extra="  Note: a.model({ body: a.string() }),\n")),
                       (new, GEN2.format(required=".required()", extra=""))):
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    result = diff_paths(old, new)
    assert result.evolution is not None and result.evolution.comparison.new.language == "gen2"
    codes = [d.code for d in result.diagnostics]
    assert "E306" not in codes, "Gen 2 deploys without amplify push's refusals"
    # Note's table deleted with its items (Gen 2's own check, which also stands for the client
    # break at that place); Todo.title made required.
    assert codes == ["E320", "W101"]
    tables = result.evolution.comparison.new.deployment.tables
    assert [t.resource_type for t in tables] == ["Custom::AmplifyDynamoDBTable"]


def test_table_flags_come_from_cli_json(tmp_path: Path) -> None:
    amplify = tmp_path / "amplify"
    api = amplify / "backend" / "api" / "app"
    api.mkdir(parents=True)
    (api / "schema.graphql").write_text("type M @model { id: ID! }", encoding="utf-8")
    features = {"graphqltransformer": {"enableiterativegsiupdates": True}}
    (amplify / "cli.json").write_text(json.dumps({"features": features}), encoding="utf-8")
    settings = project_settings(api / "schema.graphql", environ={})
    assert (settings.iterative_gsi_updates, settings.secondary_key_as_gsi) == (True, False)
    environ = {"AMPLIFYCLI_GRAPHQLTRANSFORMER__SECONDARYKEYASGSI": "true"}
    assert project_settings(api, environ=environ).secondary_key_as_gsi is True
    assert Settings().with_flags({"GraphQLTransformer.EnableIterativeGSIUpdates": False}).iterative_gsi_updates is False


LOCAL_INDEX = """\
type Order @model {
  customerId: ID! @primaryKey(sortKeyFields: ["createdAt"]) @index(name: "byCustomer"SORT)
  createdAt: AWSDateTime!
  status: String!
}
"""


def test_local_index_needs_a_sort_key(tmp_path: Path) -> None:
    """With graphqltransformer.secondarykeyasgsi off, an @index on the primary key's field is an
    LSI: without sortKeyFields Amplify rejects it (with the flag on it is a GSI)."""
    from translator.check import check_schema

    schema = tmp_path / "schema.graphql"
    off = {"graphqltransformer.secondarykeyasgsi": False}
    schema.write_text(LOCAL_INDEX.replace("SORT", ""), encoding="utf-8")
    assert [(d.code, d.line, d.column) for d in check_schema([schema], feature_flags=off)] == [("E123", 2, 61)]
    assert check_schema([schema]) == []
    schema.write_text(LOCAL_INDEX.replace("SORT", ', sortKeyFields: ["status"]'), encoding="utf-8")
    assert check_schema([schema], feature_flags=off) == []
