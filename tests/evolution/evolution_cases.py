"""The evolution reference's outputs (tests/evolution/reference/README.md): golden migration pairs
and the corpus table dumps, with the feature flags each was made with."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from conftest import CORPUS, TESTS

from translator.evolution import Side
from translator.evolve import load_side

EVOLUTION = TESTS / "evolution"
CASES = EVOLUTION / "cases"
CORPUS_TABLES = EVOLUTION / "corpus-tables"
LEGACY = {
    "graphqltransformer.respectprimarykeyattributesonconnectionfield": False,
    "codegen.addtimestampfields": False,
}


def feature_flags(flags: dict[str, Any]) -> dict[str, bool]:
    """The ``--feature-flag`` values of a case's ``flags.json`` (a missing flag is the default)."""
    out = {
        "graphqltransformer.enableiterativegsiupdates": flags.get("iterative_gsi", True),
        "graphqltransformer.secondarykeyasgsi": flags.get("secondary_key_as_gsi", True),
        "datastore": flags.get("datastore", True),
    }
    if flags.get("legacy"):
        out.update(LEGACY)
    return out


@dataclass(frozen=True)
class GoldenCase:
    """One migration pair: ``old.graphql``, ``new.graphql`` and what the reference made of them."""

    folder: Path

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def old(self) -> Path:
        return self.folder / "old.graphql"

    @property
    def new(self) -> Path:
        return self.folder / "new.graphql"

    @property
    def flags(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "flags.json").read_text(encoding="utf-8"))
        return data

    @property
    def expected(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.folder / "expected.json").read_text(encoding="utf-8"))
        return data


@lru_cache(maxsize=256)
def _side(path: Path, flags: tuple[tuple[str, bool], ...]) -> Side:
    return load_side([path], feature_flags=dict(flags))


def side(path: Path, flags: dict[str, bool]) -> Side:
    """The compiled schema at ``path`` (compiled once per test session); CompilationError when
    it has errors."""
    return _side(path, tuple(sorted(flags.items())))


def golden_cases() -> list[GoldenCase]:
    """Every golden migration pair, in name order."""
    return [GoldenCase(p) for p in sorted(CASES.iterdir()) if (p / "expected.json").is_file()]


def corpus_table_dumps() -> list[tuple[Path, Path, Path]]:
    """``(corpus schema, new-mode dump, legacy-mode dump)`` of every corpus schema (a dump is
    ``NAME.json``, or ``NAME.error.txt`` when the transformer rejects it); empty without the corpus."""
    if not CORPUS.is_dir():
        return []
    found = []
    for dump in sorted((CORPUS_TABLES / "new").iterdir()):
        name = dump.name.removesuffix(".error.txt").removesuffix(".json")
        found.append((CORPUS / "v2" / f"{name}.graphql", dump, CORPUS_TABLES / "legacy" / dump.name))
    return found
