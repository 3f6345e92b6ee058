"""What the migration rules share: the file being edited, what changed, and small AST helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphql.language import ArgumentNode, DirectiveNode, Node, ObjectFieldNode, ObjectValueNode

from translator.core.diagnostics import Diagnostic, Span
from translator.core.document import SchemaSource
from translator.frontends.graphql.migrate.edits import TextEditor
from translator.frontends.graphql.values import span_of


@dataclass(frozen=True, slots=True)
class Change:
    """One thing the migration rewrites, with a one-line preview of its transformer v2 form.

    ``directive`` names the v1 construct: ``key`` and ``connection`` (v1-only directives),
    ``auth`` (a rule added or changed, or an ``@auth`` added for the default auth mode)."""

    span: Span
    directive: str
    before: str
    after: str


@dataclass
class FileContext:
    """One file under migration: its text editor, the changes made and the problems found."""

    source: SchemaSource
    editor: TextEditor
    changes: list[Change] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def text_of(self, node: Node) -> str:
        """The original source text of ``node``."""
        assert node.loc is not None
        return self.source.text[node.loc.start:node.loc.end]

    def span(self, node: Node) -> Span:
        """Where ``node`` starts."""
        return span_of(node, self.source.name)

    def change(self, node: Node, directive: str, after: str) -> None:
        """Record that ``node`` becomes ``after``."""
        self.changes.append(Change(self.span(node), directive, one_line(self.text_of(node)), one_line(after)))

    def refuse(self, code: str, node: Node, message: str) -> None:
        """Record why the migrator cannot migrate ``node``."""
        self.problems.append(Diagnostic(code, message, self.span(node)))


_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"#[^\n\r]*")
_INSIDE_BRACKETS = re.compile(r"(?<=[(\[])\s+|\s+(?=[)\]])")


def one_line(text: str) -> str:
    """``text`` on one line: comments dropped, runs of blanks made one space, none just inside
    parentheses and brackets. (Strings holding ``#`` are rare enough in directives to ignore.)"""
    return _INSIDE_BRACKETS.sub("", _SPACE.sub(" ", _COMMENT.sub("", text))).strip()


def argument(directive: DirectiveNode, name: str) -> ArgumentNode | None:
    """The first argument of ``directive`` called ``name``."""
    return next((a for a in directive.arguments or () if a.name.value == name), None)


def object_field(value: ObjectValueNode, name: str) -> ObjectFieldNode | None:
    """The first field of an input object value called ``name``."""
    return next((f for f in value.fields if f.name.value == name), None)


def directives_named(node: Node, name: str) -> list[DirectiveNode]:
    """The directives of ``node`` called ``name``, in order."""
    return [d for d in getattr(node, "directives", None) or () if d.name.value == name]
