#!/usr/bin/env python3
"""Large-schema benchmark: time and peak memory of ``compile`` and ``check`` on a 20 MB schema.

The schema is ``bench_compile.generate_schema`` (the realistic mix of scalars, enums, a
non-model type, hasMany/belongsTo chains, manyToMany pairs, indexes and composite keys) with as
many models as make ``--megabytes`` MB. Each command runs as the CLI does, in a fresh interpreter
(``python -m translator``), its stdout and stderr sent to files; the figures are the wall time,
the CPU time (user + system, steadier than wall time on a busy machine) and the peak resident
set size of that process (from ``wait4``).

Targets (issue 16): compile < 10 s and < 500 MB; check no more than compile.
Prints a table and always exits 0.

usage: python bench/bench_large.py [--megabytes 20] [--runs 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from bench_compile import generate_schema  # noqa: E402 - after sys.path is set

TARGET_SECONDS = 10.0
TARGET_MB = 500.0


def schema_of_size(megabytes: float) -> str:
    """The generated schema with as many models as make about ``megabytes`` MB."""
    target = int(megabytes * 1_000_000)
    per_model = len(generate_schema(1000)) / 1000
    return generate_schema(max(1, round(target / per_model)))


def run_once(args: list[str], folder: Path) -> tuple[float, float, float, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code) of ``python -m translator ARGS``.
    CPU time (user + system) is the figure to compare on a busy machine."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with open(folder / "stdout", "wb") as out, open(folder / "stderr", "wb") as err:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "translator", *args], cwd=folder, env=env,
                                   stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, process.returncode  # ru_maxrss is in KiB on Linux


def main() -> None:
    """Generate the schema, run compile and check, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=1, help="runs of each command; the best is reported")
    parser.add_argument("--keep", type=Path, help="write the schema and outputs here instead of a temp folder")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        text = schema_of_size(options.megabytes)
        (folder / "schema.graphql").write_text(text, encoding="utf-8")
        models = text.count("@model")
        print(f"schema: {len(text.encode()) / 1e6:.1f} MB, {text.count(chr(10))} lines, {models} models")
        print(f"{'command':<10} {'wall s':>9} {'CPU s':>9} {'peak MB':>9} {'exit':>5}  target (CPU time, peak)")
        figures: dict[str, tuple[float, float]] = {}
        for name, args in (("compile", ["compile", "schema.graphql"]), ("check", ["check", "schema.graphql"])):
            runs = [run_once(args, folder) for _ in range(options.runs)]
            wall = min(r[0] for r in runs)
            seconds = min(r[1] for r in runs)
            peak = min(r[2] for r in runs)
            code = runs[0][3]
            figures[name] = (seconds, peak)
            if name == "compile":
                target = f"< {TARGET_SECONDS:.0f} s, < {TARGET_MB:.0f} MB"
                ok = seconds < TARGET_SECONDS and peak < TARGET_MB
            else:
                target = "<= compile"
                ok = seconds <= figures["compile"][0] * 1.05 and peak <= figures["compile"][1] * 1.05
            verdict = "ok" if ok else "MISSED"
            print(f"{name:<10} {wall:>9.2f} {seconds:>9.2f} {peak:>9.0f} {code:>5}  {target}: {verdict}")
            if code not in (0, 1):
                print((folder / "stderr").read_text(encoding="utf-8", errors="replace")[-2000:])


if __name__ == "__main__":
    main()
