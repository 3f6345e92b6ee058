"""Where a source nests brackets deepest, to point at it when a schema is nested too deeply.

Used only after a parser or a later stage ran out of stack (``RecursionError``), so it costs
nothing on ordinary schemas. Strings and comments are skipped, so their brackets do not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from translator.core.diagnostics import Diagnostic, Span

TOO_DEEP = "E057"

_SKIPPED = {
    # GraphQL: comments, block strings, strings.
    "graphql": r'#[^\n\r]*|"""(?:\\"""|[^"]|"(?!""))*(?:"""|$)|"(?:\\.|[^"\\\n\r])*"?',
    # TypeScript: comments and quoted strings (template literals count as code: close enough).
    "typescript": r"//[^\n\r]*|/\*(?:[^*]|\*(?!/))*(?:\*/|$)|'(?:\\.|[^'\\\n\r])*'?|\"(?:\\.|[^\"\\\n\r])*\"?",
}
_PATTERNS = {
    language: re.compile(rf"{skipped}|(?P<open>[\[{{(])|(?P<close>[\]}})])") for language, skipped in _SKIPPED.items()
}


@dataclass(frozen=True)
class Nesting:
    """The deepest nesting of ``[ { (`` in a text, and where it is first reached."""

    depth: int
    line: int
    column: int


def deepest_nesting(text: str, language: Literal["graphql", "typescript"] = "graphql") -> Nesting:
    """The deepest bracket nesting of ``text`` and the 1-based position of its innermost opener."""
    depth = best = at = 0
    for match in _PATTERNS[language].finditer(text):
        if match.group("open"):
            depth += 1
            if depth > best:
                best, at = depth, match.start()
        elif match.group("close"):
            depth = max(0, depth - 1)
    line = text.count("\n", 0, at) + 1
    return Nesting(best, line, at - text.rfind("\n", 0, at))


def too_deep(path: str, text: str, language: Literal["graphql", "typescript"] = "graphql") -> Diagnostic:
    """The ``E057`` diagnostic for ``text``, at its deepest point."""
    nesting = deepest_nesting(text, language)
    message = f"nested too deeply to compile: {nesting.depth} levels of brackets reach this point"
    return Diagnostic(TOO_DEEP, message, Span(path, nesting.line, nesting.column))
