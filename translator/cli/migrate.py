"""The ``migrate`` command: rewrite transformer v1 schemas to v2 as ``amplify migrate api`` does."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from translator.cli.common import EXIT_SCHEMA, echo_stdout, exit_on_problems, input_paths_argument, output_path_type
from translator.core.settings import AUTH_MODES


@click.command("migrate")
@input_paths_argument
@click.option("-o", "--output", type=output_path_type,
              help="Write the migrated schema here (atomically, only when it changes); one schema file only.")
@click.option("--in-place", is_flag=True,
              help="Rewrite the schema files (each atomically); files with nothing to migrate stay untouched.")
@click.option("--auth-mode", type=click.Choice(AUTH_MODES),
              help="The API's default authorization mode [default: the project's API, else apiKey].")
@click.option("--assume-v1", is_flag=True,
              help="Also migrate schemas without @key/@connection outside a transformer v1 project (their @auth).")
@click.option("--fail-on-change", is_flag=True, help="With --in-place: exit 1 when a file was rewritten (pre-commit).")
def migrate_command(paths: tuple[Path, ...], output: Path | None, in_place: bool, auth_mode: str | None,
                    assume_v1: bool, fail_on_change: bool) -> None:
    """Migrate transformer v1 schemas (@key, @connection, v1 @auth) to v2 exactly as Amplify's
    migrator does, editing the text: comments and layout outside the changed directives stay.
    Prints the result unless -o or --in-place is given; --in-place inside an Amplify project also
    moves its cli.json to transformer v2. Exit 1 where `amplify migrate api` refuses."""
    from translator.core.files import write_if_changed
    from translator.migrate import migrate_paths, write_migrations

    if output is not None and in_place:
        raise click.UsageError("-o and --in-place exclude each other")
    if fail_on_change and not in_place:
        raise click.UsageError("--fail-on-change needs --in-place")
    with exit_on_problems():
        migrations = migrate_paths(paths, auth_mode=auth_mode, assume_v1=assume_v1)
        for migration in migrations:
            if migration.status != "migrated":
                click.echo(f"{migration.entry}: {migration.status}: {migration.reason}", err=True)
        if in_place:
            written = write_migrations(migrations)
            for path in written:
                what = "set to transformer v2" if path.suffix == ".json" else "migrated"
                click.echo(f"{path}: {what}", err=True)
            if fail_on_change and written:
                sys.exit(EXIT_SCHEMA)
            return
        files = [f for m in migrations for f in m.files]
        if output is not None:
            if len(files) != 1:
                raise click.UsageError("-o takes a schema of a single file; use --in-place for schema/ folders")
            write_if_changed(output, files[0].text)
            return
        echo_stdout(piece for file in files
                    for piece in ([f"==> {file.source.name} <==\n"] if len(files) > 1 else []) + [file.text])
