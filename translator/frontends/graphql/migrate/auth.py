"""v1 ``@auth`` rules to v2, as the migrator's ``migrateAuth`` does it (models only).

In v1, owner and group rules protect only the operations they list; the others stay open to
whoever the API's default auth mode lets in. v2 denies what no rule allows, so the migrator adds a
``private`` rule for the operations left open (unless the rules already deny all four, or an
equivalent private rule exists), and drops ``operations`` from a lone owner/group rule. A model
without ``@auth`` gets the rule of the default auth mode (none for ``iam``)."""

from __future__ import annotations

from graphql.language import (
    DirectiveNode,
    EnumValueNode,
    ListValueNode,
    ObjectTypeDefinitionNode,
    ObjectValueNode,
    ValueNode,
)

from translator.core.settings import AuthMode
from translator.frontends.graphql.migrate.context import (
    Change,
    FileContext,
    directives_named,
    object_field,
    one_line,
)

OPERATIONS = ("create", "read", "update", "delete")
_DEFAULT_PROVIDER = {"public": "apiKey", "private": "userPools", "owner": "userPools", "groups": "userPools"}
_DEFAULT_MODE_STRATEGY: dict[str, str] = {"apiKey": "public", "iam": "private", "userPools": "private",
                                          "oidc": "private"}


def auth_rule(strategy: str, provider: str, operations: list[str] | None = None) -> str:
    """The rule text the migrator writes (its ``createAuthRule``)."""
    rule = f"{{allow: {strategy}"
    if provider != _DEFAULT_PROVIDER.get(strategy):
        rule += f", provider: {provider}"
    if operations is not None and len(operations) != 4:
        rule += f", operations: [{', '.join(operations)}]"
    return rule + "}"


def migrate_auth(node: ObjectTypeDefinitionNode, ctx: FileContext, mode: AuthMode) -> None:
    """Plan the edits of the type-level ``@auth`` of a model ``node``."""
    if not directives_named(node, "model"):
        return
    auth = directives_named(node, "auth")
    if auth:
        _migrate_owner_rules(auth[0], ctx, mode)
    elif mode != "iam":
        _add_default_rule(node, ctx, mode)


def _value_of(value: ValueNode | None) -> str | None:
    """What the migrator reads as ``field.value.value``: the name of an enum value."""
    return value.value if isinstance(value, EnumValueNode) else None


def _strategy(rule: ObjectValueNode) -> str | None:
    allow = object_field(rule, "allow")
    return _value_of(allow.value) if allow is not None else None


def _migrate_owner_rules(auth: DirectiveNode, ctx: FileContext, mode: AuthMode) -> None:
    rules_value = auth.arguments[0].value if auth.arguments else None
    if not isinstance(rules_value, ListValueNode):
        ctx.refuse("E136", rules_value or auth, "Amplify's migrator reads @auth rules as a list and fails on a single "
                   "rule: write rules: [{...}]")
        return
    rules = [r for r in rules_value.values if isinstance(r, ObjectValueNode)]
    protecting = [r for r in rules if _strategy(r) == "owner"] + [r for r in rules if _strategy(r) == "groups"]
    if not protecting:
        return
    denied: dict[str | None, None] = {}  # an ordered set, as the migrator's Set of operation names
    for rule in protecting:
        operations = object_field(rule, "operations")
        if operations is None:
            denied.update(dict.fromkeys(OPERATIONS))
            continue
        if not isinstance(operations.value, ListValueNode):
            ctx.refuse("E136", operations.value, "Amplify's migrator reads operations as a list and fails on this "
                       "value: write operations: [...]")
            return
        # A null item is read as `undefined`, which still counts as one more operation.
        denied.update(dict.fromkeys(_value_of(op) for op in operations.value.values))
        if len(protecting) == 1:
            assert operations.loc is not None
            ctx.editor.remove_item(operations.loc.start, operations.loc.end)
    if len(denied) != 4 and not _has_private_rule(rules, mode):
        explicit = [op for op in OPERATIONS if op not in denied]
        _append_rule(rules_value, ctx, auth_rule("private", mode, explicit))
    _record(auth, ctx)


def _has_private_rule(rules: list[ObjectValueNode], mode: AuthMode) -> bool:
    for rule in rules:
        if _strategy(rule) != "private":
            continue
        provider_field = object_field(rule, "provider")
        provider = _value_of(provider_field.value) if provider_field is not None else None
        if (mode == "userPools" and provider in (None, "userPools")) or (mode == "iam" and provider == "iam"):
            return True
    return False


def _append_rule(rules: ListValueNode, ctx: FileContext, rule: str) -> None:
    last = rules.values[-1]
    previous = rules.values[-2] if len(rules.values) > 1 else None
    assert last.loc is not None
    ctx.editor.append_item(last.loc.start, last.loc.end, rule, previous.loc.end if previous and previous.loc else None)


def _record(auth: DirectiveNode, ctx: FileContext) -> None:
    assert auth.loc is not None
    after = ctx.editor.apply_to(auth.loc.start, auth.loc.end)
    if after != ctx.text_of(auth):
        ctx.change(auth, "auth", after)


def _add_default_rule(node: ObjectTypeDefinitionNode, ctx: FileContext, mode: AuthMode) -> None:
    strategy = _DEFAULT_MODE_STRATEGY.get(mode)
    if strategy is None:
        ctx.refuse("E137", node.name, f"model {node.name.value} has no @auth, and Amplify's migrator has no v2 rule "
                   f"for the default auth mode {mode} (it would write allow: undefined; `amplify migrate api` "
                   "refuses AWS_LAMBDA APIs): add @auth(rules: [{allow: custom}]) or pick another --auth-mode")
        return
    directive = f"@auth(rules: [{auth_rule(strategy, mode)}])"
    last = [d for d in node.directives or () if d.name.value != "key"][-1]
    assert last.loc is not None
    if ctx.editor.starts_line(last.loc.start):
        ctx.editor.insert(last.loc.end, f"{ctx.editor.newline}{ctx.editor.indent_of(last.loc.start)}{directive}")
    else:
        ctx.editor.insert(last.loc.end, " " + directive)
    ctx.changes.append(Change(ctx.span(node.name), "auth", f"type {node.name.value}",
                              one_line(f"type {node.name.value} {directive}")))

