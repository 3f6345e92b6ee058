"""``diff`` and ``check --against``: can a schema be deployed over the one deployed before?

Either schema may be anything ``compile`` takes, or ``REV:PATH`` read from git
(:mod:`translator.project.revisions`); positions in a schema read from a revision are shown as
``REV:path``. A schema that does not compile is reported as ``check`` reports it; a schema that
has nothing at the revision (added since) passes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from translator.api import load_document
from translator.check import CheckResult, schema_units
from translator.core.diagnostics import CompilationError, Diagnostic, Related, SourceError, Span, sort_diagnostics
from translator.evolution import Evolution, Options, Side, compare
from translator.model.deploy import deployed_tables
from translator.pipeline import derive_document
from translator.project.revisions import RevisionPath, at_revision, extracted, parse_revision_path
from translator.rules import warnings

Relabel = Callable[[Span], Span]


def load_side(paths: Sequence[Path | str], *, feature_flags: Mapping[str, bool] | None = None) -> Side:
    """Compile a schema for a comparison: CompilationError on schema errors, SourceError on I/O."""
    loaded = load_document(paths, feature_flags=feature_flags)
    generic = derive_document(loaded.document, loaded.settings)
    deployment = deployed_tables(loaded.document, loaded.settings, managed_tables=loaded.language == "gen2")
    return Side(loaded.document, generic, deployment, loaded.settings, loaded.language, loaded.definition)


@dataclass(frozen=True)
class DiffResult(CheckResult):
    """Diagnostics of the comparison (or of a schema that does not compile); ``evolution`` is
    None when there was nothing to compare."""

    evolution: Evolution | None = None


def relabeled(diagnostic: Diagnostic, relabel: Relabel) -> Diagnostic:
    """``diagnostic`` with its positions (and its related ones) passed through ``relabel``."""
    related = tuple(Related(relabel(r.span), r.message) for r in diagnostic.related)
    return replace(diagnostic, span=relabel(diagnostic.span), related=related)


@contextmanager
def opened(argument: str | Path, cwd: Path | None = None) -> Iterator[tuple[Path | None, Relabel]]:
    """The local path of ``argument`` (a path, or ``REV:PATH`` extracted from git) and how to show
    positions inside it; the path is None when the revision has nothing there."""
    spec = parse_revision_path(str(argument), cwd) if isinstance(argument, str) else None
    if spec is None:
        yield Path(argument), lambda span: span
        return
    with extracted(spec) as copy:
        if copy is None:
            yield None, lambda span: span
        else:
            yield copy.path, copy.relabel


def diff_paths(
    old: str | Path,
    new: str | Path,
    *,
    feature_flags: Mapping[str, bool] | None = None,
    allow_destructive: bool = False,
    cwd: Path | None = None,
    options: Options | None = None,
) -> DiffResult:
    """Compare ``new`` pushed over a deployed ``old`` (paths or ``REV:PATH``). SourceError on I/O
    problems (a missing file, an unknown revision). ``options``: how it is deployed (Gen 2:
    sandbox or branch); ``allow_destructive`` is the same as in ``options``."""
    options = _options(options, allow_destructive)
    with opened(old, cwd) as (old_path, old_label), opened(new, cwd) as (new_path, new_label):
        if new_path is None:
            raise SourceError(Diagnostic("E201", "nothing at this revision", Span(str(new))))
        sides: list[Side] = []
        for path, label in ((new_path, new_label), (old_path, old_label)):
            if path is None:
                continue
            try:
                sides.append(load_side([path], feature_flags=feature_flags))
            except CompilationError as error:
                return DiffResult(tuple(relabeled(d, label) for d in error.diagnostics), ())
        if len(sides) < 2:
            return DiffResult((), ())  # OLD has nothing at its revision: a first deployment
        evolution = compare(sides[1], sides[0], options)
        found = (relabeled(relabeled(d, old_label), new_label) for d in evolution.diagnostics)
        return DiffResult(tuple(found), (), evolution)


def check_against(
    paths: Sequence[Path],
    rev: str,
    *,
    feature_flags: Mapping[str, bool] | None = None,
    allow_destructive: bool = False,
    options: Options | None = None,
) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """``check`` of every schema ``paths`` belong to, plus its comparison with the same path at
    ``rev``: the diagnostics, and the I/O problems that stopped some schemas."""
    options = _options(options, allow_destructive)
    diagnostics: list[Diagnostic] = []
    source_errors: list[Diagnostic] = []
    for unit in schema_units(paths):
        try:
            try:
                new = load_side([unit], feature_flags=feature_flags)
            except CompilationError as error:
                diagnostics.extend(error.diagnostics)
                continue
            diagnostics.extend(sort_diagnostics(warnings(new.document, new.generic.join_table_names())))
            diagnostics.extend(_against(new, at_revision(unit, rev), feature_flags, options))
        except SourceError as error:
            source_errors.append(error.diagnostic)
    return diagnostics, source_errors


def _options(options: Options | None, allow_destructive: bool) -> Options:
    options = options or Options()
    return replace(options, allow_destructive=options.allow_destructive or allow_destructive)


def _against(
    new: Side, spec: RevisionPath, feature_flags: Mapping[str, bool] | None, options: Options
) -> list[Diagnostic]:
    with extracted(spec) as copy:
        if copy is None:
            return []  # the schema's first commit
        try:
            old = load_side([copy.path], feature_flags=feature_flags)
        except CompilationError as error:
            first = relabeled(error.diagnostics[0], copy.relabel)
            return [Diagnostic("W119", f"not compared with {spec.rev}: the schema there does not compile "
                               f"({first.code}: {first.message})", first.span, "warning")]
        evolution = compare(old, new, options)
        return [relabeled(d, copy.relabel) for d in evolution.diagnostics]
