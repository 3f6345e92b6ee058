"""Loading the entry file and the local files it imports, the way a bundler resolves them.

Modules are evaluated in ESM order: a module's imports first (each module once), then its body.
Relative imports resolve like esbuild for TypeScript (``./x`` → ``x.ts``, ``x/index.ts``, ...).
A relative import of a file that is not there, or a path alias to a ``resource`` module, gives
:class:`values.Stub` values, as Amplify's build would only fail when such a value is called.
``@aws-amplify/backend`` and ``@aws-amplify/data-schema`` are provided by :mod:`amplify`; other
packages give :class:`values.Opaque` values.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from translator.core.diagnostics import CompilationError, Diagnostic, SourceError, Span
from translator.frontends.gen2.amplify.namespace import backend_exports
from translator.frontends.gen2.interpreter.evaluate import Interpreter
from translator.frontends.gen2.interpreter.jsbuiltins import from_json, global_names
from translator.frontends.gen2.interpreter.statements import TDZ, Binding, ReturnSignal, Scope
from translator.frontends.gen2.interpreter.values import POISON, UNDEFINED, Opaque, Stub
from translator.frontends.gen2.syntax import ast
from translator.frontends.gen2.syntax.parser import parse_module

_EXTENSIONS = (".ts", ".tsx", ".mts", ".cts", ".js", ".mjs", ".cjs", ".jsx", ".json")
_AMPLIFY_PACKAGES = ("@aws-amplify/backend", "@aws-amplify/data-schema")
_STUBBED_ALIAS = re.compile(r"(^|/)resources?(\.[cm]?[jt]s)?$|^[@~]/")


class ModuleRecord:
    """One module: its scope, its exports and whether its body has run."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.scope: Scope | None = None
        # name -> ("local", variable) | ("value", v) | ("module", record) | ("from", (record, name))
        self.exports: dict[str, tuple[str, Any]] = {}
        self.star_sources: list[ModuleRecord] = []
        self.failed = False

    def read_export(self, interp: Interpreter, name: str, span: Span) -> Any:
        """The current value of export ``name`` (a live binding, as in ESM)."""
        value = self.lookup_export(name, set())
        if value is _NO_EXPORT:
            if self.failed:
                return POISON
            raise interp.fail("G010", f"{Path(self.path).name} has no export named {name!r}", span)
        kind, target = value
        if kind == "value":
            return target
        if kind == "module":
            return target.namespace()
        if kind == "from":
            source, source_name = target
            return source.read_export(interp, source_name, span)
        assert self.scope is not None
        return interp.lookup(target, self.scope, span)

    def has_export(self, name: str) -> bool:
        """Whether the module exports ``name`` (directly or through ``export * from``)."""
        return self.lookup_export(name, set()) is not _NO_EXPORT

    def lookup_export(self, name: str, seen: set[int]) -> Any:
        """``(kind, target)`` for export ``name``, following ``export * from``."""
        if id(self) in seen:
            return _NO_EXPORT
        seen.add(id(self))
        if name in self.exports:
            return self.exports[name]
        for source in self.star_sources:
            found = source.lookup_export(name, seen)
            if found is not _NO_EXPORT:
                return found
        return _NO_EXPORT

    def namespace(self) -> Any:
        """``import * as ns``: an object of the exports (a snapshot is enough here)."""
        from translator.frontends.gen2.interpreter.values import JSObject  # noqa: PLC0415

        result = JSObject()
        for name in self.exports:
            kind, target = self.exports[name]
            if kind == "value":
                result.props[name] = target
            elif self.scope is not None and kind == "local":
                value = self.scope.vars.get(target, UNDEFINED)
                if isinstance(value, Binding):
                    value = value.module.namespace().props.get(value.name, UNDEFINED)
                result.props[name] = UNDEFINED if value is TDZ else value
            elif kind == "from":
                source, source_name = target
                result.props[name] = source.namespace().props.get(source_name, UNDEFINED)
        return result


_NO_EXPORT = object()


