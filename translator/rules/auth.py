"""``@auth`` rules that Amplify's auth transformer rejects (semantics.md R50, and its rule
validations: strategy/provider pairs, duplicate roles, owner and group fields)."""

from __future__ import annotations

import json
import re
from typing import Any

from translator.core.diagnostics import Diagnostic
from translator.core.document import Directive, SchemaDocument, TypeDef

_NAME = re.compile(r"^[_A-Za-z][_0-9A-Za-z]*$")
DEFAULT_PROVIDER = {"owner": "userPools", "groups": "userPools", "private": "userPools",
                    "public": "apiKey", "custom": "function"}
ALLOWED_PROVIDERS = {
    "owner": {"userPools", "oidc"},
    "groups": {"userPools", "oidc"},
    "public": {"apiKey", "identityPool", "iam"},
    "private": {"userPools", "identityPool", "iam", "oidc"},
    "custom": {"function"},
}
# The read operations 'read' stands for, as Amplify's access matrix knows them.
_GRANULAR = ("get", "list", "sync", "search", "listen")
_ALL_OPERATIONS = ("create", "update", "delete", *_GRANULAR)


def _rules(d: Directive) -> list[dict[str, Any]]:
    rules = d.value("rules")
    found = [dict(r) for r in rules if isinstance(r, dict)] if isinstance(rules, tuple) else []
    for rule in found:
        if isinstance(rule.get("groups"), str):
            rule["groups"] = (rule["groups"],)  # Amplify wraps a single group name in a list
    return found


def role_names(rule: dict[str, Any]) -> list[str]:
    """The access-matrix roles a rule defines, named as Amplify's auth transformer names them."""
    allow = str(rule.get("allow"))
    provider = str(rule.get("provider") or DEFAULT_PROVIDER.get(allow, ""))
    group_claim = rule.get("groupClaim") or "cognito:groups"
    if rule.get("groups") and not rule.get("groupsField"):
        return [f"{provider}:staticGroup:{g}:{group_claim}" for g in rule["groups"]]
    if provider == "apiKey":
        return ["apiKey:public"]
    if provider == "function":
        return ["function:custom"]
    if provider in ("iam", "identityPool"):
        return [f"iam:{allow}"]
    if allow == "groups":
        return [f"{provider}:dynamicGroup:{rule.get('groupsField') or 'groups'}:{group_claim}"]
    if allow == "owner":
        claim = rule.get("identityClaim") or "sub::username"
        return [f"{provider}:owner:{rule.get('ownerField') or 'owner'}:{claim}"]
    return [f"{provider}:{allow}"]


def check_auth(document: SchemaDocument) -> list[Diagnostic]:
    """Every ``@auth`` problem Amplify rejects."""
    out: list[Diagnostic] = []
    for typedef in document.types:
        if typedef.kind != "object":
            continue
        model_auth = typedef.directive("auth")
        if model_auth is not None:
            _check_rules(typedef, model_auth, out, model_level=True)
        for field in typedef.directed_fields:
            for d in field.all("auth"):
                _check_rules(typedef, d, out, model_level=False)
                if not typedef.is_model and any(r.get("operations") for r in _rules(d)):
                    out.append(Diagnostic("E103", "@auth rules on fields of a type without @model cannot "
                                          "specify 'operations'", d.span))
        if typedef.is_model:
            _check_field_level_reads(typedef, out)
    return out


