"""``shared_fields``: the same output, with equal field entries made one dict; without it (the
library's default) every entry is a dict of its own, which a caller may change safely."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from conftest import GOLDEN

import translator
from translator.emit.generic import FieldJSON, GenericDataSchema, to_json


def _entries(schema: GenericDataSchema) -> Iterator[FieldJSON]:
    for group in (schema["models"], schema["nonModels"]):
        for entry in group.values():
            yield from entry["fields"].values()


def _compiled(path: Path, shared: bool) -> GenericDataSchema | None:
    try:
        return translator.compile_path(path) if not shared else translator.api.compile_paths([path], shared_fields=True)
    except translator.CompilationError:
        return None


def test_shared_fields_give_the_same_output_with_equal_entries_as_one_dict() -> None:
    shared_somewhere = 0
    for path in sorted((GOLDEN / "cases").glob("*.graphql")):
        own, shared = _compiled(path, False), _compiled(path, True)
        assert (own is None) == (shared is None), path
        if own is None or shared is None:
            continue
        assert shared == own and to_json(shared) == to_json(own), path
        own_entries, shared_entries = list(_entries(own)), list(_entries(shared))
        # Without sharing, no entry is another's; with it, equal entries are one object.
        assert len({id(e) for e in own_entries}) == len(own_entries), path
        for entry in shared_entries:
            assert all(other is entry or other != entry for other in shared_entries), path
        shared_somewhere += len({id(e) for e in shared_entries}) < len(shared_entries)
    assert shared_somewhere > 100
