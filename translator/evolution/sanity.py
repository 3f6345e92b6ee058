"""Amplify's push-time sanity check (graphql-transformer-core 8.2.18, ``util/sanity-check``),
ported rule by rule, with the rule selection of ``getSanityCheckRules`` as ``amplify push`` calls
it for an API that is already deployed.

Each rule looks at one deep-diff difference of the two builds (diff rules) or at all of them
(project rules) and raises the error Amplify throws, with Amplify's class and message text.
:func:`sanity_check` returns the one error ``amplify push`` stops with and, like the reference
(tests/evolution/reference), every distinct error any rule raises when none stops the check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from translator.core.names import is_array_index
from translator.evolution.builds import table_ids
from translator.evolution.deepdiff import ABSENT, Diff, diff

DESTRUCTIVE = "DestructiveMigrationError"
INVALID = "InvalidMigrationError"
INVALID_GSI = "InvalidGSIMigrationError"
ALLOW_FLAG = "--allow-destructive-graphql-schema-updates"
MAX_RESOURCES = 500
_RESOURCE_FIX = (
    "If the stack is a custom stack, break the stack up into multiple files in stacks/. If the stack was generated, "
    "you have hit a limit and can use the StackMapping argument in transform.conf.json to fine tune how resources "
    "are assigned to \n          stacks.Follow the instruction in this document to divide resources into additional "
    "AWS CloudFormation files to overcome the resource count limit:\n          \n          "
    "https://docs.amplify.aws/cli/graphql/override/#place-appsync-resolvers-in-custom-named-stacks"
)


@dataclass(frozen=True)
class AmplifyError:
    """An error a rule throws: its rule, class and message (what ``amplify push`` prints), the
    ``causedBy``/``fix`` of the InvalidMigrationError family, the table lists of a
    DestructiveMigrationError; ``table``/``stack``/``index`` say what it is about."""

    rule: str
    error_class: str
    message: str
    cause: str | None = None
    fix: str | None = None
    removed_tables: tuple[str, ...] | None = None
    replaced_tables: tuple[str, ...] | None = None
    table: str | None = None
    stack: str | None = None
    index: str | None = None

    @property
    def destructive(self) -> bool:
        """Whether Amplify refuses it only for the data it loses (``--allow-destructive...`` lifts it)."""
        return self.error_class == DESTRUCTIVE


class MigrationError(Exception):
    """Raised by a rule, as Amplify's rules throw."""

    def __init__(self, error: AmplifyError) -> None:
        super().__init__(error.message)
        self.error = error


def _destructive(rule: str, text: str, removed: Sequence[str], replaced: Sequence[str], **where: Any) -> MigrationError:
    """DestructiveMigrationError: the message names the tables and says how to go ahead."""
    message, gone, renewed = text, ", ".join(removed), ", ".join(replaced)
    if removed and replaced:
        message += f"\nThis update will remove table(s) [{gone}] and will replace table(s) [{renewed}]"
    elif removed:
        message += f"\nThis update will remove table(s) [{gone}]"
    elif replaced:
        message += f"\nThis update will replace table(s) [{renewed}]"
    message += "\nALL EXISTING DATA IN THESE TABLES WILL BE LOST!"
    message += f"\nIf this is intended, rerun the command with '{ALLOW_FLAG}'."
    error = AmplifyError(rule, DESTRUCTIVE, message, None, None, tuple(removed), tuple(replaced), **where)
    return MigrationError(error)


def _invalid(rule: str, error_class: str, message: str, cause: str, fix: str, **where: Any) -> MigrationError:
    return MigrationError(AmplifyError(rule, error_class, message, cause, fix, **where))


def _stack(d: Diff) -> str:
    """``path.basename(diff.path[1], '.json')``."""
    name = str(d.path[1])
    return name[:-5] if name.endswith(".json") else name


def _get(build: Mapping[str, Any], path: Sequence[str | int]) -> Any:
    """lodash ``get``: None where the path leads nowhere."""
    value: Any = build
    for key in path:
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            value = value[key]
        else:
            return None
    return value


def _truthy(value: Any) -> bool:
    """JavaScript truthiness (an empty list or object is true)."""
    return isinstance(value, list | dict) or (bool(value) and value is not ABSENT)


