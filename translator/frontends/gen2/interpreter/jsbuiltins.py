"""The pure part of the JavaScript library that data definitions use to build their schema.

``Object.values(MyEnum)``, ``[...].map((s) => s.toUpperCase())`` and the like run here. Anything
with an effect or a value known only at run time (``process``, ``Date``, ``Math.random``) is
:class:`values.Opaque` and evaluates to :class:`values.Unknown`.
"""

from __future__ import annotations

import json
import math
from typing import Any

from translator.core.diagnostics import Span
from translator.frontends.gen2.interpreter.jsmethods import array_member, string_member
from translator.frontends.gen2.interpreter.values import (
    UNDEFINED,
    JSArray,
    JSObject,
    Native,
    NativeImpl,
    Opaque,
    Poison,
    Runtime,
    Unknown,
    to_display,
)
from translator.frontends.gen2.syntax.jsstrings import number_to_string


def to_number(value: Any) -> float:
    """JavaScript ``Number(value)`` for primitives (objects are NaN)."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, float | int):
        return float(value)
    if value is None:
        return 0.0
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return 0.0
        try:
            return float(int(text, 16)) if text.lower().startswith("0x") else float(text)
        except ValueError:
            return math.nan
    return math.nan


def _arg(args: list[Any], i: int) -> Any:
    return args[i] if i < len(args) else UNDEFINED


def _native(name: str, impl: NativeImpl) -> Native:
    return Native(name, impl)


def _items_of(interp: Runtime, value: Any, span: Span, what: str) -> list[Any]:
    if isinstance(value, JSArray):
        return value.items
    raise interp.fail("G005", f"{what} expects an array", span)


def _object_keys(interp: Runtime, args: list[Any], span: Span) -> Any:
    target = _arg(args, 0)
    if isinstance(target, Unknown | Poison):
        return target
    if isinstance(target, JSObject):
        return JSArray(list(target.props))
    if isinstance(target, JSArray):
        return JSArray([str(i) for i in range(len(target.items))])
    return JSArray([])


def _object_values(interp: Runtime, args: list[Any], span: Span) -> Any:
    target = _arg(args, 0)
    if isinstance(target, Unknown | Poison):
        return target
    if isinstance(target, JSObject):
        return JSArray(list(target.props.values()))
    if isinstance(target, JSArray):
        return JSArray(list(target.items))
    return JSArray([])


def _object_entries(interp: Runtime, args: list[Any], span: Span) -> Any:
    target = _arg(args, 0)
    if isinstance(target, Unknown | Poison):
        return target
    if isinstance(target, JSObject):
        return JSArray([JSArray([k, v]) for k, v in target.props.items()])
    return JSArray([])


def _object_from_entries(interp: Runtime, args: list[Any], span: Span) -> Any:
    source = _arg(args, 0)
    if isinstance(source, Unknown | Poison):
        return source
    result = JSObject(span=span)
    for entry in _items_of(interp, source, span, "Object.fromEntries"):
        if isinstance(entry, JSArray) and entry.items:
            result.set(to_display(entry.items[0]), _arg(entry.items, 1), span)
    return result


def _object_assign(interp: Runtime, args: list[Any], span: Span) -> Any:
    target = _arg(args, 0)
    for source in args[1:]:
        if isinstance(source, Unknown | Poison):
            return source
        if isinstance(target, JSObject) and isinstance(source, JSObject):
            for key, value in source.props.items():
                target.set(key, value, source.spans.get(key, span))
    return target


def _is_array(interp: Runtime, args: list[Any], span: Span) -> Any:
    return isinstance(_arg(args, 0), JSArray)


def _json_stringify(interp: Runtime, args: list[Any], span: Span) -> Any:
    def plain(value: Any) -> Any:
        if isinstance(value, JSObject):
            return {k: plain(v) for k, v in value.props.items() if v is not UNDEFINED}
        if isinstance(value, JSArray):
            return [None if v is UNDEFINED else plain(v) for v in value.items]
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str | float | int | bool) or value is None:
            return value
        raise interp.fail("G002", "cannot be evaluated statically: JSON.stringify of a builder", span)

    return json.dumps(plain(_arg(args, 0)), separators=(",", ":"), ensure_ascii=False)


def from_json(value: Any) -> Any:
    """A parsed JSON document (``import data from './x.json'``) as evaluator values."""
    if isinstance(value, dict):
        return JSObject({k: from_json(v) for k, v in value.items()})
    if isinstance(value, list):
        return JSArray([from_json(v) for v in value])
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _string_call(interp: Runtime, args: list[Any], span: Span) -> Any:
    value = _arg(args, 0)
    return value if isinstance(value, Unknown | Poison) else to_display(value) if args else ""


def _number_call(interp: Runtime, args: list[Any], span: Span) -> Any:
    value = _arg(args, 0)
    return value if isinstance(value, Unknown | Poison) else to_number(value) if args else 0.0


def _boolean_call(interp: Runtime, args: list[Any], span: Span) -> Any:
    value = _arg(args, 0)
    return value if isinstance(value, Unknown | Poison) else interp.truthy(value, span)


def _noop(interp: Runtime, args: list[Any], span: Span) -> Any:
    return UNDEFINED


def global_names() -> dict[str, Any]:
    """The global variables a module sees (besides its imports)."""
    return {
        "undefined": UNDEFINED,
        "NaN": math.nan,
        "Infinity": math.inf,
        "Object": JSObject(
            {
                "keys": _native("Object.keys", _object_keys),
                "values": _native("Object.values", _object_values),
                "entries": _native("Object.entries", _object_entries),
                "fromEntries": _native("Object.fromEntries", _object_from_entries),
                "assign": _native("Object.assign", _object_assign),
                "freeze": _native("Object.freeze", lambda i, a, s: _arg(a, 0)),
            }
        ),
        "Array": JSObject({"isArray": _native("Array.isArray", _is_array)}),
        "JSON": JSObject({"stringify": _native("JSON.stringify", _json_stringify)}),
        "String": _native("String", _string_call),
        "Number": _native("Number", _number_call),
        "Boolean": _native("Boolean", _boolean_call),
        "console": JSObject({n: _native("console." + n, _noop) for n in ("log", "warn", "error", "info")}),
        **{
            name: Opaque(name)
            for name in (
                "process",
                "Date",
                "Math",
                "globalThis",
                "Symbol",
                "Promise",
                "require",
                "module",
                "exports",
                "__dirname",
                "__filename",
                "Buffer",
                "URL",
                "fetch",
            )
        },
    }


def member_of_primitive(interp: Runtime, value: Any, name: str, span: Span) -> Any:
    """A property or method of a string, number, boolean or array."""
    if isinstance(value, str):
        return string_member(value, name)
    if isinstance(value, JSArray):
        return array_member(value, name)
    if isinstance(value, float | int) and not isinstance(value, bool):
        if name == "toString":
            return _native("toString", lambda i, a, s: number_to_string(float(value)))
        return UNDEFINED
    if isinstance(value, bool) and name == "toString":
        return _native("toString", lambda i, a, s: to_display(value))
    return UNDEFINED
