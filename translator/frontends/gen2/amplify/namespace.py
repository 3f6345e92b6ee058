"""What ``@aws-amplify/backend`` exports to a data definition: ``a``, ``defineData`` and friends.

``a`` mirrors data-schema's namespace (``a.allow`` is absent, as in the released library, so the
pre-release syntax fails where Node fails). ``defineFunction``/``defineAuth``/... return inert
stand-ins: a data definition only passes them to ``a.handler.function`` or ``allow.resource``.
"""

from __future__ import annotations

from typing import Any

from translator.core.diagnostics import Span
from translator.frontends.gen2.amplify.auth import fn
from translator.frontends.gen2.amplify.base import arg
from translator.frontends.gen2.amplify.builders import CustomType, EnumType, Model, RefField, RelationField, ScalarField
from translator.frontends.gen2.amplify.operations import Combined, Conversation, CustomOperation, Handler, Inert
from translator.frontends.gen2.amplify.schema import Schema
from translator.frontends.gen2.interpreter.values import JSArray, JSObject, Native, NativeImpl, Runtime

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


def _scalar(name: str, field_type: str) -> Native:
    return fn(f"a.{name}", lambda i, a, s: ScalarField(field_type, s))


def _relation(kind: str) -> Native:
    return fn(f"a.{kind}", lambda i, a, s: RelationField(kind, arg(a, 0), arg(a, 1), s))


def _operation(kind: str) -> Native:
    return fn(f"a.{kind.lower()}", lambda i, a, s: CustomOperation(kind, s, input=arg(a, 0)))


def _configure(interp: Runtime, args: list[Any], span: Span) -> Any:
    """``configure({ database })``: its ``schema(...)`` makes a SQL schema of that engine."""
    config = arg(args, 0)
    database = config.props.get("database") if isinstance(config, JSObject) else None
    engine = database.props.get("engine") if isinstance(database, JSObject) else None
    engine = engine if isinstance(engine, str) and engine != "dynamodb" else "mysql"
    return JSObject({"schema": fn("schema", lambda i, a, s: Schema(arg(a, 0), s, engine=engine))})


def _ai_model(interp: Runtime, args: list[Any], span: Span) -> Any:
    return Inert("a.ai.model(...)", span)


def _data_tool(interp: Runtime, args: list[Any], span: Span) -> Any:
    return Inert("a.ai.dataTool(...)", span)


def amplify_namespace() -> JSObject:
    """A fresh ``a`` (builders are stateless, so one per evaluation is plenty)."""
    a = JSObject()
    for name, field_type in SCALARS.items():
        a.props[name] = _scalar(name, field_type)
    a.props.update(
        {
            "schema": fn("a.schema", lambda i, args, s: Schema(arg(args, 0), s)),
            "combine": fn("a.combine", lambda i, args, s: Combined(arg(args, 0), s)),
            "model": fn("a.model", lambda i, args, s: Model(arg(args, 0), s)),
            "ref": fn("a.ref", lambda i, args, s: RefField(arg(args, 0), s)),
            "customType": fn("a.customType", lambda i, args, s: CustomType(arg(args, 0), s)),
            "enum": fn("a.enum", lambda i, args, s: EnumType(arg(args, 0), s)),
            "hasOne": _relation("hasOne"),
            "hasMany": _relation("hasMany"),
            "belongsTo": _relation("belongsTo"),
            "query": _operation("Query"),
            "mutation": _operation("Mutation"),
            "subscription": _operation("Subscription"),
            "generation": _operation("Generation"),
            "conversation": fn("a.conversation", lambda i, args, s: Conversation(arg(args, 0), s)),
            "ai": JSObject({"model": fn("a.ai.model", _ai_model), "dataTool": fn("a.ai.dataTool", _data_tool)}),
            "handler": JSObject(
                {
                    kind: fn(f"a.handler.{kind}", _handler(kind))
                    for kind in ("function", "custom", "inlineSql", "sqlReference")
                }
            ),
        }
    )
    return a


def _handler(kind: str) -> NativeImpl:
    return lambda i, args, s: Handler(kind, arg(args, 0), s)


def define_data_calls(runtime: Runtime) -> list[tuple[Any, Span]]:
    """(props, where) of every ``defineData(...)`` call of an evaluation, in call order."""
    calls: list[tuple[Any, Span]] = runtime.intrinsic("defineData calls", list)
    return calls


def backend_exports(runtime: Runtime) -> dict[str, Any]:
    """The runtime exports of ``@aws-amplify/backend`` (and of ``@aws-amplify/data-schema``)."""

    def define_data(i: Runtime, args: list[Any], span: Span) -> Any:
        props = arg(args, 0)
        define_data_calls(runtime).append((props, span))
        return props

    def inert(name: str) -> Native:
        return fn(name, lambda i, args, s: Inert(f"{name}(...)", s))

    return {
        "a": amplify_namespace(),
        "defineData": fn("defineData", define_data),
        "defineFunction": inert("defineFunction"),
        "defineAuth": inert("defineAuth"),
        "defineStorage": inert("defineStorage"),
        "referenceAuth": inert("referenceAuth"),
        "defineBackend": inert("defineBackend"),
        "secret": inert("secret"),
        "configure": fn("configure", _configure),
    }


def as_list(value: Any) -> list[Any] | None:
    """The items of an array value, or None when it is not one."""
    return list(value.items) if isinstance(value, JSArray) else None
