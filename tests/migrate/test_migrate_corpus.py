"""Every transformer v1 schema of the real corpus, migrated as Amplify migrates it.

``corpus_v1.json`` holds, per schema, fingerprints of Amplify's results (made by ``regenerate.py
--corpus``; the corpus itself is never copied into the repository): its refusal, or the SHA-256
of its migrated schema printed canonically and of ``generic.mjs``'s output for that schema (or
the rejection). Our migration must refuse the same schemas, print the same canonical schema for
the others, and our compile of our migrated text must match Amplify's compile of its own."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import CORPUS, requires_corpus
from migrate.cases_io import CORPUS_FINGERPRINTS, canonical_sdl, json_fingerprint, order_fingerprint, sha256

from translator.core.diagnostics import CompilationError
from translator.core.document import SchemaSource
from translator.core.settings import Settings
from translator.frontends.graphql import parse_schema
from translator.frontends.graphql.migrate import migrate_sources
from translator.pipeline import compile_document

V1 = CORPUS / "v1"
FINGERPRINTS: dict[str, dict[str, str]] = json.loads(CORPUS_FINGERPRINTS.read_text(encoding="utf-8"))

pytestmark = requires_corpus


def test_every_corpus_schema_has_a_reference() -> None:
    assert sorted(p.name for p in V1.glob("*.graphql")) == sorted(FINGERPRINTS)


@pytest.mark.parametrize("name", sorted(FINGERPRINTS))
def test_corpus_migration_matches_amplify(name: str) -> None:
    reference = FINGERPRINTS[name]
    text = (V1 / name).read_text(encoding="utf-8")
    try:
        [migrated] = migrate_sources([SchemaSource(name, text)], "apiKey")
    except CompilationError as error:
        assert "refused" in reference, f"Amplify migrates {name}, we refuse: {error}"
        return
    assert "refused" not in reference, f"Amplify refuses {name} ({reference['refused']}), we migrate it"
    assert sha256(canonical_sdl(migrated.text)) == reference["migrated_sha256"], "migrated schema differs"
    try:
        got: dict[str, Any] = dict(compile_document(parse_schema([SchemaSource(name, migrated.text)]), Settings()))
    except CompilationError as error:
        assert "rejected" in reference, f"Amplify compiles the migrated {name}, we reject it: {error}"
        return
    assert "rejected" not in reference, f"Amplify rejects the migrated {name} ({reference['rejected']})"
    assert json_fingerprint(got) == reference["generic_sha256"], "genericDataSchema differs"
    assert order_fingerprint(got) == reference["order_sha256"], "entry order differs"

