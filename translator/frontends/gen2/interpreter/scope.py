"""Variable scopes: what a block or function declares, chained to the enclosing one."""

from __future__ import annotations

from typing import Any


class Scope:
    """Variables of one block or function; ``consts`` are the names that cannot be assigned."""

    def __init__(self, parent: Scope | None) -> None:
        self.parent = parent
        self.vars: dict[str, Any] = {}
        self.consts: set[str] = set()

    def find(self, name: str) -> Scope | None:
        """The innermost scope that declares ``name``."""
        scope: Scope | None = self
        while scope is not None:
            if name in scope.vars:
                return scope
            scope = scope.parent
        return None
