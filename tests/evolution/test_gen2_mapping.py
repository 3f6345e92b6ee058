"""The Gen 1 table mapping as the Gen 2 front end reads it from ``defineData`` and as the gate
judges it beyond the goldens: values only known at run time, duplicate branches, an unknown
branch, empty table names, adopting a table already deployed as its own, and the move from a
Gen 1 schema to a Gen 2 one (the Gen 1 tables are OLD's)."""

from __future__ import annotations

from pathlib import Path

from translator.api import load_document
from translator.evolution import Options
from translator.evolve import diff_paths

SDL = """\
import {{ defineData }} from '@aws-amplify/backend';
const schema = /* GraphQL */ `
  type Todo @model @auth(rules: [{{ allow: public }}]) {{
    {todo_key}
    content: String
  }}
  type Post @model @auth(rules: [{{ allow: public }}]) {{
    id: ID!
    title: String
  }}
`;
export const data = defineData({{
  migratedAmplifyGen1DynamoDbTableMappings: [{entries}],
  schema,
}});
"""


def _resource(tmp_path: Path, name: str, entries: str, todo_key: str = "id: ID!") -> Path:
    path = tmp_path / name / "amplify" / "data" / "resource.ts"
    path.parent.mkdir(parents=True)
    path.write_text(SDL.format(entries=entries, todo_key=todo_key), encoding="utf-8")
    return path


def _entry(branch: str, tables: str) -> str:
    return f"{{ branchName: {branch}, modelNameToTableNameMapping: {{ {tables} }} }}"


MAIN = _entry("'main'", "Todo: 'Todo-gen1-main', Post: 'Post-gen1-main'")


def _found(old: Path, new: Path, **options: object) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in diff_paths(old, new, options=Options(**options)).diagnostics]  # type: ignore[arg-type]


def test_the_front_end_reads_the_mapping(tmp_path: Path) -> None:
    path = _resource(tmp_path, "a", MAIN + ", " + _entry("'prod'", "Todo: 'Todo-gen1-prod'"))
    definition = load_document([path]).definition
    assert definition is not None and definition.schema_kind == "sdl"
    assert [m.branch_name for m in definition.mappings or ()] == ["main", "prod"]
    main = definition.mapping_for("main")
    assert main is not None and [(t.model, t.table, t.span.line) for t in main.tables] == [
        ("Todo", "Todo-gen1-main", 13), ("Post", "Post-gen1-main", 13)]
    assert definition.unknown == ()


def test_a_branch_known_only_at_run_time_is_not_guessed(tmp_path: Path) -> None:
    path = _resource(tmp_path, "a", _entry("process.env.AWS_BRANCH", "Todo: 'Todo-gen1-main'"))
    definition = load_document([path]).definition
    assert definition is not None and definition.mappings == () and len(definition.unknown) == 1
    assert _found(path, path, branch="main") == [("W128", 13)]


def test_several_entries_need_the_branch(tmp_path: Path) -> None:
    two = MAIN + ", " + _entry("'prod'", "Todo: 'Todo-gen1-prod', Post: 'Post-gen1-prod'")
    path = _resource(tmp_path, "a", two)
    assert _found(path, path) == [("W127", 13)]
    assert _found(path, path, branch="prod") == []
    assert _found(path, path, branch="dev") == [("W126", 13)]


def test_a_single_entry_stands_for_the_unknown_branch(tmp_path: Path) -> None:
    path = _resource(tmp_path, "a", _entry("'main'", "Todo: 'Todo-gen1-main'"))
    assert _found(path, path) == [("W124", 7)], "Post is not mapped"


def test_synthesis_errors_stop_the_deployment(tmp_path: Path) -> None:
    old = _resource(tmp_path, "old", MAIN)
    duplicate = _resource(tmp_path, "dup", MAIN + ", " + MAIN)
    result = diff_paths(old, duplicate, options=Options(branch="main"))
    assert [(d.code, d.line) for d in result.diagnostics] == [("E327", 13)]
    assert "Branch names must be unique" in result.diagnostics[0].message
    empty = _resource(tmp_path, "empty", _entry("'main'", "Todo: 'Todo-gen1-main', Post: ''"))
    result = diff_paths(old, empty, options=Options(branch="main"))
    assert [d.code for d in result.diagnostics] == ["E327"]
    assert "No table found for imported model Post." in result.diagnostics[0].message


def test_a_table_deployed_as_its_own_cannot_be_adopted_later(tmp_path: Path) -> None:
    old = _resource(tmp_path, "old", _entry("'main'", "Todo: 'Todo-gen1-main'"))
    new = _resource(tmp_path, "new", MAIN)
    result = diff_paths(old, new, options=Options(branch="main"))
    assert [(d.code, d.line) for d in result.diagnostics] == [("E325", 13)]
    assert "Post now adopts Gen 1 table Post-gen1-main" in result.diagnostics[0].message
    assert result.evolution is not None and result.evolution.comparison.gen2 is not None
    assert not result.evolution.comparison.gen2.ok


def test_from_gen1_the_import_check_meets_the_gen1_tables(tmp_path: Path) -> None:
    """OLD is the Gen 1 schema: nothing of it is deleted (another stack); a mapped model whose
    Gen 1 table has a custom key fails Amplify's import check (3.5.0 renders key id)."""
    gen1 = tmp_path / "gen1" / "schema.graphql"
    gen1.parent.mkdir()
    gen1.write_text("type Todo @model @auth(rules: [{ allow: public }]) { todoId: ID! @primaryKey content: String }\n"
                    "type Post @model @auth(rules: [{ allow: public }]) { id: ID! title: String }\n", encoding="utf-8")
    new = _resource(tmp_path, "new", MAIN, todo_key="todoId: ID! @primaryKey")
    result = diff_paths(gen1, new, options=Options(branch="main"))
    assert [(d.code, d.line) for d in result.diagnostics] == [("E328", 13)]
    assert "the Gen 1 table has key (todoId HASH)" in result.diagnostics[0].message
    plain = _resource(tmp_path, "plain", MAIN)
    gen1.write_text(gen1.read_text(encoding="utf-8").replace("todoId: ID! @primaryKey", "id: ID!"), encoding="utf-8")
    assert diff_paths(gen1, plain, options=Options(branch="main")).diagnostics == ()
