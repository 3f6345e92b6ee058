"""The JSON writer gives exactly ``json.dumps(value, indent=2, ensure_ascii=False)``: on every
golden output and on generated values."""

from __future__ import annotations

import json
from typing import Any

from conftest import GOLDEN
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.emit.generic import to_json, to_json_chunks
from translator.emit.jsontext import indented_json, json_chunks


def _reference(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def test_every_golden_output_is_written_as_json_dumps_writes_it() -> None:
    outputs = sorted(GOLDEN.glob("**/*.json"))
    assert len(outputs) > 250
    for path in outputs:
        value = json.loads(path.read_text(encoding="utf-8"))
        assert indented_json(value) == _reference(value), path
        assert "".join(json_chunks(value)) == _reference(value), path
        assert to_json(value) == "".join(to_json_chunks(value)) == _reference(value) + "\n", path


SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
KEYS = st.text() | st.integers() | st.booleans() | st.none()
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.tuples(children, children)
    | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(VALUES)
def test_generated_values_are_written_as_json_dumps_writes_them(value: Any) -> None:
    assert indented_json(value) == _reference(value)
    assert "".join(json_chunks(value)) == _reference(value)


def test_pieces_are_about_one_model_each() -> None:
    value = {"models": {f"M{i}": {"fields": {"id": {"required": True}}} for i in range(50)}, "enums": {},
             "dataSourceType": "DataStore"}
    pieces = list(json_chunks(value))
    assert len(pieces) > 50 and max(len(p) for p in pieces) < 200
    assert "".join(pieces) == _reference(value)


# Objects the writer remembers the text of, next to objects equal to them in Python (True == 1,
# 1 == 1.0, key True == key 1) whose text differs: each must keep its own text.
LOOKALIKES = [
    [{"a": True}, {"a": 1}, {"a": 1.0}, {"a": True}],
    [{True: "x"}, {1: "x"}, {"1": "x"}, {True: "x"}],
    [{"a": None, "b": "s"}, {"a": 0, "b": "s"}, {"a": False, "b": "s"}, {"a": None, "b": "s"}],
    {"m": {"f": {"required": True}}, "n": [{"required": True}], "o": {"p": {"q": {"required": True}}}},
]


def test_remembered_objects_keep_their_own_text() -> None:
    for value in LOOKALIKES:
        assert indented_json(value) == _reference(value)
        assert "".join(json_chunks(value)) == _reference(value)


def test_one_object_in_many_places_is_written_at_each_place_with_its_indent() -> None:
    shared = {"dataType": "String", "required": True}
    nested = {"a": [1, 2.5]}  # not remembered: members of other types
    value = {"m": {"f": shared, "g": shared, "h": [shared, {"i": shared}], "n": nested, "o": {"p": nested}},
             "q": shared}
    assert indented_json(value) == _reference(value)
    assert "".join(json_chunks(value)) == _reference(value)
    # Another object with the same members, at the place and level the first was written.
    twin = dict(shared)
    assert indented_json([shared, twin, {"x": twin}, {"x": shared}]) == _reference([shared, twin, {"x": twin},
                                                                                     {"x": shared}])