def _check_rules(typedef: TypeDef, d: Directive, out: list[Diagnostic], model_level: bool) -> None:
    rules = _rules(d)
    if not rules:
        out.append(Diagnostic("E103", f"@auth on {typedef.name} does not have any auth rules", d.span))
    seen: set[str] = set()
    for rule in rules:
        allow = str(rule.get("allow"))
        provider = str(rule.get("provider") or DEFAULT_PROVIDER.get(allow, ""))
        if provider not in ALLOWED_PROVIDERS.get(allow, {provider}):
            supported = ", ".join(sorted(ALLOWED_PROVIDERS[allow]))
            out.append(Diagnostic("E103", f"@auth strategy '{allow}' supports the providers {supported}, "
                                  f"not '{provider}'", d.span))
        if allow == "groups" and rule.get("groups") is None and not rule.get("groupsField"):
            out.append(Diagnostic("E103", "@auth rule with 'groups' needs a groups list or a groupsField", d.span))
        if allow == "groups" and rule.get("identityClaim"):
            out.append(Diagnostic("E103", "@auth identityClaim can only be used with 'allow: owner'", d.span))
        if allow == "owner" and rule.get("groupClaim"):
            out.append(Diagnostic("E103", "@auth groupClaim can only be used with 'allow: groups'", d.span))
        if rule.get("groupsField") and rule.get("groups") is not None:
            out.append(Diagnostic("E103", "an @auth rule takes groupsField or groups, not both", d.span))
        for key in ("ownerField", "groupsField"):
            value = rule.get(key)
            if isinstance(value, str) and not _NAME.match(value):
                out.append(Diagnostic("E101", f"@auth {key} {value!r} must name a field of {typedef.name}",
                                      d.span))
        operations = rule.get("operations")
        if isinstance(operations, str) or (
            isinstance(operations, tuple) and [str(o) for o in operations].count("read") > 1
        ):
            out.append(Diagnostic("E103", "@auth operations must be a list naming 'read' at most once", d.span))
        granular = [str(o) for o in operations if str(o) in _GRANULAR] if isinstance(operations, tuple) else []
        if isinstance(operations, tuple) and "read" in map(str, operations) and granular:
            out.append(Diagnostic("E103", f"'{granular[0]}' is specified in addition to 'read', which already "
                                  "grants it; keep one of them", d.span))
        if allow == "groups" and isinstance(rule.get("groups"), tuple) and not rule["groups"]:
            out.append(Diagnostic("E103", "@auth rules using groups cannot have an empty list", d.span))
        if not model_level and granular:
            out.append(Diagnostic("E103", f"'{granular[0]}' operation is not allowed in field-level @auth rules; use "
                                  "'read'", d.span))
        if model_level:
            for role in role_names(rule):
                if role in seen:
                    out.append(Diagnostic("E103", f"@auth on {typedef.name} repeats the rule for role "
                                          f"{role}; merge the two rules' operations into one", d.span))
                seen.add(role)


def _access(d: Directive | None) -> dict[str, set[str]]:
    """Role -> operations an @auth directive grants ('read' stands for every read operation)."""
    access: dict[str, set[str]] = {}
    for rule in _rules(d) if d is not None else ():
        operations = rule.get("operations")
        names = [str(o) for o in operations] if isinstance(operations, tuple) else list(_ALL_OPERATIONS)
        expanded = {g for o in names for g in (_GRANULAR if o == "read" else (o,))}
        for role in role_names(rule):
            access[role] = expanded  # Amplify's access matrix: a later rule for a role replaces it
    return access


def _check_field_level_reads(model: TypeDef, out: list[Diagnostic]) -> None:
    """Amplify's access-matrix check: with field-level rules, a required field must be
    readable by every role that can ``get`` something of the model (a user-pool or OIDC
    ``private`` role that reads the field fully stands in for that provider's other roles)."""
    if not any(f.directive("auth") for f in model.directed_fields):
        return
    model_directive = model.directive("model")
    config = model_directive.value("subscriptions") if model_directive else None
    if isinstance(config, dict) and config.get("level", "on") != "on":
        return  # Amplify only insists while subscriptions are fully on.
    model_access = _access(model.directive("auth"))
    field_access = {f.name: _access(f.directive("auth")) if f.directive("auth") else model_access for f in model.fields}
    read_roles = {role for access in field_access.values() for role, ops in access.items() if "get" in ops}
    missing: list[str] = []
    spans = []
    for field in model.fields:
        outer_required = field.type.list_required if field.type.is_list else field.type.item_required
        if not outer_required or field.directive("hasMany") or field.directive("manyToMany"):
            continue  # to-many relationships become nullable connection fields before this check
        access = field_access[field.name]
        needed = set(read_roles)
        for provider in ("userPools", "oidc"):
            private = f"{provider}:private"
            if private in needed and set(_GRANULAR) <= access.get(private, set()):
                needed = {r for r in needed if not r.startswith(f"{provider}:") or r == private}
        if any(not access.get(role, set()) & set(_GRANULAR) for role in needed):
            missing.append(field.name)
            spans.append(field.span)
    if missing:
        names = json.dumps(missing, separators=(",", ":"))
        out.append(Diagnostic("E050", "with field-level @auth rules, every required field needs rules that let "
                              f"each role read it; model \"{model.name}\" has required fields {names} without "
                              "them (add field-level @auth rules, or make the fields optional)", spans[0]))
