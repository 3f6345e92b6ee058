"""Methods of strings and arrays that are pure functions of their inputs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from translator.core.diagnostics import Span
from translator.frontends.gen2.interpreter.values import (
    UNDEFINED,
    JSArray,
    Native,
    Poison,
    Runtime,
    Unknown,
    to_display,
)

_Method = Callable[[Runtime, list[Any], Span], Any]


def _arg(args: list[Any], i: int) -> Any:
    return args[i] if i < len(args) else UNDEFINED


def _index(value: Any, length: int, default: int) -> int:
    if not isinstance(value, float | int) or isinstance(value, bool):
        return default
    number = int(value)
    return max(0, length + number) if number < 0 else min(number, length)


def utf16_length(text: str) -> int:
    """``text.length`` in JavaScript, which counts UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def string_member(text: str, name: str) -> Any:
    """``text.name`` for a string."""
    if name == "length":
        return float(utf16_length(text))
    simple: dict[str, Callable[[list[Any]], Any]] = {
        "toUpperCase": lambda a: text.upper(),
        "toLowerCase": lambda a: text.lower(),
        "trim": lambda a: text.strip(),
        "trimStart": lambda a: text.lstrip(),
        "trimEnd": lambda a: text.rstrip(),
        "toString": lambda a: text,
        "startsWith": lambda a: text.startswith(to_display(_arg(a, 0))),
        "endsWith": lambda a: text.endswith(to_display(_arg(a, 0))),
        "includes": lambda a: to_display(_arg(a, 0)) in text,
        "indexOf": lambda a: float(text.find(to_display(_arg(a, 0)))),
        "charAt": lambda a: text[_index(_arg(a, 0), len(text), 0) : _index(_arg(a, 0), len(text), 0) + 1],
        "concat": lambda a: text + "".join(to_display(x) for x in a),
        "repeat": lambda a: text * int(_arg(a, 0)) if isinstance(_arg(a, 0), float) else "",
        "slice": lambda a: text[_index(_arg(a, 0), len(text), 0) : _index(_arg(a, 1), len(text), len(text))],
        "substring": lambda a: text[_index(_arg(a, 0), len(text), 0) : _index(_arg(a, 1), len(text), len(text))],
        "split": lambda a: JSArray(_split(text, _arg(a, 0))),
        "replace": lambda a: text.replace(to_display(_arg(a, 0)), to_display(_arg(a, 1)), 1),
        "replaceAll": lambda a: text.replace(to_display(_arg(a, 0)), to_display(_arg(a, 1))),
    }
    method = simple.get(name)
    if method is None:
        return UNDEFINED

    def impl(interp: Runtime, args: list[Any], span: Span) -> Any:
        for arg in args:
            if isinstance(arg, Unknown | Poison):
                return arg
        return method(args)

    return Native(f"String.prototype.{name}", impl)


def _split(text: str, separator: Any) -> list[Any]:
    if separator is UNDEFINED:
        return [text]
    sep = to_display(separator)
    return list(text) if sep == "" else list(text.split(sep))


def array_member(array: JSArray, name: str) -> Any:
    """``array.name`` for an array."""
    if name == "length":
        return float(len(array.items))
    if name.isdigit():
        i = int(name)
        return array.items[i] if i < len(array.items) else UNDEFINED
    method = _ARRAY_METHODS.get(name)
    if method is None:
        return UNDEFINED

    def impl(interp: Runtime, args: list[Any], span: Span) -> Any:
        return method(interp, array, args, span)

    return Native(f"Array.prototype.{name}", impl)


def _each(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> list[Any]:
    """The callback's result for each element (``fn(item, index, array)``)."""
    callback = _arg(args, 0)
    return [
        interp.call_callback(callback, [item, float(i), array], span, "the array method")
        for i, item in enumerate(array.items)
    ]


def _map(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    return JSArray(_each(interp, array, args, span))


def _filter(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    keep = _each(interp, array, args, span)
    return JSArray([item for item, k in zip(array.items, keep, strict=True) if interp.truthy(k, span)])


def _flat_map(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    result: list[Any] = []
    for value in _each(interp, array, args, span):
        result.extend(value.items if isinstance(value, JSArray) else [value])
    return JSArray(result)


def _for_each(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    _each(interp, array, args, span)
    return UNDEFINED


def _find(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    for item, hit in zip(array.items, _each(interp, array, args, span), strict=True):
        if interp.truthy(hit, span):
            return item
    return UNDEFINED


def _some(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    return any(interp.truthy(hit, span) for hit in _each(interp, array, args, span))


def _every(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    return all(interp.truthy(hit, span) for hit in _each(interp, array, args, span))


def _reduce(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    callback = _arg(args, 0)
    items = list(array.items)
    if len(args) > 1:
        accumulator = args[1]
        start = 0
    elif items:
        accumulator, start = items[0], 1
    else:
        raise interp.fail("G005", "reduce of an empty array with no initial value", span)
    for i in range(start, len(items)):
        accumulator = interp.call_callback(callback, [accumulator, items[i], float(i), array], span, "reduce")
    return accumulator


def _concat(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    items = list(array.items)
    for arg in args:
        items.extend(arg.items if isinstance(arg, JSArray) else [arg])
    return JSArray(items)


def _flat(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    items: list[Any] = []
    for item in array.items:
        items.extend(item.items if isinstance(item, JSArray) else [item])
    return JSArray(items)


def _join(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    separator = "," if _arg(args, 0) is UNDEFINED else to_display(args[0])
    return separator.join("" if v is None or v is UNDEFINED else to_display(v) for v in array.items)


def _includes(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    needle = _arg(args, 0)
    return any(item == needle and type(item) is type(needle) for item in array.items)


def _index_of(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    needle = _arg(args, 0)
    for i, item in enumerate(array.items):
        if item == needle and type(item) is type(needle):
            return float(i)
    return -1.0


def _slice(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    n = len(array.items)
    return JSArray(array.items[_index(_arg(args, 0), n, 0) : _index(_arg(args, 1), n, n)])


def _push(interp: Runtime, array: JSArray, args: list[Any], span: Span) -> Any:
    array.items.extend(args)
    array.spans.extend([span] * len(args))
    return float(len(array.items))


_ARRAY_METHODS: dict[str, Callable[[Runtime, JSArray, list[Any], Span], Any]] = {
    "map": _map,
    "filter": _filter,
    "flatMap": _flat_map,
    "forEach": _for_each,
    "find": _find,
    "some": _some,
    "every": _every,
    "reduce": _reduce,
    "concat": _concat,
    "flat": _flat,
    "join": _join,
    "includes": _includes,
    "indexOf": _index_of,
    "slice": _slice,
    "push": _push,
}
