"""The versions of graphql-core and lark the front ends accept are the ones pyproject.toml pins,
and any other version is refused with a message that says what to install."""

from __future__ import annotations

import re
import tomllib

import pytest
from conftest import REPO

from translator.core.dependencies import UnsupportedDependency, require
from translator.frontends.gen2.syntax import lark_compat
from translator.frontends.graphql import compat as graphql_compat


def _pins() -> dict[str, str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    return dict(re.match(r"([A-Za-z0-9_-]+)(.*)", spec).groups() for spec in project["dependencies"])  # type: ignore[union-attr]


def test_the_compat_modules_accept_what_pyproject_pins() -> None:
    pins = _pins()
    assert pins["graphql-core"] == graphql_compat.SPEC
    assert pins["lark"] == lark_compat.SPEC


@pytest.mark.parametrize(("version", "accepted"), [("3.2.3", True), ("3.2.14", True), ("3.2.2", False),
                                                   ("3.3.0a7", False), ("3.1.7", False)])
def test_graphql_core_versions(version: str, accepted: bool) -> None:
    if accepted:
        require("graphql-core", version, (3, 2), (3, 2, 3), graphql_compat.SPEC)
        return
    with pytest.raises(UnsupportedDependency) as caught:
        require("graphql-core", version, (3, 2), (3, 2, 3), graphql_compat.SPEC)
    assert str(caught.value) == (
        f"amplify-schema-translator works with graphql-core >=3.2.3,<3.3 (tested), but graphql-core {version} "
        "is installed; run: pip install 'graphql-core>=3.2.3,<3.3'"
    )


@pytest.mark.parametrize(
    ("version", "accepted"), [("1.3.1", True), ("1.3.9", True), ("1.2.2", False), ("1.4.0", False)]
)
def test_lark_versions(version: str, accepted: bool) -> None:
    if accepted:
        require("lark", version, (1, 3), (1, 3, 1), lark_compat.SPEC)
    else:
        with pytest.raises(UnsupportedDependency, match=r"pip install 'lark>=1\.3\.1,<1\.4'"):
            require("lark", version, (1, 3), (1, 3, 1), lark_compat.SPEC)
