"""Authorization rules: ``allow.*`` and the rule objects it makes (data-schema's ``Authorization``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any, ClassVar

from translator.core.diagnostics import Span
from translator.frontends.gen2.amplify.base import Builder, arg
from translator.frontends.gen2.interpreter.values import (
    UNDEFINED,
    JSArray,
    JSObject,
    Native,
    NativeImpl,
    Poison,
    Runtime,
)


@dataclass(eq=False)
class AuthRule(Builder):
    """A rule from ``allow.*``; ``.to()``, ``.identityClaim()``, ``.withClaimIn()`` each work once.

    Copies made by those methods share ``data``, as data-schema's do.
    """

    data: dict[str, Any]
    span: Span
    remaining: frozenset[str] = frozenset()
    methods: ClassVar[dict[str, str]] = {
        "to": "_to",
        "identityClaim": "_identity_claim",
        "withClaimIn": "_with_claim_in",
    }
    label = "an authorization rule"

    def available(self) -> set[str]:
        return set(self.remaining)

    def _copy_without(self, name: str) -> AuthRule:
        return AuthRule(self.data, self.span, self.remaining - {name})

    def _to(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.data["operations"] = arg(args, 0)
        return self._copy_without("to")

    def _identity_claim(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.data["identityClaim"] = arg(args, 0)
        return self._copy_without("identityClaim")

    def _with_claim_in(self, interp: Runtime, args: list[Any], span: Span) -> Any:
        self.data["groupClaim"] = arg(args, 0)
        return self._copy_without("withClaimIn")


def is_rule(value: Any) -> bool:
    """Whether ``value`` is an authorization rule (poisoned values count, they were reported)."""
    return isinstance(value, AuthRule | Poison)


def fn(name: str, impl: NativeImpl) -> Native:
    return Native(name, impl)


_PRIVATE_PROVIDERS = ("userPools", "oidc", "identityPool")
_OWNER_PROVIDERS = ("userPools", "oidc")
_ANY_PROVIDER = ("*",)  # the provider argument is read but, as in data-schema, not checked
_FIRST = 0  # the rule takes its field or groups from the first argument


def _rule(
    strategy: str,
    methods: tuple[str, ...],
    providers: tuple[str, ...] | None = None,
    **fixed: Any,
) -> NativeImpl:
    """An ``allow.*`` function. ``fixed`` values that are ints name the argument holding the
    value (the provider argument follows it); ``providers`` lists the providers data-schema
    accepts (``validateProvider``)."""

    def impl(interp: Runtime, args: list[Any], span: Span) -> Any:
        data: dict[str, Any] = {"strategy": strategy, "provider": None}
        provider_index = 0
        for key, value in fixed.items():
            if isinstance(value, int) and not isinstance(value, bool):
                data[key] = arg(args, value)
                provider_index = value + 1
            else:
                data[key] = value
        if providers is not None and "provider" not in fixed:
            provider = arg(args, provider_index)
            if isinstance(provider, str) and providers != _ANY_PROVIDER and provider not in providers:
                raise interp.fail("G009", f"invalid authorization provider {provider!r}", span)
            data["provider"] = None if provider is UNDEFINED else provider
        return AuthRule(data, span, frozenset(methods))

    return impl


_TO = ("to",)
_OWNER = ("to", "identityClaim")
_GROUP = ("to", "withClaimIn")


@cache
def _allow_functions() -> Mapping[str, NativeImpl]:
    # Shared by every evaluation, so read-only; each evaluation's `allow` is a fresh object.
    owner = _OWNER_PROVIDERS
    return MappingProxyType({
        "publicApiKey": _rule("public", _TO, provider="apiKey"),
        "guest": _rule("public", _TO, provider="identityPool"),
        "authenticated": _rule("private", _TO, _PRIVATE_PROVIDERS),
        "owner": _rule("owner", _OWNER, owner, ownerField="owner"),
        "ownerDefinedIn": _rule("owner", _OWNER, owner, ownerField=_FIRST),
        "ownersDefinedIn": _rule("owner", _OWNER, owner, ownerField=_FIRST, multiOwner=True),
        "group": _one_group(_rule("groups", _GROUP, _ANY_PROVIDER, groups=_FIRST)),
        "groups": _rule("groups", _GROUP, _ANY_PROVIDER, groups=_FIRST),
        "groupDefinedIn": _rule("groups", _GROUP, _ANY_PROVIDER, groupsField=_FIRST),
        "groupsDefinedIn": _rule("groups", _GROUP, _ANY_PROVIDER, groupsField=_FIRST, multiOwner=True),
        "custom": _rule("custom", _TO, _ANY_PROVIDER),
        "resource": _rule("resource", _TO, resource=_FIRST, provider=None),
    })


_MODEL_ALLOW = (
    "publicApiKey",
    "guest",
    "authenticated",
    "owner",
    "ownerDefinedIn",
    "ownersDefinedIn",
    "group",
    "groups",
    "groupDefinedIn",
    "groupsDefinedIn",
    "custom",
)


_ALLOW_SETS = {
    "schema": (*_MODEL_ALLOW, "resource"),  # only a schema-level rule may name a function resource
    "model": _MODEL_ALLOW,
    "operation": ("publicApiKey", "guest", "authenticated", "group", "groups", "custom"),
}


def allow_object(runtime: Runtime, kind: str) -> JSObject:
    """The ``allow`` a callback receives: ``schema``, ``model``/``field``, ``operation``,
    ``conversation`` (data-schema hands each place a different subset). One object per kind and
    evaluation: a file that changes it changes it for the rest of that file only."""
    return runtime.intrinsic(f"allow:{kind}", lambda: _make_allow(kind))


def _make_allow(kind: str) -> JSObject:
    if kind == "conversation":
        owner = _rule("owner", _OWNER, provider="userPools")
        return JSObject({"owner": fn("allow.owner", owner)})
    names = _ALLOW_SETS["model" if kind == "field" else kind]
    functions = _allow_functions()
    result = JSObject()
    for name in names:
        impl = functions[name]
        if kind == "operation":
            impl = _strip_methods(impl)
        result.props[name] = fn(f"allow.{name}", impl)
    return result


def _one_group(impl: NativeImpl) -> NativeImpl:
    """``allow.group(name)`` stores ``groups: [name]``."""

    def wrapped(interp: Runtime, args: list[Any], span: Span) -> Any:
        rule = impl(interp, args, span)
        if isinstance(rule, AuthRule):
            rule.data["groups"] = JSArray([rule.data.get("groups")], [span], span)
        return rule

    return wrapped


def _strip_methods(impl: NativeImpl) -> NativeImpl:
    """Rules for custom operations have no ``.to()`` (data-schema builds them without methods)."""

    def stripped(interp: Runtime, args: list[Any], span: Span) -> Any:
        rule = impl(interp, args, span)
        return AuthRule(rule.data, rule.span, frozenset()) if isinstance(rule, AuthRule) else rule

    return stripped
