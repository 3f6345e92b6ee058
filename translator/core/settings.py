"""Project settings that change the output or what is rejected (semantics.md, section 8)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from translator.core.diagnostics import Diagnostic, SourceError, Span

CPK_FLAG = "graphqltransformer.respectprimarykeyattributesonconnectionfield"
TIMESTAMPS_FLAG = "codegen.addtimestampfields"
DATASTORE_FLAG = "datastore"
STORAGE_FLAG = "storage"
# Only what a schema deploys (its DynamoDB tables) and how `amplify push` judges a change depend on
# these two; the genericDataSchema does not.
ITERATIVE_GSI_FLAG = "graphqltransformer.enableiterativegsiupdates"
SECONDARY_KEY_AS_GSI_FLAG = "graphqltransformer.secondarykeyasgsi"

_FIELDS = {
    CPK_FLAG: "respect_primary_key",
    TIMESTAMPS_FLAG: "add_timestamp_fields",
    DATASTORE_FLAG: "datastore",
    STORAGE_FLAG: "s3_storage",
    ITERATIVE_GSI_FLAG: "iterative_gsi_updates",
    SECONDARY_KEY_AS_GSI_FLAG: "secondary_key_as_gsi",
}
KNOWN_FLAGS = tuple(_FIELDS)

# A GraphQL API's default authorization mode, in the names Amplify's v1 migrator uses.
AuthMode = Literal["apiKey", "userPools", "iam", "oidc", "lambda"]
AUTH_MODES: tuple[AuthMode, ...] = ("apiKey", "userPools", "iam", "oidc", "lambda")


@dataclass(frozen=True)
class Settings:
    """What the compile depends on besides the schema text.

    Defaults are those of a newly created Amplify project with DataStore conflict detection on
    and no S3 storage resource, which is what the reference pipeline assumes for a bare schema file.
    """

    respect_primary_key: bool = True
    add_timestamp_fields: bool = True
    datastore: bool = True
    s3_storage: bool = False
    iterative_gsi_updates: bool = True
    secondary_key_as_gsi: bool = True

    def with_flags(self, flags: Mapping[str, bool], origin: str = "--feature-flag") -> Settings:
        """These settings with ``flags`` (names case-insensitive) applied on top. TypeError
        when a value is not a bool: ``"false"`` is truthy, and would silently mean the opposite."""
        changes: dict[str, bool] = {}
        for name, value in flags.items():
            if not isinstance(value, bool):
                raise TypeError(f"feature flag {name!r} must be True or False, not {type(value).__name__} {value!r}")
            attribute = _FIELDS.get(name.strip().lower())
            if attribute is not None:
                changes[attribute] = value
            else:
                known = ", ".join(KNOWN_FLAGS)
                raise SourceError(
                    Diagnostic("E205", f"unknown feature flag {name!r} (known: {known})", Span(origin))
                )
        return replace(self, **changes)


def parse_bool(text: str) -> bool | None:
    """``true``/``false`` (any case, also 1/0, yes/no) as a bool; None when it is neither."""
    lowered = text.strip().lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    return None
