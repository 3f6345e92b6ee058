"""Shared fixtures and helpers for the test suite.

Helpers here are plain functions and constants; test modules import them with
``from conftest import ...`` (pytest puts ``tests/`` on ``sys.path``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
GOLDEN = TESTS / "golden"
EXAMPLES = REPO / "examples"

# The read-only ``shared`` folder that sits next to the repository (reference oracle, corpus, docs).
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus" / "real"
SMOKE = SHARED / "oracle" / "smoke"

requires_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} does not exist")
requires_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} does not exist")

# Feature flags. New projects use the defaults; existing (legacy) Gen 1 projects commonly run with
# CPK mode and the timestamp fields off (semantics.md, section 8).
NEW_FLAGS: dict[str, bool] = {}
LEGACY_FLAGS: dict[str, bool] = {
    "graphQLTransformer.respectPrimaryKeyAttributesOnConnectionField": False,
    "codegen.addTimestampFields": False,
}
NO_DATASTORE_FLAGS: dict[str, bool] = {"datastore": False}

# ``# expect: E001 3:60`` (position optional) at the top of a rejected schema.
_EXPECT_RE = re.compile(r"^\s*#\s*expect:\s*(?P<code>[A-Z]\d{3})(?:\s+(?P<line>\d+):(?P<col>\d+))?\s*$")


@dataclass(frozen=True)
class Expectation:
    """One ``# expect: CODE LINE:COL`` line: a diagnostic code and (optionally) where it points."""

    code: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f" {self.line}:{self.column}" if self.line is not None else ""
        return f"{self.code}{where}"


def parse_expectations(text: str) -> list[Expectation]:
    """The ``# expect:`` lines of a schema, in order.

    They are leading comment lines; scanning stops at the first line that is neither blank nor a
    ``#`` comment, so an ``# expect:`` written inside the schema body is not picked up. A line that
    starts with ``# expect:`` but is malformed raises ValueError (a broken fixture must not silently
    expect nothing).
    """
    found: list[Expectation] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if not re.match(r"#\s*expect:", stripped):
            continue
        match = _EXPECT_RE.match(stripped)
        if match is None:
            raise ValueError(f"malformed expectation line: {raw!r}")
        line = match.group("line")
        col = match.group("col")
        found.append(Expectation(match.group("code"), int(line) if line else None, int(col) if col else None))
    return found


# -- reference cases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A schema next to its reference result: ``NAME.json`` (accepted) or ``NAME.error.txt``."""

    schema: Path
    flags: Mapping[str, bool]
    id: str

    @property
    def json_path(self) -> Path:
        return self.schema.with_suffix(".json")

    @property
    def error_path(self) -> Path:
        return self.schema.with_name(self.schema.stem + ".error.txt")

    @property
    def kind(self) -> str:
        """``"json"``, ``"error"``, ``"both"`` (broken fixture) or ``"missing"``."""
        has_json = self.json_path.is_file()
        has_error = self.error_path.is_file()
        if has_json and has_error:
            return "both"
        if has_json:
            return "json"
        if has_error:
            return "error"
        return "missing"