def _key_by_name(indexes: Any) -> dict[str, Any]:
    """lodash ``keyBy(indexes, 'IndexName')``: the last index of a name wins; as a JavaScript
    object, integer-like names come first, in numeric order."""
    keyed: dict[str, Any] = {}
    for index in indexes if isinstance(indexes, list) else []:
        keyed[str(index.get("IndexName"))] = index
    integers = sorted((k for k in keyed if is_array_index(k)), key=int)
    return {k: keyed[k] for k in [*integers, *(k for k in keyed if not is_array_index(k))]}


def _inner_diffs(d: Diff, current: Mapping[str, Any], next_build: Mapping[str, Any]) -> list[Diff]:
    """The index lists at ``d``'s table, keyed by name, deep-diffed (old against new)."""
    where = list(d.path[:6])
    return diff(_key_by_name(_get(current, where)), _key_by_name(_get(next_build, where)))


Rule = Callable[[Diff, Mapping[str, Any], Mapping[str, Any]], None]
ProjectRule = Callable[[Sequence[Diff], Mapping[str, Any], Mapping[str, Any]], None]


def _table_refusal(rule: str, iterative: bool, d: Diff, destructive: str, invalid: tuple[str, str, str],
                   index: str | None = None) -> MigrationError:
    """The two forms of a table rule: with iterative updates the change replaces the table
    (DestructiveMigrationError: ``destructive``), without it is refused (InvalidMigrationError:
    ``invalid``, its message, cause and fix, the message naming ``{table}``, ``{stack}``, ``{index}``)."""
    stack, table = _stack(d), str(d.path[3])
    if iterative:
        return _destructive(rule, destructive, [], [table], table=table, stack=stack, index=index)
    message, cause, fix = invalid
    return _invalid(rule, INVALID, message.format(table=table, stack=stack, index=index), cause, fix,
                    table=table, stack=stack, index=index)


def _cant_edit_key_schema(iterative: bool) -> Rule:
    def cantEditKeySchemaRule(d: Diff, current: Mapping[str, Any], next_build: Mapping[str, Any]) -> None:  # noqa: N802
        sort_key_added_or_removed = d.kind == "A" and len(d.path) == 6 and d.path[5] == "KeySchema" and d.index == 1
        key_schema_modified = d.kind == "E" and len(d.path) == 8 and d.path[5] == "KeySchema"
        if sort_key_added_or_removed or key_schema_modified:
            raise _table_refusal(
                "cantEditKeySchemaRule", iterative, d,
                "Editing the primary key of a model requires replacement of the underlying DynamoDB table.",
                ("Attempting to edit the key schema of the {table} table in the {stack} stack. ",
                 "Adding a primary @key directive to an existing @model. ",
                 'Remove the @key directive or provide a name e.g @key(name: "ByStatus", fields: ["status"]).'),
            )
    return cantEditKeySchemaRule


def _cant_add_lsi_later(iterative: bool) -> Rule:
    def cantAddLSILaterRule(d: Diff, current: Mapping[str, Any], next_build: Mapping[str, Any]) -> None:  # noqa: N802
        on_lsis = len(d.path) == 6 and d.path[5] == "LocalSecondaryIndexes"
        if on_lsis and (d.kind == "N" or (d.kind == "A" and d.item is not None and d.item.kind == "N")):
            raise _table_refusal(
                "cantAddLSILaterRule", iterative, d,
                "Adding an LSI to a model requires replacement of the underlying DynamoDB table.",
                ("Attempting to add a local secondary index to the {table} table in the {stack} stack. "
                 "Local secondary indexes must be created when the table is created.",
                 "Adding a @key directive where the first field in 'fields' is the same as the first field in the "
                 "'fields' of the primary @key.",
                 "Change the first field in 'fields' such that a global secondary index is created or delete and "
                 "recreate the model."),
            )
    return cantAddLSILaterRule


def _cant_remove_lsi_later(iterative: bool) -> Rule:
    def cantRemoveLSILater(d: Diff, current: Mapping[str, Any], next_build: Mapping[str, Any]) -> None:  # noqa: N802
        on_lsis = len(d.path) == 6 and d.path[5] == "LocalSecondaryIndexes"
        removed = d.kind == "D" and _truthy(d.lhs)
        removed_item = d.kind == "A" and d.item is not None and d.item.kind == "D"
        if on_lsis and (removed or removed_item):
            raise _table_refusal(
                "cantRemoveLSILater", iterative, d,
                "Removing an LSI requires replacement of the underlying DynamoDB table.",
                ("Attempting to remove a local secondary index on the {table} table in the {stack} stack.",
                 "A local secondary index cannot be removed after deployment.",
                 "In order to remove the local secondary index you need to delete or rename the table."),
            )
    return cantRemoveLSILater


