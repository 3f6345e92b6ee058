"""Derive the tables a schema deploys, step by step as the Gen 1 transformer (v2) builds them.

The transformer creates one table per ``@model`` keyed on ``id``, then its plugins change the
tables in the order of its transformer chain, each over every directive in document order:
``@primaryKey`` replaces the key schema, ``@index`` appends a GSI (or an LSI when
``graphqltransformer.secondarykeyasgsi`` is off and the index shares the primary partition key),
``@manyToMany`` appends its join table's two indexes after every ``@index``, then ``@hasMany``
and ``@hasOne`` append the implicit relationship indexes to the related tables. Attribute
definitions grow in the same order, each name once. The order matters: Amplify's rules compare
index lists by position (graphql-index-transformer ``appendSecondaryIndex``,
graphql-relational-transformer ``updateTableForConnection`` / ``updateTableForReferencesConnection``,
graphql-many-to-many-transformer ``prepare``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from translator.core.diagnostics import Span
from translator.core.document import Directive, FieldDef, SchemaDocument, TypeDef, strings
from translator.core.names import index_key_name, lower_first, relation_model_name, upper_first
from translator.core.settings import Settings
from translator.model.deploy.stacks import connection_resolvers, logical_table_id
from translator.model.deploy.tables import (
    CONNECTION_STACK,
    MANAGED_TABLE_TYPE,
    ROOT_STACK,
    TABLE_TYPE,
    AttributeDefinition,
    AttributeType,
    Deployment,
    KeyElement,
    SecondaryIndex,
    Table,
)

_NUMBER_SCALARS = frozenset({"Int", "Float", "AWSTimestamp", "BigInt", "Double"})
_SEPARATOR = "#"  # ModelResourceIDs.ModelCompositeKeySeparator


@dataclass(eq=False)
class _Table:
    """A table while the plugins change it (CDK's ``Table`` construct)."""

    logical_id: str
    model: str
    stack: str
    span: Span
    key_span: Span
    key_schema: list[KeyElement]
    attributes: list[AttributeDefinition]
    gsis: list[SecondaryIndex] = field(default_factory=list)
    lsis: list[SecondaryIndex] = field(default_factory=list)

    def register(self, name: str, attribute_type: AttributeType) -> None:
        """CDK's ``registerAttribute``: each attribute name is defined once, where first used."""
        if all(a.name != name for a in self.attributes):
            self.attributes.append(AttributeDefinition(name, attribute_type))

    def add_index(self, index: SecondaryIndex, types: list[AttributeType], local: bool = False) -> None:
        for element, attribute_type in zip(index.key_schema, types, strict=True):
            self.register(element.name, attribute_type)
        (self.lsis if local else self.gsis).append(index)

    def freeze(self, resource_type: str) -> Table:
        return Table(
            self.logical_id, self.model, self.stack, tuple(self.key_schema), tuple(self.attributes),
            tuple(self.gsis) or None, tuple(self.lsis) or None, self.span, self.key_span, resource_type,
        )


def deployed_tables(document: SchemaDocument, settings: Settings, *, managed_tables: bool = False) -> Deployment:
    """The tables of a valid ``document`` under ``settings``. ``managed_tables``: Gen 2's table
    manager (``Custom::AmplifyDynamoDBTable``) instead of plain ``AWS::DynamoDB::Table``s."""
    return _Derivation(document, settings).run(MANAGED_TABLE_TYPE if managed_tables else TABLE_TYPE)


class _Derivation:
    def __init__(self, document: SchemaDocument, settings: Settings) -> None:
        self.document = document
        self.settings = settings
        self.models = [t for t in document.types if t.is_model]
        self.tables: dict[str, _Table] = {}
        # Each model's @primaryKey, found once: the table, every index and every relationship
        # of the model ask for it.
        self.primary_keys = {model.name: _primary_key_directive(model) for model in self.models}

    def run(self, resource_type: str) -> Deployment:
        for model in self.models:
            self.tables[model.name] = self._model_table(model)
        for model in self.models:
            for model_field in model.fields:
                for index in model_field.all("index"):
                    self._index(model, model_field, index)
        for join in self._join_tables():
            self.tables[join.model] = join
        for kind in ("hasMany", "hasOne"):
            for model in self.models:
                for model_field in model.fields:
                    directive = model_field.directive(kind)
                    if directive is not None:
                        self._relationship_index(model, model_field, directive)
        tables = [t.freeze(resource_type) for t in self.tables.values()]
        if self.settings.datastore:
            tables.append(_datastore_table())
        resolvers = connection_resolvers(self.models)
        resources = {CONNECTION_STACK: 2 * len(resolvers)} if resolvers else {}
        return Deployment(tuple(tables), resources, resolvers)

    # -- the model's own table -----------------------------------------------------------------

    def _model_table(self, model: TypeDef) -> _Table:
        base = _mapped_name(model)
        key_field, sort_fields = self._primary_key(model)
        primary = self.primary_keys[model.name]
        table = _Table(logical_table_id(base), base, base, model.span,
                       primary.span if primary is not None else model.span, [], [])
        table.key_schema.append(KeyElement(key_field.name if key_field else "id", "HASH"))
        table.register(key_field.name if key_field else "id", self._attribute_type(key_field))
        if sort_fields:
            table.key_schema.append(KeyElement(_condensed(sort_fields), "RANGE"))
            table.register(_condensed(sort_fields), self._sort_type(sort_fields))
        return table

    def _primary_key(self, model: TypeDef) -> tuple[FieldDef | None, list[FieldDef]]:
        known = model.name in self.primary_keys
        primary = self.primary_keys[model.name] if known else _primary_key_directive(model)
        if primary is None:
            return None, []
        key_field = next(f for f in model.fields if primary in f.directives)
        sort_fields = [model.field(name) for name in strings(primary.value("sortKeyFields"))]
        return key_field, [f for f in sort_fields if f is not None]

    # -- @index ---------------------------------------------------------------------------------

    def _index(self, model: TypeDef, model_field: FieldDef, directive: Directive) -> None:
        sort_names = strings(directive.value("sortKeyFields"))
        name = directive.value("name")
        if not isinstance(name, str) or not name:
            name = index_key_name(model.name, [model_field.name, *sort_names])
        sort_fields = [f for f in (model.field(n) for n in sort_names) if f is not None]
        table = self.tables[model.name]
        key_field, _ = self._primary_key(model)
        local = not self.settings.secondary_key_as_gsi and (key_field.name if key_field else "id") == model_field.name
        elements = [KeyElement(model_field.name, "HASH")]
        types = [self._attribute_type(model_field)]
        if sort_fields:
            elements.append(KeyElement(_condensed(sort_fields), "RANGE"))
            types.append(self._sort_type(sort_fields))
        origin = f"@index on {model.name}.{model_field.name}"
        table.add_index(SecondaryIndex(name, tuple(elements), directive.span, origin), types, local)

    # -- @manyToMany ------------------------------------------------------------------------------

    def _join_tables(self) -> list[_Table]:
        relations: dict[str, list[tuple[TypeDef, Directive]]] = {}
        for model in self.models:
            for model_field in model.fields:
                directive = model_field.directive("manyToMany")
                if directive is not None:
                    name = relation_model_name(str(directive.value("relationName", "")))
                    relations.setdefault(name, []).append((model, directive))
        joins = []
        for name, sides in relations.items():
            first = sides[0][1]
            join = _Table(logical_table_id(name), name, name, first.span, first.span,
                          [KeyElement("id", "HASH")], [AttributeDefinition("id", "S")])
            for side, directive in sides[:2]:
                self._join_index(join, side, directive)
            joins.append(join)
        return joins

    def _join_index(self, join: _Table, side: TypeDef, directive: Directive) -> None:
        key_field, sort_fields = self._primary_key(side)
        prefix = lower_first(_mapped_name(side))
        if self.settings.respect_primary_key:
            partition = prefix + upper_first(key_field.name if key_field else "id")
        else:
            partition = prefix + "ID"
        elements = [KeyElement(partition, "HASH")]
        types = [self._attribute_type(key_field)]
        if sort_fields:
            # The sort attributes keep the sort field's name as written: ``cpkStudentyear``.
            elements.append(KeyElement(_SEPARATOR.join(prefix + f.name for f in sort_fields), "RANGE"))
            types.append(self._sort_type(sort_fields))
        origin = f"@manyToMany {side.name}.{_field_of(side, directive)}"
        join.add_index(SecondaryIndex(f"by{_mapped_name(side)}", tuple(elements), directive.span, origin), types)

    # -- @hasMany / @hasOne ---------------------------------------------------------------------

    def _relationship_index(self, model: TypeDef, model_field: FieldDef, directive: Directive) -> None:
        related = self.document.type(model_field.type.name)
        table = self.tables.get(model_field.type.name)
        if related is None or table is None:
            return
        origin = f"@{directive.name} {model.name}.{model_field.name}"
        references = strings(directive.value("references"))
        if references:
            ref_fields = [f for f in (related.field(n) for n in references) if f is not None]
            if not ref_fields:
                return
            name = f"gsi-{model.name}.{model_field.name}"
            elements = [KeyElement(ref_fields[0].name, "HASH")]
            types = [self._attribute_type(ref_fields[0])]
            if ref_fields[1:]:
                elements.append(KeyElement(_condensed(ref_fields[1:]), "RANGE"))
                types.append(self._sort_type(ref_fields[1:]))
            table.add_index(SecondaryIndex(name, tuple(elements), directive.span, origin), types)
            return
        if directive.name != "hasMany" or directive.value("indexName") or strings(directive.value("fields")):
            return
        parent = _mapped_name(model)
        name = f"gsi-{parent}.{model_field.name}"
        if table.gsis and any(g.name == name for g in table.gsis):
            return
        key_field, sort_fields = self._primary_key(model)
        if self.settings.respect_primary_key:
            partition = _camel([parent, model_field.name, key_field.name if key_field else "id"])
            types = [self._attribute_type(key_field)]
        else:
            partition, types = _camel([parent, model_field.name, "id"]), ["S"]
        elements = [KeyElement(partition, "HASH")]
        if self.settings.respect_primary_key and sort_fields:
            names = [_camel([parent, model_field.name, f.name]) for f in sort_fields]
            elements.append(KeyElement(_SEPARATOR.join(names), "RANGE"))
            types.append(self._sort_type(sort_fields))
        table.add_index(SecondaryIndex(name, tuple(elements), directive.span, origin), types)

    # -- attribute types ------------------------------------------------------------------------

    def _attribute_type(self, key_field: FieldDef | None) -> AttributeType:
        """``attributeTypeFromType``: enums and string-like scalars are ``S``, numbers ``N``."""
        if key_field is None:
            return "S"
        return "N" if key_field.type.name in _NUMBER_SCALARS else "S"

    def _sort_type(self, sort_fields: list[FieldDef]) -> AttributeType:
        """One sort field keeps its type; several are condensed into one string."""
        return self._attribute_type(sort_fields[0]) if len(sort_fields) == 1 else "S"


def _condensed(fields: list[FieldDef]) -> str:
    return _SEPARATOR.join(f.name for f in fields)


def _camel(words: list[str]) -> str:
    """graphql-transformer-common's ``toCamelCase``: empty words dropped, the first lowered,
    the others capitalised."""
    kept = [w for w in words if w]
    return "".join(lower_first(w) if i == 0 else upper_first(w) for i, w in enumerate(kept))


def _primary_key_directive(model: TypeDef) -> Directive | None:
    found = None
    for model_field in model.fields:  # the last @primaryKey, as getObjectPrimaryKey finds it
        directive = model_field.directive("primaryKey")
        if directive is not None:
            found = directive
    return found


def explicit_primary_key(document: SchemaDocument, model: str) -> bool:
    """Whether model ``model`` declares its key with ``@primaryKey`` (even on ``id``)."""
    typedef = document.type(model)
    return typedef is not None and _primary_key_directive(typedef) is not None


def _mapped_name(model: TypeDef) -> str:
    """The name the model's resources keep after a rename (``@mapsTo(name:)``)."""
    maps_to = model.directive("mapsTo")
    name = maps_to.value("name") if maps_to is not None else None
    return name if isinstance(name, str) and name else model.name


def _field_of(model: TypeDef, directive: Directive) -> str:
    return next((f.name for f in model.fields if directive in f.directives), "?")


def _datastore_table() -> Table:
    """The DataStore delta-sync table of the root stack (conflict detection on)."""
    span = Span("<DataStore>")
    keys = (KeyElement("ds_pk", "HASH"), KeyElement("ds_sk", "RANGE"))
    attributes = (AttributeDefinition("ds_pk", "S"), AttributeDefinition("ds_sk", "S"))
    return Table("DataStore", None, ROOT_STACK, keys, attributes, None, None, span, span)


__all__ = ["deployed_tables", "explicit_primary_key"]
