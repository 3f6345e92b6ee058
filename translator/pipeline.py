"""The stages in order: validate, build models, derive relationships, emit."""

from __future__ import annotations

from translator.core.diagnostics import CompilationError, Diagnostic
from translator.core.document import SchemaDocument
from translator.core.settings import Settings
from translator.emit.generic import GenericDataSchema, emit
from translator.model.derive import GenericSchema, derive
from translator.model.lower import lower
from translator.rules import validate


def derive_document(document: SchemaDocument, settings: Settings) -> GenericSchema:
    """Validate and build ``document`` up to the generic schema; CompilationError on errors."""
    errors: list[Diagnostic] = [d for d in validate(document, settings) if d.severity == "error"]
    if errors:
        raise CompilationError(errors)
    return derive(lower(document, settings))


def compile_document(document: SchemaDocument, settings: Settings) -> GenericDataSchema:
    """The generic data schema of a parsed document; CompilationError lists every problem."""
    return emit(derive_document(document, settings))
