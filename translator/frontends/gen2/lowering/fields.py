"""Field-level lowering shared by models, custom types and input types.

This follows data-schema's ``processFields``: one GraphQL field per entry of the fields object,
inline ``a.enum``/``a.customType`` hoisted as ``<Type><Field>`` types, ``@primaryKey`` on the
identifier's first field, ``@index`` on each index's partition key, ``@default(value: ...)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from translator.core.diagnostics import Diagnostic, Related, Span
from translator.core.document import Argument, Directive, FieldDef, TypeRef, Value
from translator.frontends.gen2.amplify.base import GENERATED, NOT_SET
from translator.frontends.gen2.amplify.builders import (
    CustomType,
    EnumType,
    RefField,
    RelationField,
    ScalarField,
)
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSArray, Poison, Unknown, describe, to_display

GRAPHQL_NAME = re.compile(r"[_A-Za-z][_0-9A-Za-z]*")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}")


def graphql_string(text: str) -> str | None:
    """The value graphql 15's lexer reads from ``"text"`` (data-schema writes strings into the SDL
    between quotes without escaping them), or None when that is not one valid string literal:
    a quote, an invalid escape, a trailing backslash, or a control character other than tab."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == '"' or (char < " " and char != "\t"):
            return None
        if char != "\\":
            out.append(char)
            i += 1
            continue
        escape = text[i + 1 : i + 2]
        if escape in _ESCAPES:
            out.append(_ESCAPES[escape])
            i += 2
        elif escape == "u" and _HEX4.fullmatch(text[i + 2 : i + 6]):
            out.append(chr(int(text[i + 2 : i + 6], 16)))
            i += 6
        else:
            return None
    return "".join(out)


def capitalize(name: str) -> str:
    """data-schema's ``capitalize``: the first character upper-cased."""
    return name[:1].upper() + name[1:]


@dataclass
class Hoisted:
    """An inline enum or custom type to be emitted as a top-level type of its own."""

    name: str
    value: Any
    span: Span


@dataclass
class Reporter:
    """Collects diagnostics; helpers check values the SDL needs as text."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, code: str, message: str, span: Span, related: tuple[Related, ...] = ()) -> None:
        """Record an error."""
        self.diagnostics.append(Diagnostic(code, message, span, related=related))

    def known(self, value: Any, span: Span) -> bool:
        """False (after reporting when needed) for a poisoned or unknown value."""
        if isinstance(value, Unknown):
            self.error("G002", f"cannot be evaluated statically: {value.what}", value.span)
            return False
        return not isinstance(value, Poison)

    def name(self, value: Any, span: Span, what: str) -> str | None:
        """A string that becomes a GraphQL name (type, field, enum value)."""
        if not self.known(value, span):
            return None
        text = value if isinstance(value, str) else to_display(value)
        if not GRAPHQL_NAME.fullmatch(text):
            self.error("G021", f"{what} {text!r} is not a valid GraphQL name", span)
            return None
        return text

    def text(self, value: Any, span: Span, what: str) -> str | None:
        """``String(value)`` as data-schema writes it between quotes into the SDL, read back as
        GraphQL reads that string."""
        if not self.known(value, span):
            return None
        text = to_display(value)
        parsed = graphql_string(text)
        if parsed is None:
            self.error("G031", f"{what} {text!r} cannot be written into the GraphQL schema as a string", span)
        return parsed

    def names(self, value: Any, span: Span, what: str) -> list[str] | None:
        """An array of field names (``.identifier([...])``, ``.sortKeys([...])``)."""
        if not self.known(value, span):
            return None
        if not isinstance(value, JSArray):
            self.error("G030", f"{what} must be an array of field names, not {describe(value)}", span)
            return None
        result: list[str] = []
        for i, item in enumerate(value.items):
            text = self.text(item, value.span_at(i) or span, what)
            if text is None:
                return None
            result.append(text)
        return result


def directive(name: str, span: Span, /, **arguments: tuple[Value, Span]) -> Directive:
    """A directive with arguments in the order given."""
    return Directive(name, tuple(Argument(k, v, s) for k, (v, s) in arguments.items()), span)


def scalar_type(builder: ScalarField) -> TypeRef:
    """``T``, ``T!``, ``[T]``, ``[T!]!``, ... from a scalar builder's flags."""
    if builder.array:
        return TypeRef(builder.field_type, True, builder.required, builder.array_required, 1)
    return TypeRef(builder.field_type, False, builder.required)


def ref_type(builder: RefField, link: str) -> TypeRef:
    """The type of an ``a.ref(...)`` field."""
    if builder.array:
        return TypeRef(link, True, builder.value_required, builder.array_required, 1)
    return TypeRef(link, False, builder.value_required or builder.array_required)


