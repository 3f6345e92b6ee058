"""Authorization rules as data-schema turns them into ``@auth``: the rules it accepts, and the
fields the rules imply that a model may only declare with a compatible type."""

from __future__ import annotations

from typing import Any

from translator.core.diagnostics import Related, Span
from translator.core.document import Directive
from translator.frontends.gen2.amplify.auth import AuthRule
from translator.frontends.gen2.amplify.builders import (
    RefField,
    RelationField,
    ScalarField,
)
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSArray, JSObject, describe, to_display
from translator.frontends.gen2.lowering.fields import Reporter, directive
from translator.frontends.gen2.lowering.relationships import check_relationships

__all__ = ["check_relationships"]

_STRINGY = {"ID", "String", "AWSDate", "AWSTime", "AWSDateTime", "AWSEmail", "AWSPhone", "AWSURL", "AWSIPAddress"}

_STRINGY = {"ID", "String", "AWSDate", "AWSTime", "AWSDateTime", "AWSEmail", "AWSPhone", "AWSURL", "AWSIPAddress"}


def is_resource_rule(rule: Any) -> bool:
    """``allow.resource(fn)``: a schema-level grant to a function, not a model rule."""
    return isinstance(rule, AuthRule) and rule.data.get("strategy") == "resource"


def _truthy(value: Any) -> bool:
    """JavaScript truthiness of a rule attribute."""
    if value is None or value is UNDEFINED or value is False:
        return False
    if isinstance(value, str):
        return value != ""
    if isinstance(value, int | float):
        return value == value and value != 0
    return True


def auth_directive(rules: list[Any], report: Reporter) -> Directive | None:
    """``@auth(rules: [...])`` as data-schema's ``calculateAuth`` writes it, or None without
    rules. Each rule is an object as the GraphQL front end reads it (lists become tuples); the
    strings data-schema writes between quotes must read back as GraphQL strings (G031)."""
    lowered: list[dict[str, Any]] = []
    written = [r for r in rules if isinstance(r, AuthRule)]
    for rule in written:
        one = _auth_rule(rule, report)
        if one is None:
            return None
        lowered.append(one)
    if not lowered:
        return None
    return directive("auth", written[0].span, rules=(tuple(lowered), written[0].span))


def _auth_rule(rule: AuthRule, report: Reporter) -> dict[str, Any] | None:
    data, span = rule.data, rule.span
    result: dict[str, Any] = {"allow": str(data.get("strategy"))}
    if _truthy(data.get("provider")):
        result["provider"] = to_display(data["provider"])
    operations = data.get("operations")
    if _truthy(operations):
        if not isinstance(operations, JSArray):
            report.error("G005", f".to(...) needs an array of operations, not {describe(operations)}", span)
            return None
        names = [report.name(o, operations.span_at(i) or span, "operation") for i, o in enumerate(operations.items)]
        if None in names:
            return None
        result["operations"] = tuple(names)
    field_name = data.get("ownerField", data.get("groupsField"))
    if _truthy(field_name):
        key = "groupsField" if result["allow"] == "groups" else "ownerField"
        result[key] = report.text(field_name, span, f"authorization {key}")
    groups = data.get("groups")
    if _truthy(groups):
        if not isinstance(groups, JSArray):
            report.error("G005", f"authorization groups must be an array, not {describe(groups)}", span)
            return None
        result["groups"] = tuple(report.text(g, groups.span_at(i) or span, "authorization group")
                                 for i, g in enumerate(groups.items))
    for key in ("identityClaim", "groupClaim"):
        if _truthy(data.get(key)):
            result[key] = report.text(data[key], span, f"authorization {key}")
    values = [v for v in result.values() if not isinstance(v, tuple)]
    values += [v for v in result.values() if isinstance(v, tuple) for v in v]
    return None if None in values else result


def _implied_fields(rules: list[Any], report: Reporter) -> dict[str, tuple[bool, Span]]:
    """Owner/group fields that rules imply: name -> (is a list, where the rule is)."""
    implied: dict[str, tuple[bool, Span]] = {}
    for rule in rules:
        if not isinstance(rule, AuthRule):
            continue
        field_name = rule.data.get("ownerField", rule.data.get("groupsField"))
        if not isinstance(field_name, str):
            continue
        multi = bool(rule.data.get("multiOwner"))
        if field_name in implied and implied[field_name][0] != multi:
            report.error(
                "G022",
                f"field {field_name} defined twice with conflicting definitions",
                rule.span,
                (Related(implied[field_name][1], "first implied here"),),
            )
            continue
        implied.setdefault(field_name, (multi, rule.span))
    return implied


def check_auth_fields(
    model_name: str, fields: JSObject, rules: list[Any], report: Reporter, must_be_declared: bool = False
) -> None:
    """Owner and group fields implied by the rules must not clash with declared fields (and,
    in a SQL schema, must be declared)."""
    implied = _implied_fields(rules, report)
    field_rules: list[Any] = []
    for value in fields.props.values():
        if isinstance(value, ScalarField | RefField | RelationField):
            field_rules.extend(value.auth)
    for name, (multi, rule_span) in _implied_fields(field_rules, report).items():
        if name in implied and implied[name][0] != multi:
            report.error("G022", f"field {name} defined twice with conflicting definitions", rule_span)
        implied.setdefault(name, (multi, rule_span))
    for name, (multi, rule_span) in implied.items():
        declared = fields.props.get(name)
        if declared is None and must_be_declared:
            report.error(
                "G022",
                f"field {name} of {model_name} isn't defined; SQL models must declare "
                "the owner and group fields their rules use",
                rule_span,
            )
            continue
        if declared is None or _compatible(declared, multi):
            continue
        span = fields.spans.get(name, rule_span)
        report.error(
            "G022",
            f"implicit field {name} of {model_name} (from its authorization rules) conflicts "
            "with the explicit field definition",
            span,
            (Related(rule_span, "the rule that implies it"),),
        )


def _compatible(declared: Any, multi: bool) -> bool:
    """``areConflicting`` negated: same list-ness, and a string-like scalar."""
    if isinstance(declared, ScalarField):
        return declared.array == multi and declared.field_type in _STRINGY
    return False
