"""Tree-building callbacks for statements, imports and exports (mixed into ``TreeBuilder``)."""

from __future__ import annotations

from typing import Any

from translator.frontends.gen2.syntax import ast
from translator.frontends.gen2.syntax.jsstrings import cook_string
from translator.frontends.gen2.syntax.lexer import Tok as Token
from translator.frontends.gen2.syntax.tree_common import (
    NO_POS,
    Params,
    Rest,
    first_pos,
    node_pos,
    pos,
    tok,
)


class StatementCallbacks:
    """Callbacks named after the grammar's statement rules; each returns an :mod:`ast` node."""

    def start(self, c: list[Any]) -> ast.Module:
        return ast.Module(tuple(s for s in c if s is not None))

    def expression_only(self, c: list[Any]) -> Any:
        return c[0]

    def import_from(self, c: list[Any]) -> ast.Import:
        names, source = c
        return ast.Import(cook_string(source), tuple(names), False, pos(source))

    def import_type(self, c: list[Any]) -> ast.Import:
        _type, names, source = c
        return ast.Import(cook_string(source), tuple(names), True, pos(source))

    def import_bare(self, c: list[Any]) -> ast.Import:
        return ast.Import(cook_string(c[0]), (), False, pos(c[0]))

    def clause_default(self, c: list[Any]) -> list[ast.ImportName]:
        return [ast.ImportName("default", str(c[0]), False, pos(c[0]))]

    def clause_namespace(self, c: list[Any]) -> list[ast.ImportName]:
        return [ast.ImportName("*", str(c[0]), False, pos(c[0]))]

    def clause_named(self, c: list[Any]) -> list[ast.ImportName]:
        return list(c[0])

    def clause_default_namespace(self, c: list[Any]) -> list[ast.ImportName]:
        return self.clause_default(c[:1]) + self.clause_namespace(c[1:])

    def clause_default_named(self, c: list[Any]) -> list[ast.ImportName]:
        return self.clause_default(c[:1]) + list(c[1])

    def import_names(self, c: list[Any]) -> list[ast.ImportName]:
        return [n for n in c if n is not None]

    def import_plain(self, c: list[Any]) -> ast.ImportName:
        name = str(tok(c[0]))
        return ast.ImportName(name, name, False, pos(c[0]))

    def import_renamed(self, c: list[Any]) -> ast.ImportName:
        return ast.ImportName(str(tok(c[0])), str(c[1]), False, pos(c[1]))

    def import_type_only(self, c: list[Any]) -> ast.ImportName:
        name = str(tok(c[1]))
        return ast.ImportName(name, name, True, pos(c[1]))

    def import_type_only_renamed(self, c: list[Any]) -> ast.ImportName:
        return ast.ImportName(str(tok(c[1])), str(c[2]), True, pos(c[2]))

    def export_var(self, c: list[Any]) -> ast.VarDecl:
        decl: ast.VarDecl = c[0]
        return ast.VarDecl(decl.kind, decl.declarators, True, decl.pos)

    def export_function(self, c: list[Any]) -> ast.FunctionDecl:
        return ast.FunctionDecl(c[0].function, True)

    def export_enum(self, c: list[Any]) -> ast.EnumDecl:
        decl: ast.EnumDecl = c[0]
        return ast.EnumDecl(decl.name, decl.members, True, decl.pos)

    def export_ignored(self, c: list[Any]) -> ast.Empty:
        return ast.Empty(first_pos(c))

    def export_default(self, c: list[Any]) -> ast.ExportDefault:
        return ast.ExportDefault(c[0], node_pos(c[0]))

    def export_local(self, c: list[Any]) -> ast.Export:
        return ast.Export(tuple(c[0]), None, False, None, first_pos(c[0]))

    def export_from(self, c: list[Any]) -> ast.Export:
        return ast.Export(tuple(c[0]), cook_string(c[1]), False, None, pos(c[1]))

    def export_all(self, c: list[Any]) -> ast.Export:
        return ast.Export((), cook_string(c[0]), True, None, pos(c[0]))

    def export_all_as(self, c: list[Any]) -> ast.Export:
        return ast.Export((), cook_string(c[1]), True, str(c[0]), pos(c[1]))

    def export_names(self, c: list[Any]) -> list[ast.ExportName]:
        return [n for n in c if n is not None]

    def export_plain(self, c: list[Any]) -> ast.ExportName:
        name = str(tok(c[0]))
        return ast.ExportName(name, name, False, pos(c[0]))

    def export_renamed(self, c: list[Any]) -> ast.ExportName:
        return ast.ExportName(str(tok(c[0])), str(tok(c[1])), False, pos(c[0]))

    def export_type_only(self, c: list[Any]) -> ast.ExportName:
        names = [tok(t) for t in c[1:]]
        return ast.ExportName(str(names[0]), str(names[-1]), True, pos(names[0]))

    def var_kind(self, c: list[Any]) -> Token:
        token: Token = c[0]
        return token

    def var_decl(self, c: list[Any]) -> ast.VarDecl:
        kind, *declarators = c
        return ast.VarDecl(str(kind), tuple(declarators), False, pos(kind))

    def declarator(self, c: list[Any]) -> ast.Declarator:
        target = c[0]
        return ast.Declarator(target, c[-1], target.pos)

    def bind_name(self, c: list[Any]) -> ast.Ident:
        return ast.Ident(str(c[0]), pos(c[0]))

    def object_pattern(self, c: list[Any]) -> ast.ObjectPattern:
        props = tuple(p for p in c if isinstance(p, ast.PatternProp))
        rest = next((p.name for p in c if isinstance(p, Rest)), None)
        return ast.ObjectPattern(props, rest, first_pos(p.target for p in props))

    def pattern_shorthand(self, c: list[Any]) -> ast.PatternProp:
        return ast.PatternProp(str(c[0]), ast.Ident(str(c[0]), pos(c[0])), c[1])

    def pattern_renamed(self, c: list[Any]) -> ast.PatternProp:
        return ast.PatternProp(str(tok(c[0])), c[1], c[2])

    def pattern_rest(self, c: list[Any]) -> Rest:
        return Rest(str(c[0]))

    def array_pattern(self, c: list[Any]) -> ast.ArrayPattern:
        elements = [e for e in c if not isinstance(e, Rest)]
        if elements and elements[-1] is None:
            elements.pop()  # `[a, b,]`: a trailing comma adds no hole
        rest = next((e.name for e in c if isinstance(e, Rest)), None)
        return ast.ArrayPattern(tuple(elements), rest, first_pos(e[0] for e in elements if e))

    def pattern_elem(self, c: list[Any]) -> tuple[Any, Any]:
        return (c[0], c[1])

    def pattern_hole(self, _c: list[Any]) -> None:
        return None

    def enum_decl(self, c: list[Any]) -> ast.EnumDecl:
        name = c[0]
        members = tuple(m for m in c[1:] if m is not None)
        return ast.EnumDecl(str(name), members, False, pos(name))

    def enum_member(self, c: list[Any]) -> tuple[str, Any]:
        return (str(c[0][0]), c[1])

    def function_decl(self, c: list[Any]) -> ast.FunctionDecl:
        name = next(t for t in c if isinstance(t, Token))
        params = next(p for p in c if isinstance(p, Params))
        body = c[-1]
        return ast.FunctionDecl(ast.Function(str(name), tuple(params), body, pos(name)), False)

    def params(self, c: list[Any]) -> Params:
        return Params(p for p in c if isinstance(p, ast.Param))

    def param(self, c: list[Any]) -> ast.Param:
        target = c[0]
        return ast.Param(target, c[-1], False, target.pos)

    def rest_param(self, c: list[Any]) -> ast.Param:
        return ast.Param(ast.Ident(str(c[0]), pos(c[0])), None, True, pos(c[0]))

    def return_stmt(self, c: list[Any]) -> ast.Return:
        value = c[0] if c else None
        return ast.Return(value, node_pos(value))

    def if_stmt(self, c: list[Any]) -> ast.If:
        test, then = c[0], c[1]
        otherwise = c[2] if len(c) > 2 else None
        return ast.If(test, then, otherwise, node_pos(test))

    def for_of_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("a for loop", pos(c[0]))

    def for_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("a for loop", first_pos(c))

    def while_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("a while loop", first_pos(c))

    def try_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("a try statement", first_pos(c))

    def break_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("break", NO_POS)

    def continue_stmt(self, c: list[Any]) -> ast.Unsupported:
        return ast.Unsupported("continue", NO_POS)

    def throw_stmt(self, c: list[Any]) -> ast.Throw:
        return ast.Throw(c[0], node_pos(c[0]))

    def block(self, c: list[Any]) -> ast.Block:
        body = tuple(s for s in c if s is not None)
        return ast.Block(body, first_pos(body))

    def expr_stmt(self, c: list[Any]) -> ast.ExprStmt:
        return ast.ExprStmt(c[0], node_pos(c[0]))

    def empty_stmt(self, _c: list[Any]) -> None:
        return None

    def declare_stmt(self, c: list[Any]) -> ast.Empty:
        return ast.Empty(first_pos(c))

    type_alias = interface_decl = declare_stmt

    # ------------------------------------------------------------ expressions
