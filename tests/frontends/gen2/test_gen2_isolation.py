"""Every compile stands alone: a Gen 2 file gives the same result whatever was compiled before it
in the same process, and the same as in a process of its own.

Some files change what data-schema hands them (``allow.owner = allow.guest``): in Node each file
is its own process, so that change must not reach the next file here either."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, TESTS
from isolation_worker import result_of

HEADER = "import { a, defineData } from '@aws-amplify/backend';\n"
# Files that change the objects Amplify's builders hand to callbacks, then use them.
MUTATORS = {
    "owner_becomes_guest": "allow.owner = allow.guest; return [allow.owner()];",
    "public_removed": "delete allow.publicApiKey; return [allow.publicApiKey()];",
    "new_rule": "allow.everyone = allow.publicApiKey; return [allow.everyone()];",
}
PLAIN = "return [allow.owner(), allow.publicApiKey()];"


def _write(folder: Path, name: str, body: str) -> Path:
    path = folder / name / "amplify" / "data" / "resource.ts"
    path.parent.mkdir(parents=True)
    path.write_text(
        HEADER
        + "const schema = a.schema({\n"
        + "  Todo: a.model({ title: a.string(), owner: a.string() })\n"
        + "    .secondaryIndexes((index) => { index.extra = 1; return [index('title')]; })\n"
        + f"    .authorization((allow) => {{ {body} }}),\n"
        + "});\nexport const data = defineData({ schema });\n"
    )
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("isolation")
    made = [_write(folder, name, body) for name, body in MUTATORS.items()]
    made += [_write(folder, f"plain_{i}", PLAIN) for i in range(2)]
    ours = sorted((TESTS / "gen2" / "cases").glob("*.ts"))
    corpus = sorted((CORPUS / "gen2").glob("*.ts")) if CORPUS.is_dir() else []
    return made + ours + corpus


@pytest.fixture(scope="module")
def alone(files: list[Path]) -> dict[Path, object]:
    """Each file compiled in a fresh process."""
    worker = Path(__file__).with_name("isolation_worker.py")
    done = subprocess.run(
        [sys.executable, str(worker)], input="\n".join(map(str, files)), capture_output=True, text=True,
        check=True, timeout=600,
    )
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(files), done.stderr
    return dict(zip(files, results, strict=True))


def test_mutating_files_do_what_node_does(alone: dict[Path, object]) -> None:
    by_name = {path.parts[-4]: result for path, result in alone.items()}
    assert all("ok" in by_name[name] for name in ("owner_becomes_guest", "new_rule", "plain_0")), by_name
    assert "errors" in by_name["public_removed"]  # allow.publicApiKey() is no longer a function


@pytest.mark.parametrize("order", ["forward", "reverse", "shuffled-1", "shuffled-2"])
def test_same_result_in_any_order_as_alone(order: str, files: list[Path], alone: dict[Path, object]) -> None:
    sequence = list(files)
    if order == "reverse":
        sequence.reverse()
    elif order.startswith("shuffled"):
        random.Random(int(order[-1])).shuffle(sequence)
    differing = [path for path in sequence if result_of(str(path)) != alone[path]]
    assert differing == []
