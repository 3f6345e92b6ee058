"""A reader for the small part of YAML that Amplify CLI writes into ``.graphqlconfig.yml``.

amplify-codegen saves the file with js-yaml: block mappings and block sequences indented by two
spaces, plain, single- or double-quoted scalars, ``[]``/``{}`` for empty collections, comments.
No YAML library is a dependency of this package, so this reads exactly that and reports (never
raises on) anything else: anchors, tags, block scalars, multi-line plain scalars, mappings inside
sequences, tabs used for indentation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_KEY = re.compile(r"""^(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\-?:,\[\]{}&*!|>%@`][^#]*?)\s*:(?:\s+|$)""")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "\\": "\\", "/": "/", " ": " "}


@dataclass
class YamlResult:
    """The value read (None when nothing could be read) and what could not be read, by line."""

    value: Any = None
    problems: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    number: int  # 1-based
    indent: int
    text: str  # without indentation and comment


def read_yaml_subset(text: str) -> YamlResult:
    """Read ``text``; the problems name each line that was skipped and why."""
    result = YamlResult()
    lines = _lines(text, result.problems)
    if not lines:
        return result
    value, end = _block(lines, 0, lines[0].indent, result.problems)
    for line in lines[end:]:
        result.problems.append((line.number, "unexpected indentation"))
    result.value = value
    result.problems.sort()
    return result


def _lines(text: str, problems: list[tuple[int, str]]) -> list[_Line]:
    lines: list[_Line] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if number == 1:
            raw = raw.removeprefix("\ufeff")
        body = raw.lstrip(" ")
        if body.startswith("\t"):
            problems.append((number, "tab used for indentation"))
            continue
        body = _strip_comment(body).rstrip()
        if not body or body in ("---", "..."):
            continue
        if body.startswith("%"):
            problems.append((number, "YAML directives are not supported"))
            continue
        lines.append(_Line(number, len(raw) - len(raw.lstrip(" ")), body))
    return lines


def _strip_comment(text: str) -> str:
    """``text`` without a ``#`` comment (one at the start or after a blank, outside quotes)."""
    quote = ""
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = ""
            elif char == "\\" and quote == '"':
                continue
        elif char in "'\"" and (index == 0 or text[index - 1] in " :-[{,"):
            quote = char
        elif char == "#" and (index == 0 or text[index - 1] in " \t"):
            return text[:index]
    return text


def _block(lines: list[_Line], start: int, indent: int, problems: list[tuple[int, str]]) -> tuple[Any, int]:
    """The mapping or sequence whose entries start at ``lines[start]`` with ``indent``."""
    if lines[start].text == "-" or lines[start].text.startswith("- "):
        return _sequence(lines, start, indent, problems)
    if _KEY.match(lines[start].text):
        return _mapping(lines, start, indent, problems)
    if start + 1 < len(lines) and lines[start + 1].indent >= indent:
        problems.append((lines[start].number, "multi-line values are not supported"))
        return None, _skip(lines, start + 1, indent)
    return _scalar(lines[start], lines[start].text, problems), start + 1


def _mapping(lines: list[_Line], index: int, indent: int, problems: list[tuple[int, str]]) -> tuple[Any, int]:
    mapping: dict[str, Any] = {}
    while index < len(lines) and lines[index].indent == indent:
        line = lines[index]
        match = _KEY.match(line.text)
        if match is None:
            problems.append((line.number, "expected `key: value`"))
            index = _skip(lines, index + 1, indent + 1)
            continue
        key = _key(match.group("key"))
        rest = line.text[match.end() :]
        index += 1
        if rest[:1] in ("|", ">"):
            problems.append((line.number, "block scalars (| and >) are not supported"))
            mapping[key], index = None, _skip(lines, index, indent + 1)
        elif rest:
            mapping[key] = _scalar(line, rest, problems)
        elif index < len(lines) and lines[index].indent > indent:
            mapping[key], index = _block(lines, index, lines[index].indent, problems)
        elif index < len(lines) and lines[index].indent == indent and lines[index].text.startswith("-"):
            mapping[key], index = _sequence(lines, index, indent, problems)  # `key:` then `- item`
        else:
            mapping[key] = None
        if index < len(lines) and lines[index].indent > indent:
            problems.append((lines[index].number, "unexpected indentation"))
            index = _skip(lines, index, indent + 1)
    return mapping, index


def _sequence(lines: list[_Line], index: int, indent: int, problems: list[tuple[int, str]]) -> tuple[Any, int]:
    items: list[Any] = []
    while index < len(lines) and lines[index].indent == indent and (
        lines[index].text == "-" or lines[index].text.startswith("- ")
    ):
        line = lines[index]
        rest = line.text[1:].lstrip(" ")
        index += 1
        if not rest and index < len(lines) and lines[index].indent > indent:
            item, index = _block(lines, index, lines[index].indent, problems)
            items.append(item)
        elif _KEY.match(rest) and not rest.startswith(("'", '"')):
            problems.append((line.number, "mappings inside a sequence are not supported"))
            index = _skip(lines, index, indent + 1)
        else:
            items.append(_scalar(line, rest, problems) if rest else None)
    return items, index


def _skip(lines: list[_Line], index: int, indent: int) -> int:
    """The first line from ``index`` on that is indented less than ``indent``."""
    while index < len(lines) and lines[index].indent >= indent:
        index += 1
    return index


def _key(text: str) -> str:
    if text[:1] in "'\"":
        value = _quoted(text)
        return value if value is not None else text
    return text


def _scalar(line: _Line, text: str, problems: list[tuple[int, str]]) -> Any:
    if text[:1] in "'\"":
        value = _quoted(text)
        if value is None:
            problems.append((line.number, "unterminated or multi-line quoted string"))
        return value
    if text[:1] in "&*!|>":
        kind = {"&": "anchors", "*": "aliases", "!": "tags"}.get(text[0], "block scalars (| and >)")
        problems.append((line.number, f"{kind} are not supported"))
        return None
    if text[:1] in "[{":
        return _flow(line, text, problems)
    if text in ("null", "Null", "NULL", "~"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def _flow(line: _Line, text: str, problems: list[tuple[int, str]]) -> Any:
    """``[]``, ``{}`` and ``[a, 'b', "c"]`` of plain or quoted scalars."""
    if text in ("[]", "{}"):
        return [] if text == "[]" else {}
    if text.startswith("[") and text.endswith("]") and not re.search(r"[\[\]{}]", text[1:-1]):
        parts = re.findall(r"""\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]+?)\s*(?:,|$)""", text[1:-1])
        return [_scalar(line, part, problems) for part in parts if part]
    problems.append((line.number, "nested flow collections are not supported"))
    return None


def _quoted(text: str) -> str | None:
    """The value of a quoted scalar that makes up all of ``text``; None when it does not."""
    quote = text[0]
    if quote == "'":
        match = re.fullmatch(r"'((?:[^']|'')*)'", text)
        return match.group(1).replace("''", "'") if match else None
    match = re.fullmatch(r'"((?:[^"\\]|\\.)*)"', text)
    if match is None:
        return None
    return re.sub(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", _unescape, match.group(1))


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in "ux" and len(code) > 1:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)
