#!/usr/bin/env python3
"""Diagram benchmark: ``amplify-translate diagram`` of a generated 1000-model schema.

The schema comes from ``bench_compile.generate_schema`` (hasMany/belongsTo chains, a manyToMany
every 10 models, an enum, a non-model, indexes, composite keys). Measured in process, median and
minimum of --runs runs after a warm-up, the benchmarks taking turns:

* ``diagram_paths`` end to end (read, parse, compile to the relationship model, graph, Mermaid),
  with the garbage collector off as the ``amplify-translate`` executable runs, and on, as a
  library caller has it;
* the same with ``--all`` and with ``--format dot`` (collector off);
* the graph and the Mermaid text alone, from an already compiled schema;
* ``--model`` with ``--depth 2`` (the neighbourhood search included);
* for comparison, ``compile`` of the same schema to JSON (what the diagram adds is the difference);
* for reference, the whole command in a fresh interpreter (``python -m translator diagram``).

Target: end-to-end Mermaid diagram of 1000 models < 1 s (collector off, as the command runs).
Prints a table and always exits 0.

usage: python bench/bench_diagram.py [--models N] [--runs N]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_compile import generate_schema  # noqa: E402

from translator.api import compile_paths  # noqa: E402
from translator.emit.diagram import build_diagram  # noqa: E402
from translator.emit.diagram_render import render_mermaid  # noqa: E402
from translator.overview import diagram_paths, load_overview, overview_diagram  # noqa: E402

TARGET_S = 1.0


def measure(rows: Sequence[tuple[str, Callable[[], object], bool, bool]], runs: int) -> list[list[float]]:
    """Seconds of each row's action, ``runs`` times each after one warm-up call. The rows take
    turns (one run of each per round) so that a busy machine slows them all alike."""
    timings: list[list[float]] = [[] for _ in rows]
    for round_number in range(runs + 1):
        for index, (_, action, collector, _) in enumerate(rows):
            if collector:
                gc.enable()
            else:
                gc.disable()
            try:
                start = time.perf_counter()
                action()
                elapsed = time.perf_counter() - start
            finally:
                gc.enable()
            if round_number:
                timings[index].append(elapsed)
    return timings


def command(path: Path) -> None:
    """The whole command in a fresh interpreter, output discarded."""
    subprocess.run([sys.executable, "-m", "translator", "diagram", str(path)], cwd=REPO, check=True,
                   stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(REPO)})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.graphql"
        path.write_text(generate_schema(args.models), "utf-8")
        overview = load_overview([path], warnings=False)
        text = diagram_paths([path])
        entities = text.count(" {\n")
        edges = sum(1 for line in text.splitlines() if " : " in line)
        rows: list[tuple[str, Callable[[], object], bool, bool]] = [
            ("diagram, end to end (collector off, as CLI)", lambda: diagram_paths([path]), False, True),
            ("diagram, end to end (collector on, library)", lambda: diagram_paths([path]), True, False),
            ("compile to JSON, for comparison", lambda: compile_paths([path]), False, False),
            ("diagram --all, end to end", lambda: diagram_paths([path], include_all=True), False, False),
            ("diagram --format dot, end to end", lambda: diagram_paths([path], fmt="dot"), False, False),
            ("graph + Mermaid text only",
             lambda: render_mermaid(build_diagram(overview.schema, overview.document)), False, False),
            ("--model Entity0500 --depth 2, graph + text",
             lambda: render_mermaid(overview_diagram(overview, models=["Entity0500"], depth=2)), False, False),
            ("python -m translator diagram (fresh process)", lambda: command(path), False, False),
        ]
        print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs; "
              f"{args.models} declared models -> {entities} entities, {edges} edges, {len(text)} characters")
        print()
        print(f"{'benchmark':<44} {'median':>10} {'min':>10}  target  verdict")
        print("-" * 84)
        for (label, _, _, targeted), timings in zip(rows, measure(rows, args.runs), strict=True):
            median, minimum = statistics.median(timings), min(timings)
            verdict = ("ok" if median < TARGET_S else "MISSED") if targeted else ""
            target = "< 1 s" if targeted else ""
            print(f"{label:<44} {median * 1000:7.1f} ms {minimum * 1000:7.1f} ms  {target:>6}  {verdict}")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - a benchmark reports, it does not fail
        print(f"benchmark failed: {error!r}")
    sys.exit(0)
