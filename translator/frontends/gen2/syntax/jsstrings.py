"""JavaScript string and number text: literal escapes, template parts, ``Number#toString``."""

from __future__ import annotations

import math
import re

_ESCAPE = re.compile(r"\\(?:u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(\r\n|[\s\S]))")
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_LINE_BREAKS = ("\n", "\r", "\r\n", "\u2028", "\u2029")


def _unescape(body: str) -> str:
    def replace(match: re.Match[str]) -> str:
        braced, four, two, other = match.groups()
        if braced is not None:
            return chr(min(int(braced, 16), 0x10FFFF))
        if four is not None:
            return chr(int(four, 16))
        if two is not None:
            return chr(int(two, 16))
        if other in _LINE_BREAKS:
            return ""  # a line continuation
        return _SIMPLE.get(other, other)

    text = _ESCAPE.sub(replace, body)
    # \uD83D\uDE00 written as two escapes: join the surrogate pair as JavaScript strings do.
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def cook_string(token: str) -> str:
    """The value of a quoted string literal token (``'...'`` or ``"..."``)."""
    return _unescape(str(token)[1:-1])


def split_template(text: str, line: int, col: int) -> tuple[list[str], list[str]]:
    """Split a template literal token into its cooked text parts and its ``${...}`` sources.

    Each source is padded with newlines and spaces so that parsing it on its own reports the
    positions the expression has in the file (``line``/``col`` is where the backquote is).
    """
    quasis: list[str] = []
    sources: list[str] = []
    body = text[1:-1]
    start = 0
    i = 0
    cur_line, cur_col = line, col + 1
    while i < len(body):
        char = body[i]
        if char == "\\":
            step = 2
        elif char == "$" and body.startswith("${", i):
            quasis.append(_unescape(body[start:i]))
            end = _closing_brace(body, i + 2)
            inner = body[i + 2 : end]
            pad_line, pad_col = _advance(cur_line, cur_col, "${")
            sources.append("\n" * (pad_line - 1) + " " * (pad_col - 1) + inner)
            cur_line, cur_col = _advance(cur_line, cur_col, body[i : end + 1])
            i = start = end + 1
            continue
        else:
            step = 1
        cur_line, cur_col = _advance(cur_line, cur_col, body[i : i + step])
        i += step
    quasis.append(_unescape(body[start:]))
    return quasis, sources


def _closing_brace(body: str, i: int) -> int:
    depth = 0
    while i < len(body):
        char = body[i]
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return i
            depth -= 1
        elif char in "'\"":
            i = body.find(char, i + 1)
            if i < 0:
                break
        i += 1
    return len(body)


def _advance(line: int, col: int, text: str) -> tuple[int, int]:
    breaks = text.count("\n")
    if breaks:
        return line + breaks, len(text) - text.rfind("\n")
    return line, col + len(text)


def number_to_string(value: float) -> str:
    """``String(value)`` for a JavaScript number (shortest round-trip digits, JS exponent rules)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    if value < 0:
        return "-" + number_to_string(-value)
    digits, exponent = _shortest_digits(value)
    k = len(digits)
    n = exponent + k  # the decimal point sits after n digits
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    sign = "+" if n - 1 >= 0 else "-"
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{mantissa}e{sign}{abs(n - 1)}"


def _shortest_digits(value: float) -> tuple[str, int]:
    """Digits without leading/trailing zeros and the exponent e with value = digits * 10**e."""
    mantissa, _, exp_text = f"{value!r}".partition("e")
    exponent = int(exp_text) if exp_text else 0
    whole, _, fraction = mantissa.partition(".")
    if fraction == "0":
        fraction = ""
    digits = (whole + fraction).lstrip("0")
    exponent -= len(fraction)
    stripped = digits.rstrip("0")
    exponent += len(digits) - len(stripped)
    return stripped or "0", exponent
