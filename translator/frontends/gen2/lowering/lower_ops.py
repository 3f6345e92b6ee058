"""Custom operations and AI routes: their root fields, input types and hoisted return types.

Only the shapes matter downstream (operation fields for name clashes, custom types and enums for
the output); handlers, ``@function``/``@aws_subscribe`` wiring and authorization directives are
not part of the document. The checks follow data-schema's ``validateCustomOperations``.
"""

from __future__ import annotations

from typing import Any

from translator.core.diagnostics import Span
from translator.core.document import FieldDef, TypeDef, TypeRef
from translator.frontends.gen2.amplify.auth import AuthRule
from translator.frontends.gen2.amplify.builders import CustomType, EnumType, Model, RefField, ScalarField
from translator.frontends.gen2.amplify.operations import Conversation, CustomOperation, Handler
from translator.frontends.gen2.interpreter.values import UNDEFINED, JSObject, describe
from translator.frontends.gen2.lowering.fields import (
    FieldContext,
    Hoisted,
    Reporter,
    capitalize,
    lower_fields,
    ref_type,
    scalar_type,
)

_ROOT = {"Query": "Query", "Generation": "Query", "Mutation": "Mutation", "Subscription": "Subscription"}


class OperationLowering:
    """Lowers the custom operations of one schema; input types are shared by name."""

    def __init__(self, lookup: dict[str, Any], report: Reporter, schema_auth: list[Any]) -> None:
        self.lookup = lookup
        self.report = report
        self.schema_auth = schema_auth
        self.inputs: dict[str, tuple[JSObject, Span]] = {}

    def input_types(self) -> list[TypeDef]:
        """``input`` types for the arguments seen so far, in first-use order."""
        result: list[TypeDef] = []
        for name, (fields, span) in self.inputs.items():
            lowered, _ = lower_fields(self.report, FieldContext(name), fields, span)
            result.append(TypeDef("input", name, span, fields=tuple(lowered)))
        return result

    def operation(self, name: str, op: CustomOperation, span: Span) -> tuple[str, FieldDef, list[Hoisted]] | None:
        """The root field of a custom operation and the types it makes."""
        self._validate(name, op, span)
        hoisted: list[Hoisted] = []
        if op.kind == "Subscription" and op.returns is None:
            returns = self._subscription_type(op, name)
        else:
            returns = self._return_type(op.returns, name, op.returns_span or span, hoisted, add=True)
        self._arguments(name, op, span, hoisted)
        if returns is None:
            return None
        return _ROOT[op.kind], FieldDef(name, returns, (), span, op.returns_span or span), hoisted

    def conversation(self, name: str, route: Conversation, span: Span) -> FieldDef | None:
        """``a.conversation``: a mutation returning ``AmplifyAIConversationMessage``."""
        first = route.auth[0] if route.auth else None
        if (
            not isinstance(first, AuthRule)
            or first.data.get("strategy") != "owner"
            or first.data.get("provider") != "userPools"
        ):
            self.report.error(
                "G027",
                f"conversation {name} must use owner authorization with a user pool provider: "
                ".authorization((allow) => allow.owner())",
                span,
            )
            return None
        return FieldDef(name, TypeRef("AmplifyAIConversationMessage"), (), span, span)

    # ------------------------------------------------------------ validation

    def _validate(self, name: str, op: CustomOperation, span: Span) -> None:
        auth = op.auth or self.schema_auth
        handlers = op.handlers or []
        if op.kind != "Generation" and bool(auth) != bool(handlers):
            self.report.error(
                "G024", f"custom operation {name} requires both an authorization rule and a handler reference", span
            )
        kinds = {h.kind if isinstance(h, Handler) else describe(h) for h in handlers}
        if len(kinds - {"function", "async"}) > 0 and len(kinds) > 1:
            self.report.error("G024", f"field handlers must be of the same type; {name} mixes {sorted(kinds)}", span)
        if op.returns is None and op.kind in ("Query", "Mutation", "Generation"):
            what = "Generation Route" if op.kind == "Generation" else f"Custom {op.kind}"
            self.report.error("G025", f"invalid {what} definition: {name} has no return type (.returns(...))", span)
        if op.kind == "Generation":
            given = op.input if isinstance(op.input, JSObject) else JSObject()
            if given.props.get("aiModel", UNDEFINED) is UNDEFINED or not given.props.get("systemPrompt"):
                self.report.error(
                    "G030", f"invalid Generation Route definition: {name} needs an aiModel and a systemPrompt", span
                )
        if op.kind != "Subscription" and op.sources:
            self.report.error(
                "G026", f"the .for() modifier can only be used with a custom subscription; {name} is not one", span
            )
        if op.kind == "Subscription":
            self._validate_sources(name, op, span)

    def _validate_sources(self, name: str, op: CustomOperation, span: Span) -> None:
        if not op.sources:
            self.report.error(
                "G026",
                f"{name} is missing a mutation source: custom subscriptions need .for(a.ref('ModelOrOperationName'))",
                span,
            )
            return
        expected: Any = None
        for source in op.sources:
            if not isinstance(source, RefField) or not isinstance(source.link, str):
                self.report.error("G026", f".for() of {name} must be given a.ref(...) values", span)
                return
            target = self.lookup.get(source.link)
            if target is None:
                self.report.error(
                    "G017",
                    f"invalid ref: {name} is referring to {source.link} which is not defined in the schema",
                    source.span,
                )
                return
            has_mutations = source.mutations is not None
            if isinstance(target, Model):
                if not has_mutations:
                    self.report.error(
                        "G026", f"{name} refers to model {source.link} without .mutations([...])", source.span
                    )
                    return
                resolved: Any = target
            elif has_mutations:
                self.report.error(
                    "G026",
                    f".mutations() can only be used with a model ref; {name} refers to {source.link}",
                    source.span,
                )
                return
            elif isinstance(target, CustomOperation) and target.kind == "Mutation":
                returned = target.returns
                resolved = self.lookup.get(returned.link) if isinstance(returned, RefField) else returned
            else:
                self.report.error(
                    "G026", f".for() can only reference a mutation; {name} refers to {source.link}", source.span
                )
                return
            expected = resolved if expected is None else expected
            if expected is not resolved:
                self.report.error(
                    "G026", f".for() of {name} references resources with different return types", source.span
                )
                return

    # ------------------------------------------------------------ types

    def _subscription_type(self, op: CustomOperation, name: str) -> TypeRef | None:
        source = op.sources[0] if op.sources else None
        if not isinstance(source, RefField) or not isinstance(source.link, str):
            return None
        target = self.lookup.get(source.link)
        if isinstance(target, CustomOperation):
            return self._return_type(target.returns, source.link, source.span, [], add=False)
        return ref_type(source, source.link)

    def _return_type(self, value: Any, referer: str, span: Span, hoisted: list[Hoisted], add: bool) -> TypeRef | None:
        if value is None or not self.report.known(value, span):
            return None
        if isinstance(value, RefField):
            link = self.report.name(value.link, value.span, "a.ref target")
            if link is not None and link not in self.lookup:
                self.report.error(
                    "G017",
                    f"invalid ref: {referer} is referring to {link} which is not defined in the schema",
                    value.span,
                )
                return None
            return None if link is None else ref_type(value, link)
        if isinstance(value, CustomType | EnumType):
            type_name = f"{capitalize(referer)}ReturnType"
            if add or isinstance(value, EnumType):
                hoisted.append(Hoisted(type_name, value, span))
            return TypeRef(type_name)
        if isinstance(value, ScalarField):
            return scalar_type(value)
        self.report.error("G030", f"unrecognized return type on {referer}: {describe(value)}", span)
        return None

    def _arguments(self, op_name: str, op: CustomOperation, span: Span, hoisted: list[Hoisted]) -> None:
        args = op.arguments
        if args is None or not self.report.known(args, span):
            return
        if not isinstance(args, JSObject):
            self.report.error("G030", f".arguments(...) of {op_name} needs an object, not {describe(args)}", span)
            return
        collected: dict[str, Hoisted] = {}
        for arg_name, value in args.props.items():
            where = args.spans.get(arg_name, span)
            if not self.report.known(value, where):
                continue
            base = f"{capitalize(op_name)}{capitalize(arg_name)}"
            if isinstance(value, RefField):
                target = self.lookup.get(value.link) if isinstance(value.link, str) else None
                if isinstance(target, CustomType):
                    self._input(
                        f"{value.link}Input", target.fields, value.link, True, [f"{value.link}Input"], where, collected
                    )
                elif not isinstance(target, EnumType):
                    self.report.error(
                        "G017",
                        f"unsupported reference type for argument {arg_name} of {op_name}: "
                        "only custom types and enums can be referenced",
                        value.span,
                    )
            elif isinstance(value, EnumType):
                collected.setdefault(base, Hoisted(base, value, where))
            elif isinstance(value, CustomType):
                self._input(f"{base}Input", value.fields, base, False, [f"{base}Input"], where, collected)
            elif not isinstance(value, ScalarField):
                self.report.error(
                    "G030", f"unsupported argument type for {arg_name} of {op_name}: {describe(value)}", where
                )
        names = {h.name for h in hoisted}
        hoisted.extend(h for h in collected.values() if h.name not in names)

    def _input(
        self,
        name: str,
        fields: Any,
        original: str,
        parent_ref: bool,
        chain: list[str],
        span: Span,
        collected: dict[str, Hoisted],
    ) -> None:
        if name in self.inputs or not isinstance(fields, JSObject):
            return
        self.inputs[name] = (JSObject(), span)  # reserve the name (cycles, duplicates)
        converted = JSObject(span=fields.span)
        for field_name, value in fields.props.items():
            where = fields.spans.get(field_name, span)
            if isinstance(value, RefField) and isinstance(value.link, str):
                target = self.lookup.get(value.link)
                if isinstance(target, CustomType):
                    nested = f"{value.link}Input"
                    if nested not in chain:
                        self._input(nested, target.fields, value.link, True, [*chain, nested], where, collected)
                    value = RefField(nested, value.span, value.value_required, value.array, value.array_required)
            elif isinstance(value, CustomType):
                base = f"{capitalize(original)}{capitalize(field_name)}"
                self._input(f"{base}Input", value.fields, base, parent_ref, [*chain, f"{base}Input"], where, collected)
                value = RefField(f"{base}Input", value.span)
            elif isinstance(value, EnumType):
                base = f"{capitalize(original)}{capitalize(field_name)}"
                if not parent_ref:
                    collected.setdefault(base, Hoisted(base, value, where))
                value = RefField(base, value.span)
            converted.set(field_name, value, where)
        del self.inputs[name]
        self.inputs[name] = (converted, span)
