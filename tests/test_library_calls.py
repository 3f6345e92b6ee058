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


def _position_parses(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each parse of a schema kept positions."""
    import translator.frontends.graphql as graphql_front_end

    parses: list[bool] = []
    original = graphql_front_end.parse_sdl

    def recorded(source: Any, positions: bool) -> Any:
        parses.append(positions)
        return original(source, positions)

    monkeypatch.setattr(graphql_front_end, "parse_sdl", recorded)
    return parses


def test_check_of_a_schema_with_nothing_to_report_costs_no_more_than_a_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translator.check import check_schema

    schema = tmp_path / "schema.graphql"
    schema.write_text("type Post @model { id: ID! title: String }\n")
    parses = _position_parses(monkeypatch)
    assert check_schema([schema]) == []
    # Read once, without positions, as compile reads it.
    assert parses == [False]


def test_check_reads_positions_again_for_what_it_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from translator.check import check_schema

    schema = tmp_path / "schema.graphql"
    # A warning only (enum values that collide), and an error.
    for text, expected in (("enum E { a A }\ntype Post @model { id: ID! e: E }\n", "W005"), (BROKEN, "E003")):
        schema.write_text(text)
        parses = _position_parses(monkeypatch)
        found = check_schema([schema])
        assert found and all(d.span.line > 0 for d in found), found
        assert found[0].code == expected
        assert parses[0] is False and True in parses
