"""Diagrams of every real schema (``../shared/corpus/real``: GraphQL v2 in both flag modes and Gen 2
``resource.ts``) that compiles:

* always: the Python structural check (``erdiagram.structure_problems``): every model an entity
  with its fields and PK/FK marks, every relationship field on exactly one edge, the cardinalities
  its compiled relationship says;
* when Node and the ``mermaid`` package are installed (``tests/mermaid/README.md``): Mermaid's own
  parser accepts every diagram, and what it understood passes the same structural check. It also
  parses the golden diagrams, a schema whose names are Mermaid keywords, and must reject a broken
  diagram (so it cannot pass by accepting everything).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLES, GOLDEN, LEGACY_FLAGS, NEW_FLAGS, requires_corpus
from erdiagram import mermaid_parse, mermaid_parser_dir, read_mermaid, structure_problems

from translator.core.diagnostics import CompilationError
from translator.emit.diagram_render import render_mermaid
from translator.overview import SchemaOverview, load_overview, overview_diagram

SETS = (("v2", "*.graphql", NEW_FLAGS), ("v2-legacy", "*.graphql", LEGACY_FLAGS), ("gen2", "*.ts", NEW_FLAGS))


def corpus_schemas() -> list[tuple[str, Path, dict[str, bool]]]:
    """(id, path, flags) of each corpus schema Amplify accepts (a ``.json`` reference beside it)."""
    found = []
    for folder, pattern, flags in SETS:
        for path in sorted((CORPUS / folder).glob(pattern)) if (CORPUS / folder).is_dir() else []:
            if path.with_suffix(".json").is_file():
                found.append((f"{folder}/{path.name}", path, dict(flags)))
    return found


@cache
def overview_of(path: Path, legacy: bool) -> SchemaOverview | None:
    try:
        return load_overview([path], feature_flags=LEGACY_FLAGS if legacy else NEW_FLAGS, warnings=False)
    except CompilationError:
        return None  # test_corpus reports schemas we reject and Amplify does not


def diagrams_of(overview: SchemaOverview) -> list[tuple[str, str]]:
    return [(suffix, render_mermaid(overview_diagram(overview, include_all=every)))
            for suffix, every in (("", False), (" --all", True))]


@requires_corpus
@pytest.mark.parametrize(("path", "flags"), [pytest.param(p, f, id=i) for i, p, f in corpus_schemas()])
def test_corpus_diagram_matches_compiled_model(path: Path, flags: dict[str, bool]) -> None:
    overview = overview_of(path, flags == LEGACY_FLAGS)
    if overview is None:
        pytest.skip("we reject it (test_corpus reports that)")
    for suffix, text in diagrams_of(overview):
        assert structure_problems(read_mermaid(text), overview.schema) == [], suffix


KEYWORD_SCHEMA = """
type One @model { id: ID! pk: String fk: Int uk: [String] classes: [Class] @hasMany }
type Class @model { id: ID! one: One @belongsTo end: End @hasOne }
type End @model { id: ID! style: Style }
type Style { to: String u: Int }
enum Many { PK FK subgraph }
type Subgraph @model { id: ID! many: Many erDiagram: [ErDiagram] @manyToMany(relationName: "accTitle") }
type ErDiagram @model { id: ID! subgraphs: [Subgraph] @manyToMany(relationName: "accTitle") }
"""


def test_mermaid_parser_accepts_every_diagram(tmp_path: Path) -> None:
    folder = mermaid_parser_dir()
    if folder is None:
        pytest.skip("Node or the mermaid package is not installed (see tests/mermaid/README.md)")
    cases: list[tuple[str, str, SchemaOverview | None]] = []
    for name, path, flags in corpus_schemas():
        overview = overview_of(path, flags == LEGACY_FLAGS)
        if overview is not None:
            cases.extend((name + suffix, text, overview) for suffix, text in diagrams_of(overview))
    for path in sorted((GOLDEN / "diagrams").glob("*.mmd")):
        cases.append((f"golden/{path.name}", path.read_text("utf-8"), None))
    keywords = tmp_path / "keywords.graphql"
    keywords.write_text(KEYWORD_SCHEMA, "utf-8")
    overview = load_overview([keywords], warnings=False)
    cases.extend(("keywords" + suffix, text, overview) for suffix, text in diagrams_of(overview))
    blog = load_overview([EXAMPLES / "blog.graphql"], warnings=False)
    broken = render_mermaid(overview_diagram(blog)).replace("Blog |o--o{", "Blog |o--o{{")
    results = mermaid_parse(folder, [(name, text) for name, text, _ in cases] + [("broken", broken)])
    *parsed, negative = results
    assert not negative.ok, "Mermaid accepted a broken diagram: the harness checks nothing"
    failures = [f"{r.name}: {r.error}" for r in parsed if not r.ok]
    assert failures == [], f"{len(failures)} of {len(parsed)} diagrams rejected by Mermaid {parsed[0].version}"
    for result, (name, _, overview) in zip(parsed, cases, strict=True):
        if overview is not None:
            assert result.diagram is not None
            assert structure_problems(result.diagram, overview.schema) == [], name
    corpus = sum(1 for name, _, o in cases if "/" in name and o is not None and not name.endswith("--all"))
    print(f"Mermaid {parsed[0].version} parsed {len(parsed)} diagrams, {corpus} corpus schemas")
