"""The two schemas of a comparison and what the checks derive from them once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from translator.core.definition import DataDefinition
from translator.core.diagnostics import Span
from translator.core.document import Directive, SchemaDocument, TypeDef
from translator.core.settings import Settings
from translator.model.deploy import Deployment
from translator.model.derive import GenericSchema

Language = Literal["graphql", "gen2"]
_STACK_DIRECTIVES = frozenset({"auth", "index", "primaryKey"})


def _directive_text(directive: Directive) -> str:
    return f"@{directive.name}(" + ",".join(f"{a.name}:{a.value!r}" for a in directive.arguments) + ")"


@dataclass(frozen=True)
class Side:
    """One compiled schema: as written (``document``), as built (``generic``: every field,
    implicit ones included), what it deploys, and the settings and language it compiled with;
    for Gen 2, what ``defineData`` says about the tables (``definition``)."""

    document: SchemaDocument
    generic: GenericSchema
    deployment: Deployment
    settings: Settings
    language: Language = "graphql"
    definition: DataDefinition | None = None

    @cached_property
    def models(self) -> dict[str, TypeDef]:
        """The ``@model`` types by name."""
        return {t.name: t for t in self.document.types if t.is_model}

    def model_span(self, name: str) -> Span:
        """Where model ``name`` is declared (the first file when it is not, e.g. a join model)."""
        model = self.models.get(name)
        if model is not None:
            return model.span
        table = next((t for t in self.deployment.tables if t.model == name), None)
        return table.span if table is not None else self.anchor

    def field_span(self, model: str, field: str) -> Span:
        """Where ``model.field`` is declared, else where the model is (implicit fields)."""
        typedef = self.models.get(model)
        declared = typedef.field(field) if typedef is not None else None
        return declared.span if declared is not None else self.model_span(model)

    @cached_property
    def stack_fingerprints(self) -> dict[str, str]:
        """What decides each model stack besides its table (resolvers, functions, authorization):
        the model's own directives and its fields' ``@auth``, ``@index`` and ``@primaryKey``."""
        out: dict[str, str] = {}
        for name, model in self.models.items():
            parts = [_directive_text(d) for d in model.directives]
            for field in model.fields:
                parts.extend(field.name + _directive_text(d) for d in field.directives if d.name in _STACK_DIRECTIVES)
            out[name] = "|".join(parts)
        return out

    @property
    def relationship_span(self) -> Span:
        """The first relationship directive (what fills ``ConnectionStack``), else the anchor."""
        for model in self.models.values():
            for field in model.fields:
                for directive in field.directives:
                    if directive.name in ("hasMany", "hasOne", "belongsTo", "manyToMany"):
                        return directive.span
        return self.anchor

    @property
    def anchor(self) -> Span:
        """A place for what belongs to the whole schema: its first file."""
        first = self.document.types[0].span if self.document.types else Span("<schema>")
        return Span(first.path)


@dataclass(frozen=True)
class Options:
    """How the change is deployed. Gen 1: ``amplify push --allow-destructive-graphql-schema-updates``.
    Gen 2: ``ampx sandbox`` (``sandbox``) or ``ampx pipeline-deploy --branch`` (``branch``: None when
    not known); ``deletion_protection`` / ``retain``: the models whose tables ``amplify/backend.ts``
    protects (``amplifyDynamoDbTables.M.deletionProtectionEnabled = true``) or retains
    (``applyRemovalPolicy(RemovalPolicy.RETAIN)``), which ``resource.ts`` cannot say."""

    allow_destructive: bool = False
    sandbox: bool = False
    branch: str | None = None
    deletion_protection: frozenset[str] = frozenset()
    retain: frozenset[str] = frozenset()
