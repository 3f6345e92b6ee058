#!/usr/bin/env python3
"""Remake the golden diagrams with the command itself: for each case of ``cases.json``,
``amplify-translate diagram ARGS`` as ``NAME.mmd`` and with ``--format dot`` as ``NAME.dot``.

Run from anywhere: ``python tests/golden/diagrams/remake.py``. Review what changed (render the
Mermaid files, e.g. in a Markdown preview, and the DOT files with ``dot -Tsvg``) before committing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]


def main() -> int:
    cases = json.loads((HERE / "cases.json").read_text("utf-8"))
    for case in cases:
        for fmt, suffix in (("mermaid", ".mmd"), ("dot", ".dot")):
            done = subprocess.run(
                [sys.executable, "-m", "translator", "diagram", *case["args"], "--format", fmt],
                cwd=REPO, capture_output=True, text=True, check=False,
            )
            if done.returncode != 0:
                print(f"{case['name']}: exit {done.returncode}\n{done.stderr}", file=sys.stderr)
                return 1
            (HERE / f"{case['name']}{suffix}").write_text(done.stdout, "utf-8")
    print(f"{len(cases)} cases written to {HERE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
