"""Evaluate expressions of a data definition the way Node would, without running anything real.

The interpreter covers what ``resource.ts`` files compute: literals, objects and spreads, local
constants, calls of the Amplify builders and of functions written in the file, and a few pure
library functions (``Object.values``, ``array.map``, ...). Things that only exist when an app runs
(``process.env``, functions of other packages) evaluate to :class:`values.Unknown`, which is an
error only where the schema needs its value. A JavaScript exception becomes a diagnostic, and the
expression that threw becomes :data:`values.POISON` so the rest of the file is still checked.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, TypeVar

from translator.core.diagnostics import Diagnostic, Span
from translator.core.nesting import TOO_DEEP
from translator.frontends.gen2.interpreter.jsbuiltins import member_of_primitive, to_number
from translator.frontends.gen2.interpreter.jsops import ASSIGN_OPS, binary
from translator.frontends.gen2.interpreter.statements import StatementRunner
from translator.frontends.gen2.interpreter.values import (
    POISON,
    UNDEFINED,
    Closure,
    HostObject,
    JSArray,
    JSError,
    JSObject,
    Native,
    Opaque,
    Poison,
    SourceText,
    Stub,
    Unknown,
    js_typeof,
    to_display,
)
from translator.frontends.gen2.syntax import ast
from translator.frontends.gen2.syntax.jsstrings import number_to_string

T = TypeVar("T")


def render(node: Any) -> str:
    """Source-like text of a callee, as JavaScript engines print it in error messages."""
    if isinstance(node, ast.Ident):
        return node.name
    if isinstance(node, ast.Member):
        return f"{render(node.obj)}.{node.name}"
    if isinstance(node, ast.Call):
        return f"{render(node.callee)}(...)"
    if isinstance(node, ast.Index):
        return f"{render(node.obj)}[...]"
    return "(...)"


class Interpreter(StatementRunner):
    """Evaluates modules; collects diagnostics in ``diagnostics`` instead of stopping."""

    def __init__(self) -> None:
        super().__init__()
        self.diagnostics: list[Diagnostic] = []
        self.path = "<input>"
        self.statement_pos = ast.Pos(1, 1)
        self._intrinsics: dict[str, Any] = {}

    # ------------------------------------------------------------ helpers

    def intrinsic(self, key: str, make: Callable[[], T]) -> T:
        """This evaluation's instance of the host object ``key`` (see :class:`values.Runtime`)."""
        if key not in self._intrinsics:
            self._intrinsics[key] = make()
        value: T = self._intrinsics[key]
        return value

    def span(self, pos: ast.Pos) -> Span:
        """``pos`` in the module being evaluated (the current statement's when unknown)."""
        if pos.line <= 0:
            pos = self.statement_pos
        return Span(self.path, max(pos.line, 1), max(pos.col, 1))

    def fail(self, code: str, message: str, span: Span) -> JSError:
        """An error to raise; it is reported where evaluation recovers."""
        return JSError(Diagnostic(code, message, span))

    def report(self, error: JSError) -> None:
        """Record an error that evaluation recovered from."""
        self.diagnostics.append(error.diagnostic)

    def eval_safe(self, node: Any, scope: Any) -> Any:
        """Evaluate ``node``; on an error, report it and give :data:`POISON`."""
        try:
            return self.eval(node, scope)
        except JSError as error:
            self.report(error)
            return POISON
        except RecursionError:
            self.report(self.fail(TOO_DEEP, "nested too deeply to evaluate", self.span(node.pos)))
            return POISON

    def truthy(self, value: Any, span: Span) -> bool:
        """JavaScript truthiness; an unknown value cannot decide a branch."""
        if isinstance(value, Unknown):
            raise self.fail("G002", f"cannot be evaluated statically: {value.what}", value.span)
        if isinstance(value, Poison):
            return False
        if value is None or value is UNDEFINED:
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, float | int):
            return not (value == 0 or math.isnan(value))
        if isinstance(value, str):
            return value != ""
        return True

    # ------------------------------------------------------------ expressions

    def eval(self, node: Any, scope: Any) -> Any:
        """The value of expression ``node`` in ``scope``."""
        method = getattr(self, "_eval_" + type(node).__name__)
        return method(node, scope)

    def _eval_Literal(self, node: ast.Literal, scope: Any) -> Any:
        if isinstance(node.value, str) and "\n" in node.value:
            text = SourceText(node.value)
            text.span = self.span(node.pos)
            return text
        return node.value

    def _eval_Template(self, node: ast.Template, scope: Any) -> Any:
        text = node.quasis[0]
        for part, quasi in zip(node.parts, node.quasis[1:], strict=True):
            value = self.eval(part, scope)
            if isinstance(value, Unknown | Poison):
                return value
            text += to_display(value) + quasi
        return text

    def _eval_Ident(self, node: ast.Ident, scope: Any) -> Any:
        return self.lookup(node.name, scope, self.span(node.pos))

    def _eval_Member(self, node: ast.Member, scope: Any) -> Any:
        obj = self.eval(node.obj, scope)
        if node.optional and (obj is None or obj is UNDEFINED):
            return UNDEFINED
        return self.get_member(obj, node.name, self.span(node.pos), node.obj)

    def _eval_Index(self, node: ast.Index, scope: Any) -> Any:
        obj = self.eval(node.obj, scope)
        if node.optional and (obj is None or obj is UNDEFINED):
            return UNDEFINED
        key = self.eval(node.index, scope)
        if isinstance(key, Unknown | Poison):
            return key
        return self.get_member(obj, _property_name(key), self.span(node.pos), node.obj)

    def _delete(self, target: Any, scope: Any) -> Any:
        """``delete obj.name`` / ``delete obj[key]``: removes an own property of a plain object
        (builders and other host objects keep theirs, as frozen objects do); always true."""
        if isinstance(target, ast.Member | ast.Index):
            obj = self.eval(target.obj, scope)
            key = target.name if isinstance(target, ast.Member) else self.eval(target.index, scope)
            if isinstance(obj, JSObject) and not isinstance(key, Unknown | Poison):
                name = key if isinstance(target, ast.Member) else _property_name(key)
                obj.props.pop(name, None)
                obj.spans.pop(name, None)
        else:
            self.eval(target, scope)
        return True

    def _eval_Call(self, node: ast.Call, scope: Any) -> Any:
        callee = self.eval(node.callee, scope)
        if node.optional and (callee is None or callee is UNDEFINED):
            return UNDEFINED
        args = self.eval_list(node.args, scope)
        if isinstance(args, Unknown | Poison):
            return args
        return self.call(callee, args, self.span(node.pos), node.callee)

    def _eval_New(self, node: ast.New, scope: Any) -> Any:
        args = self.eval_list(node.args, scope)
        name = render(node.callee)
        if name == "Error" or name.endswith("Error"):
            message = to_display(args[0]) if isinstance(args, list) and args else ""
            return JSObject({"message": message, "name": name})
        return Unknown(f"new {name}(...)", self.span(node.pos))

    def _eval_ArrayLit(self, node: ast.ArrayLit, scope: Any) -> Any:
        result = JSArray(span=self.span(node.pos))
        for element in node.elements:
            if isinstance(element, ast.Hole):
                result.items.append(UNDEFINED)
                result.spans.append(None)
            elif isinstance(element, ast.Spread):
                spread = self.eval_safe(element.value, scope)
                items = self.spread_items(spread, self.span(element.pos))
                if not isinstance(items, list):
                    return items
                result.items.extend(items)
                result.spans.extend([None] * len(items))
            else:
                result.items.append(self.eval_safe(element, scope))
                result.spans.append(self.span(_pos(element)))
        return result

    def _eval_ObjectLit(self, node: ast.ObjectLit, scope: Any) -> Any:
        result = JSObject(span=self.span(node.pos))
        unknown: Unknown | None = None
        for prop in node.properties:
            if isinstance(prop, ast.Spread):
                source = self.eval_safe(prop.value, scope)
                if isinstance(source, JSObject):
                    for key, value in source.props.items():
                        result.set(key, value, source.spans.get(key, self.span(prop.pos)))
                elif isinstance(source, Unknown):
                    unknown = source
                elif isinstance(source, JSArray):
                    for i, value in enumerate(source.items):
                        result.set(str(i), value, self.span(prop.pos))
                continue  # spreading null, undefined, a number or a string of keys adds nothing
            if isinstance(prop.key, str):
                key = prop.key
                if key == "__proto__" and not prop.shorthand:
                    # `__proto__: value` sets the object's prototype, not a property of its own
                    # (what Object.entries and so Amplify see); the prototype is not modelled.
                    self.eval_safe(prop.value, scope)
                    continue
            else:
                computed = self.eval_safe(prop.key, scope)
                if isinstance(computed, Unknown):
                    unknown = computed
                    continue
                key = to_display(computed)
            result.set(key, self.eval_safe(prop.value, scope), self.span(prop.pos))
        return unknown if unknown is not None else result

    def _eval_Function(self, node: ast.Function, scope: Any) -> Closure:
        return Closure(node, scope, self.path)

    def _eval_Unary(self, node: ast.Unary, scope: Any) -> Any:
        if node.op == "delete":
            return self._delete(node.operand, scope)
        value = self.eval(node.operand, scope)
        if node.op == "typeof":
            return "undefined" if isinstance(value, Unknown | Poison) else js_typeof(value)
        if node.op == "void":
            return UNDEFINED
        if isinstance(value, Unknown | Poison):
            return value
        if node.op == "!":
            return not self.truthy(value, self.span(node.pos))
        number = to_number(value)
        if node.op == "-":
            return -number
        if node.op == "~":
            return float(~int(number)) if math.isfinite(number) else -1.0
        return number

    def _eval_Binary(self, node: ast.Binary, scope: Any) -> Any:
        op = node.op
        left = self.eval(node.left, scope)
        span = self.span(node.pos)
        if op in ("&&", "||", "??"):
            if isinstance(left, Poison):
                return left
            if op == "??":
                return self.eval(node.right, scope) if left is None or left is UNDEFINED else left
            if self.truthy(left, span) == (op == "||"):
                return left
            return self.eval(node.right, scope)
        right = self.eval(node.right, scope)
        for value in (left, right):
            if isinstance(value, Unknown | Poison):
                return value
        return binary(op, left, right)

    def _eval_Conditional(self, node: ast.Conditional, scope: Any) -> Any:
        test = self.eval(node.test, scope)
        if isinstance(test, Poison):
            return test
        branch = node.then if self.truthy(test, self.span(node.pos)) else node.otherwise
        return self.eval(branch, scope)

    def _eval_Assign(self, node: ast.Assign, scope: Any) -> Any:
        value = self.eval(node.value, scope)
        if node.op != "=":
            current = self.eval(node.target, scope)
            value = binary(node.op[:-1], current, value) if node.op[:-1] in ASSIGN_OPS else value
        if isinstance(node.target, ast.Ident):
            self.assign(node.target.name, value, scope, self.span(node.pos))
        elif isinstance(node.target, ast.Member | ast.Index):
            obj = self.eval(node.target.obj, scope)
            key = (
                node.target.name
                if isinstance(node.target, ast.Member)
                else to_display(self.eval(node.target.index, scope))
            )
            if isinstance(obj, JSObject):
                obj.set(key, value, self.span(node.pos))
            elif obj is None or obj is UNDEFINED:
                raise self.fail("G005", f"cannot set properties of {obj!r} (setting '{key}')", self.span(node.pos))
        return value

    def _eval_Sequence(self, node: ast.Sequence, scope: Any) -> Any:
        value: Any = UNDEFINED
        for item in node.items:
            if isinstance(item, ast.Param):
                raise self.fail(
                    "G001", "TypeScript syntax error: a type annotation outside parameters", self.span(item.pos)
                )
            value = self.eval(item, scope)
        return value

    # ------------------------------------------------------------ members and calls

    def eval_list(self, nodes: tuple[Any, ...], scope: Any) -> list[Any] | Unknown | Poison:
        """Arguments with spreads expanded; each argument recovers from its own errors."""
        values: list[Any] = []
        for node in nodes:
            if isinstance(node, ast.Spread):
                items = self.spread_items(self.eval_safe(node.value, scope), self.span(node.pos))
                if not isinstance(items, list):
                    return items
                values.extend(items)
            else:
                values.append(self.eval_safe(node, scope))
        return values

    def spread_items(self, value: Any, span: Span) -> list[Any] | Unknown | Poison:
        """The elements ``...value`` produces."""
        if isinstance(value, JSArray):
            return list(value.items)
        if isinstance(value, str):
            return list(value)
        if isinstance(value, Unknown | Poison):
            return value
        raise self.fail("G005", "spread of a value that is not iterable", span)

    def get_member(self, obj: Any, name: str, span: Span, obj_node: Any) -> Any:
        """``obj.name`` with JavaScript's rules for the values the evaluator knows."""
        if isinstance(obj, Poison | Unknown):
            return obj
        if obj is None or obj is UNDEFINED:
            return self._read_of_nothing(obj, name, span, obj_node)
        if isinstance(obj, JSObject):
            return obj.props.get(name, UNDEFINED)
        if isinstance(obj, HostObject):
            return obj.member(name)
        if isinstance(obj, Opaque):
            return Unknown(obj.describe(name), span)
        if isinstance(obj, Stub | Closure | Native):
            return UNDEFINED
        return member_of_primitive(self, obj, name, span)

    def _read_of_nothing(self, obj: Any, name: str, span: Span, obj_node: Any) -> Any:
        where = render(obj_node)
        if where == "a.allow" or (where.endswith(".allow") and where.startswith("a.")):
            message = (
                f"{where}.{name}: `a.allow` is the pre-release syntax of Amplify Gen 2; write "
                "rules as .authorization((allow) => [allow.owner(), ...])"
            )
            raise self.fail("G006", message, span)
        raise self.fail("G005", f"cannot read properties of {obj!r} (reading '{name}'): {where} is {obj!r}", span)

    def call(self, callee: Any, args: list[Any], span: Span, callee_node: Any = None) -> Any:
        """Call ``callee`` with ``args``; ``span`` is where the call is written."""
        if isinstance(callee, Native):
            return callee.impl(self, args, span)
        if isinstance(callee, Closure):
            return self.invoke(callee, args, span)
        if isinstance(callee, Poison | Unknown):
            return callee
        if isinstance(callee, Opaque):
            return Unknown(f"a call of {callee.describe()}", span)
        if isinstance(callee, Stub):
            message = (
                f"{callee.name} comes from {callee.module!r}, which is not there, and is called "
                "here; only its value can be used"
            )
            raise self.fail("G007", message, span)
        what = render(callee_node) if callee_node is not None else "the value"
        raise self.fail("G005", f"{what} is not a function", span)


def _property_name(key: Any) -> str:
    """The property name a computed key stands for (``obj[1]`` is ``obj["1"]``)."""
    if isinstance(key, float | int) and not isinstance(key, bool):
        return number_to_string(float(key))
    return to_display(key)


def _pos(node: Any) -> ast.Pos:
    pos = getattr(node, "pos", None)
    return pos if isinstance(pos, ast.Pos) else ast.Pos(0, 0)