def _cant_edit_lsi_key_schema(iterative: bool) -> Rule:
    def cantEditLSIKeySchemaRule(d: Diff, current: Mapping[str, Any], next_build: Mapping[str, Any]) -> None:  # noqa: N802
        on_lsi_keys = len(d.path) == 10 and d.path[5] == "LocalSecondaryIndexes" and d.path[7] == "KeySchema"
        if not (d.kind == "E" and on_lsi_keys):
            return
        for inner in _inner_diffs(d, current, next_build):
            if inner.kind == "E" and len(inner.path) > 2 and inner.path[1] == "KeySchema":
                raise _table_refusal(
                    "cantEditLSIKeySchemaRule", iterative, d,
                    "Editing an LSI requires replacement of the underlying DynamoDB table.",
                    ("Attempting to edit the local secondary index {index} on the {table} table in the {stack} stack. ",
                     "The key schema of a local secondary index cannot be changed after being deployed.",
                     "When enabling new access patterns you should: 1. Add a new @key 2. run amplify push "
                     "3. Verify the new access pattern and remove the old @key."),
                    index=str(inner.path[0]),
                )
    return cantEditLSIKeySchemaRule


def cantEditGSIKeySchemaRule(d: Diff, current: Mapping[str, Any], next_build: Mapping[str, Any]) -> None:  # noqa: N802
    """A GSI keeps its name but changes its key schema (only without iterative updates)."""
    on_gsi_keys = len(d.path) > 7 and d.path[5] == "GlobalSecondaryIndexes" and d.path[7] == "KeySchema"
    if not on_gsi_keys or not ((d.kind == "E" and len(d.path) == 10) or (d.kind == "A" and len(d.path) == 8)):
        return
    for inner in _inner_diffs(d, current, next_build):
        edited = inner.kind == "E" and len(inner.path) > 2 and inner.path[1] == "KeySchema"
        extended = inner.kind == "A" and len(inner.path) == 2 and inner.path[1] == "KeySchema"
        if edited or extended:
            index, stack, table = str(inner.path[0]), _stack(d), str(d.path[3])
            raise _invalid("cantEditGSIKeySchemaRule", INVALID_GSI,
                           f"Attempting to edit the global secondary index {index} on the {table} table in the "
                           f"{stack} stack. ",
                           "The key schema of a global secondary index cannot be changed after being deployed.",
                           "If using @key, first add a new @key, run `amplify push`, and then remove the old @key. "
                           "If using @connection, first remove the @connection, run `amplify push`, and then add the "
                           "new @connection with the new configuration.", table=table, stack=stack, index=index)


def cantAddAndRemoveGSIAtSameTimeRule(d: Diff, current: Mapping[str, Any], next_build: Mapping[str, Any]) -> None:  # noqa: N802
    """One GSI added and another removed at one position (only without iterative updates)."""
    if not (d.kind == "E" and len(d.path) > 6 and d.path[5] == "GlobalSecondaryIndexes"):
        return
    inner = _inner_diffs(d, current, next_build)
    kinds = {i.kind for i in inner if len(i.path) == 1}
    if "D" in kinds and "N" in kinds:
        stack, table = _stack(d), str(d.path[3])
        raise _invalid("cantAddAndRemoveGSIAtSameTimeRule", INVALID_GSI,
                       f"Attempting to add and remove a global secondary index at the same time on the {table} table "
                       f"in the {stack} stack. ",
                       "You may only change one global secondary index in a single CloudFormation stack update. ",
                       "If using @key, change one @key at a time. If using @connection, add the new @connection, run "
                       "`amplify push`, and then remove the new @connection with the new configuration.",
                       table=table, stack=stack)


def cantRemoveTableAfterCreation(d: Diff, current: Mapping[str, Any], next_build: Mapping[str, Any]) -> None:  # noqa: N802
    """Any table of the old build missing from the new one (whatever ``d`` is)."""
    remaining = set(table_ids(next_build))
    removed = [t for t in table_ids(current) if t not in remaining]
    if removed:
        raise _destructive("cantRemoveTableAfterCreation", "Removing a model from the GraphQL schema will also "
                           "remove the underlying DynamoDB table.", removed, [], table=removed[0])


