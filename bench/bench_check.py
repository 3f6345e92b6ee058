#!/usr/bin/env python3
"""``check`` benchmark over the real-world corpus (``../shared/corpus/real/v2``, 118 schemas).

(a) one process: ``translator.check.check_paths`` over every schema at once (import time apart;
    the first run, then the median of --runs runs);
(b) one CLI run per schema: ``python -m translator check PATH`` in a fresh interpreter each time
    (total wall time, per-run mean, median, min and max).

Targets: one process < 5 s for the whole corpus; per-run cold start < 0.3 s (median).
Verdicts are on wall time; CPU time is printed too, as wall time suffers on a loaded machine.
Prints a table and always exits 0; without the corpus it says so and exits 0.

usage: python bench/bench_check.py [--corpus DIR] [--runs N] [--cli-limit N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "real" / "v2"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TARGET_IN_PROCESS_S = 5.0
TARGET_CLI_S = 0.3


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds * 1000:10.1f} ms"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("ok" if ok else "MISSED")


@dataclass
class InProcess:
    """``check_paths`` over the corpus in this interpreter."""

    imported: float
    timings: list[float]
    cpu: list[float]
    errors: int
    warnings: int
    source_errors: int


@dataclass
class Cli:
    """One fresh interpreter per schema."""

    total: float
    timings: list[float]
    cpu: list[float] = field(default_factory=list)
    exits: dict[int, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


def _children_cpu() -> float:
    """User + system CPU seconds of finished child processes (0 where unsupported)."""
    try:
        import resource  # noqa: PLC0415 - POSIX only
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_in_process(paths: list[Path], runs: int) -> InProcess:
    """Import time, then ``runs`` timed ``check_paths`` calls over every schema."""
    start = time.perf_counter()
    from translator.check import check_paths  # noqa: PLC0415 - imports are part of what is measured

    imported = time.perf_counter() - start
    timings: list[float] = []
    cpu: list[float] = []
    for _ in range(max(runs, 1)):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = check_paths(paths)
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return InProcess(imported, timings, cpu, result.errors, result.warnings, len(result.source_errors))


def bench_cli(paths: list[Path]) -> Cli:
    """``python -m translator check PATH`` for each schema, each in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # As installed: bytecode compiled once (pip does it), not again in every run.
    compileall.compile_dir(REPO / "translator", quiet=1)
    out = Cli(0.0, [])
    total_start = time.perf_counter()
    for path in paths:
        start, start_cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run([sys.executable, "-m", "translator", "check", str(path)], cwd=REPO, env=env,
                              capture_output=True, text=True, timeout=120, check=False)
        out.timings.append(time.perf_counter() - start)
        out.cpu.append(_children_cpu() - start_cpu)
        out.exits[done.returncode] = out.exits.get(done.returncode, 0) + 1
        if done.returncode not in (0, 1) and len(out.failures) < 3:
            last = (done.stderr.strip().splitlines() or ["(no stderr)"])[-1]
            out.failures.append(f"{path.name}: exit {done.returncode}: {last[:120]}")
    out.total = time.perf_counter() - total_start
    return out


def _row(label: str, seconds: float | None, target: str = "", ok: bool | None = None) -> str:
    verdict = _verdict(ok) if target else ""
    return f"{label:<46} {_ms(seconds):>13}  {target:>8}  {verdict}".rstrip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"folder of .graphql files (default {CORPUS})")
    parser.add_argument("--runs", type=int, default=3, help="in-process runs over the whole corpus (default 3)")
    parser.add_argument("--cli-limit", type=int, default=0, help="CLI runs on the first N schemas only (0: all)")
    args = parser.parse_args()

    paths = sorted(args.corpus.glob("*.graphql")) if args.corpus.is_dir() else []
    if not paths:
        print(f"corpus not found or empty: {args.corpus}; nothing to benchmark (skipped)")
        return 0
    cli_paths = paths[: args.cli_limit] if args.cli_limit > 0 else paths

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPU(s), load average {load:.2f}")
    print(f"corpus: {args.corpus} ({len(paths)} schemas)")
    print()

    inproc: InProcess | None = None
    cli: Cli | None = None
    try:
        inproc = bench_in_process(paths, args.runs)
    except Exception as error:  # noqa: BLE001 - a benchmark reports, it does not fail
        print(f"one process: failed: {error!r}")
    try:
        cli = bench_cli(cli_paths)
    except Exception as error:  # noqa: BLE001
        print(f"CLI: failed: {error!r}")

    print(f"{'benchmark':<46} {'time':>13}  {'target':>8}  verdict")
    print("-" * 80)
    if inproc is not None:
        first, median = inproc.timings[0], statistics.median(inproc.timings)
        print(_row("one process: import translator.check", inproc.imported))
        print(_row(f"one process: check_paths x{len(paths)}, first run", first, "< 5 s", first < TARGET_IN_PROCESS_S))
        print(_row(f"one process: check_paths, median of {len(inproc.timings)}", median, "< 5 s",
                   median < TARGET_IN_PROCESS_S))
        print(_row("one process: CPU time, median run", statistics.median(inproc.cpu)))
        print(_row("one process: per schema (median run)", median / len(paths)))
        print(f"    found {inproc.errors} error(s), {inproc.warnings} warning(s), "
              f"{inproc.source_errors} I/O problem(s); runs: {', '.join(f'{s:.2f} s' for s in inproc.timings)}")
    if cli is not None:
        median = statistics.median(cli.timings)
        print(_row(f"CLI: {len(cli_paths)} separate runs, total", cli.total))
        print(_row("CLI: per run, mean", statistics.fmean(cli.timings)))
        print(_row("CLI: per run, median", median, "< 0.3 s", median < TARGET_CLI_S))
        print(_row("CLI: per run, min", min(cli.timings)))
        print(_row("CLI: per run, max", max(cli.timings)))
        if any(cli.cpu):
            print(_row("CLI: per run, CPU time (user+sys), median", statistics.median(cli.cpu)))
        print(f"    exit codes: {', '.join(f'{code}: {count}' for code, count in sorted(cli.exits.items()))}")
        for failure in cli.failures:
            print(f"    note: {failure}")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # noqa: BLE001 - always exit 0
        print(f"benchmark failed: {error!r}")
    sys.exit(0)
