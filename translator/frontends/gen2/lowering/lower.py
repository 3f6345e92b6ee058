"""Lower evaluated ``a.schema(...)`` builders into the SchemaDocument, as data-schema would print it.

The order of types is the order of Amplify's SDL: the schema's entries with custom types moved
last, then hoisted inline types in the order they were found, then input types, then the
``Mutation``/``Query``/``Subscription`` fields of custom operations, then the AI conversation
types. The checks data-schema makes on the way are reported as ``G`` diagnostics, all at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from translator.core.diagnostics import Related, Span
from translator.core.document import FieldDef, SchemaDocument, TypeDef
from translator.frontends.gen2.amplify.builders import CustomType, EnumType, Model, RefField, RelationField, ScalarField
from translator.frontends.gen2.amplify.operations import Combined, Conversation, CustomOperation, Handler
from translator.frontends.gen2.amplify.schema import Schema
from translator.frontends.gen2.interpreter.values import JSArray, JSObject, describe, to_display
from translator.frontends.gen2.lowering import auth as auth_rules
from translator.frontends.gen2.lowering import rules
from translator.frontends.gen2.lowering.conversation import conversation_types
from translator.frontends.gen2.lowering.fields import FieldContext, Hoisted, Reporter, directive, lower_fields
from translator.frontends.gen2.lowering.lower_ops import OperationLowering

_ROOTS = ("Mutation", "Query", "Subscription")


@dataclass
class _Entry:
    name: str
    value: Any
    span: Span


@dataclass
class Output:
    """Types and root fields gathered over every schema of an ``a.combine``."""

    types: list[TypeDef] = field(default_factory=list)
    inputs: list[TypeDef] = field(default_factory=list)
    roots: dict[str, list[FieldDef]] = field(default_factory=lambda: {r: [] for r in _ROOTS})
    conversation_span: Span | None = None


def lower_schemas(schemas: list[Schema], report: Reporter, combine_span: Span | None = None) -> SchemaDocument:
    """Every schema of the definition as one document (``a.combine`` merges them); a name
    defined twice is reported at the ``a.combine`` call, as data-schema throws there."""
    context: dict[str, _Entry] = {}
    per_schema: list[list[_Entry]] = []
    for schema in schemas:
        entries = []
        for entry in _entries(schema, report):
            if entry.name in context:
                first = context[entry.name].span
                report.error(
                    "G028",
                    f"the combined schemas both define {entry.name}",
                    combine_span or entry.span,
                    (Related(first, "first defined here"), Related(entry.span, "defined again here")),
                )
                continue
            context[entry.name] = entry
            entries.append(entry)
        per_schema.append(entries)
    out = Output()
    lookup = {name: entry.value for name, entry in context.items()}
    for schema, entries in zip(schemas, per_schema, strict=True):
        _SchemaLowering(schema, entries, lookup, report, out).run()
    types = list(out.types) + list(out.inputs)
    for root in _ROOTS:
        if out.roots[root]:
            span = out.roots[root][0].span
            types.append(TypeDef("object", root, span, fields=tuple(out.roots[root])))
    if out.conversation_span is not None:
        types.extend(conversation_types(out.conversation_span))
    rules.check_unique_types(types, report)
    operation_fields = tuple((root, f) for root in _ROOTS for f in out.roots[root])
    return SchemaDocument(tuple(types), operation_fields=operation_fields)


def _entries(schema: Schema, report: Reporter) -> list[_Entry]:
    types = schema.types
    if not report.known(types, schema.span):
        return []
    if not isinstance(types, JSObject):
        report.error("G030", f"a.schema(...) needs an object of types, not {describe(types)}", schema.span)
        return []
    entries = [_Entry(name, value, types.spans.get(name, schema.span)) for name, value in types.props.items()]
    if any(_is_async(e.value) for e in entries):
        success = ScalarField("Boolean", schema.span, required=True)
        fields = JSObject({"success": success}, {"success": schema.span})
        entries.append(_Entry("EventInvocationResponse", CustomType(fields, schema.span), schema.span))
    return entries


def _is_async(value: Any) -> bool:
    handlers = value.handlers if isinstance(value, CustomOperation) else None
    if not handlers:
        return False
    last = handlers[-1]
    return isinstance(last, Handler) and last.kind == "async"


class _SchemaLowering:
    """One ``a.schema(...)``: data-schema's ``schemaPreprocessor`` loop."""

    def __init__(
        self, schema: Schema, entries: list[_Entry], lookup: dict[str, Any], report: Reporter, out: Output
    ) -> None:
        self.schema = schema
        self.report = report
        self.lookup = lookup
        self.out = out
        # Custom types last (a stable sort), so operations returning them are seen first.
        self.queue = [e for e in entries if not isinstance(e.value, CustomType)]
        self.queue += [e for e in entries if isinstance(e.value, CustomType)]
        self.schema_auth = [r for r in schema.auth if not auth_rules.is_resource_rule(r)]
        self.ops = OperationLowering(lookup, report, self.schema_auth)

    def run(self) -> None:
        """Process the queue; hoisted types join its end as they are found."""
        i = 0
        while i < len(self.queue):
            entry = self.queue[i]
            i += 1
            if not self.report.known(entry.value, entry.span):
                continue
            name = self.report.name(entry.name, entry.span, "type name")
            if name is not None:
                self._entry(_Entry(name, entry.value, entry.span))
        self.out.inputs.extend(self.ops.input_types())

    def _hoist(self, hoisted: list[Hoisted]) -> None:
        self.queue.extend(_Entry(h.name, h.value, h.span) for h in hoisted)

    def _entry(self, entry: _Entry) -> None:
        value = entry.value
        if isinstance(value, EnumType):
            self._enum(entry)
        elif isinstance(value, CustomType):
            self._custom_type(entry)
        elif isinstance(value, Model):
            self._model(entry)
        elif isinstance(value, CustomOperation):
            lowered = self.ops.operation(entry.name, value, entry.span)
            if lowered is not None:
                root, op_field, hoisted = lowered
                self.out.roots[root].append(op_field)
                self._hoist(hoisted)
        elif isinstance(value, Conversation):
            route_field = self.ops.conversation(entry.name, value, entry.span)
            if route_field is not None:
                self.out.roots["Mutation"].append(route_field)
                self.out.conversation_span = self.out.conversation_span or entry.span
        elif isinstance(value, ScalarField | RefField | RelationField):
            self.report.error(
                "G030", f"{entry.name} is {describe(value)}, not a model, custom type, enum or operation", entry.span
            )
        # Anything else (a string, a plain object) is skipped by data-schema without a word.

    def _enum(self, entry: _Entry) -> None:
        enum_type = rules.enum_typedef(entry.name, entry.value, entry.span, self.report)
        if enum_type is not None:
            self.out.types.append(enum_type)

    def _custom_type(self, entry: _Entry) -> None:
        fields = entry.value.fields
        if not self.report.known(fields, entry.span):
            return
        if not isinstance(fields, JSObject):
            self.report.error(
                "G030", f"a.customType(...) needs an object of fields, not {describe(fields)}", entry.span
            )
            return
        rules.check_refs(entry.name, "custom type", fields, self.lookup, self.report)
        rules.check_inherited_names(entry.name, fields, entry.span, self.report)
        lowered, hoisted = lower_fields(self.report, FieldContext(entry.name), fields, entry.span)
        self._hoist(hoisted)
        self.out.types.append(TypeDef("object", entry.name, entry.span, fields=tuple(lowered)))

    def _model(self, entry: _Entry) -> None:
        model: Model = entry.value
        fields = model.fields
        if not self.report.known(fields, entry.span):
            return
        if not isinstance(fields, JSObject):
            self.report.error("G030", f"a.model(...) needs an object of fields, not {describe(fields)}", entry.span)
            return
        rules.check_refs(entry.name, "model", fields, self.lookup, self.report)
        rules.check_inherited_names(entry.name, fields, entry.span, self.report)
        identifier = ["id"]
        checked = identifier
        if isinstance(model.identifier, str):
            # Not what the types allow, but data-schema runs it: the string's first character is
            # the partition key and the others the sort keys, and fields contained in the string
            # must be required (`identifier.includes(name)` is a substring test on a string).
            identifier = list(model.identifier) or ["id"]
            checked = [name for name in fields.props if name in model.identifier]
        elif model.identifier is not None:
            written = self.report.names(model.identifier, model.identifier_span or entry.span, ".identifier(...)")
            if written is None:
                return
            identifier = checked = written or ["id"]
        sql = self.schema.sql
        # SQL models: no secondary indexes, no relationship or missing-rule checks, and no
        # timestamps (data-schema's `staticSchema` branch).
        indexes = {} if sql else rules.index_directives(entry.name, model, fields, self.lookup, self.report)
        auth = model.auth or self.schema_auth
        if not auth and not sql:
            self.report.error(
                "G012",
                f"model {entry.name} is missing authorization rules; add rules to the schema "
                "(a.schema(...).authorization(...)) or to every model",
                entry.span,
            )
        auth_rules.check_auth_fields(entry.name, fields, auth, self.report, must_be_declared=sql)
        if not sql:
            rules.check_relationships(entry.name, fields, self.lookup, self.report)
        rules.check_generated_defaults(fields, self.report, self.schema.engine)
        rules.check_identifier_fields(entry.name, fields, checked, model.identifier_span or entry.span, self.report)
        ctx = FieldContext(entry.name, identifier, indexes, model.identifier_span)
        lowered, hoisted = lower_fields(self.report, ctx, fields, entry.span)
        self._hoist(hoisted)
        lowered = [self._field_auth(f, fields.props.get(f.name)) for f in lowered]
        directives = [rules.model_directive(model, self.report, sql)]
        model_auth = auth_rules.auth_directive(auth, self.report)
        if model_auth is not None:
            directives.append(model_auth)
        if sql and model.original_name:
            directives.append(directive("refersTo", model.span, name=(model.original_name, model.span)))
        self.out.types.append(TypeDef("object", entry.name, entry.span, tuple(directives), tuple(lowered)))


    def _field_auth(self, lowered: FieldDef, value: Any) -> FieldDef:
        """A model field with its own ``.authorization(...)`` gets its ``@auth`` last (inline
        enums and custom types never do, as in data-schema's ``processFields``)."""
        if not isinstance(value, ScalarField | RefField | RelationField):
            return lowered
        auth = auth_rules.auth_directive(value.auth, self.report)
        if auth is None:
            return lowered
        return replace(lowered, directives=(*lowered.directives, auth))