def cantMutateMultipleGSIAtUpdateTimeRule(  # noqa: N802
    diffs: Sequence[Diff], current: Mapping[str, Any], next_build: Mapping[str, Any]
) -> None:
    """Two GSIs appended to or removed from one table's list (only without iterative updates)."""
    seen: set[str] = set()
    for d in diffs:
        if d.kind == "A" and len(d.path) >= 6 and d.path[-1] == "GlobalSecondaryIndexes":
            table = str(d.path[3])
            if d.item is not None and d.item.kind in ("N", "D") and table not in seen:
                seen.add(table)
            elif table in seen:
                raise _invalid("cantMutateMultipleGSIAtUpdateTimeRule", INVALID_GSI,
                               f"Attempting to mutate more than 1 global secondary index at the same time on the "
                               f"{table} table in the {_stack(d)} stack. ",
                               "You may only mutate one global secondary index in a single CloudFormation stack "
                               "update. ",
                               "If using @key, include one @key at a time. If using @connection, just add one new "
                               "@connection which is using @key, run `amplify push`, ", table=table, stack=_stack(d))


def cantHaveMoreThan500ResourcesRule(  # noqa: N802
    diffs: Sequence[Diff], current: Mapping[str, Any], next_build: Mapping[str, Any]
) -> None:
    """A nested stack of the new build with more than 500 resources."""
    for stack_file, count in next_build.get("resource_counts", {}).items():
        if count > MAX_RESOURCES:
            raise _invalid("cantHaveMoreThan500ResourcesRule", INVALID,
                           f"The {stack_file} stack defines more than 500 resources.",
                           "CloudFormation templates may contain at most 500 resources.", _RESOURCE_FIX,
                           stack=stack_file[:-5])


@dataclass(frozen=True)
class RuleSet:
    """What ``getSanityCheckRules`` returns: diff rules and project rules, in their order."""

    diff_rules: tuple[Rule, ...]
    project_rules: tuple[ProjectRule, ...]

    @property
    def names(self) -> tuple[list[str], list[str]]:
        """The rule names, as Amplify's functions are called."""
        return [r.__name__ for r in self.diff_rules], [r.__name__ for r in self.project_rules]


def sanity_check_rules(iterative: bool, allow_destructive: bool) -> RuleSet:
    """``getSanityCheckRules(isNewAppSyncAPI=false, ff, allowDestructiveUpdates)``."""
    if iterative:
        if allow_destructive:
            return RuleSet((), (cantHaveMoreThan500ResourcesRule,))
        keys = (_cant_edit_key_schema(True), _cant_add_lsi_later(True), _cant_remove_lsi_later(True),
                _cant_edit_lsi_key_schema(True))
        return RuleSet((*keys, cantRemoveTableAfterCreation), (cantHaveMoreThan500ResourcesRule,))
    rules: tuple[Rule, ...] = (
        _cant_edit_key_schema(False), _cant_add_lsi_later(False), _cant_remove_lsi_later(False),
        _cant_edit_lsi_key_schema(False), cantEditGSIKeySchemaRule, cantAddAndRemoveGSIAtSameTimeRule,
    )
    if not allow_destructive:
        rules = (*rules, cantRemoveTableAfterCreation)
    return RuleSet(rules, (cantHaveMoreThan500ResourcesRule, cantMutateMultipleGSIAtUpdateTimeRule))


@dataclass(frozen=True)
class Verdict:
    """The error ``amplify push`` stops with (None: accepted) and every rule violation."""

    error: AmplifyError | None
    violations: tuple[AmplifyError, ...]
    rules: RuleSet


def sanity_check(current: Mapping[str, Any], next_build: Mapping[str, Any], rules: RuleSet) -> Verdict:
    """``sanityCheckProject`` on two builds: the first error thrown, then every distinct error
    when each rule is run on every difference."""
    diffs = diff({"stacks": current["stacks"], "root": current["root"]},
                 {"stacks": next_build["stacks"], "root": next_build["root"]})
    first: AmplifyError | None = None
    violations: dict[AmplifyError, None] = {}
    for d in diffs:
        for rule in rules.diff_rules:
            try:
                rule(d, current, next_build)
            except MigrationError as error:
                first = first or error.error
                violations.setdefault(error.error)
    for project_rule in rules.project_rules:
        try:
            project_rule(diffs, current, next_build)
        except MigrationError as error:
            first = first or error.error
            violations.setdefault(error.error)
    return Verdict(first, tuple(violations), rules)
