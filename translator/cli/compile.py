"""The ``compile`` command: print or write the genericDataSchema JSON of a schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from translator.cli.common import (
    EXIT_SCHEMA,
    echo_stdout,
    exit_on_problems,
    feature_flag_option,
    input_paths_argument,
    output_path_type,
)


@click.command("compile")
@input_paths_argument
@click.option("-o", "--output", type=output_path_type,
              help="Write the JSON here (atomically, only when it changes) instead of stdout.")
@click.option("--check", "check_only", is_flag=True,
              help="With -o: write nothing; exit 1 with a diff when the file is not up to date.")
@click.option("--migrate-v1", is_flag=True,
              help="Compile a transformer v1 schema (@key, @connection) through the v2 migration, in memory.")
@feature_flag_option
def compile_command(paths: tuple[Path, ...], output: Path | None, check_only: bool, migrate_v1: bool,
                    feature_flags: tuple[str, ...]) -> None:
    """Compile PATHS (a schema.graphql, an API folder, a schema/ folder, a Gen 2 resource.ts, or
    several .graphql files) and print the genericDataSchema JSON."""
    from translator.api import compile_paths
    from translator.core.files import stale_diff, write_if_changed
    from translator.emit.generic import to_json, to_json_chunks
    from translator.project.sources import parse_flag_assignments

    if check_only and output is None:
        raise click.UsageError("--check needs -o FILE")
    with exit_on_problems():
        flags = parse_flag_assignments(feature_flags)
        if migrate_v1:
            from translator.migrate import compile_migrated

            schema = compile_migrated(paths, feature_flags=flags)
        else:
            schema = compile_paths(paths, feature_flags=flags, shared_fields=True)  # only written out
        if output is None:
            # Written as it is made: a large schema's JSON is ten times its size.
            echo_stdout(to_json_chunks(schema))
            return
        text = to_json(schema)
        del schema
        if check_only:
            diff = stale_diff(output, text)
            if diff is not None:
                echo_stdout(diff)
                click.echo(f"{output}: not up to date with the schema", err=True)
                sys.exit(EXIT_SCHEMA)
        else:
            write_if_changed(output, text)
