"""What every command shares: exit codes, the ``--feature-flag`` option and how diagnostics print."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from translator.core.diagnostics import CompilationError, Diagnostic, SourceError

EXIT_OK, EXIT_SCHEMA, EXIT_USAGE = 0, 1, 2

F = TypeVar("F", bound=Callable[..., Any])

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


allow_destructive_option = click.option(
    "--allow-destructive-graphql-schema-updates", "allow_destructive", is_flag=True,
    help="Judge the change as `amplify push --allow-destructive-graphql-schema-updates` does (tables it would "
    "delete or replace are still reported: their items are lost).",
)

sandbox_option = click.option(
    "--sandbox", is_flag=True,
    help="Gen 2: judge the change as `ampx sandbox` deploys it (any secondary index change replaces the table; "
    "the Gen 1 table mapping is looked up under 'sandbox'). Default: a branch deployment (`ampx pipeline-deploy`).",
)

branch_option = click.option(
    "--branch", metavar="NAME", envvar="AWS_BRANCH", show_envvar=True,
    help="Gen 2: the branch deployed (`ampx pipeline-deploy --branch`), whose entry of "
    "migratedAmplifyGen1DynamoDbTableMappings applies.",
)

def table_policy_options(function: F) -> F:
    """``--deletion-protected MODEL`` and ``--retained MODEL``: what ``amplify/backend.ts`` sets on
    a Gen 2 model's table, which is not read (it is CDK code, not the data definition)."""
    function = click.option(
        "--retained", "retained", multiple=True, metavar="MODEL",
        help="Gen 2: a model whose table amplify/backend.ts keeps when the model goes (RemovalPolicy.RETAIN); "
        "repeatable.",
    )(function)
    return click.option(
        "--deletion-protected", "deletion_protected", multiple=True, metavar="MODEL",
        help="Gen 2: a model whose table amplify/backend.ts protects (deletionProtectionEnabled = true); "
        "repeatable. backend.ts is not read, so say it here.",
    )(function)


format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text", show_default=True,
    help="Output format.",
)


def report(diagnostics: Sequence[Diagnostic], source_errors: Sequence[Diagnostic], *, fmt: str, verbose: bool,
           strict: bool, notes: Sequence[str] = ()) -> None:
    """Print ``diagnostics`` in ``fmt`` (text on stderr with a count, the others on stdout), then
    ``notes`` and the I/O problems on stderr; exit 2 on I/O problems, 1 on errors (or warnings
    with ``strict``)."""
    from translator import __version__
    from translator.emit.report import render

    text = render(diagnostics, fmt, verbose=verbose, version=__version__)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if fmt == "text":
        click.echo(text, nl=False, err=True)
    else:
        echo_stdout(text)
    for note in notes:
        click.echo(note, err=True)
    if fmt == "text" and (errors or warnings):
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
    print_diagnostics(source_errors, count=False)
    if source_errors:
        sys.exit(EXIT_USAGE)
    if errors or (strict and warnings):
        sys.exit(EXIT_SCHEMA)
