"""The entity-relationship graph of a compiled schema, which the Mermaid and Graphviz renderers
(``diagram_render.py``) and the Markdown report (``markdown.py``) draw.

It is read off the compiled model (:class:`GenericSchema`: primary keys, relationships, implicit
foreign keys, join tables) and the document the schema was written as (which fields the author
declared, so that what Amplify adds can be told apart, and which directive made a relationship).

One edge stands for one relationship: a ``@hasMany``/``@hasOne`` field and the ``@belongsTo`` field
that pairs with it are drawn as one line, labelled with both field names; a relationship field
without a counterpart is an edge of its own. Edges are oriented parent first: the model holding
the ``@hasMany``/``@hasOne`` (for a lone ``@belongsTo``, the model it points at) on the left.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from translator.core.document import SchemaDocument, TypeDef
from translator.model.derive import GenericField, GenericModel, GenericSchema

# How many entities of one end of an edge go with one entity of the other end.
Cardinality = Literal["one", "zero_or_one", "zero_or_more", "one_or_more"]
EntityKind = Literal["model", "non-model", "enum"]
RelationKind = Literal["hasMany", "hasOne", "belongsTo", "manyToMany"]

_KINDS: dict[str, RelationKind] = {"HAS_MANY": "hasMany", "HAS_ONE": "hasOne", "BELONGS_TO": "belongsTo"}
_DIRECTIVES = ("manyToMany", "hasMany", "hasOne", "belongsTo")


@dataclass(frozen=True, slots=True)
class Attribute:
    """A field of an entity (or a value of an enum): ``type`` is the compiled type name with
    ``[]`` appended for lists; ``notes`` are short words such as ``implicit`` or ``required``."""

    name: str
    type: str
    primary_key: bool = False
    sort_key: bool = False
    foreign_key: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entity:
    """A model (``generated`` for the join model of a ``@manyToMany``, ``join_table`` when
    Amplify's form generator treats it as one), or with ``--all`` a non-model or an enum."""

    name: str
    kind: EntityKind
    attributes: tuple[Attribute, ...]
    generated: bool = False
    join_table: bool = False


@dataclass(frozen=True, slots=True)
class Edge:
    """One relationship (or, ``embedded``, a field typed by a non-model or enum).

    ``parent_field`` is the field on ``parent`` and ``child_field`` the field on ``child`` (either
    may be None for a relationship written on one side only). ``parent_cardinality`` says how
    many parents one child has, ``child_cardinality`` how many children one parent has.
    ``foreign_keys`` are the fields holding the key, as ``Model.field``.
    """

    parent: str
    child: str
    parent_field: str | None
    child_field: str | None
    parent_cardinality: Cardinality
    child_cardinality: Cardinality
    kind: RelationKind | None = None
    foreign_keys: tuple[str, ...] = ()
    embedded: bool = False

    @property
    def label(self) -> str:
        """The field names: ``posts / blog`` for a pair, one name for a one-sided relationship."""
        return " / ".join(name for name in (self.parent_field, self.child_field) if name)

    def fields_of(self, entity: str) -> tuple[str, ...]:
        """The names of the fields of ``entity`` this edge stands for."""
        out = []
        if self.parent == entity and self.parent_field:
            out.append(self.parent_field)
        if self.child == entity and self.child_field:
            out.append(self.child_field)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Diagram:
    """Entities in the compiled schema's order (models, non-models, enums) and edges in the
    order their first field appears."""

    entities: tuple[Entity, ...]
    edges: tuple[Edge, ...]

    def entity(self, name: str) -> Entity | None:
        """The entity called ``name``, or None."""
        return next((e for e in self.entities if e.name == name), None)


class UnknownEntityError(ValueError):
    """``--model`` named something the diagram does not have."""

    def __init__(self, names: Sequence[str], known: Sequence[str]) -> None:
        self.names = tuple(names)
        self.known = tuple(known)
        super().__init__(f"no model named {', '.join(map(repr, names))}")


def build_diagram(schema: GenericSchema, document: SchemaDocument, *, include_all: bool = False) -> Diagram:
    """The graph of ``schema``; non-models and enums only with ``include_all``."""
    return _Builder(schema, document, include_all).build()


def relation_kind(field: GenericField, declared: TypeDef | None, name: str) -> RelationKind:
    """Which directive made the relationship of model-typed field ``name``: as written when the
    author declared it (``@manyToMany`` leaves no trace in the compiled model), else by its type."""
    written = declared.field(name) if declared is not None else None
    if written is not None:
        for directive in _DIRECTIVES:
            if written.directive(directive) is not None:
                return directive  # type: ignore[return-value]
    assert field.relationship is not None
    return _KINDS[field.relationship.type]


class _Builder:
    def __init__(self, schema: GenericSchema, document: SchemaDocument, include_all: bool) -> None:
        self.schema = schema
        self.document = document
        self.include_all = include_all
        self.fields: dict[str, dict[str, GenericField]] = {name: dict(m.fields) for name, m in schema.models}
        self.pairs = _pair_relationships(schema, self.fields)

    def declared(self, name: str) -> TypeDef | None:
        typedef = self.document.type(name)
        return typedef if typedef is not None and typedef.is_model else None

    def build(self) -> Diagram:
        foreign = self._foreign_keys()
        entities = [self._model(name, model, foreign.get(name, set())) for name, model in self.schema.models]
        edges = self._relationship_edges()
        if self.include_all:
            entities.extend(
                Entity(name, "non-model", tuple(self._attribute(f_name, f, None, None, (), set())
                                                for f_name, f in fields))
                for name, fields in self.schema.non_models
            )
            entities.extend(
                Entity(name, "enum", tuple(Attribute(value, "value") for value in values))
                for name, values in self.schema.enums
            )
            edges.extend(self._embedded_edges())
        return Diagram(tuple(entities), tuple(edges))

    # -- entities -------------------------------------------------------------------------------

    def _model(self, name: str, model: GenericModel, foreign: set[str]) -> Entity:
        declared = self.declared(name)
        written = frozenset(f.name for f in declared.fields) if declared is not None else None
        attributes = tuple(self._attribute(f_name, f, declared, written, model.primary_keys, foreign)
                           for f_name, f in model.fields)
        return Entity(name, "model", attributes, generated=declared is None, join_table=model.is_join_table)

    def _attribute(self, name: str, field: GenericField, declared: TypeDef | None, written: frozenset[str] | None,
                   keys: tuple[str, ...], foreign: set[str]) -> Attribute:
        notes: list[str] = []
        if field.data_type == "Model" and field.relationship is not None:
            kind = relation_kind(field, declared, name)
            # The compiled type of a @manyToMany field is the join model: say what is at the far end.
            notes.append(f"{kind} {field.relationship.related_model_name}" if kind == "manyToMany" else kind)
        sort_key = name in keys[1:]
        if sort_key:
            notes.append("sort key")
        if field.required and name not in keys:
            notes.append("items required" if field.is_array else "required")
        if written is not None and name not in written:
            notes.append("implicit")  # Amplify added it (a generated join model is marked as a whole)
        if field.read_only:
            notes.append("read-only")
        type_name = field.data_type_value + ("[]" if field.is_array else "")
        return Attribute(name, type_name, name in keys, sort_key, name in foreign, tuple(notes))

    def _foreign_keys(self) -> dict[str, set[str]]:
        """Per model, its scalar fields that hold a key of another model: those with an implicit
        relationship, the targets of its ``@hasOne``/``@belongsTo`` fields, and the fields a
        ``@hasMany`` of another model names on it."""
        out: dict[str, set[str]] = {}
        for model, fields in self.fields.items():
            for name, field in fields.items():
                relationship = field.relationship
                if relationship is None:
                    continue
                if field.data_type != "Model":
                    out.setdefault(model, set()).add(name)
                elif relationship.type == "HAS_MANY":
                    child = self.fields.get(field.data_type_value, {})
                    out.setdefault(field.data_type_value, set()).update(
                        n for n in relationship.related_model_fields if _scalar(child.get(n)))
                else:
                    out.setdefault(model, set()).update(
                        n for n in relationship.associated_fields if _scalar(fields.get(n)))
        return out

    # -- edges ----------------------------------------------------------------------------------

    def _relationship_edges(self) -> list[Edge]:
        edges: list[Edge] = []
        done: set[tuple[str, str]] = set()
        for model, fields in self.fields.items():
            for name, field in fields.items():
                if field.data_type != "Model" or field.relationship is None or (model, name) in done:
                    continue
                other = self.pairs.get((model, name))
                done.add((model, name))
                if other is not None:
                    done.add(other)
                edges.append(self._edge(model, name, field, other))
        return edges

    def _edge(self, model: str, name: str, field: GenericField, other: tuple[str, str] | None) -> Edge:
        child_field: str | None
        relationship = field.relationship
        assert relationship is not None
        if relationship.type == "BELONGS_TO":
            if other is None:  # a @belongsTo whose counterpart pairs with another field
                return Edge(relationship.related_model_name, model, None, name,
                            self._parent_side(model, name, field), "zero_or_more", "belongsTo",
                            self._keys(model, name))
            (parent, parent_field), (child, child_field) = other, (model, name)
        else:
            parent, parent_field = model, name
            child, child_field = other if other is not None else (field.data_type_value, None)
        parent_info = self.fields[parent][parent_field]
        assert parent_info.relationship is not None
        # A child must have a parent when its @belongsTo or a key field says so, or when the
        # @hasMany's own key field on it is required (then Amplify cannot unlink it either).
        parent_cardinality: Cardinality = "zero_or_one"
        if child_field is not None:
            parent_cardinality = self._parent_side(child, child_field, self.fields[child][child_field])
        if parent_info.relationship.type == "HAS_MANY" and not parent_info.relationship.can_unlink_associated_model:
            parent_cardinality = "one"
        if parent_info.relationship.type == "HAS_MANY":
            child_cardinality: Cardinality = "zero_or_more"
        else:
            child_cardinality = "one" if parent_info.required else "zero_or_one"
        keys = self._keys(parent, parent_field)
        if child_field is not None:
            keys += tuple(k for k in self._keys(child, child_field) if k not in keys)
        kind = relation_kind(parent_info, self.declared(parent), parent_field)
        return Edge(parent, child, parent_field, child_field, parent_cardinality, child_cardinality, kind, keys)

    def _parent_side(self, child: str, name: str, field: GenericField) -> Cardinality:
        """How many parents a child has through its ``@belongsTo`` field: exactly one when the
        field or one of its key fields is required."""
        assert field.relationship is not None
        fields = self.fields[child]
        required = field.required or any(
            (key := fields.get(n)) is not None and key.required for n in field.relationship.associated_fields
        )
        return "one" if required else "zero_or_one"

    def _keys(self, model: str, name: str) -> tuple[str, ...]:
        """The scalar fields holding the key of the relationship of ``model.name``."""
        field = self.fields[model][name]
        relationship = field.relationship
        assert relationship is not None
        if relationship.type == "HAS_MANY":
            holder = field.data_type_value
            names: Iterable[str] = relationship.related_model_fields
        else:
            holder, names = model, relationship.associated_fields
        fields = self.fields.get(holder, {})
        return tuple(f"{holder}.{n}" for n in names if _scalar(fields.get(n)))

    def _embedded_edges(self) -> list[Edge]:
        owners = [(name, fields) for name, fields in self.fields.items()]
        owners.extend((name, dict(fields)) for name, fields in self.schema.non_models)
        edges: list[Edge] = []
        for owner, fields in owners:
            for name, field in fields.items():
                if field.data_type not in ("NonModel", "Enum"):
                    continue
                many: Cardinality = "zero_or_more" if field.data_type == "Enum" else "one"
                if field.is_array:
                    count: Cardinality = "zero_or_more"
                else:
                    count = "one" if field.required else "zero_or_one"
                edges.append(Edge(owner, field.data_type_value, name, None, many, count, embedded=True))
        return edges


def _scalar(field: GenericField | None) -> bool:
    return field is not None and field.data_type != "Model"


def _pair_relationships(
    schema: GenericSchema, fields: Mapping[str, Mapping[str, GenericField]]
) -> dict[tuple[str, str], tuple[str, str]]:
    """Which ``@hasMany``/``@hasOne`` field each ``@belongsTo`` field pairs with (both ways).

    First by key: a ``@hasMany`` whose foreign key fields are the ``@belongsTo``'s targets, or
    that is associated with the ``@belongsTo`` field itself (``@manyToMany``, ``indexName``).
    Then, as Amplify picks a ``@belongsTo``'s counterpart, the first field of the parent typed by
    the child that is still free (a ``@hasOne`` pair has a separate key on each side).
    """
    candidates: dict[tuple[str, str], list[str]] = {}
    belongs: list[tuple[str, str, GenericField]] = []
    for model, _ in schema.models:
        for name, field in fields[model].items():
            relationship = field.relationship
            if field.data_type != "Model" or relationship is None:
                continue
            if relationship.type == "BELONGS_TO":
                belongs.append((model, name, field))
            else:
                candidates.setdefault((model, field.data_type_value), []).append(name)
    pairs: dict[tuple[str, str], tuple[str, str]] = {}

    def pair(child: str, name: str, parent: str, parent_field: str) -> None:
        pairs[(child, name)] = (parent, parent_field)
        pairs[(parent, parent_field)] = (child, name)

    for child, name, field in belongs:
        assert field.relationship is not None
        parent = field.relationship.related_model_name
        for candidate in candidates.get((parent, child), []):
            relationship = fields[parent][candidate].relationship
            assert relationship is not None
            if (parent, candidate) in pairs or relationship.type != "HAS_MANY":
                continue
            named = relationship.related_model_fields
            if (named and named == field.relationship.associated_fields) or named == (name,) or (
                not named and relationship.belongs_to_field_on_related_model == name
            ):
                pair(child, name, parent, candidate)
                break
    for child, name, field in belongs:
        if (child, name) in pairs:
            continue
        assert field.relationship is not None
        parent = field.relationship.related_model_name
        free = next((c for c in candidates.get((parent, child), []) if (parent, c) not in pairs), None)
        if free is not None:
            pair(child, name, parent, free)
    return pairs


def neighbourhood(diagram: Diagram, names: Sequence[str], depth: int) -> Diagram:
    """The entities within ``depth`` relationships of ``names`` and the edges between them. Going
    through a join model counts as one step, so a ``@manyToMany`` neighbour is one step away."""
    known = [e.name for e in diagram.entities]
    missing = [n for n in names if n not in known]
    if missing:
        raise UnknownEntityError(missing, known)
    joins = {e.name for e in diagram.entities if e.generated or e.join_table}
    adjacent: dict[str, list[str]] = {}
    for edge in diagram.edges:
        adjacent.setdefault(edge.parent, []).append(edge.child)
        adjacent.setdefault(edge.child, []).append(edge.parent)
    distance = dict.fromkeys(names, 0)
    queue = deque(names)
    while queue:  # 0-1 breadth-first search: leaving a join model is free
        current = queue.popleft()
        for neighbour in adjacent.get(current, []):
            step = 0 if current in joins else 1
            reached = distance[current] + step
            if reached <= depth and reached < distance.get(neighbour, depth + 1):
                distance[neighbour] = reached
                (queue.appendleft if step == 0 else queue.append)(neighbour)
    entities = tuple(e for e in diagram.entities if e.name in distance)
    edges = tuple(e for e in diagram.edges if e.parent in distance and e.child in distance)
    return Diagram(entities, edges)
