"""The ``check`` command: print every diagnostic of one or more schemas; write nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from translator.cli.common import (
    EXIT_SCHEMA,
    EXIT_USAGE,
    allow_destructive_option,
    branch_option,
    feature_flag_option,
    format_option,
    input_paths_argument,
    output_path_type,
    print_diagnostics,
    report,
    sandbox_option,
    table_policy_options,
)
from translator.core.diagnostics import SourceError


@click.command("check")
@input_paths_argument
@format_option
@click.option("-v", "--verbose", is_flag=True, help="Text format: show the source line with a caret.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--against", metavar="REV", help="Also compare each schema with its version at git revision REV "
              "(as `diff REV:PATH PATH`); a schema not there yet passes. The pre-commit hook uses HEAD.")
@allow_destructive_option
@sandbox_option
@branch_option
@table_policy_options
@feature_flag_option
def check_command(paths: tuple[Path, ...], fmt: str, verbose: bool, strict: bool, against: str | None,
                  allow_destructive: bool, sandbox: bool, branch: str | None, deletion_protected: tuple[str, ...],
                  retained: tuple[str, ...], feature_flags: tuple[str, ...]) -> None:
    """Check schemas (files, API folders, resource.ts) for what Amplify would reject and what
    makes generated forms go wrong. Exit 0 clean, 1 errors (or warnings with --strict), 2 I/O."""
    from translator.project.sources import parse_flag_assignments

    try:
        flags = parse_flag_assignments(feature_flags)
        if against is None:
            from translator.check import check_paths

            result = check_paths(list(paths), feature_flags=flags)
            diagnostics, source_errors = list(result.diagnostics), list(result.source_errors)
        else:
            from translator.evolution import Options
            from translator.evolve import check_against

            options = Options(allow_destructive=allow_destructive, sandbox=sandbox, branch=branch or None,
                          deletion_protection=frozenset(deletion_protected), retain=frozenset(retained))
            diagnostics, source_errors = check_against(list(paths), against, feature_flags=flags, options=options)
    except SourceError as error:
        print_diagnostics([error.diagnostic], count=False)
        sys.exit(EXIT_USAGE)
    report(diagnostics, source_errors, fmt=fmt, verbose=verbose, strict=strict)


@click.command("hook-compile")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option("--output-name", default="generic-data-schema.json", show_default=True,
              help="File name of the JSON written next to each schema (beside schema.graphql, beside a "
              "schema/ folder, or beside resource.ts).")
@click.option("-o", "--output", type=output_path_type,
              help="One fixed output file instead (only with a single schema).")
@feature_flag_option
def hook_compile_command(paths: tuple[Path, ...], output_name: str, output: Path | None,
                         feature_flags: tuple[str, ...]) -> None:
    """pre-commit entry: compile each schema PATHS belong to and rewrite its JSON when it changed.
    A PATH that is such a JSON file (named --output-name) stands for the schema beside it, so a
    hand-edited or stale output is caught. Exit 1 when a schema has errors or an output was rewritten."""
    from translator.api import compile_paths
    from translator.check import schema_units
    from translator.core.diagnostics import CompilationError
    from translator.core.files import write_if_changed
    from translator.emit.generic import to_json
    from translator.project.sources import output_beside, parse_flag_assignments, schema_of_output

    schemas: list[Path] = []
    for path in paths:
        if path.name != output_name:
            schemas.append(path)
        elif (schema := schema_of_output(path)) is not None:
            schemas.append(schema)
    units = schema_units(schemas)
    if output is not None and len(units) > 1:
        raise click.UsageError("-o takes a single schema; use --output-name for several")
    failed = changed = False
    try:
        flags = parse_flag_assignments(feature_flags)
        for unit in units:
            target = output or output_beside(unit, output_name)
            try:
                text = to_json(compile_paths([unit], feature_flags=flags, shared_fields=True))
            except CompilationError as error:
                print_diagnostics(error.diagnostics, count=False)
                failed = True
                continue
            if write_if_changed(target, text):
                click.echo(f"{target}: updated", err=True)
                changed = True
    except SourceError as error:
        print_diagnostics([error.diagnostic], count=False)
        sys.exit(EXIT_USAGE)
    if failed or changed:
        sys.exit(EXIT_SCHEMA)

