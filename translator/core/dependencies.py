"""Versions of the libraries whose internals the front ends use, checked where they are imported.

graphql-core and lark are used beyond their public API (for speed, and to keep memory flat); each
front end keeps those uses in one compatibility module, which calls :func:`require` when it is
imported. A version outside the tested series would misbehave in ways no test has seen, so it is
refused with a message saying what to install.
"""

from __future__ import annotations

import re


class UnsupportedDependency(ImportError):
    """An installed library outside the version series this package was tested with."""


def require(name: str, installed: str, series: tuple[int, int], minimum: tuple[int, ...], spec: str) -> None:
    """Refuse ``installed`` unless it is in ``series`` (major, minor) and at least ``minimum``;
    ``spec`` is the pip requirement to suggest (the one in ``pyproject.toml``)."""
    numbers = tuple(int(part) for part in re.findall(r"\d+", installed)[:3])
    if numbers[:2] != series or numbers < minimum:
        raise UnsupportedDependency(
            f"amplify-schema-translator works with {name} {spec} (tested), but {name} {installed} is installed; "
            f"run: pip install '{name}{spec}'"
        )
