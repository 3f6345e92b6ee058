"""``check``'s quick path: a plain schema without errors is read without positions, and its
warnings are placed afterwards (``placed_warnings``). What it reports must be exactly what
reading with positions reports (``diagnostics_with_positions``): same codes, messages and
places, on every golden and corpus schema, and on texts written to trip the pass that places
them (braces, parentheses and colons in strings and comments, ``implements``, unions, defaults,
arguments, directives spelled across lines).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import CORPUS, GOLDEN, LEGACY_FLAGS, NEW_FLAGS, NO_DATASTORE_FLAGS
from hypothesis import event, given, settings
from test_fuzz import FUZZ_SETTINGS, mutated_schema

from translator.api import diagnostics_with_positions, placed_warnings
from translator.core.diagnostics import Diagnostic, Span, Target, sort_diagnostics
from translator.core.document import SchemaSource
from translator.core.settings import Settings
from translator.frontends.graphql import place_targets
from translator.project.sources import load

SETS: list[tuple[Path, Mapping[str, bool]]] = [
    (GOLDEN / "cases", NEW_FLAGS), (GOLDEN / "legacy", LEGACY_FLAGS), (GOLDEN / "no-datastore", NO_DATASTORE_FLAGS),
    (CORPUS / "v2", NEW_FLAGS), (CORPUS / "v2-legacy", LEGACY_FLAGS), (CORPUS / "v1", NEW_FLAGS),
]
SCHEMAS = [(path, flags) for folder, flags in SETS if folder.is_dir() for path in sorted(folder.glob("*.graphql"))]


def _rendered(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.render() for d in sort_diagnostics(diagnostics)]


def _both(sources: list[SchemaSource], settings: Settings) -> tuple[list[str] | None, list[str]]:
    placed = placed_warnings(sources, settings)
    quick = _rendered(placed) if isinstance(placed, list) else None
    return quick, _rendered(diagnostics_with_positions(sources, settings))


def _quick_and_positioned(path: Path, flags: Mapping[str, bool]) -> tuple[list[str] | None, list[str]]:
    loaded = load([path])
    return _both(list(loaded.sources), loaded.settings.with_flags(flags))


def _with_comments(text: str) -> str:
    """``text`` with a comment full of what the pass must not take for syntax on every line."""
    return "\n".join(f"{line} # }} {{ ) ( \" : @model" for line in text.split("\n"))


@pytest.fixture(scope="module")
def outcomes() -> dict[Path, tuple[list[str] | None, list[str]]]:
    return {path: _quick_and_positioned(path, flags) for path, flags in SCHEMAS}


def test_quick_path_reports_what_positions_report(outcomes: dict[Path, tuple[list[str] | None, list[str]]]) -> None:
    for path, (quick, positioned) in outcomes.items():
        if quick is not None:
            assert quick == positioned, path


def test_quick_path_is_taken_for_plain_schemas_with_warnings(
    outcomes: dict[Path, tuple[list[str] | None, list[str]]],
) -> None:
    """The comparison above means something: many schemas go the quick way, with warnings of
    most codes, and those with errors never do."""
    quick = [q for path, (q, _) in outcomes.items() if q and path.is_relative_to(GOLDEN)]
    assert len(quick) >= 30
    codes = Counter(line.split("[", 1)[1].split("]", 1)[0] for found in quick for line in found)
    assert {f"W00{n}" for n in range(1, 10)} <= set(codes), codes
    for quick_found, positioned in outcomes.values():
        if any("error[" in line for line in positioned):
            assert quick_found is None


def test_comments_everywhere_change_nothing(outcomes: dict[Path, tuple[list[str] | None, list[str]]]) -> None:
    """Every golden schema with warnings, a comment of braces and quotes on each of its lines."""
    tried = 0
    for path, (quick, _) in outcomes.items():
        if not quick or not path.is_relative_to(GOLDEN):
            continue
        flags = dict(SCHEMAS)[path]
        sources = [SchemaSource(path.name, _with_comments(path.read_text(encoding="utf-8")))]
        placed, positioned = _both(sources, Settings().with_flags(flags))
        if placed is not None:
            tried += 1
            assert placed == positioned, path
    assert tried >= 20


@settings(FUZZ_SETTINGS, max_examples=800)
@given(mutated_schema())
def test_mutated_schemas_are_placed_as_positions_place_them(text: str) -> None:
    """Mutated golden schemas, each followed by types that warn (W005, W007, W009) whatever
    comes before them."""
    text += '\ntype Warned9 @model { id: ID! "x" where: Place9 other: Warned9 }\ntype Place9 { a: String }\n'
    text += "enum Level9 { LOW low }\n"
    placed, positioned = _both([SchemaSource("s.graphql", text)], Settings())
    event("placed" if placed else "empty" if placed is not None else "read with positions")
    if placed is not None:
        assert placed == positioned


TRICKY = '''
"""A block string with \\""" an escaped quote, braces } { and type Post @model {"""
type Post @model(timestamps: {createdAt: null, updatedAt: "edited"})
  @auth(rules: [{allow: public, operations: [read]}]) {
  "a description: with (parentheses) and } braces"
  id: ID!
  # title: String! } a comment
  address: Address @deprecated(reason: "moved ) (")
  addresses(first: Int = 5, filter: In = {a: "x)"}): [Address]
  """
  meta: Shape
  """
  meta: Shape
  shape: Shape
  owner: Owner
}

