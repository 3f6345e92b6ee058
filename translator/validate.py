"""Amplify transformer rules (semantics.md, section 10.2-10.5) -- placeholder, filled below."""

from __future__ import annotations

from translator.diagnostics import Diagnostic
from translator.document import SchemaDocument
from translator.settings import Settings


def validate(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """Every rule violation of ``document``."""
    return []
