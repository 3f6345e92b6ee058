"""Amplify's check of the global sandbox rule, ``input AMPLIFY { globalAuthRule: AuthRule = { allow:
public } }``, made on the parsed text before any transformer runs (``schemaHasSandboxModeEnabled``
in amplify-category-api). Anything but that form of the rule fails the build."""

from __future__ import annotations

from graphql.language import (
    DocumentNode,
    EnumValueNode,
    InputObjectTypeDefinitionNode,
    InputObjectTypeExtensionNode,
    InputValueDefinitionNode,
    NamedTypeNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
)

from translator.core.diagnostics import Diagnostic
from translator.frontends.graphql.values import span_of

_RULE_FIELDS = ("global_auth_rule", "globalAuthRule")
_EXPECTED = "write it as globalAuthRule: AuthRule = { allow: public }"


def check_sandbox_rule(document: DocumentNode) -> list[Diagnostic]:
    """Diagnostics for a malformed global sandbox rule, and for extensions of ``input AMPLIFY``
    (Amplify takes the input out of the schema, so they extend nothing)."""
    out = [
        Diagnostic("E120", "input AMPLIFY cannot be extended: Amplify takes it out of the schema before the "
                   "transformers run; write the fields in the input itself", span_of(node.name))
        for node in document.definitions
        if isinstance(node, InputObjectTypeExtensionNode) and node.name.value == "AMPLIFY"
    ]
    # Only the first `input AMPLIFY` and its first rule field count, as in Amplify.
    amplify = next(
        (node for node in document.definitions
         if isinstance(node, InputObjectTypeDefinitionNode) and node.name.value == "AMPLIFY"),
        None,
    )
    rule = next((f for f in amplify.fields or () if f.name.value in _RULE_FIELDS), None) if amplify else None
    if rule is not None:
        problem = _problem(rule)
        if problem:
            out.append(Diagnostic("E120", f"global sandbox rule {rule.name.value}: {problem}; {_EXPECTED}",
                                  span_of(rule.name)))
    return out


def _problem(rule: InputValueDefinitionNode) -> str:
    if not isinstance(rule.type, NamedTypeNode) or rule.type.name.value != "AuthRule":
        return "its type must be AuthRule"
    default = rule.default_value
    first = default.fields[0] if isinstance(default, ObjectValueNode) and default.fields else None
    if first is None or first.name.value != "allow" or not _is_public(first.value):
        return "its default value must begin with allow: public, the only global rule Amplify accepts"
    return ""


def _is_public(value: ValueNode) -> bool:
    # Amplify compares the node's `value`: an enum value or a string "public" both pass.
    return isinstance(value, EnumValueNode | StringValueNode) and value.value == "public"
