"""The ``compile`` command: print or write the genericDataSchema JSON of a schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from translator.cli.common import EXIT_SCHEMA, EXIT_USAGE, feature_flag_option, print_diagnostics
from translator.core.diagnostics import CompilationError, SourceError


@click.command("compile")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the JSON here (atomically, only when it changes) instead of stdout.")
@click.option("--check", "check_only", is_flag=True,
              help="With -o: write nothing; exit 1 with a diff when the file is not up to date.")
@feature_flag_option
def compile_command(paths: tuple[Path, ...], output: Path | None, check_only: bool,
                    feature_flags: tuple[str, ...]) -> None:
    """Compile PATHS (a schema.graphql, an API folder, a schema/ folder, a Gen 2 resource.ts, or
    several .graphql files) and print the genericDataSchema JSON."""
    from translator.api import compile_paths
    from translator.core.files import stale_diff, write_if_changed
    from translator.emit.generic import to_json
    from translator.project.sources import parse_flag_assignments

    if check_only and output is None:
        raise click.UsageError("--check needs -o FILE")
    try:
        text = to_json(compile_paths(paths, feature_flags=parse_flag_assignments(feature_flags)))
        if output is None:
            click.echo(text, nl=False)
        elif check_only:
            diff = stale_diff(output, text)
            if diff is not None:
                click.echo(diff, nl=False)
                click.echo(f"{output}: not up to date with the schema", err=True)
                sys.exit(EXIT_SCHEMA)
        else:
            write_if_changed(output, text)
    except CompilationError as error:
        print_diagnostics(error.diagnostics)
        sys.exit(EXIT_SCHEMA)
    except SourceError as error:
        print_diagnostics([error.diagnostic], count=False)
        sys.exit(EXIT_USAGE)
