"""The migration cases of ``tests/migrate/cases`` and the reference files beside them, shared by
the tests and by ``regenerate.py`` (which writes the reference files with Amplify's own code).

A case is a v1 schema file ``NAME.graphql`` or an API resource folder ``NAME/`` (with
``transform.conf.json`` and a ``schema/`` folder). A ``# auth-mode: MODE`` comment line in one of
its files gives the API's default auth mode (``apiKey`` otherwise). Beside it, from Amplify:

* ``NAME.migrated.graphql`` (a folder: ``NAME.migrated/`` with the files at their relative paths):
  the migrator's output; or ``NAME.refused.txt``: its ``[migrate] message``;
* ``NAME.json`` or ``NAME.error.txt``: ``generic.mjs`` on the migrated schema.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql.language import print_ast

from translator.core.document import SchemaSource
from translator.frontends.graphql.migrate.migrator import parse_file

CASES = Path(__file__).resolve().parent / "cases"
CORPUS_FINGERPRINTS = Path(__file__).resolve().parent / "corpus_v1.json"
_AUTH_MODE = re.compile(r"^#\s*auth-mode:\s*(\w+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class MigrationCase:
    """One case: a schema file or an API folder, and where its reference files go."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.stem if self.path.is_file() else self.path.name

    @property
    def is_folder(self) -> bool:
        return self.path.is_dir()

    def schema_files(self) -> list[Path]:
        """The case's GraphQL files (sorted relative paths for a folder)."""
        if not self.is_folder:
            return [self.path]
        return sorted((p for p in (self.path / "schema").rglob("*.graphql")), key=lambda p: str(p))

    @property
    def auth_mode(self) -> str:
        for file in self.schema_files():
            match = _AUTH_MODE.search(file.read_text(encoding="utf-8"))
            if match:
                return match.group(1)
        return "apiKey"

    def sibling(self, suffix: str) -> Path:
        return self.path.parent / f"{self.name}{suffix}"

    @property
    def migrated(self) -> Path:
        return self.sibling(".migrated" if self.is_folder else ".migrated.graphql")

    @property
    def refused(self) -> Path:
        return self.sibling(".refused.txt")

    @property
    def compiled(self) -> Path:
        return self.sibling(".json")

    @property
    def rejected(self) -> Path:
        return self.sibling(".error.txt")

    def reference_outputs(self) -> dict[str, str]:
        """Amplify's migrated text of each file, by path relative to the case (a file case: its name)."""
        if not self.is_folder:
            return {self.path.name: self.migrated.read_text(encoding="utf-8")}
        return {str(p.relative_to(self.migrated)): p.read_text(encoding="utf-8")
                for p in sorted(self.migrated.rglob("*.graphql"))}


def migration_cases() -> list[MigrationCase]:
    """Every case, in name order."""
    if not CASES.is_dir():
        return []
    found = [p for p in CASES.iterdir() if ".migrated" not in p.name and (p.is_dir() or p.suffix == ".graphql")]
    return [MigrationCase(p) for p in sorted(found, key=lambda p: p.name)]


def canonical_sdl(text: str, name: str = "schema.graphql") -> str:
    """``text`` parsed (as Amplify's graphql 15 parses) and printed: equal for equal syntax trees,
    whatever the layout and comments."""
    document = parse_file(SchemaSource(name, text))
    if not hasattr(document, "definitions"):
        raise ValueError(f"{name} does not parse: {document}")
    return print_ast(document)  # type: ignore[arg-type]


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def json_fingerprint(value: Any) -> str:
    """Of a genericDataSchema's content (key order of fixed structures does not matter)."""
    return sha256(json.dumps(value, sort_keys=True, separators=(",", ":")))


def order_fingerprint(value: dict[str, Any]) -> str:
    """Of its normative entry order: models, non-models, enums and the fields of each."""
    order = [[section, [[name, list(entry.get("fields", {}))] for name, entry in value.get(section, {}).items()]]
             for section in ("models", "nonModels", "enums")]
    return sha256(json.dumps(order))
