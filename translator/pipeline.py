"""The stages in order: validate, build models, derive relationships, emit."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from translator.core.diagnostics import CompilationError, Diagnostic, Target
from translator.core.document import SchemaDocument
from translator.core.settings import Settings
from translator.emit.generic import GenericDataSchema, emit
from translator.model.built import BuiltSchema
from translator.model.derive import GenericSchema, derive, join_table_names
from translator.model.lower import lower
from translator.rules import targeted_warnings, validate, warnings


def derive_document(document: SchemaDocument, settings: Settings) -> GenericSchema:
    """Validate and build ``document`` up to the generic schema; CompilationError on errors."""
    return derive(_built(document, settings))


def compile_document(
    document: SchemaDocument, settings: Settings, *, shared_fields: bool = False
) -> GenericDataSchema:
    """The generic data schema of a parsed document; CompilationError lists every problem.
    ``shared_fields``: see :func:`emit`."""
    built = _built(document, settings)
    # When the caller holds no other reference (compile passes the parse straight in), the
    # document is freed once the models are built, so it is not held with what comes after:
    # on a large schema that was the peak of a compile's memory.
    del document
    return emit(derive(built), shared_fields=shared_fields)


def _built(document: SchemaDocument, settings: Settings) -> BuiltSchema:
    """The built models of ``document``; CompilationError with its rule errors, if any."""
    errors: list[Diagnostic] = [d for d in validate(document, settings) if d.severity == "error"]
    if errors:
        raise CompilationError(errors)
    return lower(document, settings)


def all_diagnostics(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """Every error and warning one run can find in ``document``: the rule errors, or when there
    are none the first error of model building, or for a schema that builds, its warnings. With
    rule errors, the warnings of the types without errors are added (those types are checked
    again on their own, so a warning never rests on a broken part)."""
    errors = [d for d in validate(document, settings) if d.severity == "error"]
    if not errors:
        try:
            return _warnings(document, settings)
        except CompilationError as error:
            return list(error.diagnostics)
    sound, problems = document, errors
    for _ in range(5):
        sound = _without_types_of(sound, problems)
        if not sound.types:
            return errors
        problems = [d for d in validate(sound, settings) if d.severity == "error"]
        if not problems:
            try:
                return [*errors, *_warnings(sound, settings)]
            except CompilationError:
                return errors
    return errors


def _warnings(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """The warnings of a document without rule errors; CompilationError when it does not build.
    Only which models are join tables is derived: the rest of the generic schema is not needed,
    and the built models are let go before the warnings are made."""
    join_tables = join_table_names(lower(document, settings))
    return warnings(document, join_tables)


def unplaced_warnings(document: SchemaDocument, settings: Settings) -> list[tuple[Diagnostic, Target]] | None:
    """For a document read without positions: what :func:`all_diagnostics` finds in it, when
    that is only warnings, each with what it points at (to be placed in the text); None when
    it has errors, which are found again with positions."""
    if any(d.severity == "error" for d in validate(document, settings)):
        return None
    try:
        join_tables = join_table_names(lower(document, settings))
    except CompilationError:
        return None
    return targeted_warnings(document, join_tables)


def _without_types_of(document: SchemaDocument, errors: list[Diagnostic]) -> SchemaDocument:
    """``document`` without the types the errors point into (the nearest type or field position
    at or before each error, in its file)."""
    places = sorted(
        (span, typedef.name)
        for typedef in document.types
        for span in (typedef.span, *(f.span for f in typedef.fields))
        if span.line > 0
    )
    keys = [span for span, _ in places]
    broken: set[str] = set()
    for error in errors:
        index = bisect_right(keys, error.span) - 1
        if index >= 0 and keys[index].path == error.span.path:
            broken.add(places[index][1])
    # The fields of other types that name a removed type go too, so every type a field names
    # still exists, as in a validated document.
    types = tuple(
        replace(t, fields=tuple(f for f in t.fields if f.type.name not in broken))
        for t in document.types
        if t.name not in broken
    )
    return replace(
        document,
        types=types,
        operation_fields=tuple((root, f) for root, f in document.operation_fields
                               if root not in broken and f.type.name not in broken),
    )
