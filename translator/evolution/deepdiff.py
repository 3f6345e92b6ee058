"""A port of ``diff`` from the npm package deep-diff 1.0.2, for JSON values.

Amplify's push-time sanity check runs its rules over the list this function returns, in its
order, and stops at the first rule that throws; which refusal a user sees therefore depends on
the exact order of the differences, which this port keeps:

* object keys in the old object's order (a deleted key where it sat), then keys only in the new
  object, in the new object's order;
* for arrays, from the end: appended elements (``A`` with an ``N`` item, highest index first),
  then removed ones (``A`` with a ``D`` item, highest index first), then the positions both
  arrays have, from the highest index down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

DiffKind = Literal["N", "D", "E", "A"]
Path = tuple[str | int, ...]


class _Absent:
    """A missing value (JavaScript ``undefined``), distinct from JSON ``null``."""

    def __repr__(self) -> str:
        return "<absent>"


ABSENT: Any = _Absent()


@dataclass(frozen=True, slots=True)
class Diff:
    """One difference: ``N`` new, ``D`` deleted, ``E`` edited, ``A`` array change (``index`` and
    ``item``, itself an ``N`` or ``D`` diff without a path)."""

    kind: DiffKind
    path: Path
    lhs: Any = ABSENT
    rhs: Any = ABSENT
    index: int = -1
    item: Diff | None = None


def _type_of(value: Any) -> str:
    """deep-diff's ``realTypeOf`` for JSON values."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    return "object"


def diff(lhs: Any, rhs: Any) -> list[Diff]:
    """Every difference between ``lhs`` and ``rhs``, in deep-diff's order."""
    changes: list[Diff] = []
    _walk(lhs, rhs, (), changes)
    return changes


def _walk(lhs: Any, rhs: Any, path: Path, changes: list[Diff]) -> None:
    if lhs is ABSENT and rhs is not ABSENT:
        changes.append(Diff("N", path, rhs=rhs))
    elif rhs is ABSENT and lhs is not ABSENT:
        changes.append(Diff("D", path, lhs=lhs))
    elif _type_of(lhs) != _type_of(rhs):
        changes.append(Diff("E", path, lhs, rhs))
    elif isinstance(lhs, dict):
        consumed: set[str] = set()
        for key, value in lhs.items():
            if key in rhs:
                consumed.add(key)
                _walk(value, rhs[key], (*path, key), changes)
            else:
                _walk(value, ABSENT, (*path, key), changes)
        for key, value in rhs.items():
            if key not in consumed:
                _walk(ABSENT, value, (*path, key), changes)
    elif isinstance(lhs, list | tuple):
        i, j = len(rhs) - 1, len(lhs) - 1
        while i > j:
            changes.append(Diff("A", path, index=i, item=Diff("N", (), rhs=rhs[i])))
            i -= 1
        while j > i:
            changes.append(Diff("A", path, index=j, item=Diff("D", (), lhs=lhs[j])))
            j -= 1
        while i >= 0:
            _walk(lhs[i], rhs[i], (*path, i), changes)
            i -= 1
    elif lhs != rhs:
        changes.append(Diff("E", path, lhs, rhs))
