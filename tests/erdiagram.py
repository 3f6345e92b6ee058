"""Reading the Mermaid ``erDiagram`` text ``amplify-translate diagram`` prints, two ways:

* :func:`read_mermaid`: a strict reader of our own output format in Python (always available);
* :func:`mermaid_parse`: Mermaid's own parser (``tests/mermaid/parse_erdiagram.mjs``), when Node
  and the ``mermaid`` npm package are installed (see ``tests/mermaid/README.md``).

Both give the same shape, and :func:`structure_problems` checks it against the compiled schema:
every model an entity with its fields, PK and FK marks, every relationship field on exactly one
edge with the cardinality its compiled relationship says.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.model.derive import GenericField, GenericModel, GenericSchema

TESTS = Path(__file__).resolve().parent
PARSER_SCRIPT = TESTS / "mermaid" / "parse_erdiagram.mjs"
# Where tests/mermaid/README.md installs the parser; MERMAID_PARSER_DIR overrides it.
DEFAULT_PARSER_DIR = Path.home() / ".cache" / "amplify-schema-translator" / "mermaid"

# Mermaid's names for the four ends of a relationship line.
ZERO_OR_ONE, ONLY_ONE, ZERO_OR_MORE, ONE_OR_MORE = "ZERO_OR_ONE", "ONLY_ONE", "ZERO_OR_MORE", "ONE_OR_MORE"
_LEFT = {"|o": ZERO_OR_ONE, "||": ONLY_ONE, "}o": ZERO_OR_MORE, "}|": ONE_OR_MORE}
_RIGHT = {"o|": ZERO_OR_ONE, "||": ONLY_ONE, "o{": ZERO_OR_MORE, "|{": ONE_OR_MORE}


@dataclass(frozen=True)
class ErAttribute:
    type: str
    name: str
    keys: tuple[str, ...]
    comment: str


@dataclass(frozen=True)
class ErEntity:
    name: str
    alias: str
    attributes: tuple[ErAttribute, ...]


@dataclass(frozen=True)
class ErRelationship:
    """``left`` has ``left_end`` at its end of the line (how many lefts per right)."""

    left: str
    right: str
    left_end: str
    right_end: str
    label: str
    identifying: bool


@dataclass(frozen=True)
class ErDiagram:
    entities: tuple[ErEntity, ...]
    relationships: tuple[ErRelationship, ...]

    def entity(self, name: str) -> ErEntity | None:
        return next((e for e in self.entities if e.name == name), None)


_NAME = r'"[^"]*"|[^\s"\[{]+'
_OPEN = re.compile(rf'^    (?P<name>{_NAME})(?:\["(?P<alias>[^"]*)"\])?(?P<block> \{{)?$')
_WORD = r"`[^`]*`|[^\s`\"]+"
_ATTRIBUTE = re.compile(
    rf'^        (?P<type>{_WORD}) (?P<name>{_WORD})(?: (?P<keys>(?:PK|FK)(?:, (?:PK|FK))*))?(?: "(?P<comment>[^"]*)")?$'
)
_LINE = re.compile(
    rf'^    (?P<left>{_NAME}) (?P<lend>\|o|\|\||\}}o|\}}\|)(?P<line>--|\.\.)(?P<rend>o\||\|\||o\{{|\|\{{) '
    rf'(?P<right>{_NAME}) : "(?P<label>[^"]*)"$'
)


def _unquote(text: str) -> str:
    return text[1:-1] if text[:1] in ('"', "`") else text


def read_mermaid(text: str) -> ErDiagram:
    """Our Mermaid output as entities and relationships; ValueError on any line it does not expect."""
    lines = text.split("\n")
    if lines[0] != "erDiagram" or lines[-1] != "":
        raise ValueError("expected 'erDiagram' first and a final newline")
    entities: list[ErEntity] = []
    relationships: list[ErRelationship] = []
    current: tuple[str, str, list[ErAttribute]] | None = None
    for number, line in enumerate(lines[1:-1], start=2):
        if current is not None:
            if line == "    }":
                entities.append(ErEntity(current[0], current[1], tuple(current[2])))
                current = None
            elif match := _ATTRIBUTE.match(line):
                keys = tuple(match["keys"].split(", ")) if match["keys"] else ()
                current[2].append(ErAttribute(_unquote(match["type"]), _unquote(match["name"]), keys,
                                              match["comment"] or ""))
            else:
                raise ValueError(f"line {number}: not an attribute: {line!r}")
        elif match := _LINE.match(line):
            relationships.append(ErRelationship(_unquote(match["left"]), _unquote(match["right"]),
                                                _LEFT[match["lend"]], _RIGHT[match["rend"]], match["label"],
                                                match["line"] == "--"))
        elif match := _OPEN.match(line):
            if match["block"]:
                current = (_unquote(match["name"]), match["alias"] or "", [])
            else:
                entities.append(ErEntity(_unquote(match["name"]), match["alias"] or "", ()))
        else:
            raise ValueError(f"line {number}: unexpected {line!r}")
    if current is not None:
        raise ValueError("unclosed entity block")
    return ErDiagram(tuple(entities), tuple(relationships))


# -- Mermaid's own parser -------------------------------------------------------------------------


def mermaid_parser_dir() -> Path | None:
    """The folder whose ``node_modules/mermaid`` the Node script loads, when Node and it exist."""
    if shutil.which("node") is None or not PARSER_SCRIPT.is_file():
        return None
    folder = Path(os.environ.get("MERMAID_PARSER_DIR", DEFAULT_PARSER_DIR))
    return folder if (folder / "node_modules" / "mermaid" / "package.json").is_file() else None


@dataclass(frozen=True)
class MermaidResult:
    name: str
    ok: bool
    error: str
    version: str
    diagram: ErDiagram | None


def mermaid_parse(folder: Path, cases: Sequence[tuple[str, str]]) -> list[MermaidResult]:
    """Parse each ``(name, text)`` with Mermaid's parser (one Node process for all of them)."""
    done = subprocess.run(
        ["node", str(PARSER_SCRIPT), str(folder)], input=json.dumps(list(cases)), capture_output=True,
        text=True, timeout=600, check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"parse_erdiagram.mjs failed ({done.returncode}): {done.stderr[-2000:]}")
    results = []
    for item in json.loads(done.stdout):
        diagram = None
        if item["ok"]:
            diagram = ErDiagram(
                tuple(ErEntity(e["name"], e["alias"], tuple(
                    ErAttribute(a["type"], a["name"], tuple(a["keys"]), a["comment"]) for a in e["attributes"]
                )) for e in item["entities"]),
                tuple(ErRelationship(r["a"], r["b"], r["cardB"], r["cardA"], r["role"], r["relType"] == "IDENTIFYING")
                      for r in item["relationships"]),
            )
        results.append(MermaidResult(item["name"], item["ok"], item.get("error", ""), item.get("version", ""),
                                     diagram))
    return results


