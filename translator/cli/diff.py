"""The ``diff`` command: can NEW be deployed over a deployed OLD without a refusal or lost data?"""

from __future__ import annotations

import sys

import click

from translator.cli.common import (
    EXIT_USAGE,
    allow_destructive_option,
    branch_option,
    feature_flag_option,
    format_option,
    report,
    sandbox_option,
    table_policy_options,
)
from translator.cli.common import print_diagnostics as _print
from translator.core.diagnostics import SourceError


@click.command("diff")
@click.argument("old")
@click.argument("new")
@format_option
@click.option("-v", "--verbose", is_flag=True, help="Show the plan of the change per table (and, as text, the "
              "source lines).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings (data or clients at risk) too.")
@allow_destructive_option
@sandbox_option
@branch_option
@table_policy_options
@feature_flag_option
def diff_command(old: str, new: str, fmt: str, verbose: bool, strict: bool, allow_destructive: bool, sandbox: bool,
                 branch: str | None, deletion_protected: tuple[str, ...], retained: tuple[str, ...],
                 feature_flags: tuple[str, ...]) -> None:
    """Compare schema NEW pushed over a deployed OLD (each: a file, API folder, resource.ts, or
    REV:PATH read from git). Exit 0 when the push is accepted and loses no data (warnings
    allowed), 1 when not, 2 on usage or I/O problems."""
    from translator.evolution import Options
    from translator.evolve import diff_paths
    from translator.project.sources import parse_flag_assignments

    try:
        options = Options(allow_destructive=allow_destructive, sandbox=sandbox, branch=branch or None,
                          deletion_protection=frozenset(deletion_protected), retain=frozenset(retained))
        result = diff_paths(old, new, feature_flags=parse_flag_assignments(feature_flags), options=options)
    except SourceError as error:
        _print([error.diagnostic], count=False)
        sys.exit(EXIT_USAGE)
    notes = result.evolution.plan() if verbose and result.evolution is not None else []
    report(result.diagnostics, [], fmt=fmt, verbose=verbose, strict=strict, notes=notes)
