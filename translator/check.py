"""``check``: validate schemas and collect every diagnostic, errors and warnings, writing nothing."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.core.diagnostics import Diagnostic, SourceError, sort_diagnostics


@dataclass(frozen=True)
class CheckResult:
    """Diagnostics of every checked schema, and the I/O problems that stopped some of them."""

    diagnostics: tuple[Diagnostic, ...]
    source_errors: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        """Number of errors."""
        return sum(1 for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return sum(1 for d in self.diagnostics if d.severity == "warning")


def schema_units(paths: Sequence[Path]) -> list[Path]:
    """The schemas ``paths`` belong to, each once: a file in a ``schema/`` folder stands for the
    whole folder, a file under ``amplify/data`` for its ``resource.ts``."""
    units: list[Path] = []
    for path in paths:
        unit = path
        for parent in path.parents:
            if parent.name == "schema" and path.suffix == ".graphql":
                unit = parent
                break
            if parent.name == "data" and parent.parent.name == "amplify" and path.suffix == ".ts":
                # os.path.isfile: False, not an exception, under a folder that cannot be read;
                # loading the unit then reports why.
                unit = parent / "resource.ts" if os.path.isfile(parent / "resource.ts") else path
                break
        if unit not in units:
            units.append(unit)
    return units


def check_schema(paths: Sequence[Path | str], *, feature_flags: Mapping[str, bool] | None = None) -> list[Diagnostic]:
    """Every diagnostic of one schema, errors and warnings together; SourceError on I/O problems."""
    from translator.api import diagnose

    return sort_diagnostics(diagnose(paths, feature_flags=feature_flags))


def check_paths(paths: Sequence[Path], *, feature_flags: Mapping[str, bool] | None = None) -> CheckResult:
    """Check every schema ``paths`` belong to."""
    diagnostics: list[Diagnostic] = []
    source_errors: list[Diagnostic] = []
    for unit in schema_units(paths):
        try:
            diagnostics.extend(check_schema([unit], feature_flags=feature_flags))
        except SourceError as error:
            source_errors.append(error.diagnostic)
    return CheckResult(tuple(diagnostics), tuple(source_errors))
