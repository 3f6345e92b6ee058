"""Text forms of a :class:`Diagram`: a Mermaid ``erDiagram`` (rendered as is by GitHub, GitLab and
editors' Markdown previews) and a Graphviz DOT graph with crow's-foot ends.

Mermaid's lexer takes some words for keywords wherever they stand (case-insensitively): an entity
called ``One`` or ``Style``, or a field called ``pk``, is not an identifier to it. Such names are
quoted (entities) or put in backticks (attributes, Mermaid 11 and later), as are names that are
not plain identifiers; everything else is written bare so the text stays readable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from translator.emit.diagram import Attribute, Cardinality, Diagram, Edge, Entity

FORMATS = ("mermaid", "dot")

# Found by feeding every word of Mermaid's erDiagram lexer to its parser (Mermaid 10 to 12) as an
# entity name; tests/diagram/ parses names like these with Mermaid itself when Node is there.
_ENTITY_KEYWORDS = frozenset(
    ["accdescr", "acctitle", "class", "classdef", "end", "erdiagram", "many", "one", "style", "subgraph", "to", "u"]
)
_ATTRIBUTE_KEYWORDS = frozenset(["pk", "fk", "uk"])
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ATTRIBUTE_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_\-\[\]]*")

_MERMAID_LEFT: dict[Cardinality, str] = {"one": "||", "zero_or_one": "|o", "zero_or_more": "}o", "one_or_more": "}|"}
_MERMAID_RIGHT: dict[Cardinality, str] = {"one": "||", "zero_or_one": "o|", "zero_or_more": "o{", "one_or_more": "|{"}
_DOT_ARROW: dict[Cardinality, str] = {
    "one": "teetee", "zero_or_one": "teeodot", "zero_or_more": "crowodot", "one_or_more": "crowtee",
}
_KIND_LABELS = {"non-model": "non-model", "enum": "enum"}


def render(diagram: Diagram, fmt: str) -> str:
    """``diagram`` as ``mermaid`` or ``dot`` text (ending with a newline)."""
    if fmt == "mermaid":
        return render_mermaid(diagram)
    if fmt == "dot":
        return render_dot(diagram)
    raise ValueError(f"unknown diagram format {fmt!r}; expected one of {', '.join(FORMATS)}")


def caption(entity: Entity) -> str | None:
    """What an entity's title says besides its name: ``generated``, ``non-model``, ``enum``."""
    if entity.generated:
        return "generated"
    return _KIND_LABELS.get(entity.kind)


def keys_of(attribute: Attribute) -> tuple[str, ...]:
    """``PK`` (partition or sort key of the primary key) and ``FK`` marks of an attribute."""
    return tuple(mark for mark, on in (("PK", attribute.primary_key), ("FK", attribute.foreign_key)) if on)


# -- Mermaid ------------------------------------------------------------------------------------


def mermaid_entity_name(name: str) -> str:
    """``name`` as Mermaid takes it for an entity: bare, or quoted when it is a keyword or not a
    plain identifier (characters a quoted name cannot hold become ``_``)."""
    if _IDENTIFIER.fullmatch(name) and name.lower() not in _ENTITY_KEYWORDS:
        return name
    return f'"{_quotable(name)}"'


def _quotable(text: str) -> str:
    # What a quoted Mermaid entity name or alias cannot hold.
    return re.sub(r'["%\\\r\n\v\b]', "_", text)


@lru_cache(maxsize=4096)  # a schema repeats its type names (and often its field names) many times
def mermaid_word(word: str) -> str:
    """An attribute type or name: bare, or in backticks when Mermaid would not read it as one."""
    if _ATTRIBUTE_WORD.fullmatch(word) and word.lower() not in _ATTRIBUTE_KEYWORDS:
        return word
    return "`" + word.replace("`", "'").replace("\n", " ") + "`"


def _mermaid_text(text: str) -> str:
    # A quoted label or comment ends at the next double quote; Mermaid's entity code stands in.
    return '"' + text.replace('"', "#quot;").replace("\n", " ") + '"'


def render_mermaid(diagram: Diagram) -> str:
    """A Mermaid ``erDiagram``."""
    lines = ["erDiagram"]
    for entity in diagram.entities:
        title = mermaid_entity_name(entity.name)
        label = caption(entity)
        if label is not None:
            title += f'["{_quotable(entity.name)} ({label})"]'
        if not entity.attributes:
            lines.append(f"    {title}")
            continue
        lines.append(f"    {title} {{")
        for attribute in entity.attributes:
            line = f"        {mermaid_word(attribute.type)} {mermaid_word(attribute.name)}"
            keys = keys_of(attribute)
            if keys:
                line += " " + ", ".join(keys)
            if attribute.notes:
                line += " " + _mermaid_text(", ".join(attribute.notes))
            lines.append(line)
        lines.append("    }")
    lines.extend(_mermaid_edge(edge) for edge in diagram.edges)
    return "\n".join(lines) + "\n"


def _mermaid_edge(edge: Edge) -> str:
    line = ".." if edge.embedded else "--"
    return (
        f"    {mermaid_entity_name(edge.parent)} {_MERMAID_LEFT[edge.parent_cardinality]}{line}"
        f"{_MERMAID_RIGHT[edge.child_cardinality]} {mermaid_entity_name(edge.child)} : {_mermaid_text(edge.label)}"
    )


# -- Graphviz -----------------------------------------------------------------------------------


def _dot_id(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _dot_table(entity: Entity) -> str:
    label = caption(entity)
    title = f"<b>{_html(entity.name)}</b>" + (f" <i>({_html(label)})</i>" if label else "")
    colour = "#e8e8e8" if entity.kind == "model" and not entity.generated else "#f6f6f6"
    style = ' style="dashed"' if entity.generated else ""
    rows = [f'<tr><td colspan="4" bgcolor="{colour}"{style}>{title}</td></tr>']
    for attribute in entity.attributes:
        if entity.kind == "enum":
            rows.append(f'<tr><td colspan="4" align="left">{_html(attribute.name)}</td></tr>')
            continue
        cells: Sequence[str] = (attribute.name, attribute.type, ", ".join(keys_of(attribute)),
                                ", ".join(attribute.notes))
        rows.append("<tr>" + "".join(f'<td align="left">{_html(c)}</td>' for c in cells) + "</tr>")
    return ('<<table border="0" cellborder="1" cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>>")


def render_dot(diagram: Diagram) -> str:
    """A Graphviz ``digraph``: one HTML-table node per entity, crow's-foot edge ends
    (arrowtail: how many parents, arrowhead: how many children), dashed for embedded types."""
    lines = [
        "digraph schema {",
        '    graph [rankdir=LR, fontname="Helvetica", nodesep=0.4, ranksep=0.8];',
        '    node [shape=plain, fontname="Helvetica", fontsize=10];',
        '    edge [dir=both, fontname="Helvetica", fontsize=9];',
    ]
    lines.extend(f"    {_dot_id(entity.name)} [label={_dot_table(entity)}];" for entity in diagram.entities)
    for edge in diagram.edges:
        attributes = [
            f"arrowtail={_DOT_ARROW[edge.parent_cardinality]}",
            f"arrowhead={_DOT_ARROW[edge.child_cardinality]}",
            f"label={_dot_id(edge.label)}",
        ]
        if edge.embedded:
            attributes.append("style=dashed")
        lines.append(f"    {_dot_id(edge.parent)} -> {_dot_id(edge.child)} [{', '.join(attributes)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
