"""The ``diagram`` command: the ER diagram of a schema as Mermaid or Graphviz text; the options and
error handling it shares with ``report``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from translator.cli.common import (
    echo_stdout,
    exit_on_problems,
    feature_flag_option,
    input_paths_argument,
    output_path_type,
)


def selection_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options both commands share: what to show, and where to write it."""
    options = [
        click.option("--all", "include_all", is_flag=True, help="Show non-models and enums too."),
        click.option("--model", "models", multiple=True, metavar="NAME",
                     help="Only this model and its neighbourhood (repeatable)."),
        click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True,
                     help="With --model: how many relationships away to go (a join model is no step)."),
        click.option("-o", "--output", type=output_path_type,
                     help="Write here (atomically, only when it changes) instead of stdout."),
        feature_flag_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def run_and_print(make: Callable[[], str], output: Path | None) -> None:
    """Print or write what ``make`` returns; schema errors exit 1, I/O and usage problems 2."""
    from translator.core.files import write_if_changed
    from translator.emit.diagram import UnknownEntityError

    try:
        with exit_on_problems():
            text = make()
            if output is None:
                echo_stdout(text)
            else:
                write_if_changed(output, text)
    except UnknownEntityError as error:
        shown = ", ".join(error.known[:20]) + (", ..." if len(error.known) > 20 else "")
        raise click.BadParameter(f"{error}; the schema has: {shown or 'no models'}",
                                 param_hint="'--model'") from None


@click.command("diagram")
@input_paths_argument
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid", show_default=True,
              help="Mermaid erDiagram (renders in GitHub/GitLab Markdown) or Graphviz DOT.")
@selection_options
def diagram_command(paths: tuple[Path, ...], fmt: str, include_all: bool, models: tuple[str, ...], depth: int,
                    output: Path | None, feature_flags: tuple[str, ...]) -> None:
    """Print the entity-relationship diagram of PATHS (anything compile takes): every model with
    its fields, keys (PK, FK, implicit ones too) and relationships, join models marked."""
    from translator.overview import diagram_paths
    from translator.project.sources import parse_flag_assignments

    def make() -> str:
        return diagram_paths(paths, fmt=fmt, include_all=include_all, models=models, depth=depth,
                             feature_flags=parse_flag_assignments(feature_flags))

    run_and_print(make, output)
