#!/usr/bin/env python3
"""Schema evolution benchmark.

(a) one process: ``translator.evolve.diff_paths`` of two generated 1000-model schemas (bench_compile's
    generator; NEW adds a field to every model, an @index to every 10th, and drops the last model),
    the first run and the median of --runs runs, with the garbage collector on (a library caller)
    and off (as the CLI runs); the comparison alone (``evolution.compare`` on the two compiled
    schemas), and one ``compile_source`` of NEW for scale (each side of a diff is a compile);
(b) cold CLI in a git repository holding the 16-model schema (``../shared/oracle/smoke/medium_store.graphql``,
    else the bundled blog example) with an uncommitted change: ``check --against HEAD FILE`` against
    ``check FILE``, each in a fresh interpreter, --cli-runs runs (min, median), and the ratio of medians.

Targets: (a) < 1 s; (b) check --against HEAD < 2x check. Prints a table and always exits 0.

usage: python bench/bench_evolution.py [--runs N] [--cli-runs N] [--models N]
"""

from __future__ import annotations

import argparse
import compileall
import gc
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MEDIUM_STORE = REPO.parent / "shared" / "oracle" / "smoke" / "medium_store.graphql"

for folder in (REPO, REPO / "bench"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from bench_compile import generate_schema  # noqa: E402

TARGET_DIFF_S = 1.0
TARGET_RATIO = 2.0


def changed(schema: str) -> str:
    """``schema`` one push later: a field more in every model, an index more on every 10th,
    the last model gone (and what pointed at it)."""
    out, count = [], 0
    for block in schema.split("\n\n"):
        match = re.match(r"type (Entity\d+) @model", block)
        if match is not None:
            count += 1
            extra = "  addedNote: String" + (" @index" if count % 10 == 0 else "")
            block = block.replace("\n}", f"\n{extra}\n}}", 1) if block.endswith("}") else block
        out.append(block)
    text = "\n\n".join(out)
    last = max(re.findall(r"type (Entity\d+) @model", text))
    text = "\n\n".join(b for b in text.split("\n\n") if not b.startswith(f"type {last} @model"))
    return "\n".join(line for line in text.splitlines() if f": {last}" not in line and f"[{last}]" not in line)


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:10.1f} ms"


def bench_diff(models: int, runs: int, collector: bool) -> tuple[list[float], list[float], list[float], str]:
    from translator import compile_source
    from translator.evolution import Options, compare
    from translator.evolve import diff_paths, load_side

    old_text = generate_schema(models)
    new_text = changed(old_text)
    (gc.enable if collector else gc.disable)()
    with tempfile.TemporaryDirectory() as folder:
        old, new = Path(folder) / "old.graphql", Path(folder) / "new.graphql"
        old.write_text(old_text, encoding="utf-8")
        new.write_text(new_text, encoding="utf-8")
        timings, summary = [], ""
        for _ in range(runs):
            start = time.perf_counter()
            result = diff_paths(old, new)
            timings.append(time.perf_counter() - start)
            codes: dict[str, int] = {}
            for d in result.diagnostics:
                codes[d.code] = codes.get(d.code, 0) + 1
            summary = ", ".join(f"{n} {c}" for c, n in sorted(codes.items()))
        sides = load_side([old]), load_side([new])
        compares, compiles = [], []
        for _ in range(runs):
            start = time.perf_counter()
            compare(*sides, Options())
            compares.append(time.perf_counter() - start)
            start = time.perf_counter()
            compile_source(new_text)
            compiles.append(time.perf_counter() - start)
    gc.enable()
    return timings, compares, compiles, summary


def _exit(args: list[str], cwd: Path) -> int:
    """The exit code of one run (both commands must get as far as the same verdict)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PYTHONPATH"] = str(REPO)
    command = [sys.executable, "-m", "translator", *args, "schema.graphql"]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False).returncode


def _cold(args: list[str], cwd: Path, runs: int) -> list[float]:
    timings = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PYTHONPATH"] = str(REPO)
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "translator", *args], cwd=cwd, env=env, capture_output=True, check=False)
        timings.append(time.perf_counter() - start)
    return timings


def bench_cli(runs: int) -> tuple[str, list[float], list[float], list[int]] | None:
    git = shutil.which("git")
    if git is None:
        return None
    source = MEDIUM_STORE if MEDIUM_STORE.is_file() else REPO / "examples" / "blog.graphql"
    compileall.compile_dir(str(REPO / "translator"), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        schema = root / "schema.graphql"
        text = source.read_text(encoding="utf-8")
        schema.write_text(text, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        commit = ["-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "s"]
        for command in (["init", "-q"], ["add", "."], commit):
            subprocess.run([git, *command], cwd=root, env=env, check=True, capture_output=True)
        # A field more in the first model: a change to compare, nothing refused.
        schema.write_text(re.sub(r"(type \w+ @model[^{]*\{\n)", r"\1  benchNote: String\n", text, count=1),
                          encoding="utf-8")
        check = _cold(["check", "schema.graphql"], root, runs)
        against = _cold(["check", "--against", "HEAD", "schema.graphql"], root, runs)
        exits = [_exit(args, root) for args in (["check"], ["check", "--against", "HEAD"])]
    return source.name, check, against, exits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cli-runs", type=int, default=10)
    parser.add_argument("--models", type=int, default=1000)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs\n")
    print(f"{'benchmark':<48} {'min':>12} {'median':>14}  {'target':>8}  verdict")
    print("-" * 96)
    for collector in (True, False):
        timings, compares, compiles, summary = bench_diff(args.models, args.runs, collector)
        median = statistics.median(timings)
        verdict = "ok" if median < TARGET_DIFF_S else "MISSED"
        label = f"diff, {args.models} models, collector {'on' if collector else 'off'}"
        print(f"{label:<48} {_ms(min(timings)):>12} {_ms(median):>14}  {'< 1 s':>8}  {verdict}")
        print(f"{'  of which compare()':<48} {_ms(min(compares)):>12} {_ms(statistics.median(compares)):>14}")
        scale = "  for scale: one compile_source of NEW"
        print(f"{scale:<48} {_ms(min(compiles)):>12} {_ms(statistics.median(compiles)):>14}")
        print(f"    first run {_ms(timings[0]).strip()}; findings: {summary}")
    cli = bench_cli(args.cli_runs)
    if cli is None:
        print("cold CLI: git is not installed")
        return 0
    name, check, against, exits = cli
    ratio = statistics.median(against) / statistics.median(check)
    print(f"{f'cold check ({name})':<48} {_ms(min(check)):>12} {_ms(statistics.median(check)):>14}")
    print(f"{'cold check --against HEAD':<48} {_ms(min(against)):>12} {_ms(statistics.median(against)):>14}")
    verdict = "ok" if ratio < TARGET_RATIO else "MISSED"
    print(f"{'  ratio of medians':<48} {'':>12} {ratio:>14.2f}  {'< 2':>8}  {verdict}")
    print(f"    exit codes: check {exits[0]}, check --against HEAD {exits[1]} (0: the change passes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
