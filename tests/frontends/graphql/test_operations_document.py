"""A ``.graphql`` file of operations (what ``amplify codegen`` writes to ``src/graphql/``) is not
a schema: E056, instead of an empty schema that compiles."""

from __future__ import annotations

from pathlib import Path

import pytest

import translator
from translator.check import check_paths

QUERIES = """\
# this is an auto generated file. This will be overwritten

query GetTodo($id: ID!) {
  getTodo(id: $id) {
    id
    name
  }
}
"""


def codes(text: str) -> list[tuple[str, int, int, str]]:
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_source(text, name="queries.graphql")
    return [(d.code, d.line, d.column, d.message) for d in caught.value.diagnostics]


@pytest.mark.parametrize("text, start, position", [
    (QUERIES, "query GetTodo", (3, 1)),
    ("mutation CreateTodo { createTodo(input: {}) { id } }", "mutation CreateTodo", (1, 1)),
    ("\n  subscription { onCreateTodo { id } }", "subscription", (2, 3)),
    ("{ listTodos { items { id } } }", "query", (1, 1)),
    ("fragment TodoParts on Todo { id }\nquery Q { getTodo(id: 1) { ...TodoParts } }", "fragment TodoParts", (1, 1)),
])
def test_operations_only_is_e056_at_the_first_operation(text: str, start: str, position: tuple[int, int]) -> None:
    [(code, line, column, message)] = codes(text)
    assert (code, line, column) == ("E056", *position)
    assert message.startswith(f"this file holds GraphQL operations, not a schema (it starts with {start});")


def test_a_schema_with_types_is_not_e056() -> None:
    result = translator.compile_source("type Todo @model { id: ID! }")
    assert list(result["models"]) == ["Todo"]


def test_check_reports_e056(tmp_path: Path) -> None:
    (tmp_path / "queries.graphql").write_text(QUERIES)
    result = check_paths([tmp_path / "queries.graphql"])
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("E056", 3, 1)]


def test_an_operations_file_in_a_schema_folder_is_e056(tmp_path: Path) -> None:
    folder = tmp_path / "schema"
    folder.mkdir()
    (folder / "a.graphql").write_text("type Todo @model { id: ID! name: String }\n")
    (folder / "b.graphql").write_text(QUERIES)
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_path(folder)
    assert [(d.code, d.path) for d in caught.value.diagnostics] == [("E056", str(folder / "b.graphql"))]
