"""What every command shares: exit codes, the ``--feature-flag`` option and how diagnostics print."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from translator.core.diagnostics import CompilationError, Diagnostic, SourceError

EXIT_OK, EXIT_SCHEMA, EXIT_USAGE = 0, 1, 2

# Paths are checked by the library, which reports an unreadable file as E203 (click's own check
# would print a usage message instead).
input_paths_argument = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False)
)
# Whether the output may be written (a regular file, not a folder or device) is the library's check too.
output_path_type = click.Path(path_type=Path, readable=False)

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


def echo_stdout(text: str | Iterable[str]) -> None:
    """Print ``text`` (or its pieces, as they come) on stdout. A write that fails (a full disk,
    ``> /dev/full``) is an E208 diagnostic and exit 2; a closed pipe (BrokenPipeError) is left
    to the caller."""
    from translator.core.files import os_error

    try:
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        # What could not be written stays buffered; without this the interpreter's own flush at
        # exit would fail again and print a traceback-like message.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        print_diagnostics([os_error(error, "<stdout>", "write to standard output", "E208").diagnostic], count=False)
        sys.exit(EXIT_USAGE)
