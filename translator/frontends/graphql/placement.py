"""Where the warnings of a plain schema read without positions point, found afterwards.

``check`` reads a plain schema without positions, as a compile does: in half the time, and a
document less than half the size, since equal fields can then be one object. When all it finds are
warnings, each names what it points at (a :class:`Target`), and :func:`place_targets` finds just
those in one pass over the text. The places are the ones the reader with positions gives: a
type's name, the ``@`` of its ``@model``, a field's or an enum value's name.

The pass reads the text many tokens at a time, with patterns that skip in one match what can
hold no target (blanks, comments, strings, directives, names that are not a field's), over the
few shapes a plain schema's definitions have (:mod:`sdl_document` accepted it): ``[description]
keyword Name [implements A & B] [@directives] [= A | B] [{ body }]``. In a body, at the first
level of braces and outside parentheses, a field's name is a name followed by ``:`` or ``(``
that is not a directive's; an enum value is a name that is not a directive's. A target the pass
does not find is left out (the caller then reads the schema with positions).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from graphql.language import Source

from translator.core.diagnostics import Span, Target
from translator.core.document import SchemaSource
from translator.frontends.graphql.values import lines_of

__all__ = ["place_targets"]

# GraphQL's lexical grammar, as far as the pass needs it: what is ignored between tokens, names,
# and strings (block strings first: ``"""`` also starts an empty string).
_IGNORED = r'[ \t,\ufeff\n\r]++|#[^\n\r]*+'
_NAME = r'[_A-Za-z][_0-9A-Za-z]*+'
_STRING = r'"""(?:\\"""|[^"\\]++|\\|"(?!""))*+"""|"(?:[^"\\\n\r]++|\\.)*+"'
_DIRECTIVE = rf'@(?:{_IGNORED})*+{_NAME}'
# Between definitions and in their headers: a name (group 1), a directive's @ (2) and name (3),
# or a punctuator that changes what comes next (4).
_HEADER = re.compile(rf'(?:{_IGNORED}|{_STRING})*+(?:({_NAME})|(@)(?:{_IGNORED})*+({_NAME})|([{{()=|&]))')
# In a body of fields: a brace or parenthesis (group 1), or a name followed by : or ( (2).
_FIELDS = re.compile(
    rf'(?:{_IGNORED}|{_STRING}|{_DIRECTIVE}|{_NAME}(?!(?:{_IGNORED})*+[:(])|[-+.0-9!$&:=\[\]|]++)*+'
    rf'(?:([{{}}()])|({_NAME}))'
)
# In a body of enum values: a brace or parenthesis (group 1), or a value (2).
_VALUES = re.compile(rf'(?:{_IGNORED}|{_STRING}|{_DIRECTIVE})*+(?:([{{}}()])|({_NAME}))')
# In parentheses (arguments, which hold no target): the next parenthesis (group 1).
_ARGUMENTS = re.compile(rf'(?:{_IGNORED}|{_STRING}|[^"#()]++)*+([()])')

# What each wanted type's targets are, by part and name.
_Wanted = dict[str, dict[tuple[str, str], Target]]
_NO_TARGETS: dict[tuple[str, str], Target] = {}


def place_targets(sources: Sequence[SchemaSource], targets: Iterable[Target]) -> dict[Target, Span]:
    """Where each of ``targets`` is in ``sources`` (the files of a plain schema, each type
    defined once); a target not found there is left out."""
    wanted: _Wanted = {}
    for target in targets:
        wanted.setdefault(target.type_name, {})[(target.part, target.name)] = target
    found: dict[Target, Span] = {}
    for source in sources:
        _place_in(Source(source.text, source.name), wanted, found)
    return found


def _place_in(source: Source, wanted: _Wanted, found: dict[Target, Span]) -> None:
    """Add the places of the targets of ``wanted`` that are in ``source`` to ``found``."""
    text = source.body
    position = lines_of(source).span
    offset = depth = parens = 0
    current = _NO_TARGETS  # the targets of the type being read
    enum = expect_name = expect_reference = False
    while True:
        pattern = _ARGUMENTS if parens else _HEADER if depth == 0 else _VALUES if enum else _FIELDS
        match = pattern.match(text, offset)
        if match is None:
            return  # the end of the text (what is after the last match holds no target)
        offset = match.end()
        if parens:
            parens += 1 if match[1] == "(" else -1
            continue
        if depth:
            punctuator, name = match[1], match[2]
            if name is not None:
                target = current.get(("value" if enum else "field", name)) if depth == 1 else None
                if target is not None:
                    found[target] = position(match.start(2))
            elif punctuator in "{}":
                depth += 1 if punctuator == "{" else -1
            else:
                parens += 1 if punctuator == "(" else -1
            continue
        # Between definitions or in a header.
        name, directive, punctuator = match[1], match[3], match[4]
        if name is not None:
            if expect_name:  # the type's own name
                current = wanted.get(name, _NO_TARGETS)
                if (target := current.get(("type", ""))) is not None:
                    found[target] = position(match.start(1))
                expect_name = False
            elif expect_reference:  # an interface or a union member
                expect_reference = False
            elif name == "implements":  # (a type may have that name, but not here)
                expect_reference = True
            else:  # the keyword of the next definition
                current, enum, expect_name = _NO_TARGETS, name == "enum", True
        elif directive is not None:
            # (A schema with a second @model on a type has errors: it is never placed.)
            if directive == "model" and (target := current.get(("model", ""))) is not None:
                found[target] = position(match.start(2))
        elif punctuator == "{":
            depth = 1
        elif punctuator == "(":
            parens = 1
        else:  # & = |
            expect_reference = True
