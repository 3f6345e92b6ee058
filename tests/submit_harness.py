"""Running the command line against the local stand-in (:mod:`fake_uibuilder`): the ``server``
fixture of the command-line tests, and helpers that check every output for tracebacks, secrets
and raw control characters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fake_uibuilder import SECRET_KEY, SIGNATURE, FakeUIBuilder, use_test_aws

SDL = """
type Blog @model {
  id: ID!
  name: String!
  posts: [Post] @hasMany
}

type Post @model {
  id: ID!
  title: String!
  blog: Blog @belongsTo
}
"""
APP = "d1a2b3c4d5"
IDS = ("--app-id", APP, "--environment-name", "dev")


@pytest.fixture(name="server")
def cli_server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeUIBuilder]:
    """The ``server`` fixture of the command-line tests: a running stand-in, test credentials,
    and the current folder a fresh one holding ``schema.graphql`` (:data:`SDL`)."""
    use_test_aws(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schema.graphql").write_text(SDL)
    fake = FakeUIBuilder().start()
    yield fake
    fake.stop()


def run_cli(*args: str) -> Result:
    """Run ``amplify-translate ARGS`` in process; no traceback, secret or raw control character
    may reach the user, whatever happened."""
    from translator.cli import main

    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert SECRET_KEY not in result.output and SIGNATURE not in result.output
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def submit_cli(server: FakeUIBuilder, *extra: str, schema: str = "schema.graphql") -> Result:
    """``submit`` of ``schema`` against ``server`` into ``ui``, polling fast."""
    return run_cli("submit", schema, *IDS, "--endpoint-url", server.url, "--out", "ui",
                   "--poll-interval", "0.1", "--timeout", "5", *extra)  # fmt: skip


def files_under(root: Path) -> set[str]:
    """Every file below ``root``, as relative POSIX paths."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
