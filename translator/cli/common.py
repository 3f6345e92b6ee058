"""What every command shares: exit codes, the ``--feature-flag`` option and how diagnostics print."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import click

from translator.core.diagnostics import CompilationError, Diagnostic, SourceError

EXIT_OK, EXIT_SCHEMA, EXIT_USAGE = 0, 1, 2

feature_flag_option = click.option(
    "--feature-flag", "feature_flags", multiple=True, metavar="NAME=VALUE",
    help="Override a project setting, e.g. codegen.addtimestampfields=false (repeatable; names as in "
    "amplify/cli.json, case-insensitive; also 'datastore' and 'storage').",
)


def print_diagnostics(diagnostics: Sequence[Diagnostic], *, count: bool = True) -> None:
    """Each diagnostic as ``path:line:col: severity[CODE]: message`` on stderr, then how many errors."""
    for diagnostic in diagnostics:
        click.echo(diagnostic.render(), err=True)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    if count and errors:
        click.echo(f"{errors} error{'s' if errors != 1 else ''}", err=True)


@contextmanager
def exit_on_problems() -> Iterator[None]:
    """Schema errors: their diagnostics, exit 1; usage and I/O problems: the diagnostic, exit 2."""
    try:
        yield
    except CompilationError as error:
        print_diagnostics(error.diagnostics)
        sys.exit(EXIT_SCHEMA)
    except SourceError as error:
        print_diagnostics([error.diagnostic], count=False)
        sys.exit(EXIT_USAGE)
