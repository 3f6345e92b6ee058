"""A short plan of the change per table: what the push creates, deletes, replaces or updates."""

from __future__ import annotations

from translator.evolution.compare import Comparison
from translator.model.deploy import KeyElement, SecondaryIndex, Table


def _keys(elements: tuple[KeyElement, ...]) -> str:
    return ", ".join(f"{k.name} {k.key_type}" for k in elements)


def _index(kind: str, index: SecondaryIndex) -> str:
    return f"{kind} {index.name} ({_keys(index.key_schema)})"


def _index_changes(kind: str, before: tuple[SecondaryIndex, ...], after: tuple[SecondaryIndex, ...]) -> list[str]:
    old_by, new_by = {i.name: i for i in before}, {i.name: i for i in after}
    lines = [f"    + {_index(kind, i)}" for i in after if i.name not in old_by]
    lines += [f"    - {_index(kind, i)}" for i in before if i.name not in new_by]
    lines += [
        f"    ~ {kind} {i.name}: ({_keys(old_by[i.name].key_schema)}) -> ({_keys(i.key_schema)})"
        for i in after if i.name in old_by and old_by[i.name] != i
    ]
    return lines


def _table_change(before: Table, after: Table, replaced: bool) -> list[str]:
    lines: list[str] = []
    if before.key_schema != after.key_schema:
        lines.append(f"    key: ({_keys(before.key_schema)}) -> ({_keys(after.key_schema)})")
    lines += _index_changes("LSI", before.lsis or (), after.lsis or ())
    lines += _index_changes("GSI", before.gsis or (), after.gsis or ())
    if not lines and before.attributes != after.attributes:
        lines.append("    attribute types: " + ", ".join(f"{a.name} {a.type}" for a in after.attributes))
    if not lines:
        return []
    return [f"  {'replace' if replaced else 'update'} {after.logical_id} (stack {after.stack})", *lines]


def plan(comparison: Comparison) -> list[str]:
    """One block per table that changes, then the verdict."""
    old, new = comparison.old_tables, comparison.new_tables
    replaced = {t for e in comparison.lifted for t in e.replaced_tables or ()}
    lines = ["plan:"]
    unchanged = 0
    for logical_id in sorted(set(old) | set(new)):
        before, after = old.get(logical_id), new.get(logical_id)
        if before is None and after is not None:
            indexes = [_index("GSI", i) for i in after.gsis or ()] + [_index("LSI", i) for i in after.lsis or ()]
            lines.append(f"  create {logical_id} (stack {after.stack}): key ({_keys(after.key_schema)})"
                         + ("; " + "; ".join(indexes) if indexes else ""))
        elif after is None and before is not None:
            lines.append(f"  delete {logical_id} (stack {before.stack}) and every item in it")
        elif before is not None and after is not None:
            change = _table_change(before, after, logical_id in replaced)
            lines.extend(change)
            unchanged += not change
    if unchanged:
        lines.append(f"  {unchanged} table(s) unchanged")
    verdict = comparison.verdict
    if comparison.new.language == "gen2":
        lines.append("Gen 2 deploys without Amplify's push-time check")
    elif verdict.error is None:
        lines.append("amplify push: accepted by its sanity check")
    else:
        lines.append(f"amplify push: refused ({verdict.error.rule}, {verdict.error.error_class})")
    return lines
