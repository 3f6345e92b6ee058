"""The checks data-schema makes while it builds the SDL, and the directives it derives.

Messages say what Amplify's say, with the place in the file where the problem is written.
"""

from __future__ import annotations

import re
from typing import Any

from translator.core.diagnostics import Related, Span
from translator.core.document import Directive, TypeDef
from translator.core.names import OBJECT_PROTOTYPE_NAMES
from translator.frontends.gen2.amplify.base import GENERATED
from translator.frontends.gen2.amplify.builders import (
    CustomType,
    EnumType,
    IndexBuilder,
    Model,
    RefField,
    ScalarField,
)
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSArray, JSObject, describe
from translator.frontends.gen2.lowering.fields import Reporter, capitalize, directive, relation_references
from translator.frontends.gen2.lowering.relationships import check_relationships

__all__ = ["check_relationships"]

def enum_typedef(name: str, enum: EnumType, span: Span, report: Reporter) -> TypeDef | None:
    """``enum Name { ... }``; values with whitespace are rejected by data-schema itself."""
    from translator.core.document import EnumValueDef  # noqa: PLC0415

    values = enum.values
    if not report.known(values, span):
        return None
    if not isinstance(values, JSArray):
        report.error("G030", f"a.enum(...) needs an array of values, not {describe(values)}", enum.span)
        return None
    if not values.items:
        # data-schema writes `enum Name {\n  \n}`, which is not valid GraphQL.
        report.error("G032", f"the enum type {name} has no values; a GraphQL enum needs at least one", enum.span)
        return None
    result: list[EnumValueDef] = []
    for i, value in enumerate(values.items):
        where = values.span_at(i) or enum.span
        if isinstance(value, str) and re.search(r"\s", value):
            report.error("G020", f"values of the enum type {name} should not contain any whitespace: {value!r}", where)
            continue
        text = report.name(value, where, "enum value")
        first = next((v for v in result if v.name == text), None)
        if first is not None:
            # The SDL would define the value twice; the same rule as for GraphQL schemas (E011).
            report.error(
                "E011",
                f'Enum value "{name}.{text}" can only be defined once.',
                where,
                (Related(first.span, "first defined here"),),
            )
        elif text is not None:
            result.append(EnumValueDef(text, where))
    return TypeDef("enum", name, span, values=tuple(result))


def check_refs(owner: str, kind: str, fields: JSObject, lookup: dict[str, Any], report: Reporter) -> None:
    """``validateRefUseCases``: refs must name a defined type, and not a model."""
    for field_name, value in fields.props.items():
        if not isinstance(value, RefField) or not isinstance(value.link, str):
            continue
        target = lookup.get(value.link)
        if target is None:
            report.error(
                "G017",
                f"invalid ref: {owner} is referring to {value.link} which is not defined in the schema",
                value.span,
            )
        elif isinstance(target, Model):
            report.error(
                "G017",
                f"cannot use .ref() to refer a model from a {kind}: field {field_name} of {owner} "
                f"refers to model {value.link}",
                value.span,
            )


def index_directives(
    model_name: str, model: Model, fields: JSObject, lookup: dict[str, Any], report: Reporter
) -> dict[str, list[Directive]]:
    """``@index`` directives by partition-key field (``transformedSecondaryIndexesForModel``)."""
    result: dict[str, list[Directive]] = {}
    indexes = model.indexes
    if indexes is None:
        return result
    span = model.indexes_span or model.span
    if not report.known(indexes, span):
        return result
    items = list(indexes.items) if isinstance(indexes, JSArray) else [indexes]
    for index in items:
        if not report.known(index, span):
            continue
        if not isinstance(index, IndexBuilder):
            report.error("G030", f".secondaryIndexes(...) must return index(...) builders, not {describe(index)}", span)
            continue
        built = _index(model_name, index, fields, lookup, report)
        if built is not None:
            result.setdefault(built[0], []).append(built[1])
    return result


def _index(
    model_name: str, index: IndexBuilder, fields: JSObject, lookup: dict[str, Any], report: Reporter
) -> tuple[str, Directive] | None:
    pk = report.text(index.partition_key, index.span, "index field name")
    sort_keys: list[str] = []
    if index.sort_keys is not None:
        written = report.names(index.sort_keys, index.sort_keys_span or index.span, ".sortKeys(...)")
        if written is None:
            return None
        sort_keys = written
    if pk is None:
        return None
    for key in [pk, *sort_keys]:
        value = fields.props.get(key)
        if (
            isinstance(value, RefField)
            and isinstance(value.link, str)
            and not isinstance(lookup.get(value.link), EnumType)
        ):
            report.error(
                "G019",
                f"the ref field {key} used in the secondary index of {model_name} should refer to "
                f"an enum type; {value.link} is not an enum type",
                index.span,
            )
            return None
    name = report.text(index.name, index.name_span or index.span, "index name") if index.name else ""
    query_field: Any = index.query_field
    projection = index.projection
    args: dict[str, tuple[Any, Span]] = {}
    span = index.span
    default_query = f"list{capitalize(model_name)}By{capitalize(pk)}"
    if (
        not sort_keys
        and not name
        and not query_field
        and query_field is not None
        and projection in ("ALL", UNDEFINED, None, "")
    ):
        args["queryField"] = (default_query, span)
        return pk, directive("index", span, **args)
    if name:
        args["name"] = (name, index.name_span or span)
    if sort_keys:
        args["sortKeyFields"] = (tuple(sort_keys), index.sort_keys_span or span)
    qf_span = index.query_field_span or span
    if query_field is None:
        args["queryField"] = (None, qf_span)
    elif query_field:
        text = report.text(query_field, qf_span, "query field name")
        if text is None:
            return None
        args["queryField"] = (text, qf_span)
    else:
        suffix = "And" + "And".join(capitalize(k) for k in sort_keys) if sort_keys else ""
        args["queryField"] = (default_query + suffix, span)
    if projection == "KEYS_ONLY":
        args["projection"] = ({"type": "KEYS_ONLY"}, span)
    elif projection == "INCLUDE" and isinstance(index.non_key_attributes, JSArray) and index.non_key_attributes.items:
        attrs = tuple(str(a) for a in index.non_key_attributes.items)
        args["projection"] = ({"type": "INCLUDE", "nonKeyAttributes": attrs}, span)
    return pk, directive("index", span, **args)


