"""What ``@aws-amplify/backend`` exports to a data definition: ``a``, ``defineData`` and friends.

``a`` mirrors data-schema's namespace (``a.allow`` is absent, as in the released library, so the
pre-release syntax fails where Node fails). ``defineFunction``/``defineAuth``/... return inert
stand-ins: a data definition only passes them to ``a.handler.function`` or ``allow.resource``.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from translator.core.diagnostics import Span
from translator.frontends.gen2.amplify.builders import (
    CustomType,
    EnumType,
    IndexBuilder,
    Model,
    RefField,
    RelationField,
    ScalarField,
)
from translator.frontends.gen2.amplify.operations import (
    AuthRule,
    Combined,
    Conversation,
    CustomOperation,
    Handler,
    Inert,
    Schema,
)
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSArray, JSObject, Native, NativeImpl

if TYPE_CHECKING:
    from translator.frontends.gen2.interpreter.evaluate import Interpreter

SCALARS = {
    "id": "ID",
    "string": "String",
    "integer": "Int",
    "float": "Float",
    "boolean": "Boolean",
    "date": "AWSDate",
    "time": "AWSTime",
    "datetime": "AWSDateTime",
    "timestamp": "AWSTimestamp",
    "email": "AWSEmail",
    "json": "AWSJSON",
    "phone": "AWSPhone",
    "url": "AWSURL",
    "ipAddress": "AWSIPAddress",
}
_PRIVATE_PROVIDERS = ("userPools", "oidc", "identityPool")
_OWNER_PROVIDERS = ("userPools", "oidc")


def _arg(args: list[Any], i: int) -> Any:
    return args[i] if i < len(args) else UNDEFINED


def _fn(name: str, impl: NativeImpl) -> Native:
    return Native(name, impl)


def _scalar(name: str, field_type: str) -> Native:
    return _fn(f"a.{name}", lambda i, a, s: ScalarField(field_type, s))


def _relation(kind: str) -> Native:
    return _fn(f"a.{kind}", lambda i, a, s: RelationField(kind, _arg(a, 0), _arg(a, 1), s))


def _operation(kind: str) -> Native:
    return _fn(f"a.{kind.lower()}", lambda i, a, s: CustomOperation(kind, s, input=_arg(a, 0)))


def _configure(interp: Interpreter, args: list[Any], span: Span) -> Any:
    """``configure({ database })``: its ``schema(...)`` makes a SQL schema of that engine."""
    config = _arg(args, 0)
    database = config.props.get("database") if isinstance(config, JSObject) else None
    engine = database.props.get("engine") if isinstance(database, JSObject) else None
    engine = engine if isinstance(engine, str) and engine != "dynamodb" else "mysql"
    return JSObject({"schema": _fn("schema", lambda i, a, s: Schema(_arg(a, 0), s, engine=engine))})


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

    def impl(interp: Interpreter, args: list[Any], span: Span) -> Any:
        data: dict[str, Any] = {"strategy": strategy, "provider": None}
        provider_index = 0
        for key, value in fixed.items():
            if isinstance(value, int) and not isinstance(value, bool):
                data[key] = _arg(args, value)
                provider_index = value + 1
            else:
                data[key] = value
        if providers is not None and "provider" not in fixed:
            provider = _arg(args, provider_index)
            if isinstance(provider, str) and providers != _ANY_PROVIDER and provider not in providers:
                raise interp.fail("G009", f"invalid authorization provider {provider!r}", span)
            data["provider"] = None if provider is UNDEFINED else provider
        return AuthRule(data, span, frozenset(methods))

    return impl


_TO = ("to",)
_OWNER = ("to", "identityClaim")
_GROUP = ("to", "withClaimIn")


@cache
def _allow_functions() -> dict[str, NativeImpl]:
    owner = _OWNER_PROVIDERS
    return {
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
    }


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


@cache
def allow_object(kind: str) -> JSObject:
    """The ``allow`` a callback receives: ``schema``, ``model``/``field``, ``operation``,
    ``conversation`` (data-schema hands each place a different subset)."""
    if kind == "conversation":
        owner = _rule("owner", _OWNER, provider="userPools")
        return JSObject({"owner": _fn("allow.owner", owner)})
    names = _ALLOW_SETS["model" if kind == "field" else kind]
    functions = _allow_functions()
    result = JSObject()
    for name in names:
        impl = functions[name]
        if kind == "operation":
            impl = _strip_methods(impl)
        result.props[name] = _fn(f"allow.{name}", impl)
    return result


def _one_group(impl: NativeImpl) -> NativeImpl:
    """``allow.group(name)`` stores ``groups: [name]``."""

    def wrapped(interp: Interpreter, args: list[Any], span: Span) -> Any:
        rule = impl(interp, args, span)
        if isinstance(rule, AuthRule):
            rule.data["groups"] = JSArray([rule.data.get("groups")], [span], span)
        return rule

    return wrapped


def _strip_methods(impl: NativeImpl) -> NativeImpl:
    """Rules for custom operations have no ``.to()`` (data-schema builds them without methods)."""

    def stripped(interp: Interpreter, args: list[Any], span: Span) -> Any:
        rule = impl(interp, args, span)
        return AuthRule(rule.data, rule.span, frozenset()) if isinstance(rule, AuthRule) else rule

    return stripped


@lru_cache(maxsize=1)
def index_function() -> Native:
    """The ``index`` a ``.secondaryIndexes((index) => [...])`` callback receives."""
    return _fn("index", lambda i, a, s: IndexBuilder(_arg(a, 0), s))


def _ai_model(interp: Interpreter, args: list[Any], span: Span) -> Any:
    return Inert("a.ai.model(...)", span)


def _data_tool(interp: Interpreter, args: list[Any], span: Span) -> Any:
    return Inert("a.ai.dataTool(...)", span)


def amplify_namespace() -> JSObject:
    """A fresh ``a`` (builders are stateless, so one per evaluation is plenty)."""
    a = JSObject()
    for name, field_type in SCALARS.items():
        a.props[name] = _scalar(name, field_type)
    a.props.update(
        {
            "schema": _fn("a.schema", lambda i, args, s: Schema(_arg(args, 0), s)),
            "combine": _fn("a.combine", lambda i, args, s: Combined(_arg(args, 0), s)),
            "model": _fn("a.model", lambda i, args, s: Model(_arg(args, 0), s)),
            "ref": _fn("a.ref", lambda i, args, s: RefField(_arg(args, 0), s)),
            "customType": _fn("a.customType", lambda i, args, s: CustomType(_arg(args, 0), s)),
            "enum": _fn("a.enum", lambda i, args, s: EnumType(_arg(args, 0), s)),
            "hasOne": _relation("hasOne"),
            "hasMany": _relation("hasMany"),
            "belongsTo": _relation("belongsTo"),
            "query": _operation("Query"),
            "mutation": _operation("Mutation"),
            "subscription": _operation("Subscription"),
            "generation": _operation("Generation"),
            "conversation": _fn("a.conversation", lambda i, args, s: Conversation(_arg(args, 0), s)),
            "ai": JSObject({"model": _fn("a.ai.model", _ai_model), "dataTool": _fn("a.ai.dataTool", _data_tool)}),
            "handler": JSObject(
                {
                    kind: _fn(f"a.handler.{kind}", _handler(kind))
                    for kind in ("function", "custom", "inlineSql", "sqlReference")
                }
            ),
        }
    )
    return a


def _handler(kind: str) -> NativeImpl:
    return lambda i, args, s: Handler(kind, _arg(args, 0), s)


def backend_exports(interp: Interpreter) -> dict[str, Any]:
    """The runtime exports of ``@aws-amplify/backend`` (and of ``@aws-amplify/data-schema``)."""

    def define_data(i: Interpreter, args: list[Any], span: Span) -> Any:
        props = _arg(args, 0)
        interp.define_data_calls.append((props, span))
        return props

    def inert(name: str) -> Native:
        return _fn(name, lambda i, args, s: Inert(f"{name}(...)", s))

    return {
        "a": amplify_namespace(),
        "defineData": _fn("defineData", define_data),
        "defineFunction": inert("defineFunction"),
        "defineAuth": inert("defineAuth"),
        "defineStorage": inert("defineStorage"),
        "referenceAuth": inert("referenceAuth"),
        "defineBackend": inert("defineBackend"),
        "secret": inert("secret"),
        "configure": _fn("configure", _configure),
    }


def as_list(value: Any) -> list[Any] | None:
    """The items of an array value, or None when it is not one."""
    return list(value.items) if isinstance(value, JSArray) else None
