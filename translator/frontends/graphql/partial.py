"""The sound parts of a schema that has syntax or SDL errors, so the rules can still run on them.

``parse_schema`` stops at the first stage with a problem. ``check`` (and a compile that fails)
wants every problem of one run, so here:

- a file with a syntax error is parsed again with the top-level definition the error is in
  blanked out (spaces, line ends kept, so positions do not move), until the rest parses; only
  the first syntax error of a file is reported, as graphql-core reports it (what follows a
  broken definition is often a consequence of it);
- each SDL error (unknown type, bad directive argument, ...) removes the field it is in, or
  the whole definition when it is not in a field; the rest is validated again, and what the
  removal breaks in turn (a field of a removed type) is removed without being reported, since
  it is a consequence of an error already reported.

What is left is a sound document for the rules, or None when nothing is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from graphql import GraphQLError
from graphql.language import (
    DefinitionNode,
    DocumentNode,
    ExecutableDefinitionNode,
    Node,
    Source,
    TypeSystemDefinitionNode,
    TypeSystemExtensionNode,
)

from translator.core.diagnostics import CompilationError, Diagnostic
from translator.core.document import SchemaDocument, SchemaSource
from translator.frontends.graphql.build import build_document
from translator.frontends.graphql.compat import bare_node
from translator.frontends.graphql.parser import UnplacedParser
from translator.frontends.graphql.sandbox import check_sandbox_rule
from translator.frontends.graphql.validation import validate_tree

_DEFINITION_START = re.compile(
    r"^(?:extend[ \t]+)?(?:type|interface|input|enum|union|scalar|schema|directive)\b", re.MULTILINE
)
_MAX_ROUNDS = 50
_LINE_END = re.compile(r"\r\n|[\n\r]")  # graphql-core's line ends


def sound_parts(sources: Sequence[SchemaSource],
                reported: Sequence[Diagnostic]) -> tuple[SchemaDocument | None, list[Diagnostic]]:
    """The document of what in ``sources`` parses and validates, after ``parse_schema`` reported
    ``reported`` about them (None when nothing is left), and the SDL errors of the parts that
    parse when ``reported`` were syntax errors (validation never saw those parts)."""
    definitions: list[DefinitionNode] = []
    for source in sources:
        if source.part_of_schema:
            definitions.extend(_parsed_definitions(source))
    known = {(d.span, d.code) for d in reported}
    found: list[Diagnostic] = []
    for round_ in range(_MAX_ROUNDS):
        if not definitions:
            return None, found
        user = DocumentNode(definitions=tuple(definitions))
        problems = [*validate_tree(user), *check_sandbox_rule(user)]
        if round_ == 0:  # later rounds find what the removals broke: consequences, not reported
            found = [d for d in problems if (d.span, d.code) not in known]
        if not problems:
            try:
                return build_document(user), found
            except (CompilationError, RecursionError):
                return None, found
        pruned = _without(definitions, problems, sources)
        if len(pruned) == len(definitions) and all(a is b for a, b in zip(pruned, definitions, strict=True)):
            return None, found  # an error no removal reaches
        definitions = pruned
    return None, found


def _parsed_definitions(source: SchemaSource) -> list[DefinitionNode]:
    """The type system definitions of ``source`` that parse, the broken ones blanked out."""
    text = source.text
    for _ in range(_MAX_ROUNDS):
        parser = UnplacedParser(Source(text, source.name), positions=True)
        try:
            document = parser.parse_document()
        except GraphQLError as error:
            offset = next(iter(error.positions or ()), 0)
            blanked = _blank_definition(text, offset)
            if blanked == text:
                return []
            text = blanked
            continue
        except RecursionError:
            return []
        finally:
            parser.release_tokens()
        return [d for d in document.definitions if isinstance(d, TypeSystemDefinitionNode | TypeSystemExtensionNode)
                and not isinstance(d, ExecutableDefinitionNode)]
    return []


def _blank_definition(text: str, offset: int) -> str:
    """``text`` with the top-level definition around ``offset`` turned into blanks."""
    starts = [m.start() for m in _DEFINITION_START.finditer(text)]
    index = bisect_right(starts, offset) - 1
    begin = starts[index] if index >= 0 else 0
    following = [s for s in starts if s > offset]
    end = following[0] if following else len(text)
    if begin == end:
        end = len(text)
    return text[:begin] + re.sub(r"[^\r\n]", " ", text[begin:end]) + text[end:]


def _without(definitions: list[DefinitionNode], problems: Sequence[Diagnostic],
             sources: Sequence[SchemaSource]) -> list[DefinitionNode]:
    """``definitions`` without the fields (or whole definitions) the problems point into;
    nothing when a problem has no position (nothing is then known to be sound)."""
    texts = {s.name: s.text for s in sources}
    line_starts: dict[str, list[int]] = {}
    offsets: dict[str, list[int]] = {}
    for problem in problems:
        text = texts.get(problem.path)
        if text is None or problem.line <= 0:
            return []
        if problem.path not in line_starts:
            line_starts[problem.path] = [0] + [m.end() for m in _LINE_END.finditer(text)]
        starts = line_starts[problem.path]
        offset = starts[min(problem.line, len(starts)) - 1] + problem.column - 1
        offsets.setdefault(problem.path, []).append(offset)
    for places in offsets.values():
        places.sort()
    out: list[DefinitionNode] = []
    for definition in definitions:
        hits = _inside(definition, offsets.get(_source_name(definition), []))
        if not hits:
            out.append(definition)
            continue
        fields = getattr(definition, "fields", None) or ()
        broken = [f for f in fields if any(_contains(f, p) for p in hits)]
        if broken and all(any(_contains(f, p) for f in broken) for p in hits):
            values = {key: getattr(definition, key) for key in definition.keys}
            broken_ids = {id(f) for f in broken}  # identity: nodes compare by content
            values["fields"] = tuple(f for f in fields if id(f) not in broken_ids)
            out.append(bare_node(type(definition), **values))
    return out


def _source_name(node: Node) -> str:
    return node.loc.source.name if node.loc is not None else ""


def _inside(node: Node, places: list[int]) -> list[int]:
    """The offsets of the sorted ``places`` that lie in ``node``."""
    if node.loc is None:
        return []
    return places[bisect_left(places, node.loc.start):bisect_left(places, max(node.loc.end, node.loc.start + 1))]


def _contains(node: Node, offset: int) -> bool:
    return node.loc is not None and node.loc.start <= offset < max(node.loc.end, node.loc.start + 1)
