"""What a library call may and may not do to its caller: the garbage collector stays as it was,
and a schema with errors is read, and a Gen 2 file evaluated, once."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import translator
import translator.api
import translator.frontends.gen2

BROKEN = "type Post @model { id: ID! title: Strin }\n"


def _counting(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> list[int]:
    calls: list[int] = []
    original: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("text", ["type Post @model { id: ID! }\n", BROKEN])
def test_compile_source_leaves_the_collector_as_it_found_it(enabled: bool, text: str) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with contextlib.suppress(translator.CompilationError):
            translator.compile_source(text)
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_a_graphql_schema_with_errors_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text(BROKEN)
    loads = _counting(monkeypatch, translator.api, "load")
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_path(schema)
    assert len(loads) == 1
    assert [(d.code, d.line, d.column) for d in caught.value.diagnostics] == [("E003", 1, 35)]


def test_a_gen2_file_with_errors_is_evaluated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resource = tmp_path / "amplify" / "data" / "resource.ts"
    resource.parent.mkdir(parents=True)
    resource.write_text("import { a, defineData } from '@aws-amplify/backend';\n"
                        "const schema = a.schema({ Todo: a.model({ title: a.string() }) });\n"
                        "export const data = defineData({ schema: undefinedName });\n")
    evaluations = _counting(monkeypatch, translator.frontends.gen2, "load_gen2")
    with pytest.raises(translator.CompilationError) as caught:
        translator.compile_path(resource)
    assert len(evaluations) == 1
    assert [(d.code, d.line) for d in caught.value.diagnostics] == [("G003", 3)]


def _placements(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """How each reading of a schema went: "plain P" when the plain reader took it with
    placement P, "plain P refused" when it left it to the tree, "tree P" for a parse of the tree
    (P: "none", "spans" or "all")."""
    import translator.frontends.graphql as graphql_front_end
    from translator.frontends.graphql.sdl_parser import Unsupported

    parses: list[object] = []
    original_parse = graphql_front_end.parse_sdl
    original_read = graphql_front_end.read_plain_document

    def parsed(source: Any, positions: Any) -> Any:
        parses.append(f"tree {positions}")
        return original_parse(source, positions)

    def read(sources: Any, placement: Any) -> Any:
        try:
            document = original_read(sources, placement)
        except Unsupported:
            parses.append(f"plain {placement} refused")
            raise
        parses.append(f"plain {placement}")
        return document

    monkeypatch.setattr(graphql_front_end, "parse_sdl", parsed)
    monkeypatch.setattr(graphql_front_end, "read_plain_document", read)
    return parses


@pytest.mark.parametrize(
    ("text", "expected", "placements"),
    [
        # Plain, with nothing to report or warnings only: one reading without positions (the
        # warnings are placed afterwards).
        ("type Post @model { id: ID! title: String }\n", None, ["plain none"]),
        ("enum E { a A }\ntype Post @model { id: ID! e: E }\n", "W005", ["plain none"]),
        # Plain, with an error: read again, placing what the document needs.
        ("type Post @model { id: ID! tag: Tag @hasMany }\ntype Tag @model { id: ID! }\n", "E028",
         ["plain none", "plain spans"]),
        # Not plain, nothing to report: read through the tree, placing what the document needs.
        ("type Post @model { id: ID! }\nextend type Post { title: String }\n", None,
         ["plain none refused", "tree spans"]),
        # An error in the tree itself: read again with every node placed, to point at it.
        (BROKEN, "E003", ["plain none refused", "tree spans", "tree all"]),
    ],
)
def test_check_reads_a_plain_schema_once_unless_it_has_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, expected: str | None, placements: list[str]
) -> None:
    from translator.check import check_schema

    schema = tmp_path / "schema.graphql"
    schema.write_text(text)
    parses = _placements(monkeypatch)
    found = check_schema([schema])
    assert [d.code for d in found][:1] == ([expected] if expected else [])
    assert all(d.span.line > 0 for d in found), found
    assert parses == placements


def test_compile_reads_without_positions_and_again_only_to_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_text("type Post @model { id: ID! title: String }\n")
    parses = _placements(monkeypatch)
    translator.compile_path(schema)
    assert parses == ["plain none"]
    schema.write_text(BROKEN)
    parses.clear()
    with pytest.raises(translator.CompilationError):
        translator.compile_path(schema)
    assert parses == ["plain none refused", "tree none", "plain spans refused", "tree spans", "tree all"]
