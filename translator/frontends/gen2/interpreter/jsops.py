"""JavaScript binary operators on primitive values."""

from __future__ import annotations

import math
from typing import Any

from translator.frontends.gen2.interpreter.jsbuiltins import to_number
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSObject, to_display

_COMPARE = {"<", ">", "<=", ">="}
# Operators that also exist as compound assignments (`+=`, `??=`, ...).
ASSIGN_OPS = {"+", "-", "*", "/", "%", "**", "|", "&", "^", "<<", ">>", ">>>", "||", "&&", "??"}


def binary(op: str, left: Any, right: Any) -> Any:
    """``left op right`` (not ``&&``, ``||``, ``??``, which short-circuit)."""
    if op == "+" and (isinstance(left, str) or isinstance(right, str)):
        return to_display(left) + to_display(right)
    if op in ("===", "!=="):
        same = _strict_equal(left, right)
        return same if op == "===" else not same
    if op in ("==", "!="):
        loose = _strict_equal(left, right) or (
            {left is None or left is UNDEFINED, right is None or right is UNDEFINED} == {True}
        )
        return loose if op == "==" else not loose
    if op in _COMPARE and isinstance(left, str) and isinstance(right, str):
        return {"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right}[op]
    if op == "in":
        return isinstance(right, JSObject) and to_display(left) in right.props
    if op == "instanceof":
        return False
    a, b = to_number(left), to_number(right)
    return _arith(op, a, b)


def _arith(op: str, a: float, b: float) -> Any:
    try:
        if op in _COMPARE:
            return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        if op == "/":
            return (
                a / b
                if b
                else (math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a) * math.copysign(1, b))
            )
        if op == "%":
            return math.fmod(a, b) if b else math.nan
        if op == "**":
            return float(a**b)
        ints = (int(a) if math.isfinite(a) else 0, int(b) if math.isfinite(b) else 0)
        bitwise = {
            "|": ints[0] | ints[1],
            "&": ints[0] & ints[1],
            "^": ints[0] ^ ints[1],
            "<<": ints[0] << (ints[1] & 31),
            ">>": ints[0] >> (ints[1] & 31),
            ">>>": (ints[0] % 2**32) >> (ints[1] & 31),
        }
        return float(bitwise[op])
    except (OverflowError, ValueError, ZeroDivisionError):
        return math.nan


def _strict_equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, float | int) and isinstance(right, float | int):
        return float(left) == float(right)
    if isinstance(left, str) and isinstance(right, str):
        return left == right
    return left is right
