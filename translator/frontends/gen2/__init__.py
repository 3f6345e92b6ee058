"""Amplify Gen 2 front end: ``amplify/data/resource.ts`` to a :class:`SchemaDocument`.

The file (and the local files it imports) is parsed with a lark LALR grammar
(``grammar/typescript.lark``) and evaluated by a small interpreter that knows Amplify's ``a.*``
builders; nothing is run with Node. The document is what Amplify's Gen 2 toolchain would print as
GraphQL SDL for the same file (``@model``, ``@hasMany(references: ...)``, ``@primaryKey``,
``@index``, ``@default``, hoisted inline enums and custom types), so the same semantic stages as
for a GraphQL schema produce the output. Use the settings of :data:`GEN2_FLAGS`.
"""

from __future__ import annotations

from pathlib import Path

from translator.core.definition import DataDefinition
from translator.core.diagnostics import CompilationError, Diagnostic, SourceError, Span
from translator.core.document import SchemaDocument, SchemaSource
from translator.core.nesting import too_deep
from translator.frontends.gen2.amplify.namespace import define_data_calls
from translator.frontends.gen2.interpreter.evaluate import Interpreter
from translator.frontends.gen2.interpreter.values import JSError, JSObject, SourceText, Unknown, describe
from translator.frontends.gen2.loader import Loader, ModuleRecord
from translator.frontends.gen2.lowering.definition import data_definition
from translator.frontends.gen2.lowering.fields import Reporter
from translator.frontends.gen2.lowering.lower import combine_span_of, lower_schemas, schemas_of

__all__ = ["GEN2_FLAGS", "find_entry", "load_gen2", "load_gen2_data"]

# What Amplify's Gen 2 backend (backend-data 1.9 -> graphql-generator 0.5.4) uses: CPK mode and
# timestamp fields on, no DataStore conflict detection (isDataStoreEnabled is never set).
GEN2_FLAGS: dict[str, bool] = {
    "graphqltransformer.respectprimarykeyattributesonconnectionfield": True,
    "codegen.addtimestampfields": True,
    "datastore": False,
}

_ENTRY_CANDIDATES = ("resource.ts", "data/resource.ts", "amplify/data/resource.ts")


def find_entry(path: Path) -> Path:
    """The ``resource.ts`` to compile for ``path`` (a file, or an ``amplify``/``data`` folder)."""
    if path.is_file():
        return path
    if path.is_dir():
        for candidate in _ENTRY_CANDIDATES:
            if (path / candidate).is_file():
                return path / candidate
        raise SourceError(Diagnostic("E202", "the folder holds no amplify/data/resource.ts", Span(str(path))))
    raise SourceError(Diagnostic("E201", "no such file or folder", Span(str(path))))


def load_gen2(path: Path) -> SchemaDocument | SchemaSource:
    """Evaluate a Gen 2 data definition and lower it; CompilationError carries every problem.

    A definition whose schema is GraphQL SDL text gives that text back, as a
    :class:`SchemaSource` whose positions are the ``.ts`` file's, for the GraphQL front end."""
    return load_gen2_data(path)[0]


def load_gen2_data(path: Path) -> tuple[SchemaDocument | SchemaSource, DataDefinition]:
    """:func:`load_gen2`, plus what ``defineData`` says about the tables (the Gen 1 mapping)."""
    entry = find_entry(Path(path))
    try:
        return _load(entry)
    except RecursionError:
        pass  # Only absurdly deep nesting gets here (thousands of levels); report it, do not crash.
    try:
        text = entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    raise CompilationError([too_deep(str(entry), text, "typescript")])


def _load(entry: Path) -> tuple[SchemaDocument | SchemaSource, DataDefinition]:
    interp = Interpreter()
    loader = Loader(interp)
    record = loader.load(entry)
    if interp.diagnostics:
        raise CompilationError(interp.diagnostics)
    props, span = _define_data_props(interp, record, str(entry))
    definition = data_definition(props, span)
    report = Reporter()
    schema_value = props.props.get("schema")
    if isinstance(schema_value, str):
        return _graphql_schema(schema_value, props.spans.get("schema", span)), definition
    schemas = schemas_of(schema_value, props.spans.get("schema", span), report)
    if report.diagnostics:
        raise CompilationError(report.diagnostics)
    document = lower_schemas(schemas, report, combine_span_of(schema_value))
    if report.diagnostics:
        raise CompilationError(report.diagnostics)
    return document, definition


def _define_data_props(interp: Interpreter, record: ModuleRecord, path: str) -> tuple[JSObject, Span]:
    """The object given to ``defineData``, found the way Amplify's oracle finds it: the exported
    ``data`` when it is a ``defineData`` result, else the only ``defineData`` call, else the
    exported ``schema`` as ``defineData({ schema })``."""
    whole_file = Span(path, 1, 1)
    calls = define_data_calls(interp)
    try:
        exported = record.read_export(interp, "data", whole_file) if record.has_export("data") else None
        chosen = next(((props, span) for props, span in calls if props is exported), None)
        if chosen is None and len(calls) == 1:
            chosen = calls[0]
        elif chosen is None and len(calls) > 1:
            _fail("G011", f"{len(calls)} defineData(...) calls and none exported as `data`", calls[1][1])
        if chosen is None:
            if not record.has_export("schema"):
                _fail("G011", "the file calls no defineData(...) and exports no `schema`", whole_file)
            chosen = (JSObject({"schema": record.read_export(interp, "schema", whole_file)}), whole_file)
    except JSError as error:
        raise CompilationError([error.diagnostic]) from None
    props, span = chosen
    if isinstance(props, Unknown):
        _fail("G002", f"cannot be evaluated statically: {props.what}", props.span)
    if not isinstance(props, JSObject) or "schema" not in props.props:
        _fail("G011", f"defineData(...) was called without a `schema` property ({describe(props)})", span)
    assert isinstance(props, JSObject)
    return props, span


def _fail(code: str, message: str, span: Span) -> None:
    raise CompilationError([Diagnostic(code, message, span)])


def _graphql_schema(text: str, where: Span) -> SchemaSource:
    """``defineData({ schema: `type Todo @model ...` })``: Amplify compiles the SDL as written,
    so the GraphQL front end gets the text (this front end does not parse GraphQL).

    The text is padded to where its literal starts, so positions point into the ``.ts`` file.
    """
    start = text.span if isinstance(text, SourceText) else where
    padding = "\n" * (start.line - 1) + " " * start.column if isinstance(text, SourceText) else ""
    return SchemaSource(start.path, padding + str(text))
