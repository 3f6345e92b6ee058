"""Statements, scopes and function calls of the evaluator (mixed into :class:`Interpreter`)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from translator.core.diagnostics import Span
from translator.frontends.gen2.interpreter.scope import Scope
from translator.frontends.gen2.interpreter.values import (
    POISON,
    UNDEFINED,
    Closure,
    JSArray,
    JSError,
    JSObject,
    Poison,
    Unknown,
    describe,
    to_display,
)
from translator.frontends.gen2.syntax import ast

_MAX_DEPTH = 64


class _Uninitialised:
    """A ``let``/``const`` binding before its declaration ran (the temporal dead zone)."""


TDZ = _Uninitialised()


class Binding:
    """A live binding imported from another module; read through on every access."""

    def __init__(self, module: Any, name: str, span: Span) -> None:
        self.module = module
        self.name = name
        self.span = span


class ReturnSignal(Exception):
    """A ``return`` unwinding to the function call that runs the body."""

    def __init__(self, value: Any) -> None:
        super().__init__("return")
        self.value = value


class StatementRunner(ABC):
    """Runs statement lists with JavaScript hoisting, and calls closures.

    The expression side (:class:`evaluate.Interpreter`) provides the abstract methods.
    """

    path: str
    statement_pos: ast.Pos

    def __init__(self) -> None:
        self.depth = 0

    @abstractmethod
    def eval(self, node: Any, scope: Any) -> Any:
        """The value of an expression."""

    @abstractmethod
    def eval_safe(self, node: Any, scope: Any) -> Any:
        """The value of an expression, or POISON after reporting its error."""

    @abstractmethod
    def span(self, pos: ast.Pos) -> Span:
        """A position in the current module."""

    @abstractmethod
    def fail(self, code: str, message: str, span: Span) -> JSError:
        """An error to raise."""

    @abstractmethod
    def report(self, error: JSError) -> None:
        """Record an error evaluation recovered from."""

    @abstractmethod
    def truthy(self, value: Any, span: Span) -> bool:
        """JavaScript truthiness."""

    @abstractmethod
    def get_member(self, obj: Any, name: str, span: Span, obj_node: Any) -> Any:
        """``obj.name``."""

    @abstractmethod
    def call(self, callee: Any, args: list[Any], span: Span, callee_node: Any = None) -> Any:
        """Call a function value."""

    def lookup(self, name: str, scope: Scope, span: Span) -> Any:
        """The value of variable ``name``."""
        found = scope.find(name)
        if found is None:
            raise self.fail("G003", f"{name} is not defined", span)
        value = found.vars[name]
        if value is TDZ:
            raise self.fail("G004", f"{name} is used before its declaration", span)
        if isinstance(value, Binding):
            return value.module.read_export(self, value.name, span)
        return value

    def assign(self, name: str, value: Any, scope: Scope, span: Span) -> None:
        """``name = value``."""
        found = scope.find(name)
        if found is None:
            raise self.fail("G003", f"{name} is not defined", span)
        if name in found.consts or isinstance(found.vars[name], Binding):
            raise self.fail("G005", f"assignment to constant variable {name}", span)
        if found.vars[name] is TDZ:
            raise self.fail("G004", f"{name} is used before its declaration", span)
        found.vars[name] = value

    def hoist(self, body: tuple[ast.Stmt, ...], scope: Scope) -> None:
        """Declare what ``body`` declares before it runs (functions are ready at once)."""
        for stmt in body:
            if isinstance(stmt, ast.VarDecl):
                for declarator in stmt.declarators:
                    for name in pattern_names(declarator.target):
                        if stmt.kind == "var":
                            scope.vars.setdefault(name, UNDEFINED)
                        else:
                            scope.vars[name] = TDZ
                            if stmt.kind == "const":
                                scope.consts.add(name)
            elif isinstance(stmt, ast.FunctionDecl) and stmt.function.name:
                scope.vars[stmt.function.name] = Closure(stmt.function, scope, self.path)
            elif isinstance(stmt, ast.EnumDecl):
                scope.vars[stmt.name] = TDZ

    def run_block(self, body: tuple[ast.Stmt, ...], scope: Scope) -> None:
        """Hoist, then run each statement; an error ends only its own statement."""
        self.hoist(body, scope)
        for stmt in body:
            try:
                self.run(stmt, scope)
            except JSError as error:
                self.report(error)

    def run(self, stmt: Any, scope: Scope) -> None:
        """Run one statement (imports and exports are the module loader's business)."""
        where = getattr(stmt, "pos", None)
        if isinstance(where, ast.Pos) and where.line > 0:
            self.statement_pos = where
        if isinstance(stmt, ast.VarDecl):
            for declarator in stmt.declarators:
                value = UNDEFINED if declarator.init is None else self.eval_safe(declarator.init, scope)
                self.bind(declarator.target, value, scope, declare=True)
        elif isinstance(stmt, ast.ExprStmt):
            self.eval_safe(stmt.expr, scope)
        elif isinstance(stmt, ast.Return):
            raise ReturnSignal(UNDEFINED if stmt.value is None else self.eval(stmt.value, scope))
        elif isinstance(stmt, ast.If):
            test = self.eval(stmt.test, scope)
            branch = stmt.then if self.truthy(test, self.span(stmt.pos)) else stmt.otherwise
            if branch is not None and not isinstance(test, Poison):
                self.run_nested(branch, scope)
        elif isinstance(stmt, ast.Block):
            self.run_block(stmt.body, Scope(scope))
        elif isinstance(stmt, ast.Throw):
            value = self.eval(stmt.value, scope)
            if not isinstance(value, Poison | Unknown):
                message = value.props.get("message", "") if isinstance(value, JSObject) else value
                raise self.fail("G008", f"the file throws an error: {to_display(message)}", self.span(stmt.pos))
        elif isinstance(stmt, ast.EnumDecl):
            scope.vars[stmt.name] = self.enum_object(stmt, scope)
        elif isinstance(stmt, ast.Unsupported):
            raise self.fail("G002", f"cannot be evaluated statically: {stmt.what}", self.span(stmt.pos))
        elif isinstance(stmt, ast.ExportDefault):
            scope.vars["*default*"] = self.eval_safe(stmt.value, scope)

    def run_nested(self, stmt: Any, scope: Scope) -> None:
        """A statement in a branch (its own block scope)."""
        if isinstance(stmt, ast.Block):
            self.run_block(stmt.body, Scope(scope))
        else:
            self.run(stmt, scope)

    def enum_object(self, decl: ast.EnumDecl, scope: Scope) -> JSObject:
        """A TypeScript enum: numeric members also map their value back to their name."""
        result = JSObject(span=self.span(decl.pos))
        counter = 0.0
        for name, init in decl.members:
            value = counter if init is None else self.eval(init, scope)
            result.set(name, value, self.span(decl.pos))
            if isinstance(value, float):
                result.set(to_display(value), name, self.span(decl.pos))
                counter = value + 1
        return result

    def bind(self, target: Any, value: Any, scope: Scope, declare: bool) -> None:
        """Assign ``value`` to a pattern (destructuring objects and arrays)."""
        if isinstance(target, ast.Ident):
            scope.vars[target.name] = value
            return
        if isinstance(value, Poison | Unknown):
            for name in pattern_names(target):
                scope.vars[name] = value
            return
        if isinstance(target, ast.ObjectPattern):
            used: set[str] = set()
            for prop in target.props:
                item = self.get_member(value, prop.key, self.span(target.pos), None)
                if item is UNDEFINED and prop.default is not None:
                    item = self.eval(prop.default, scope)
                used.add(prop.key)
                self.bind(prop.target, item, scope, declare)
            if target.rest:
                rest = JSObject()
                if isinstance(value, JSObject):
                    for key, item in value.props.items():
                        if key not in used:
                            rest.set(key, item, value.spans.get(key))
                scope.vars[target.rest] = rest
            return
        items = list(value.items) if isinstance(value, JSArray) else []
        for i, element in enumerate(target.elements):
            if element is None:
                continue
            pattern, default = element
            item = items[i] if i < len(items) else UNDEFINED
            if item is UNDEFINED and default is not None:
                item = self.eval(default, scope)
            self.bind(pattern, item, scope, declare)
        if target.rest:
            scope.vars[target.rest] = JSArray(items[len(target.elements) :])

    def invoke(self, closure: Closure, args: list[Any], span: Span) -> Any:
        """Call a function written in a file."""
        if self.depth >= _MAX_DEPTH:
            raise self.fail("G002", "cannot be evaluated statically: recursion too deep", span)
        function = closure.function
        scope = Scope(closure.scope)
        saved_path, self.path = self.path, closure.path
        self.depth += 1
        try:
            for i, param in enumerate(function.params):
                if param.rest:
                    value: Any = JSArray(list(args[i:]))
                else:
                    value = args[i] if i < len(args) else UNDEFINED
                    if value is UNDEFINED and param.default is not None:
                        value = self.eval(param.default, scope)
                self.bind(param.target, value, scope, declare=True)
            if not isinstance(function.body, ast.Block):
                return self.eval(function.body, scope)
            try:
                self.hoist(function.body.body, scope)
                for stmt in function.body.body:
                    self.run(stmt, scope)
            except ReturnSignal as result:
                return result.value
            return UNDEFINED
        finally:
            self.depth -= 1
            self.path = saved_path

    def call_callback(self, callback: Any, args: list[Any], span: Span, what: str) -> Any:
        """Call a callback an Amplify builder was given; a non-function is an error, as in Node."""
        if isinstance(callback, Poison | Unknown):
            return callback
        if isinstance(callback, JSArray) and any(isinstance(v, Poison) for v in callback.items):
            return POISON  # an element already failed; Node would have stopped there
        if not isinstance(callback, Closure) and not hasattr(callback, "impl"):
            raise self.fail("G005", f"{what} expects a function, not {describe(callback)}", span)
        return self.call(callback, args, span)


def pattern_names(target: Any) -> list[str]:
    """Every variable a binding pattern declares."""
    if isinstance(target, ast.Ident):
        return [target.name]
    names: list[str] = []
    if isinstance(target, ast.ObjectPattern):
        for prop in target.props:
            names.extend(pattern_names(prop.target))
    elif isinstance(target, ast.ArrayPattern):
        for element in target.elements:
            if element is not None:
                names.extend(pattern_names(element[0]))
    rest = getattr(target, "rest", None)
    if rest:
        names.append(rest)
    return names


__all__ = ["POISON", "TDZ", "Binding", "Scope", "StatementRunner", "pattern_names"]