def check_generated_defaults(fields: JSObject, report: Reporter, engine: str) -> None:
    """``.default()`` without a value means a database-generated value: PostgreSQL ``Int`` only."""
    for name, value in fields.props.items():
        if not isinstance(value, ScalarField) or value.default is not GENERATED:
            continue
        if engine == "postgresql" and value.field_type != "Int":
            report.error(
                "G023",
                f"incompatible field type: field type {value.field_type} in field {name} cannot be "
                "configured as a DB-generated field",
                value.default_span or value.span,
            )
        elif engine != "postgresql":
            report.error(
                "G023",
                f"invalid field definition for {name}: DB-generated fields (.default() without a "
                "value) are only supported with PostgreSQL data sources",
                value.default_span or value.span,
            )


def check_identifier_fields(
    model_name: str, fields: JSObject, identifier: list[str], identifier_span: Span, report: Reporter
) -> None:
    """Identifier fields must be required (``a.id()`` fields may stay optional)."""
    for name in identifier:
        value = fields.props.get(name)
        if value is None:
            continue
        if isinstance(value, ScalarField) and (
            value.required or value.field_type == "ID" or value.default is GENERATED
        ):
            continue
        span = fields.spans.get(name, identifier_span)
        report.error(
            "G018",
            f"invalid identifier definition: field {name} of {model_name} cannot be used in the "
            "identifier; identifiers must reference required fields",
            span,
        )


def model_directive(model: Model, report: Reporter, sql: bool = False) -> Directive:
    """``@model``, with ``queries``/``mutations``/``subscriptions`` from ``.disableOperations``
    (SQL models also get ``timestamps: null``)."""
    disabled = model.disabled
    attrs: dict[str, Any] = {"timestamps": None} if sql else {}
    if disabled is None or not report.known(disabled, model.span) or not isinstance(disabled, JSArray):
        return directive("model", model.span, **{k: (v, model.span) for k, v in attrs.items()})
    coarse = ("queries", "mutations", "subscriptions")
    fine = {
        "onCreate": "subscriptions",
        "onUpdate": "subscriptions",
        "onDelete": "subscriptions",
        "create": "mutations",
        "update": "mutations",
        "delete": "mutations",
        "list": "queries",
        "get": "queries",
    }
    ops = [str(o) for o in disabled.items]
    ordered = [o for o in ops if o in coarse] + [o for o in ops if o not in coarse]
    for op in ordered:
        if op in coarse:
            attrs[op] = None
        elif op in fine and attrs.get(fine[op], {}) is not None:
            attrs.setdefault(fine[op], {})[op] = None
    if not attrs:
        return directive("model", model.span)
    return directive("model", model.span, **{k: (v, model.span) for k, v in attrs.items()})


def check_unique_types(types: list[TypeDef], report: Reporter) -> None:
    """Two definitions with one name make an invalid SDL (hoisted names can collide)."""
    seen: dict[str, TypeDef] = {}
    for typedef in types:
        first = seen.setdefault(typedef.name, typedef)
        if first is not typedef:
            report.error(
                "G029",
                f"there can be only one type named {typedef.name} "
                "(inline enums and custom types are named <Type><Field>)",
                typedef.span,
                (Related(first.span, "first defined here"),),
            )


def custom_or_enum(value: Any) -> bool:
    """Whether a top-level value is a custom type or an enum (a non-model type)."""
    return isinstance(value, CustomType | EnumType)


__all__ += ["relation_references"]


# data-schema looks fields up in plain objects (`secondaryIndexes[name]`, `fieldLevelAuthRules[name]`),
# finds Object.prototype's members there and fails on them ("secondaryIndexes is not iterable", or
# a function's text in the SDL).


def check_inherited_names(type_name: str, fields: JSObject, type_span: Span, report: Reporter) -> None:
    """Fields of a model or custom type may not be named like Object.prototype's properties,
    except inline custom types (their SDL line reads neither lookup)."""
    for name, value in fields.props.items():
        if name in OBJECT_PROTOTYPE_NAMES and not isinstance(value, CustomType):
            span = fields.spans.get(name, type_span)
            report.error("G033", f"field {name} of {type_name} is named like a property every JavaScript object "
                         "has, which Amplify's schema builder cannot handle; rename it", span)