class Loader:
    """Evaluates an entry file and its local imports with one :class:`Interpreter`."""

    def __init__(self, interp: Interpreter) -> None:
        self.interp = interp
        self.modules: dict[str, ModuleRecord] = {}
        self.globals = Scope(None)
        self.globals.vars.update(global_names())
        backend = ModuleRecord("@aws-amplify/backend")
        backend.exports = {k: ("value", v) for k, v in backend_exports(interp).items()}
        self.backend = backend

    def load(self, path: Path) -> ModuleRecord:
        """Evaluate the module at ``path`` (once) and return its record."""
        key = str(path)
        if key in self.modules:
            return self.modules[key]
        record = ModuleRecord(key)
        self.modules[key] = record
        text = _read(path)
        if path.suffix == ".json":
            record.exports["default"] = ("value", from_json(json.loads(text)))
            return record
        try:
            module = parse_module(text, key)
        except CompilationError as error:
            self.interp.diagnostics.extend(error.diagnostics)
            record.failed = True
            return record
        scope = Scope(self.globals)
        record.scope = scope
        saved = self.interp.path
        self.interp.path = key
        try:
            self._link(module, record, scope, path)
            self.interp.run_block(tuple(s for s in module.body if _runs(s)), scope)
        except ReturnSignal:
            where = self.interp.span(self.interp.statement_pos)
            message = "TypeScript syntax error: return outside a function"
            self.interp.diagnostics.append(Diagnostic("G001", message, where))
        finally:
            self.interp.path = saved
        return record

    def _link(self, module: ast.Module, record: ModuleRecord, scope: Scope, path: Path) -> None:
        """Load imported modules and set up import bindings and the export table."""
        for stmt in module.body:
            if isinstance(stmt, ast.Import):
                source = self._resolve(stmt.source, path, stmt, [n.imported for n in stmt.names])
                for name in stmt.names:
                    span = Span(record.path, name.pos.line, name.pos.col)
                    if name.imported == "*":
                        scope.vars[name.local] = source.namespace() if source.scope or source.exports else UNDEFINED
                    else:
                        scope.vars[name.local] = Binding(source, name.imported, span)
            elif isinstance(stmt, ast.Export):
                self._link_export(stmt, record, path)
            elif isinstance(stmt, ast.VarDecl) and stmt.exported:
                from translator.frontends.gen2.interpreter.statements import pattern_names  # noqa: PLC0415

                for declarator in stmt.declarators:
                    for variable in pattern_names(declarator.target):
                        record.exports[variable] = ("local", variable)
            elif isinstance(stmt, ast.FunctionDecl) and stmt.exported and stmt.function.name:
                record.exports[stmt.function.name] = ("local", stmt.function.name)
            elif isinstance(stmt, ast.EnumDecl) and stmt.exported:
                record.exports[stmt.name] = ("local", stmt.name)
            elif isinstance(stmt, ast.ExportDefault):
                record.exports["default"] = ("local", "*default*")

    def _link_export(self, stmt: ast.Export, record: ModuleRecord, path: Path) -> None:
        if stmt.source is None:
            for name in stmt.names:
                if not name.type_only:
                    record.exports[name.exported] = ("local", name.local)
            return
        source = self._resolve(stmt.source, path, stmt, [n.local for n in stmt.names])
        if stmt.star and stmt.star_as:
            record.exports[stmt.star_as] = ("module", source)
        elif stmt.star:
            record.star_sources.append(source)
        for name in stmt.names:
            if name.type_only:
                continue
            record.exports[name.exported] = ("from", (source, name.local))

    def _resolve(self, spec: str, importer: Path, stmt: Any, names: list[str]) -> ModuleRecord:
        if spec in _AMPLIFY_PACKAGES or spec.startswith("@aws-amplify/data-schema/"):
            return self.backend
        if spec.startswith(".") or spec.startswith("/"):
            target = _find_file((importer.parent / spec) if spec.startswith(".") else Path(spec))
            if target is not None:
                return self.load(target)
            return _stub_module(spec, names)
        if _STUBBED_ALIAS.search(spec):
            return _stub_module(spec, names)
        package = ModuleRecord(spec)
        for name in names:
            package.exports[name] = ("value", Opaque(name, spec))
        package.exports.setdefault("default", ("value", Opaque("the default export", spec)))
        return package


def _stub_module(spec: str, names: list[str]) -> ModuleRecord:
    record = ModuleRecord(spec)
    for name in [*names, "default"]:
        record.exports[name] = ("value", Stub(name, spec))
    return record


def _find_file(base: Path) -> Path | None:
    candidates = [base]
    if base.suffix in (".js", ".mjs", ".cjs", ".jsx"):
        stem = base.with_suffix("")
        candidates += [stem.with_suffix(".ts"), stem.with_suffix(".tsx"), stem.with_suffix(".mts")]
    candidates += [base.with_name(base.name + ext) for ext in _EXTENSIONS]
    candidates += [base / ("index" + ext) for ext in _EXTENSIONS]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(Diagnostic("E203", f"cannot read the file: {error.strerror}", Span(str(path)))) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(Diagnostic("E204", "the file is not UTF-8", Span(str(path), line, 1))) from None


def _runs(stmt: Any) -> bool:
    """Imports and re-exports are linked, not run."""
    return not isinstance(stmt, ast.Import | ast.Export)
