"""amplify-schema-translator: compile AWS Amplify data models into the ``genericDataSchema``
of the AmplifyUIBuilder ``StartCodegenJob`` API, exactly as Amplify's own pipeline does."""

from __future__ import annotations

from translator.api import compile_path, compile_paths, compile_source, load_document
from translator.diagnostics import CompilationError, Diagnostic, SourceError, Span
from translator.emit import GenericDataSchema

__all__ = [
    "CompilationError",
    "Diagnostic",
    "GenericDataSchema",
    "SourceError",
    "Span",
    "compile_path",
    "compile_paths",
    "compile_source",
    "load_document",
]
__version__ = "0.1.0"
