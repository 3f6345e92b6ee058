"""The ``report`` command: a Markdown document of a schema (diagram, models, keys, indexes,
relationships, warnings) to paste into a pull request or keep in the docs."""

from __future__ import annotations

from pathlib import Path

import click

from translator.cli.common import input_paths_argument
from translator.cli.diagram import run_and_print, selection_options


@click.command("report")
@input_paths_argument
@click.option("--title", help="The report's heading (default: 'Data model: PATHS').")
@selection_options
def report_command(paths: tuple[Path, ...], title: str | None, include_all: bool, models: tuple[str, ...],
                   depth: int, output: Path | None, feature_flags: tuple[str, ...]) -> None:
    """Print a Markdown report of PATHS: the diagram, then per model its fields, keys, indexes,
    relationships and the warnings check gives about it."""
    from translator.overview import report_paths
    from translator.project.sources import parse_flag_assignments

    def make() -> str:
        return report_paths(paths, include_all=include_all, models=models, depth=depth, title=title,
                            feature_flags=parse_flag_assignments(feature_flags))

    run_and_print(make, output)