def combine_span_of(value: Any) -> Span | None:
    """Where ``a.combine`` was called, when the definition is combined."""
    return value.span if isinstance(value, Combined) else None


def schemas_of(value: Any, span: Span, report: Reporter) -> list[Schema]:
    """The schemas ``defineData({ schema })`` was given (``a.combine`` holds several)."""
    if not report.known(value, span):
        return []
    if isinstance(value, Schema):
        return [value]
    if isinstance(value, Combined):
        items = value.schemas.items if isinstance(value.schemas, JSArray) else None
        if items is None:
            report.error("G030", "a.combine(...) needs an array of schemas", value.span)
            return []
        result = [s for s in items if isinstance(s, Schema)]
        for item in items:
            if not isinstance(item, Schema) and report.known(item, value.span):
                report.error("G030", f"a.combine(...) got {describe(item)}, not a schema", value.span)
        return result
    if isinstance(value, JSObject) and isinstance(value.props.get("schemas"), JSArray):
        # backend-data takes any object with a `schemas` array as a combined schema.
        return schemas_of(Combined(value.props["schemas"], span), span, report)
    if isinstance(value, str):
        return []  # a GraphQL SDL string: load_gen2 hands it to the GraphQL front end
    report.error(
        "G011", f"defineData({{ schema }}) got {to_display(value)!r}, not a.schema(...) or a.combine([...])", span
    )
    return []
