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


def _gen2_verdict(comparison: Comparison) -> list[str]:
    """What the Gen 2 table manager does per table, then whether the deployment succeeds."""
    fate = comparison.gen2
    assert fate is not None
    kind = "ampx sandbox" if fate.sandbox else "ampx pipeline-deploy"
    if fate.failed_stage in ("old-schema", "new-schema"):
        side = "OLD" if fate.failed_stage == "old-schema" else "NEW"
        return [f"{kind}: {side} does not synthesize, nothing is deployed"]
    lines = []
    for table in fate.old_failures or fate.tables.values():
        if table.outcome == "unchanged":
            continue
        steps = ": " + ", ".join(f"{s.action.lower()} {s.index}" for s in table.gsi_steps) if table.gsi_steps else ""
        lost = ", its items lost" if table.data_lost else ""
        error = f" ({table.error})" if table.error else ""
        lines.append(f"  {kind}: {table.outcome} {table.logical_id}{steps}{lost}{error}")
    lost_count = sum(t.data_lost for t in fate.tables.values())
    outcome = "succeeds" if fate.ok else f"fails ({fate.failed_stage})"
    return [*lines, f"{kind}: the deployment {outcome}; {lost_count} table(s) lose their items (Gen 2 has no "
            "push-time check)"]


def plan(comparison: Comparison) -> list[str]:
    """One block per table that changes, then the verdict."""
    if comparison.gen2 is not None and comparison.old.language != "gen2":
        return ["plan:", *_gen2_verdict(comparison)]  # a Gen 2 stack is new: nothing of Gen 1's is changed
    old, new = comparison.old_tables, comparison.new_tables
    if comparison.gen2 is not None:
        replaced = {t.logical_id for t in comparison.gen2.tables.values() if t.outcome == "replaced"}
    else:
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
    if comparison.gen2 is not None:
        return lines + _gen2_verdict(comparison)
    verdict = comparison.verdict
    if verdict.error is None:
        lines.append("amplify push: accepted by its sanity check")
    else:
        lines.append(f"amplify push: refused ({verdict.error.rule}, {verdict.error.error_class})")
    return lines