def schema_files(folder: Path, pattern: str = "*.graphql") -> list[Path]:
    """The schema files directly in ``folder``, sorted (empty when the folder does not exist)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(pattern) if p.is_file())


def cases_in(folder: Path, flags: Mapping[str, bool], prefix: str = "") -> list[Case]:
    """Every schema directly in ``folder`` as a Case; ids are ``prefix + file name``."""
    return [Case(p, flags, f"{prefix}{p.name}") for p in schema_files(folder)]


GOLDEN_SETS: tuple[tuple[str, Mapping[str, bool]], ...] = (
    ("cases", NEW_FLAGS),
    ("legacy", LEGACY_FLAGS),
    ("no-datastore", NO_DATASTORE_FLAGS),
)


def golden_cases() -> list[Case]:
    """All golden fixtures, collected when called (new files are picked up on the next run)."""
    found: list[Case] = []
    for folder, flags in GOLDEN_SETS:
        found.extend(cases_in(GOLDEN / folder, flags, prefix=f"{folder}/"))
    return found


CORPUS_SETS: tuple[tuple[str, Mapping[str, bool]], ...] = (
    ("v2", NEW_FLAGS),
    ("v2-legacy", LEGACY_FLAGS),
    # Transformer v1 schemas: the reference pipeline is a transformer-v2 project with
    # new-project defaults, which rejects @key/@connection and accepts the rest.
    ("v1", NEW_FLAGS),
)


def corpus_cases(subset: str) -> list[Case]:
    """The corpus schemas of ``subset`` (``v2``, ``v2-legacy``, ``v1``); empty without the corpus."""
    flags = dict(CORPUS_SETS)[subset]
    return cases_in(CORPUS / subset, flags)


def case_params(cases: list[Case]) -> list[Any]:
    """``pytest.param`` objects with readable ids."""
    return [pytest.param(c, id=c.id) for c in cases]


# -- comparison helpers -------------------------------------------------------------------------


def first_diff(want: object, got: object, path: str = "") -> str | None:
    """A short description of the first difference between two JSON values (None if equal).

    Types are compared strictly (``1`` is not ``true``); dict key order is ignored here (see
    ``first_order_diff``)."""
    if isinstance(want, dict) and isinstance(got, dict):
        for key in list(want) + [k for k in got if k not in want]:
            if key not in got:
                return f"{path}/{key}: missing in ours (want {json.dumps(want[key])[:160]})"
            if key not in want:
                return f"{path}/{key}: extra in ours = {json.dumps(got[key])[:160]}"
            diff = first_diff(want[key], got[key], f"{path}/{key}")
            if diff:
                return diff
        return None
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for i, (a, b) in enumerate(zip(want, got, strict=True)):
            diff = first_diff(a, b, f"{path}[{i}]")
            if diff:
                return diff
        return None
    if type(want) is type(got) and want == got:
        return None
    return f"{path or '/'}: want {json.dumps(want, default=repr)[:160]} got {json.dumps(got, default=repr)[:160]}"


def first_order_diff(want: object, got: object, path: str = "") -> str | None:
    """The first place where two equal-valued JSON documents list keys in a different order."""
    if isinstance(want, dict) and isinstance(got, dict):
        if list(want) != list(got):
            return f"{path or '/'}: key order want {list(want)[:12]} got {list(got)[:12]}"
        for key in want:
            diff = first_order_diff(want[key], got[key], f"{path}/{key}")
            if diff:
                return diff
    if isinstance(want, list) and isinstance(got, list):
        for i, (a, b) in enumerate(zip(want, got, strict=False)):
            diff = first_order_diff(a, b, f"{path}[{i}]")
            if diff:
                return diff
    return None


def first_text_diff(want: str, got: str) -> str | None:
    """The first differing line of two texts (None if identical)."""
    if want == got:
        return None
    want_lines = want.splitlines(keepends=True)
    got_lines = got.splitlines(keepends=True)
    for i, (a, b) in enumerate(zip(want_lines, got_lines, strict=False), start=1):
        if a != b:
            return f"line {i}: want {a!r} got {b!r}"
    return f"length differs: want {len(want_lines)} lines, got {len(got_lines)} lines"


def iter_shape_enums(value: Any, shape: Any, path: str = "") -> Iterator[tuple[str, str, list[str]]]:
    """``(path, value, allowed)`` for every string in ``value`` whose botocore shape has an enum.

    Walks ``value`` alongside a botocore ``Shape`` (structure / map / list / scalar)."""
    type_name = shape.type_name
    if type_name == "structure" and isinstance(value, dict):
        for key, item in value.items():
            member = shape.members.get(key)
            if member is not None:
                yield from iter_shape_enums(item, member, f"{path}.{key}" if path else key)
    elif type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield from iter_shape_enums(item, shape.value, f"{path}.{key}")
    elif type_name == "list" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from iter_shape_enums(item, shape.member, f"{path}[{i}]")
    elif type_name == "string" and isinstance(value, str) and shape.enum:
        yield path, value, list(shape.enum)


def entry_order_diff(want: Mapping[str, Any], got: Mapping[str, Any]) -> str | None:
    """The first difference in the *normative* entry order (semantics.md, section 1.7): models,
    nonModels and enums, and the fields of each model and nonModel. Fixed-structure key order,
    which is informative only, is not looked at."""
    for section in ("models", "nonModels", "enums"):
        want_names = list(want.get(section, {}))
        got_names = list(got.get(section, {}))
        if want_names != got_names:
            return f"/{section}: order want {want_names[:12]} got {got_names[:12]}"
    for section in ("models", "nonModels"):
        for name, entry in want.get(section, {}).items():
            want_fields = list(entry.get("fields", {}))
            got_fields = list(got[section][name].get("fields", {}))
            if want_fields != got_fields:
                return f"/{section}/{name}/fields: order want {want_fields} got {got_fields}"
    return None


# -- running without the file-permission override ----------------------------------------------


def _unprivileged_prefix() -> list[str] | None:
    """How to run a command so file permissions apply to it: as is for a plain user; as root,
    under ``setpriv`` with every capability dropped (CAP_DAC_OVERRIDE is what lets root read a
    ``chmod 000`` file). None when that is not possible here."""
    import os
    import shutil
    import subprocess
    import tempfile

    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--inh-caps=-all", "--bounding-set=-all", "--"]
    # Prove it: the prefixed command must fail to read a file nobody may read.
    with tempfile.TemporaryDirectory() as scratch:
        probe = Path(scratch) / "probe"
        probe.write_text("x")
        probe.chmod(0)
        try:
            done = subprocess.run([*prefix, "cat", str(probe)], capture_output=True, timeout=30, check=False)
        except OSError:
            return None
    return prefix if done.returncode != 0 else None


UNPRIVILEGED: list[str] | None = _unprivileged_prefix()
requires_permissions = pytest.mark.skipif(
    UNPRIVILEGED is None, reason="running as root and capabilities cannot be dropped (setpriv)"
)
