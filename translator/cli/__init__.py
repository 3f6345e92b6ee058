"""The ``amplify-translate`` command line: parses arguments, calls the library, prints."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

import click

from translator.core.diagnostics import CompilationError, Diagnostic, SourceError

EXIT_OK, EXIT_SCHEMA, EXIT_USAGE = 0, 1, 2


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        click.echo(diagnostic.render(), err=True)
    errors = sum(1 for d in diagnostics if d.severity == "error")
    if errors:
        click.echo(f"{errors} error{'s' if errors != 1 else ''}", err=True)


def _flags(items: Sequence[str]) -> dict[str, bool]:
    from translator.project.sources import parse_flag_assignments

    return parse_flag_assignments(items)


feature_flag_option = click.option(
    "--feature-flag", "feature_flags", multiple=True, metavar="NAME=VALUE",
    help="Override a project setting, e.g. codegen.addtimestampfields=false (repeatable; names as in "
    "amplify/cli.json, case-insensitive; also 'datastore').",
)


class _LazyGroup(click.Group):
    """Loads a command's module only when that command runs, so ``compile`` starts without
    importing the submit and check machinery."""

    lazy_commands: ClassVar[dict[str, str]] = {
        "check": "translator.cli.check:check_command",
        "hook-compile": "translator.cli.check:hook_compile_command",
        "submit": "translator.cli.submit:submit",
        "status": "translator.cli.submit:status",
        "download": "translator.cli.submit:download",
        "jobs": "translator.cli.submit:jobs",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = self.lazy_commands.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = target.split(":")
        command = getattr(__import__(module_name, fromlist=[attribute]), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="amplify-schema-translator", prog_name="amplify-translate")
def main() -> None:
    """Compile AWS Amplify data models into the StartCodegenJob genericDataSchema."""


@main.command("compile")
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

    if check_only and output is None:
        raise click.UsageError("--check needs -o FILE")
    try:
        text = to_json(compile_paths(paths, feature_flags=_flags(feature_flags)))
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
        _print_diagnostics(error.diagnostics)
        sys.exit(EXIT_SCHEMA)
    except SourceError as error:
        click.echo(error.diagnostic.render(), err=True)
        sys.exit(EXIT_USAGE)
