"""Differential run of our migration against Amplify's migrator on generated v1 schemas.

    python tests/migrate/differential.py [--count 500] [--seed 1] [--oracle /tmp/amplify-oracle] [--show 5]

Generates small random transformer v1 schemas (keys of every form, connections on lists and
single fields, owner/group/private/public rules with and without operations, every auth mode,
inline and one-per-line layouts with comments), runs Amplify's migrator on all of them in one
Node process (``reference/v1migrate_batch.cjs``, the logic of ``v1migrate.cjs``) and compares:
both refuse, or both migrate to the same syntax tree. Prints the disagreements; a minimal one
belongs in ``cases/`` as a new case. Not a test: it needs Node and the installed oracle.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migrate.cases_io import canonical_sdl  # noqa: E402

from translator.core.diagnostics import CompilationError  # noqa: E402
from translator.core.document import SchemaSource  # noqa: E402
from translator.frontends.graphql.migrate import migrate_sources  # noqa: E402

MODES = ("apiKey", "userPools", "iam", "oidc", "lambda")
OPERATIONS = ("create", "read", "update", "delete", "get", "list")


def _string_list(rng: random.Random, names: list[str]) -> str:
    return "[" + ", ".join(f'"{n}"' for n in names) + "]"


def _key(rng: random.Random, fields: list[str]) -> str:
    chosen = rng.sample(fields, k=min(len(fields), rng.randint(1, 3)))
    if rng.random() < 0.08:
        chosen[0] = "missing"
    arguments = [f"fields: {_string_list(rng, chosen)}" if rng.random() > 0.05 else f'fields: "{chosen[0]}"']
    if rng.random() < 0.6:
        arguments.append(f'name: "by{chosen[0].capitalize()}{rng.randint(0, 9)}"')
        if rng.random() < 0.5:
            arguments.append(f'queryField: "q{rng.randint(0, 99)}"')
    rng.shuffle(arguments)
    return f"@key({', '.join(arguments)})"


def _rule(rng: random.Random) -> str:
    strategy = rng.choice(("owner", "owner", "groups", "private", "public"))
    parts = [f"allow: {strategy}"]
    if strategy == "groups":
        parts.append('groups: ["Admin"]')
    if strategy in ("private", "public") and rng.random() < 0.5:
        parts.append(f"provider: {rng.choice(('iam', 'userPools', 'apiKey', 'oidc'))}")
    if rng.random() < 0.6:
        operations = rng.sample(OPERATIONS, k=rng.randint(0, 4))
        parts.append(f"operations: [{', '.join(operations)}]" if rng.random() > 0.05 else "operations: create")
    rng.shuffle(parts)
    return "{" + ", ".join(parts) + "}"


def _connection(rng: random.Random, fields: list[str]) -> str:
    form = rng.random()
    if form < 0.25:
        return "@connection"
    arguments = [f"fields: {_string_list(rng, rng.sample(fields, k=min(len(fields), rng.randint(1, 2))))}"]
    if form < 0.7:
        arguments.insert(0, f'keyName: "by{rng.choice(fields).capitalize()}{rng.randint(0, 9)}"')
    return f"@connection({', '.join(arguments)})"


def generate(rng: random.Random) -> str:
    names = [f"T{i}" for i in range(rng.randint(2, 4))]
    blocks = []
    for name in names:
        scalars = [f"f{i}" for i in range(rng.randint(1, 4))]
        fields = [f"  {f}: {rng.choice(('ID!', 'String', 'String!', 'Int!'))}" for f in scalars]
        if rng.random() < 0.85:
            fields.insert(0, "  id: ID!")
            scalars.insert(0, "id")
        for index in range(rng.randint(0, 2)):
            target = rng.choice(names)
            type_ = f"[{target}]" if rng.random() < 0.5 else target
            comment = "  # related\n" if rng.random() < 0.2 else ""
            fields.append(f"{comment}  r{index}: {type_} {_connection(rng, scalars)}")
        directives = ["@model"] if rng.random() < 0.9 else []
        directives += [_key(rng, scalars) for _ in range(rng.choice((0, 0, 1, 1, 2, 3)))]
        if rng.random() < 0.6:
            rules = [_rule(rng) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.3:
                directives.append("@auth(rules: [\n    " + ",\n    ".join(rules) + "\n  ])")
            else:
                directives.append(f"@auth(rules: [{', '.join(rules)}])")
        rng.shuffle(directives)
        separator = "\n  " if rng.random() < 0.3 else " "
        head = f"type {name}{separator if directives else ''}{separator.join(directives)}"
        blocks.append(f"{head} {{\n" + "\n".join(fields) + "\n}\n")
    return "\n".join(blocks)


# Our codes for each kind of refusal of Amplify's (its message says which step refused).
_REFUSAL_CODES = (
    ("deprecated parameterization", {"E131"}),
    ("queries or mutations", {"E132"}),
    ("Syntax Error", {"E001", "E138"}),
    ("Schema validation failed", {"E130", "E133"}),
    ("from an older version", {"E130"}),
    ("Cannot read properties", {"E134", "E135", "E136"}),
)


def ours(text: str, mode: str) -> str | set[str]:
    """Our canonical migrated schema, or the codes of our refusal."""
    try:
        [migrated] = migrate_sources([SchemaSource("schema.graphql", text)], mode)  # type: ignore[arg-type]
    except CompilationError as error:
        return {d.code for d in error.diagnostics}
    return canonical_sdl(migrated.text)


def same_refusal(message: str, codes: set[str]) -> bool:
    """Whether our refusal names the step Amplify's refused at (we report every problem at once)."""
    return any(codes & expected for text, expected in _REFUSAL_CODES if text in message)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--oracle", type=Path, default=Path("/tmp/amplify-oracle"))
    parser.add_argument("--show", type=int, default=5)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    jobs = [{"id": i, "text": generate(rng), "authMode": rng.choice(MODES)} for i in range(options.count)]
    done = subprocess.run(["node", str(Path(__file__).parent / "reference" / "v1migrate_batch.cjs"),
                           str(options.oracle.resolve())], input="\n".join(json.dumps(j) for j in jobs) + "\n",
                          capture_output=True, text=True, check=True)
    results = {r["id"]: r for r in map(json.loads, done.stdout.splitlines())}
    disagreements, tally = [], {"both refuse": 0, "same migration": 0, "lambda allow: undefined": 0}
    for job in jobs:
        reference, got = results[job["id"]], ours(job["text"], job["authMode"])
        if "refused" in reference and isinstance(got, set) and same_refusal(reference["refused"], got):
            tally["both refuse"] += 1
        elif "sdl" in reference and isinstance(got, str) and canonical_sdl(reference["sdl"]) == got:
            tally["same migration"] += 1
        elif "sdl" in reference and got == {"E137"} and "allow: undefined" in reference["sdl"]:
            tally["lambda allow: undefined"] += 1  # our one deliberate refusal
        else:
            disagreements.append((job, reference, got))
    print(json.dumps(tally), f"disagreements: {len(disagreements)}")
    for job, reference, got in disagreements[: options.show]:
        print(f"--- #{job['id']} ({job['authMode']})\n{job['text']}--- Amplify:\n"
              f"{reference.get('sdl') or reference.get('refused')}\n--- ours:\n{got}")


if __name__ == "__main__":
    main()
