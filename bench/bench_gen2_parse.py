#!/usr/bin/env python3
"""Gen 2 (``resource.ts``) front-end benchmark.

(a) parse time of the largest file of the real-world corpus (``../shared/corpus/real/gen2``);
(b) parse time of generated data definitions of 50, 100, 200 and 400 models (the 200-model file is
    the reference size), with the 400/100 ratio to show growth is linear;
(c) the whole front end (parse, evaluate, lower) on the same files.

Times are the minimum over --runs runs after one warm-up (the parser tables are built, and cached
by lark, on first use; that one-time cost is printed separately). On a busy machine the CPU time
of the largest file is printed too.
Targets: largest real file < 50 ms to parse; 400/100 ratio < 5 (linear growth).
Prints a table and always exits 0.

usage: python bench/bench_gen2_parse.py [--corpus DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus" / "real" / "gen2"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TARGET_LARGEST_MS = 50.0
TARGET_RATIO = 5.0
SIZES = (50, 100, 200, 400)


def generated(models: int) -> str:
    """A data definition with ``models`` models, each with scalars, an enum, an index and a relation."""
    lines = [
        "import { type ClientSchema, a, defineData } from '@aws-amplify/backend';",
        "",
        "const schema = a",
        "  .schema({",
    ]
    for i in range(models):
        parent = f"Model{i - 1}" if i else None
        lines += [
            f"    // model {i}: scalars, an inline enum, an index and a relation",
            f"    Model{i}: a",
            "      .model({",
            "        name: a.string().required(),",
            "        count: a.integer().default(0),",
            "        ratio: a.float(),",
            "        tags: a.string().array(),",
            "        status: a.enum(['ACTIVE', 'ARCHIVED']),",
            "        createdOn: a.datetime(),",
            f"        children: a.hasMany('Model{i + 1}', 'parentId'),"
            if i + 1 < models
            else "        leaf: a.boolean(),",
        ]
        if parent:
            lines += ["        parentId: a.id(),", f"        parent: a.belongsTo('{parent}', 'parentId'),"]
        lines += [
            "      })",
            "      .secondaryIndexes((index) => [index('name').sortKeys(['createdOn']).queryField(`byName"
            + str(i)
            + "`)])",
            "      .authorization((allow) => [allow.owner(), allow.authenticated().to(['read'])]),",
        ]
    lines += [
        "  })",
        "  .authorization((allow) => [allow.publicApiKey()]);",
        "",
        "export type Schema = ClientSchema<typeof schema>;",
        "export const data = defineData({ schema, authorizationModes: { defaultAuthorizationMode: 'userPool' } });",
        "",
    ]
    return "\n".join(lines)


def best(action: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter) -> float:
    """The fastest of ``runs`` runs after a warm-up (``clock``: wall time by default)."""
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = clock()
        action()
        times.append(clock() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    start = time.perf_counter()
    from translator.frontends.gen2 import load_gen2
    from translator.frontends.gen2.syntax.parser import grammar_parser, parse_module

    grammar_parser()
    parse_module("const x = 1;", "warm.ts")
    print(f"parser set-up (import + lark tables, first use): {(time.perf_counter() - start) * 1000:8.1f} ms")
    print(f"{'file':48} {'lines':>6} {'parse':>10} {'front end':>10}")

    largest_ms: float | None = None
    files = sorted(args.corpus.glob("*.ts"), key=lambda p: p.stat().st_size) if args.corpus.is_dir() else []
    if files:
        path = files[-1]
        text = path.read_text("utf-8")
        parse_s = best(lambda: parse_module(text, str(path)), args.runs)
        cpu_s = best(lambda: parse_module(text, str(path)), args.runs, time.process_time)
        try:
            front_s: float | None = best(lambda: load_gen2(path), args.runs)
        except Exception:  # noqa: BLE001 - a benchmark reports, it does not fail
            front_s = None
        largest_ms = parse_s * 1000
        front = "-" if front_s is None else f"{front_s * 1000:8.1f} ms"
        print(f"{path.name[:48]:48} {text.count(chr(10)):6d} {largest_ms:8.1f} ms {front:>10}")
        print(f"{'  (same file, CPU time of the process)':48} {'':6} {cpu_s * 1000:8.1f} ms")
    else:
        print(f"(corpus not found at {args.corpus}; skipping the real-file measurement)")

    parse_ms: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            text = generated(size)
            path = Path(folder) / f"generated_{size}.ts"
            path.write_text(text, encoding="utf-8")
            parse_ms[size] = best(lambda t=text, p=path: parse_module(t, str(p)), args.runs) * 1000
            front_ms = best(lambda p=path: load_gen2(p), max(2, args.runs // 2)) * 1000
            print(
                f"{'generated, ' + str(size) + ' models':48} {text.count(chr(10)):6d} "
                f"{parse_ms[size]:8.1f} ms {front_ms:8.1f} ms"
            )

    ratio = parse_ms[400] / parse_ms[100]
    print(f"parse time 400/100 models: {ratio:.2f} (linear: 4.0; target < {TARGET_RATIO})")
    if largest_ms is not None:
        verdict = "ok" if largest_ms < TARGET_LARGEST_MS else "OVER TARGET"
        print(f"largest real file: {largest_ms:.1f} ms (target < {TARGET_LARGEST_MS:.0f} ms): {verdict}")
    print(f"growth: {'ok' if ratio < TARGET_RATIO else 'NOT LINEAR'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
