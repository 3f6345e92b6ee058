"""The stages in order: validate, build models, derive relationships, emit."""

from __future__ import annotations

from translator.derive import derive
from translator.diagnostics import CompilationError
from translator.document import SchemaDocument
from translator.emit import GenericDataSchema, emit
from translator.lower import lower
from translator.settings import Settings
from translator.validate import validate


def compile_document(document: SchemaDocument, settings: Settings) -> GenericDataSchema:
    """The generic data schema of a parsed document; CompilationError lists every problem."""
    errors = [d for d in validate(document, settings) if d.severity == "error"]
    if errors:
        raise CompilationError(errors)
    return emit(derive(lower(document, settings)))
