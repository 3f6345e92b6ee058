"""The ``check`` command: print every diagnostic of one or more schemas; write nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from translator.cli.common import (
    EXIT_SCHEMA,
    EXIT_USAGE,
    echo_stdout,
    feature_flag_option,
    input_paths_argument,
    output_path_type,
    print_diagnostics,
)
from translator.core.diagnostics import SourceError


@click.command("check")
@input_paths_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default="text",
              show_default=True, help="Output format.")
@click.option("-v", "--verbose", is_flag=True, help="Text format: show the source line with a caret.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@feature_flag_option
def check_command(paths: tuple[Path, ...], fmt: str, verbose: bool, strict: bool,
                  feature_flags: tuple[str, ...]) -> None:
    """Check schemas (files, API folders, resource.ts) for what Amplify would reject and what
    makes generated forms go wrong. Exit 0 clean, 1 errors (or warnings with --strict), 2 I/O."""
    from translator import __version__
    from translator.check import check_paths
    from translator.emit.report import render
    from translator.project.sources import parse_flag_assignments

    try:
        result = check_paths(list(paths), feature_flags=parse_flag_assignments(feature_flags))
    except SourceError as error:
        print_diagnostics([error.diagnostic], count=False)
        sys.exit(EXIT_USAGE)
    text = render(result.diagnostics, fmt, verbose=verbose, version=__version__)
    if fmt == "text":
        click.echo(text, nl=False, err=True)
        if result.errors or result.warnings:
            click.echo(f"{result.errors} error(s), {result.warnings} warning(s)", err=True)
    else:
        echo_stdout(text)
    print_diagnostics(result.source_errors, count=False)
    if result.source_errors:
        sys.exit(EXIT_USAGE)
    if result.errors or (strict and result.warnings):
        sys.exit(EXIT_SCHEMA)


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
                text = to_json(compile_paths([unit], feature_flags=flags))
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

