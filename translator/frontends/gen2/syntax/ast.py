"""The syntax tree of a TypeScript module, as far as the Gen 2 front end needs it.

Nodes are frozen dataclasses built by :mod:`parser` while lark parses. Positions are 1-based
``line``/``col`` pairs without a file name (the evaluator adds the path of the module it runs), so a
tree does not depend on where its file lives. Type annotations are parsed and dropped: they never
change what a data definition evaluates to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from translator.frontends.gen2.syntax.ast_imports import Export, ExportName, Import, ImportName, Pos

# ---------------------------------------------------------------- expressions


@dataclass(frozen=True)
class Literal:
    """A string, number, boolean or null literal (``value`` None is ``null``)."""

    value: str | float | bool | None
    pos: Pos


@dataclass(frozen=True)
class Template:
    """A template literal: ``quasis`` has one more element than ``parts``."""

    quasis: tuple[str, ...]
    parts: tuple[Expr, ...]
    pos: Pos


@dataclass(frozen=True)
class Ident:
    """A variable reference (also ``this``, spelled as such)."""

    name: str
    pos: Pos


@dataclass(frozen=True)
class Member:
    """``obj.name`` or ``obj?.name``; ``pos`` is where ``name`` is written."""

    obj: Expr
    name: str
    optional: bool
    pos: Pos


@dataclass(frozen=True)
class Index:
    """``obj[index]`` or ``obj?.[index]``."""

    obj: Expr
    index: Expr
    optional: bool
    pos: Pos


@dataclass(frozen=True)
class Spread:
    """``...value`` in an array, object or argument list."""

    value: Expr
    pos: Pos


@dataclass(frozen=True)
class Hole:
    """An elided array element (``[a, , b]``)."""

    pos: Pos


@dataclass(frozen=True)
class Call:
    """``callee(args)``; ``pos`` is the callee's position (a member call: the member's name)."""

    callee: Expr
    args: tuple[Expr | Spread, ...]
    optional: bool
    pos: Pos


@dataclass(frozen=True)
class New:
    """``new callee(args)``."""

    callee: Expr
    args: tuple[Expr | Spread, ...]
    pos: Pos


@dataclass(frozen=True)
class ArrayLit:
    """``[a, ...b, c]``."""

    elements: tuple[Expr | Spread | Hole, ...]
    pos: Pos


@dataclass(frozen=True)
class Property:
    """``key: value`` in an object literal; ``key`` is an expression when computed; ``shorthand``
    for ``{ key }``."""

    key: str | Expr
    value: Expr
    pos: Pos
    shorthand: bool = False


@dataclass(frozen=True)
class ObjectLit:
    """``{ a: 1, b, ...c }``."""

    properties: tuple[Property | Spread, ...]
    pos: Pos


@dataclass(frozen=True)
class Param:
    """A function parameter; ``rest`` for ``...name``."""

    target: Pattern
    default: Expr | None
    rest: bool
    pos: Pos


@dataclass(frozen=True)
class Function:
    """An arrow function or function expression; ``body`` is an expression or a block."""

    name: str | None
    params: tuple[Param, ...]
    body: Expr | Block
    pos: Pos


@dataclass(frozen=True)
class Unary:
    """``!x``, ``-x``, ``typeof x`` and the other prefix operators."""

    op: str
    operand: Expr
    pos: Pos


@dataclass(frozen=True)
class Binary:
    """``left op right`` (``&&``, ``||`` and ``??`` included)."""

    op: str
    left: Expr
    right: Expr
    pos: Pos


@dataclass(frozen=True)
class Conditional:
    """``test ? then : otherwise``."""

    test: Expr
    then: Expr
    otherwise: Expr
    pos: Pos


@dataclass(frozen=True)
class Assign:
    """``target op value`` with ``op`` one of ``=``, ``+=``, ..."""

    target: Expr
    op: str
    value: Expr
    pos: Pos


@dataclass(frozen=True)
class Sequence:
    """Parenthesised comma list ``(a, b)`` used as a value, or an arrow parameter list."""

    items: tuple[Expr, ...]
    pos: Pos


Expr: TypeAlias = (
    Literal
    | Template
    | Ident
    | Member
    | Index
    | Call
    | New
    | ArrayLit
    | ObjectLit
    | Function
    | Unary
    | Binary
    | Conditional
    | Assign
    | Sequence
)

# ---------------------------------------------------------------- patterns


@dataclass(frozen=True)
class PatternProp:
    """``key: target = default`` in an object pattern (``key`` alone for shorthand)."""

    key: str
    target: Pattern
    default: Expr | None


@dataclass(frozen=True)
class ObjectPattern:
    """``{ a, b: c, ...rest }`` on the left of ``=`` or as a parameter."""

    props: tuple[PatternProp, ...]
    rest: str | None
    pos: Pos


@dataclass(frozen=True)
class ArrayPattern:
    """``[a, , b = 1, ...rest]``; None marks a hole."""

    elements: tuple[tuple[Pattern, Expr | None] | None, ...]
    rest: str | None
    pos: Pos


Pattern: TypeAlias = Ident | ObjectPattern | ArrayPattern

# ---------------------------------------------------------------- statements


@dataclass(frozen=True)
class Declarator:
    """``target = init`` in a variable declaration."""

    target: Pattern
    init: Expr | None
    pos: Pos


@dataclass(frozen=True)
class VarDecl:
    """``const``/``let``/``var`` declarations; ``exported`` for ``export const``."""

    kind: str
    declarators: tuple[Declarator, ...]
    exported: bool
    pos: Pos


@dataclass(frozen=True)
class FunctionDecl:
    """``function name(...) { ... }`` (hoisted)."""

    function: Function
    exported: bool


@dataclass(frozen=True)
class EnumDecl:
    """A TypeScript ``enum``; members without initialiser count up from the previous number."""

    name: str
    members: tuple[tuple[str, Expr | None], ...]
    exported: bool
    pos: Pos


@dataclass(frozen=True)
class ExportDefault:
    """``export default value``."""

    value: Expr
    pos: Pos


@dataclass(frozen=True)
class ExprStmt:
    """An expression evaluated for its effect."""

    expr: Expr
    pos: Pos


@dataclass(frozen=True)
class Return:
    """``return value``."""

    value: Expr | None
    pos: Pos


@dataclass(frozen=True)
class If:
    """``if (test) then else otherwise``."""

    test: Expr
    then: Stmt
    otherwise: Stmt | None
    pos: Pos


@dataclass(frozen=True)
class Throw:
    """``throw value``."""

    value: Expr
    pos: Pos


@dataclass(frozen=True)
class Block:
    """``{ statements }``."""

    body: tuple[Stmt, ...]
    pos: Pos


@dataclass(frozen=True)
class Unsupported:
    """A statement the evaluator does not run (loops, ``try``, ``break``): an error if reached."""

    what: str
    pos: Pos


@dataclass(frozen=True)
class Empty:
    """A statement with no effect (``;``, type aliases, interfaces, ``declare``)."""

    pos: Pos


Stmt: TypeAlias = (
    Import
    | Export
    | VarDecl
    | FunctionDecl
    | EnumDecl
    | ExportDefault
    | ExprStmt
    | Return
    | If
    | Throw
    | Block
    | Unsupported
    | Empty
)


@dataclass(frozen=True)
class Module:
    """A parsed file."""

    body: tuple[Stmt, ...]


__all__ = ["Export", "ExportName", "Import", "ImportName", "Pos"]
