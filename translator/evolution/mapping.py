"""``migratedAmplifyGen1DynamoDbTableMappings``: which models of NEW will not adopt their Gen 1
table in the deployment being judged (warnings ``W124``-``W128``), and the mapping errors that
stop the synthesis (``E326``, ``E327``).

Read as ``DataGenerator.generateContainerEntry`` (backend-data 1.9.0) reads it: the entry whose
``branchName`` is the branch (``'sandbox'`` in any sandbox), applied only to GraphQL text schemas
(``splitSchemasByTableMap``); the findings are those of the reference's ``mapping.mjs``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from translator.core.definition import DataDefinition
from translator.core.diagnostics import Diagnostic, Related, Span
from translator.evolution.compare import Comparison
from translator.evolution.side import Side
from translator.model.deploy.gen2 import SANDBOX_BRANCH, Synthesis

FindingKind = Literal["branch_not_mapped", "model_not_mapped", "mapped_model_not_imported", "mapped_model_missing",
                      "duplicate_branch_names", "mapped_table_name_missing"]
_MAPPING = "migratedAmplifyGen1DynamoDbTableMappings"


@dataclass(frozen=True)
class Finding:
    """What the mapping does not do for some models (``models``, sorted)."""

    kind: FindingKind
    models: tuple[str, ...] = ()


def mapping_findings(definition: DataDefinition | None, synthesis: Synthesis) -> list[Finding]:
    """The findings of one side's mapping for the deployment ``synthesis`` was made for; none
    when no mapping is declared or the branch is not known."""
    if definition is None or definition.mappings is None:
        return []
    if synthesis.error is not None:
        models = (synthesis.error.model,) if synthesis.error.model else ()
        return [Finding(synthesis.error.kind, models)]
    if synthesis.branch_key is None:
        return []
    fresh = sorted(r.table.model or "" for r in synthesis.resources.values() if not r.imported)
    if synthesis.mapping is None:
        return [Finding("branch_not_mapped", tuple(fresh))]
    imported = {r.table.model for r in synthesis.resources.values() if r.imported}
    mapped = {t.model for t in synthesis.mapping.tables}
    found = []
    if missing := sorted(mapped - imported):
        found.append(Finding("mapped_model_not_imported", tuple(missing)))
    if unmapped := [m for m in fresh if m not in mapped]:
        found.append(Finding("model_not_mapped", tuple(unmapped)))
    return found


def mapping_diagnostics(comparison: Comparison) -> Iterator[Diagnostic]:
    """Warnings about NEW's mapping in this deployment, and the errors that stop its synthesis."""
    new, definition = comparison.new, comparison.new.definition
    if definition is None or definition.mappings is None:
        return
    anchor = definition.mappings_span or definition.span
    for what, span in definition.unknown:
        yield Diagnostic("W128", f"{_MAPPING} cannot be read statically ({what}): which models adopt their Gen 1 "
                         "tables is not checked", span, "warning")
    if definition.unknown:
        return
    synthesis = comparison.synthesis(new)
    if synthesis.error is not None:
        yield _synthesis_error(synthesis, comparison.options.sandbox)
        return
    if synthesis.branch_key is None:
        branches = ", ".join(repr(m.branch_name) for m in definition.mappings)
        yield Diagnostic("W127", f"{_MAPPING} has entries for {branches}: which one applies depends on the branch "
                         "deployed; pass --branch (or set AWS_BRANCH) to check it", anchor, "warning")
        return
    adopted_before = {r.table.model for r in comparison.synthesis(comparison.old).resources.values() if r.imported}
    for finding in mapping_findings(definition, synthesis):
        if finding.kind == "model_not_mapped":  # a model leaving the mapping is E325 (gen2.py)
            finding = Finding(finding.kind, tuple(m for m in finding.models if m not in adopted_before))
        yield from _warnings(finding, new, definition, synthesis, anchor)


def _synthesis_error(synthesis: Synthesis, sandbox: bool) -> Diagnostic:
    error = synthesis.error
    assert error is not None
    where = "ampx sandbox" if sandbox else "ampx pipeline-deploy"
    lead = f"{where} stops before deploying anything: InvalidSchemaError: {error.message}"
    if error.kind == "mapped_model_missing":
        return Diagnostic("E326", f"{lead} (backend-data extractImportedModels: every model of the entry for "
                          f"{synthesis.branch_key!r} must be in the schema). Instead: remove {error.model} from "
                          "modelNameToTableNameMapping together with the model (its Gen 1 table is left as it is), "
                          "or keep the model", error.span)
    instead = ("give each branch one entry" if error.kind == "duplicate_branch_names"
               else "give the model its Gen 1 table's name, or leave it out of the mapping")
    return Diagnostic("E327", f"{lead} (backend-data generateContainerEntry / extractImportedModels). "
                      f"Instead: {instead}", error.span)


def _warnings(finding: Finding, new: Side, definition: DataDefinition, synthesis: Synthesis,
              anchor: Span) -> Iterator[Diagnostic]:
    names = ", ".join(finding.models)
    get = "gets a new, empty table" if len(finding.models) == 1 else "get new, empty tables"
    if finding.kind == "branch_not_mapped":
        branches = ", ".join(repr(m.branch_name) for m in definition.mappings or ())
        if synthesis.branch_key == SANDBOX_BRANCH:
            whose = "a sandbox looks the mapping up under 'sandbox'"
            instead = "add an entry with branchName 'sandbox' if the sandbox should use Gen 1 tables"
        else:
            whose = f"the branch deployed is {synthesis.branch_key!r} (--branch, AWS_BRANCH)"
            instead = f"add an entry for {synthesis.branch_key!r}, or check the branch name"
        yield Diagnostic("W126", f"no entry of {_MAPPING} is for this deployment ({whose}; entries: {branches}): "
                         f"{names} {get} instead of adopting Gen 1 tables. Instead: {instead}",
                         anchor, "warning")
    elif finding.kind == "mapped_model_not_imported":
        yield Diagnostic("W125", f"{_MAPPING} is ignored with a.schema(...): Amplify splits only GraphQL text schemas "
                         f"by the mapping (backend-data splitSchemasByTableMap), so {names} {get} instead of "
                         "adopting Gen 1 tables. Instead: keep the schema the migration generated "
                         "(a GraphQL string) while the models need their Gen 1 tables", anchor, "warning")
    elif finding.kind == "model_not_mapped" and synthesis.mapping is not None:
        entry = synthesis.mapping
        for model in finding.models:
            yield Diagnostic("W124", f"{model} is not in the {_MAPPING} entry for {entry.branch_name!r}: it gets a "
                             f"new, empty table instead of adopting a Gen 1 table. Instead: if it had a Gen 1 table, "
                             f"map it (modelNameToTableNameMapping: {model}: '<its Gen 1 table>') before its first "
                             "Gen 2 deployment: a table deployed as its own cannot be adopted later",
                             new.model_span(model), "warning",
                             (Related(entry.span, f"the entry for {entry.branch_name!r}"),))


__all__ = ["Finding", "FindingKind", "mapping_diagnostics", "mapping_findings"]
