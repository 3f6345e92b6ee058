"""The ``amplify-translate`` command line: one module per command, each only parsing arguments,
calling the library and printing."""

from __future__ import annotations

import gc
import os
import sys
from typing import Any, ClassVar

import click

from translator.core.dependencies import UnsupportedDependency

# What a shell reports for a program that a closed pipe ended (128 + SIGPIPE).
EXIT_CLOSED_STDOUT = 141


class _LazyGroup(click.Group):
    """Loads a command's module only when that command runs, so ``compile`` starts without
    importing the submit and check machinery."""

    lazy_commands: ClassVar[dict[str, str]] = {
        "compile": "translator.cli.compile:compile_command",
        "check": "translator.cli.check:check_command",
        "diff": "translator.cli.diff:diff_command",
        "hook-compile": "translator.cli.check:hook_compile_command",
        "migrate": "translator.cli.migrate:migrate_command",
        "diagram": "translator.cli.diagram:diagram_command",
        "report": "translator.cli.report:report_command",
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

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; when its stdout was closed (``... | head -1``), end quietly, for every
        command in one place."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _discard_stdout()
            raise click.exceptions.Exit(EXIT_CLOSED_STDOUT) from None


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush of what is still buffered
    does not fail again (and print "Exception ignored ... BrokenPipeError") on the way out."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
    except OSError:
        return
    try:
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (an in-memory stdout, as under click's test runner)
    finally:
        os.close(null)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="amplify-schema-translator", prog_name="amplify-translate")
def main() -> None:
    """Compile AWS Amplify data models into the StartCodegenJob genericDataSchema."""


def run() -> None:
    """The ``amplify-translate`` executable: :func:`main` in a process of its own.

    A compile allocates many small objects without cycles (syntax trees); the collector's full
    passes over them cost more than the compile itself on large schemas. A command runs once and
    exits, so its process does without the collector; the library never touches it."""
    gc.disable()
    try:
        main()
    except UnsupportedDependency as error:  # a broken install: say what to do, no traceback
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