# -- the structural check -------------------------------------------------------------------------


def _sides(relationship: ErRelationship) -> tuple[str | None, str | None]:
    """The field names a label gives the left and right entity: ``a / b`` or a single name, which
    belongs to the left for @hasMany/@hasOne and to the right for a lone @belongsTo."""
    names = relationship.label.split(" / ")
    if len(names) == 2:
        return names[0], names[1]
    return names[0], names[0]


def structure_problems(diagram: ErDiagram, schema: GenericSchema) -> list[str]:
    """What in ``diagram`` disagrees with ``schema`` (empty when nothing does)."""
    problems: list[str] = []
    models = dict(schema.models)
    for name, model in schema.models:
        entity = diagram.entity(name)
        if entity is None:
            problems.append(f"model {name} is no entity")
            continue
        names = [a.name for a in entity.attributes]
        if names != [f for f, _ in model.fields]:
            problems.append(f"{name}: attributes {names} are not the fields {[f for f, _ in model.fields]}")
        fields = dict(model.fields)
        for attribute in entity.attributes:
            field = fields.get(attribute.name)
            if field is None:
                continue
            if ("PK" in attribute.keys) != (attribute.name in model.primary_keys):
                problems.append(f"{name}.{attribute.name}: marks {attribute.keys}, primary key {model.primary_keys}")
            if field.data_type != "Model" and field.relationship is not None and "FK" not in attribute.keys:
                problems.append(f"{name}.{attribute.name}: foreign key (implicit relationship) without FK mark")
            if field.data_type == "Model" and "FK" in attribute.keys:
                problems.append(f"{name}.{attribute.name}: a model-typed field marked FK")
    lines = [r for r in diagram.relationships if r.identifying]
    for name, model in schema.models:
        for field_name, field in model.fields:
            if field.data_type != "Model" or field.relationship is None:
                continue
            problems.extend(_edge_problems(name, field_name, field, lines))
    for line in lines:
        left, right = _sides(line)
        if not (_is_relationship(models, line.left, left) or _is_relationship(models, line.right, right)):
            problems.append(f"edge {line.left} - {line.right} '{line.label}' stands for no relationship field")
    return problems


def _is_relationship(models: dict[str, GenericModel], model: str, name: str | None) -> bool:
    field = dict(models[model].fields).get(name or "") if model in models else None
    return field is not None and field.data_type == "Model" and field.relationship is not None


def _edge_problems(model: str, name: str, field: GenericField, lines: Sequence[ErRelationship]) -> list[str]:
    relationship = field.relationship
    assert relationship is not None
    found = []
    for line in lines:
        left, right = _sides(line)
        if line.left == model and left == name and (line.label.count(" / ") or relationship.type != "BELONGS_TO"):
            found.append((line, line.right_end, line.left_end))
        elif line.right == model and right == name and (line.label.count(" / ") or relationship.type == "BELONGS_TO"):
            found.append((line, line.left_end, line.right_end))
    where = f"{model}.{name} ({relationship.type})"
    if len(found) != 1:
        return [f"{where} is on {len(found)} edges, not one"]
    line, far, near = found[0]
    other = line.right if line.left == model else line.left
    problems = []
    if relationship.type == "HAS_MANY":
        if other != field.data_type_value:
            problems.append(f"{where}: edge goes to {other}, not to {field.data_type_value}")
        if far != ZERO_OR_MORE:
            problems.append(f"{where}: far end {far}, want {ZERO_OR_MORE}")
        if not relationship.can_unlink_associated_model and near != ONLY_ONE:
            problems.append(f"{where}: cannot unlink, so the near end must be {ONLY_ONE}, not {near}")
    else:
        if other != relationship.related_model_name:
            problems.append(f"{where}: edge goes to {other}, not to {relationship.related_model_name}")
        want = ONLY_ONE if field.required else ZERO_OR_ONE
        allowed = {ONLY_ONE} if field.required else ({ZERO_OR_ONE, ONLY_ONE} if relationship.type == "BELONGS_TO"
                                                      else {ZERO_OR_ONE})
        if far not in allowed:
            problems.append(f"{where}: far end {far}, want {want}")
    return problems
