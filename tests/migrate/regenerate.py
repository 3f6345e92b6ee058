"""Remake the migration reference files with Amplify's own code (never edit them by hand).

    python tests/migrate/regenerate.py [--oracle /tmp/amplify-oracle] [--corpus ../shared/corpus/real/v1]

Needs the installed reference oracle (``../shared/oracle/README.md``: copy it to /tmp and
``npm ci``). For every case of ``cases/`` it runs Amplify's migrator (``v1migrate.cjs`` for a
file, ``reference/migrate_api.cjs`` for an API folder) with the case's auth mode, writes the
migrated schema or the refusal, then runs ``generic.mjs --batch`` over the migrated schemas and
writes each one's genericDataSchema or rejection. With ``--corpus`` it also remakes
``corpus_v1.json``: for each v1 corpus schema, fingerprints (not copies) of Amplify's migrated
schema and of its compile, or the refusal.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from migrate.cases_io import (  # noqa: E402
    CORPUS_FINGERPRINTS,
    MigrationCase,
    canonical_sdl,
    json_fingerprint,
    migration_cases,
    order_fingerprint,
    sha256,
)

REFERENCE = Path(__file__).resolve().parent / "reference"


def _migrate_file(oracle: Path, schema: Path, auth_mode: str) -> tuple[str | None, str | None]:
    done = subprocess.run(["node", "v1migrate.cjs", str(schema), "--auth-mode", auth_mode], cwd=oracle,
                          capture_output=True, text=True, check=False)
    return (done.stdout, None) if done.returncode == 0 else (None, done.stderr.strip())


def _migrate_folder(oracle: Path, folder: Path, auth_mode: str) -> tuple[dict[str, str] | None, str | None]:
    done = subprocess.run(["node", str(REFERENCE / "migrate_api.cjs"), str(oracle), str(folder),
                           "--auth-mode", auth_mode], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None, done.stderr.strip()
    files: dict[str, str] = json.loads(done.stdout)["files"]
    return files, None


def _clear(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _batch_compile(oracle: Path, batch: Path, out: Path) -> None:
    subprocess.run(["node", "generic.mjs", "--batch", str(batch), str(out)], cwd=oracle, check=True)


def regenerate_cases(oracle: Path) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        batch, out = Path(scratch) / "in", Path(scratch) / "out"
        batch.mkdir()
        out.mkdir()
        migrated: list[MigrationCase] = []
        for case in migration_cases():
            _clear(case.migrated, case.refused, case.compiled, case.rejected)
            if case.is_folder:
                files, refusal = _migrate_folder(oracle, case.path, case.auth_mode)
            else:
                text, refusal = _migrate_file(oracle, case.path, case.auth_mode)
                files = None if text is None else {case.path.name: text}
            if files is None:
                case.refused.write_text((refusal or "") + "\n", encoding="utf-8")
                print(f"{case.name}: refused", file=sys.stderr)
                continue
            migrated.append(case)
            if case.is_folder:
                api = batch / case.name
                shutil.copytree(case.path, api, ignore=shutil.ignore_patterns("schema"))
                for relative, text in files.items():
                    for root in (case.migrated, api):
                        (root / relative).parent.mkdir(parents=True, exist_ok=True)
                        (root / relative).write_text(text, encoding="utf-8")
            else:
                case.migrated.write_text(files[case.path.name], encoding="utf-8")
                (batch / f"{case.name}.graphql").write_text(files[case.path.name], encoding="utf-8")
        _batch_compile(oracle, batch, out)
        for case in migrated:
            for source, target in ((out / f"{case.name}.json", case.compiled),
                                   (out / f"{case.name}.error.txt", case.rejected)):
                if source.exists():
                    shutil.copyfile(source, target)


def regenerate_corpus(oracle: Path, corpus: Path) -> None:
    entries: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        batch, out = Path(scratch) / "in", Path(scratch) / "out"
        batch.mkdir()
        out.mkdir()
        for schema in sorted(corpus.glob("*.graphql")):
            text, refusal = _migrate_file(oracle, schema, "apiKey")
            if text is None:
                # The message only: graphql's excerpt of the schema after it is not kept.
                entries[schema.name] = {"refused": (refusal or "").split(" GraphQL request")[0]}
                continue
            entries[schema.name] = {"migrated_sha256": sha256(canonical_sdl(text))}
            (batch / schema.name).write_text(text, encoding="utf-8")
        _batch_compile(oracle, batch, out)
        for name, entry in entries.items():
            stem = name.removesuffix(".graphql")
            if "refused" in entry:
                continue
            if (out / f"{stem}.json").exists():
                compiled = json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))
                entry["generic_sha256"] = json_fingerprint(compiled)
                entry["order_sha256"] = order_fingerprint(compiled)
            else:
                entry["rejected"] = (out / f"{stem}.error.txt").read_text(encoding="utf-8").strip()
    CORPUS_FINGERPRINTS.write_text(json.dumps(entries, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--oracle", type=Path, default=Path("/tmp/amplify-oracle"))
    parser.add_argument("--corpus", type=Path, help="the v1 corpus folder (remakes corpus_v1.json)")
    parser.add_argument("--skip-cases", action="store_true")
    options = parser.parse_args()
    if not options.skip_cases:
        regenerate_cases(options.oracle.resolve())
    if options.corpus is not None:
        regenerate_corpus(options.oracle.resolve(), options.corpus.resolve())


if __name__ == "__main__":
    main()