@dataclass
class FieldContext:
    """What ``processFields`` is told about the type whose fields it writes."""

    type_name: str
    identifier: list[str] | None = None
    indexes: dict[str, list[Directive]] = field(default_factory=dict)
    primary_span: Span | None = None


def lower_fields(report: Reporter, ctx: FieldContext, fields: Any, span: Span) -> tuple[list[FieldDef], list[Hoisted]]:
    """The GraphQL fields of a fields object, and the inline types to hoist."""
    result: list[FieldDef] = []
    hoisted: list[Hoisted] = []
    for field_name, value in fields.props.items():
        key_span = fields.spans.get(field_name, span)
        if not report.known(value, key_span):
            continue
        name = report.name(field_name, key_span, "field name")
        if name is None:
            continue
        lowered = _one_field(report, ctx, name, value, key_span, hoisted)
        if lowered is not None:
            result.append(lowered)
    return result, hoisted


def _one_field(
    report: Reporter, ctx: FieldContext, name: str, value: Any, span: Span, hoisted: list[Hoisted]
) -> FieldDef | None:
    type_span = getattr(value, "span", span)
    indexes = tuple(ctx.indexes.get(name, ()))
    if isinstance(value, RelationField):
        return _relation_field(report, name, value, span)
    if ctx.identifier and name == ctx.identifier[0]:
        return _primary_key_field(report, ctx, name, value, span, indexes)
    if isinstance(value, RefField):
        link = report.name(value.link, value.span, "a.ref target")
        if link is None:
            return None
        return FieldDef(name, ref_type(value, link), indexes, span, type_span)
    if isinstance(value, EnumType | CustomType):
        hoisted_name = capitalize(ctx.type_name) + capitalize(name)
        hoisted.append(Hoisted(hoisted_name, value, span))
        kept = indexes if isinstance(value, EnumType) else ()
        return FieldDef(name, TypeRef(hoisted_name), kept, span, type_span)
    if isinstance(value, ScalarField):
        directives = list(_default_directive(report, value))
        directives.extend(indexes)
        return FieldDef(name, scalar_type(value), tuple(directives), span, type_span)
    report.error("G030", f"field {name} of {ctx.type_name} is {describe(value)}, not a field", span)
    return None


def _default_directive(report: Reporter, builder: ScalarField) -> list[Directive]:
    span = builder.default_span or builder.span
    if builder.default is NOT_SET:
        return []
    if builder.default is GENERATED:
        return [directive("default", span)]
    if builder.default is None:
        text: str | None = "undefined"  # data-schema writes `${null?.toString()}`
    else:
        text = report.text(builder.default, span, "default value")
    if text is None:
        return []
    return [directive("default", span, value=(text, span))]


def _primary_key_field(
    report: Reporter,
    ctx: FieldContext,
    name: str,
    value: Any,
    span: Span,
    indexes: tuple[Directive, ...],
) -> FieldDef | None:
    assert ctx.identifier is not None
    if not isinstance(value, ScalarField):
        report.error(
            "G018", f"identifier field {name} of {ctx.type_name} must be a scalar field, not {describe(value)}", span
        )
        return None
    key_span = ctx.primary_span or span
    sort_keys = ctx.identifier[1:]
    if sort_keys:
        primary = directive("primaryKey", key_span, sortKeyFields=(tuple(sort_keys), key_span))
    else:
        primary = directive("primaryKey", key_span)
    directives = [primary, *indexes]
    if value.default is GENERATED:
        directives.append(directive("default", value.default_span or span))
    # data-schema writes the partition key as `T!` whatever `.array()`/`.required()` said.
    return FieldDef(name, TypeRef(value.field_type, False, True), tuple(directives), span, value.span)


def _relation_field(report: Reporter, name: str, value: RelationField, span: Span) -> FieldDef | None:
    related = report.name(value.related, value.span, "related model name")
    if related is None:
        return None
    if value.array:
        type_ref = TypeRef(related, True, value.value_required, value.array_required, 1)
    else:
        type_ref = TypeRef(related, False, value.value_required or value.array_required)
    references = relation_references(value)
    texts: list[str] = []
    for reference in references:
        text = report.text(reference, value.span, "reference field name")
        if text is None:
            return None
        texts.append(text)
    if texts:
        relation = directive(value.kind, value.span, references=(tuple(texts), value.span))
    else:
        relation = directive(value.kind, value.span)
    return FieldDef(name, type_ref, (relation,), span, value.span)


def relation_references(value: RelationField) -> list[Any]:
    """``references`` as data-schema stores it: always an array (a lone value is wrapped)."""
    refs = value.references
    return list(refs.items) if isinstance(refs, JSArray) else [refs]


def string_like(value: Any) -> bool:
    """Whether a builder value is a plain string/undefined (the shapes ``a.ref`` links take)."""
    return isinstance(value, str) or value is UNDEFINED
