"""The table resources a Gen 2 ``defineData`` synthesizes for one deployment.

As ``@aws-amplify/backend-data`` 1.9 ``DataGenerator.generateContainerEntry`` builds them: every
model gets a ``Custom::AmplifyDynamoDBTable`` (the Gen 2 transformer's ``AMPLIFY_TABLE`` strategy,
``AmplifyDynamoModelResourceGenerator.createModelTable``) named ``<Model>-<apiId>-NONE`` with
``DeletionPolicy: Delete``; in a sandbox it carries ``replaceTableUponGsiUpdate``
(``ReplaceTableUponGsiUpdateOverrideAspect``). The models of the
``migratedAmplifyGen1DynamoDbTableMappings`` entry of the branch (``'sandbox'`` in a sandbox)
become ``Custom::ImportedAmplifyDynamoDBTable`` resources adopting their Gen 1 table, retained
and deletion-protected (``isTableImported``), but only when the schema is GraphQL text
(``splitSchemasByTableMap``). The mapping's errors (``extractImportedModels``, the duplicate
branch check) stop the synthesis.

Deletion protection and ``RemovalPolicy.RETAIN`` on other tables are set in ``amplify/backend.ts``
(``amplifyDynamoDbTables``), which the data definition cannot express; they are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from translator.core.definition import DataDefinition, MappedTable, TableMapping
from translator.core.diagnostics import Span
from translator.core.document import SchemaDocument
from translator.model.deploy.derive import explicit_primary_key
from translator.model.deploy.tables import AttributeDefinition, Deployment, KeyElement, Table

IMPORTED_TABLE_TYPE = "Custom::ImportedAmplifyDynamoDBTable"
SANDBOX_BRANCH = "sandbox"  # the mapping key of every sandbox (generateContainerEntry)
ErrorKind = Literal["duplicate_branch_names", "mapped_model_missing", "mapped_table_name_missing"]


@dataclass(frozen=True)
class TableResource:
    """One table custom resource: the table (key, attributes, GSIs, its ``resource_type``) and
    the properties around it that decide what CloudFormation and the table manager do."""

    table: Table
    table_name: str
    retain: bool
    deletion_protection: bool
    replace_on_gsi_update: bool
    mapped: MappedTable | None = None

    @property
    def logical_id(self) -> str:
        """The resource's logical id, ``<Model>Table``."""
        return self.table.logical_id

    @property
    def imported(self) -> bool:
        """Whether it adopts a Gen 1 table."""
        return self.table.resource_type == IMPORTED_TABLE_TYPE

    def properties(self) -> tuple[object, ...]:
        """What CloudFormation compares to decide whether an Update event is sent."""
        gsis = tuple((g.name, g.key_schema, g.projection) for g in self.table.gsis or ())
        return (self.table_name, self.table.key_schema, self.table.attributes, gsis, self.deletion_protection,
                self.replace_on_gsi_update)


@dataclass(frozen=True)
class SynthesisError:
    """Why ``defineData`` throws (``InvalidSchemaError``): nothing is deployed."""

    kind: ErrorKind
    message: str
    span: Span
    model: str | None = None


@dataclass(frozen=True)
class Synthesis:
    """The table resources of one deployment by logical id, or the error that stops it.
    ``branch_key`` is the mapping key looked up (None: the branch is not known), ``mapping``
    the entry found."""

    resources: dict[str, TableResource] = field(default_factory=dict)
    error: SynthesisError | None = None
    branch_key: str | None = None
    mapping: TableMapping | None = None


def branch_key(definition: DataDefinition | None, sandbox: bool, branch: str | None) -> str | None:
    """The ``branchName`` Amplify looks up: ``sandbox`` in a sandbox, else the branch; when the
    branch is not given and the mapping has a single entry, that entry's."""
    if sandbox:
        return SANDBOX_BRANCH
    if branch is not None:
        return branch
    mappings = definition.mappings if definition is not None else None
    return mappings[0].branch_name if mappings is not None and len(mappings) == 1 else None


def synthesize(
    document: SchemaDocument,
    deployment: Deployment,
    definition: DataDefinition | None,
    *,
    sandbox: bool,
    branch: str | None,
    protected: frozenset[str] = frozenset(),
    retained: frozenset[str] = frozenset(),
) -> Synthesis:
    """The table resources of ``deployment`` (a Gen 2 schema's tables) for one deployment."""
    key = branch_key(definition, sandbox, branch)
    error = _duplicate_branches(definition)
    mapping = definition.mapping_for(key) if definition is not None and key is not None else None
    if error is None and mapping is not None and definition is not None and definition.schema_kind == "sdl":
        error = _import_error(document, mapping)
    if error is not None:
        return Synthesis(error=error, branch_key=key, mapping=mapping)
    imports = mapping if definition is not None and definition.schema_kind == "sdl" else None
    resources: dict[str, TableResource] = {}
    for table in deployment.tables:
        model = table.model or ""
        mapped = imports.table_of(model) if imports is not None else None
        if mapped is not None:
            resource = TableResource(imported_table(table, explicit_primary_key(document, model)), mapped.table,
                                     True, True, False, mapped)
        else:
            resource = TableResource(table, f"{model}-{{apiId}}-NONE", model in retained, model in protected, sandbox)
        resources[table.logical_id] = resource
    return Synthesis(resources, None, key, mapping)


def imported_table(table: Table, explicit_key: bool) -> Table:
    """How model transformer 3.5.0 renders the table of an imported model: its key is always
    ``id`` (graphql-index-transformer ``replaceDdbPrimaryKey`` overrides the key of
    ``AMPLIFY_TABLE`` resources only), and after an explicit ``@primaryKey`` the attribute
    definitions of its indexes are lost (the override replaces the array the resource renders).
    Fixed after 3.5.0 (amplify-category-api #3523); the goldens show these versions."""
    if not explicit_key:
        return replace(table, key_schema=(KeyElement("id", "HASH"),), resource_type=IMPORTED_TABLE_TYPE)
    return replace(table, key_schema=(KeyElement("id", "HASH"),), attributes=(AttributeDefinition("id", "S"),),
                   resource_type=IMPORTED_TABLE_TYPE)


def _duplicate_branches(definition: DataDefinition | None) -> SynthesisError | None:
    """``generateContainerEntry``: branch names must be unique."""
    seen: set[str] = set()
    for entry in definition.mappings or () if definition is not None else ():
        if entry.branch_name in seen:
            return SynthesisError("duplicate_branch_names", "Branch names must be unique in the "
                                  "migratedAmplifyGen1DynamoDbTableMappings", entry.span)
        seen.add(entry.branch_name)
    return None


def _import_error(document: SchemaDocument, mapping: TableMapping) -> SynthesisError | None:
    """``extractImportedModels``: every mapped model must be an object type of the schema, and
    each one's table name must be given (checked in the schema's order)."""
    objects = [t for t in document.types if t.kind == "object"]
    names = {t.name for t in objects}
    for mapped in mapping.tables:
        if mapped.model not in names:
            return SynthesisError("mapped_model_missing", f"Imported model not found in schema: {mapped.model}",
                                  mapped.span, mapped.model)
    for typedef in objects:
        found = mapping.table_of(typedef.name)
        if found is not None and not found.table:
            return SynthesisError("mapped_table_name_missing", f"No table found for imported model {typedef.name}.",
                                  found.span, typedef.name)
    return None


__all__ = [
    "IMPORTED_TABLE_TYPE",
    "SANDBOX_BRANCH",
    "Synthesis",
    "SynthesisError",
    "TableResource",
    "branch_key",
    "imported_table",
    "synthesize",
]
