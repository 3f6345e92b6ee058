"""JSON text as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it, five times faster.

With an indent, the standard library encodes in pure Python through one generator per level of
nesting, so every piece of output passes through five or six ``yield from`` frames; on a 20 MB
schema (200 MB of JSON) that took longer than the whole compile before it. Here one recursive
function appends the pieces to a list, encodes strings with the standard library's C function,
remembers the text of keys, which repeat (``dataType``, ``required``, ...), writes scalar
members without a call, and remembers the text of each object of strings, booleans and nulls
alone at each level: most fields of a schema are such an object, and most are equal to another
(``{"dataType": "String", ..., "isArray": false}``); when the emitter shares equal fields, one
object, it finds their text by the object's identity. The output is the same text, byte for byte
(tested against ``json.dumps`` on every golden output and on generated values); what it does not
know (floats, other types) it hands to ``json.dumps``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from json.encoder import encode_basestring  # the C function where the accelerator is built
from typing import Any

_INDENT = "  "
# Members of the objects whose text is remembered: of these types no two different values are
# equal (True == 1 and 1 == 1.0, so ints and floats would make equal keys of different texts).
_REMEMBERED = frozenset({str, bool, type(None)})
_KEYS = frozenset({str})


class _Writer:
    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.keys: dict[str, str] = {}
        self.newlines: list[str] = ["\n"]
        self.texts: dict[tuple[int, tuple[tuple[Any, Any], ...]], str] = {}
        # The same text by the object's identity, when one object stands in many places (equal
        # fields shared by the emitter): no look at its members. The entry holds the object, so
        # its id is not reused by another while the writer lives.
        self.seen: dict[int, tuple[Mapping[Any, Any], int, str]] = {}

    def newline(self, level: int) -> str:
        """``\\n`` and the indent of ``level``, made once per level."""
        while len(self.newlines) <= level:
            self.newlines.append("\n" + _INDENT * len(self.newlines))
        return self.newlines[level]

    def scalar(self, value: Any) -> str | None:
        """The text of a scalar, None for a container."""
        kind = type(value)
        if kind is str:
            return encode_basestring(value)
        if kind is bool:
            return "true" if value else "false"
        if value is None:
            return "null"
        if kind is int:
            return int.__repr__(value)
        if kind is dict or kind is list or kind is tuple:
            return None
        return json.dumps(value, ensure_ascii=False)

    def value(self, value: Any, level: int) -> None:
        text = self.scalar(value)
        if text is not None:
            self.out(text)
        elif type(value) is dict:
            self.mapping(value, level)
        else:
            self.sequence(value, level)

    def key(self, key: Any) -> str:
        """``"key": ``; keys other than strings converted as ``json.dumps`` converts them."""
        if type(key) is not str:
            return json.dumps({key: 0}, ensure_ascii=False)[1:-4] + ": "
        text = self.keys.get(key)
        if text is None:
            text = self.keys[key] = encode_basestring(key) + ": "
        return text

    def mapping(self, value: Mapping[Any, Any], level: int) -> None:
        if not value:
            self.out("{}")
            return
        seen = self.seen.get(id(value))
        if seen is not None and seen[0] is value and seen[1] == level:
            self.out(seen[2])
            return
        if _REMEMBERED.issuperset(map(type, value.values())) and _KEYS.issuperset(map(type, value)):
            remembered = (level, tuple(value.items()))
            text = self.texts.get(remembered)
            if text is None:
                pieces: list[str] = []
                _Writer(pieces.append).members(value, level)
                text = self.texts[remembered] = "".join(pieces)
            self.seen[id(value)] = (value, level, text)
            self.out(text)
            return
        self.members(value, level)

    def members(self, value: Mapping[Any, Any], level: int) -> None:
        """The text of non-empty ``value`` at ``level``."""
        inner = self.newline(level + 1)
        separator = "{" + inner
        comma = "," + inner
        out = self.out
        keys = self.keys
        seen = self.seen
        for key, item in value.items():
            key_text = keys.get(key) or self.key(key)
            # Strings and booleans written here, without a call: the objects that are not found
            # whole (a field with a relationship, say) are most of the time spent.
            kind = type(item)
            if kind is str:
                out(f"{separator}{key_text}{encode_basestring(item)}")
            elif kind is bool:
                out(f"{separator}{key_text}{'true' if item else 'false'}")
            elif kind is dict:
                # An object whose text is known (a shared field, most members of a model's
                # "fields"): looked up here, without the calls that lead to it.
                known = seen.get(id(item))
                if known is not None and known[0] is item and known[1] == level + 1:
                    out(f"{separator}{key_text}{known[2]}")
                else:
                    out(separator + key_text)
                    self.mapping(item, level + 1)
            else:
                text = self.scalar(item)
                if text is not None:
                    out(f"{separator}{key_text}{text}")
                else:
                    out(separator + key_text)
                    self.value(item, level + 1)
            separator = comma
        out(self.newline(level) + "}")

    def sequence(self, value: list[Any] | tuple[Any, ...], level: int) -> None:
        if not value:
            self.out("[]")
            return
        inner = self.newline(level + 1)
        separator = "[" + inner
        comma = "," + inner
        out = self.out
        for item in value:
            if type(item) is str:  # most lists of the output are lists of names
                out(separator + encode_basestring(item))
            else:
                out(separator)
                self.value(item, level + 1)
            separator = comma
        out(self.newline(level) + "]")


def json_chunks(value: Any) -> Iterator[str]:
    """The text of :func:`indented_json` in pieces of a bounded size, one per member of each
    member of the top-level object (one per model, say), so a large output can be written as it
    is made instead of held whole."""
    if type(value) is not dict or not value:
        yield indented_json(value)
        return
    pieces: list[str] = []
    writer = _Writer(pieces.append)
    separator = "{" + writer.newline(1)
    for key, group in value.items():
        head = separator + writer.key(key)
        separator = "," + writer.newline(1)
        if type(group) is not dict or not group:
            pieces.clear()
            writer.value(group, 1)
            yield head + "".join(pieces)
            continue
        yield head
        member = "{" + writer.newline(2)
        for name, item in group.items():
            pieces.clear()
            pieces.append(member + writer.key(name))
            writer.value(item, 2)
            yield "".join(pieces)
            member = "," + writer.newline(2)
        yield writer.newline(1) + "}"
    yield "\n}"


def indented_json(value: Any) -> str:
    """``json.dumps(value, indent=2, ensure_ascii=False)``."""
    pieces: list[str] = []
    _Writer(pieces.append).value(value, 0)
    return "".join(pieces)
