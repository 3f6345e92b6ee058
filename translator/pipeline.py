"""The stages in order: validate, build models, derive relationships, emit."""

from __future__ import annotations

from translator.derive import GenericSchema, derive
from translator.diagnostics import CompilationError, Diagnostic
from translator.document import SchemaDocument
from translator.emit import GenericDataSchema, emit
from translator.lower import lower
from translator.settings import Settings
from translator.validate import validate


def derive_document(document: SchemaDocument, settings: Settings) -> GenericSchema:
    """Validate and build ``document`` up to the generic schema; CompilationError on errors."""
    errors: list[Diagnostic] = [d for d in validate(document, settings) if d.severity == "error"]
    if errors:
        raise CompilationError(errors)
    return derive(lower(document, settings))


def compile_document(document: SchemaDocument, settings: Settings) -> GenericDataSchema:
    """The generic data schema of a parsed document; CompilationError lists every problem."""
    return emit(derive_document(document, settings))