type Address { street: String, city: String }
union Shape = Address | Point
type Point { x: Float }
interface Node { id: ID! }

type Owner implements Node & Other
  @ # a comment between the @ and the name
  model(timestamps: {updatedAt: null}) {
  id: ID!
  post: Post
}

interface Other { name: String }

input In { a: String = "{" b: Level = LOW c: [Level] = [LOW, HIGH] d: In2 = {x: 1, y: {z: 2}} }
input In2 { x: Int y: In3 }
input In3 { z: Int }

enum Level { LOW "the high one" HIGH @deprecated(reason: ")") high_ low }

scalar Extra
type Last @model(queries: {get: "getLast"}) { id: ID! "(" address: Address }
'''


def test_tricky_text_is_placed_as_positions_place_it() -> None:
    more = SchemaSource("more.graphql", "type More @model { address: Address }")
    sources = [SchemaSource("tricky.graphql", TRICKY), more]
    placed, positioned = _both(sources, Settings())
    assert placed is not None
    codes = {line.split("[", 1)[1][:4] for line in placed}
    assert {"W005", "W006", "W007", "W008", "W009"} <= codes, placed
    assert any(line.startswith("more.graphql:1:20: ") for line in placed), placed
    assert any(line.startswith("tricky.graphql:24:3: warning[W006]") for line in placed), placed
    assert placed == positioned


def test_only_a_body_s_own_names_are_fields() -> None:
    """Names in a default value or in arguments are not the type's fields; a type may be
    called ``implements``."""
    text = 'input In { a: In = {c: 1} b(c: Int): Int }\ntype implements implements In { c: Int }'
    source = SchemaSource("s.graphql", text)
    wanted = [Target("In", "field", "c"), Target("In", "field", "b"), Target("implements", "field", "c"),
              Target("implements")]
    assert place_targets([source], wanted) == {
        Target("In", "field", "b"): Span("s.graphql", 1, 27),
        Target("implements"): Span("s.graphql", 2, 6),
        Target("implements", "field", "c"): Span("s.graphql", 2, 33),
    }


def test_a_target_not_in_the_text_is_left_out() -> None:
    source = SchemaSource("s.graphql", 'type A @model { b: String }\n"x: y" enum E { X }')
    wanted = [Target("A"), Target("A", "model"), Target("A", "field", "b"), Target("E", "value", "X"),
              Target("A", "field", "c"), Target("B"), Target("E", "value", "Y")]
    assert place_targets([source], wanted) == {
        Target("A"): Span("s.graphql", 1, 6),
        Target("A", "model"): Span("s.graphql", 1, 8),
        Target("A", "field", "b"): Span("s.graphql", 1, 17),
        Target("E", "value", "X"): Span("s.graphql", 2, 17),
    }


def test_a_warning_whose_place_is_not_found_is_read_with_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    import translator.api

    sources = [SchemaSource("s.graphql", "type Post @model { id: ID! where: Place }\ntype Place { a: String }\n")]
    placed, positioned = _both(sources, Settings())
    assert placed == positioned and len(placed) == 1
    monkeypatch.setattr(translator.api, "place_targets", lambda sources, targets: {})
    assert placed_warnings(sources, Settings()) == "not placed"
    assert _rendered(translator.api.diagnose_sources(sources, Settings())) == positioned

