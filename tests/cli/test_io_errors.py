"""Every OS error on input or output is a located diagnostic and exit 2, never a traceback:
walked through ``compile``, ``check`` and ``hook-compile`` in real processes (so standard output
can be ``/dev/full`` and permissions can apply even when the tests run as root)."""

from __future__ import annotations

import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, UNPRIVILEGED, requires_permissions

BLOG = (EXAMPLES / "blog.graphql").read_text(encoding="utf-8")
GEN2 = """\
import { a, defineData } from '@aws-amplify/backend';
const schema = a.schema({ Todo: a.model({ content: a.string() }).authorization((allow) => [allow.publicApiKey()]) });
export const data = defineData({ schema });
"""


def run(args: list[str], cwd: Path, *, unprivileged: bool = False, stdout: int | None = None,
        limit_file_size: int | None = None) -> subprocess.CompletedProcess[str]:
    prefix: list[str] = []
    if unprivileged:
        assert UNPRIVILEGED is not None
        prefix = UNPRIVILEGED

    def limit() -> None:  # runs in the child: writes past the limit fail with EFBIG
        if limit_file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run(
        [*prefix, sys.executable, "-m", "translator", *args], cwd=cwd, text=True, timeout=120, check=False,
        stdout=stdout if stdout is not None else subprocess.PIPE, stderr=subprocess.PIPE,
        preexec_fn=limit if limit_file_size is not None else None,  # noqa: PLW1509 - no threads here
    )


def assert_diagnostic(done: subprocess.CompletedProcess[str], line: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "Usage:" not in done.stderr, done.stderr
    assert line in done.stderr.splitlines(), done.stderr


def api_folder(root: Path) -> Path:
    """A Gen 1 project whose API keeps its schema in a schema/ folder: that folder."""
    folder = root / "amplify" / "backend" / "api" / "blog" / "schema"
    folder.mkdir(parents=True)
    (folder / "blog.graphql").write_text(BLOG)
    return folder


def gen2_folder(root: Path) -> Path:
    """A Gen 2 project: its amplify/data folder."""
    folder = root / "amplify" / "data"
    folder.mkdir(parents=True)
    (folder / "resource.ts").write_text(GEN2)
    return folder


# -- standard output ----------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("command", [["compile", "s.graphql"], ["check", "--format", "json", "s.graphql"],
                                     ["check", "--format", "sarif", "s.graphql"],
                                     ["diff", "--format", "json", "s.graphql", "s.graphql"],
                                     ["diagram", "s.graphql"], ["report", "s.graphql"],
                                     ["migrate", "v1.graphql"]])
def test_a_full_standard_output_is_e208(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "s.graphql").write_text(BLOG)
    (tmp_path / "v1.graphql").write_text('type Post @model @key(fields: ["id"]) { id: ID! }\n')
    with open("/dev/full", "w") as full:
        done = run(command, tmp_path, stdout=full.fileno())
    assert_diagnostic(done, "<stdout>: error[E208]: cannot write to standard output: No space left on device")
    assert done.stderr.count("\n") == 1, "one diagnostic, nothing printed at exit"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_stale_diff_to_a_full_standard_output_is_e208(tmp_path: Path) -> None:
    (tmp_path / "s.graphql").write_text(BLOG)
    (tmp_path / "out.json").write_text("{}\n")
    with open("/dev/full", "w") as full:
        done = run(["compile", "s.graphql", "-o", "out.json", "--check"], tmp_path, stdout=full.fileno())
    assert_diagnostic(done, "<stdout>: error[E208]: cannot write to standard output: No space left on device")


# -- output files -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["compile", "s.graphql", "-o"], ["hook-compile", "s.graphql", "-o"],
                                     ["compile", "s.graphql", "--check", "-o"]])
def test_a_fifo_output_is_refused_without_blocking(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "s.graphql").write_text(BLOG)
    os.mkfifo(tmp_path / "out")
    done = run([*command, "out"], tmp_path)  # a read of the FIFO would block until the timeout
    assert_diagnostic(done, "out: error[E207]: the output is a FIFO (named pipe), not a regular file: nothing written")
    assert stat.S_ISFIFO((tmp_path / "out").lstat().st_mode)


def test_a_device_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s.graphql").write_text(BLOG)
    try:
        os.mknod(tmp_path / "null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except OSError as error:
        pytest.skip(f"cannot create a device node here: {error}")
    done = run(["compile", "s.graphql", "-o", "null"], tmp_path)
    assert_diagnostic(done, "null: error[E207]: the output is a character device, not a regular file: nothing written")
    assert stat.S_ISCHR((tmp_path / "null").lstat().st_mode)


def test_a_folder_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s.graphql").write_text(BLOG)
    (tmp_path / "out").mkdir()
    done = run(["compile", "s.graphql", "-o", "out"], tmp_path)
    assert_diagnostic(done, "out: error[E207]: the output is a folder, not a regular file: nothing written")


def test_an_output_through_a_symlink_loop_is_e208(tmp_path: Path) -> None:
    (tmp_path / "s.graphql").write_text(BLOG)
    (tmp_path / "out").symlink_to("out")
    done = run(["compile", "s.graphql", "-o", "out"], tmp_path)
    assert_diagnostic(done, "out: error[E208]: cannot write the output: Too many levels of symbolic links")


def test_an_output_that_does_not_fit_is_e208_and_leaves_nothing(tmp_path: Path) -> None:
    """A write that fails half way (here the file size limit, as a full disk would): an error,
    the old file as it was, no temporary file left."""
    (tmp_path / "s.graphql").write_text(BLOG)
    (tmp_path / "out.json").write_text("old\n")
    done = run(["compile", "s.graphql", "-o", "out.json"], tmp_path, limit_file_size=100)
    assert_diagnostic(done, "out.json: error[E208]: cannot write the output: File too large")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "s.graphql"]
    assert (tmp_path / "out.json").read_text() == "old\n"


@requires_permissions
@pytest.mark.parametrize("command", [["compile", "s.graphql", "-o"], ["hook-compile", "s.graphql", "-o"]])
def test_an_output_folder_that_cannot_be_written_is_e208(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "s.graphql").write_text(BLOG)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked").chmod(0o555)
    done = run([*command, "locked/out.json"], tmp_path, unprivileged=True)
    assert_diagnostic(done, "locked/out.json: error[E208]: cannot write the output: Permission denied")
    assert list((tmp_path / "locked").iterdir()) == []


# -- input files and folders --------------------------------------------------------------------


@requires_permissions
@pytest.mark.parametrize("command", ["compile", "check", "hook-compile", "diagram", "report", "migrate"])
def test_an_unreadable_file_given_directly_is_e203(tmp_path: Path, command: str) -> None:
    schema = tmp_path / "s.graphql"
    schema.write_text(BLOG)
    schema.chmod(0)
    done = run([command, "s.graphql"], tmp_path, unprivileged=True)
    assert_diagnostic(done, "s.graphql: error[E203]: cannot read the file: Permission denied")


@requires_permissions
@pytest.mark.parametrize("unreadable", ["old.graphql", "new.graphql"])
def test_diff_of_an_unreadable_side_is_e203(tmp_path: Path, unreadable: str) -> None:
    for name in ("old.graphql", "new.graphql"):
        (tmp_path / name).write_text(BLOG)
    (tmp_path / unreadable).chmod(0)
    done = run(["diff", "old.graphql", "new.graphql"], tmp_path, unprivileged=True)
    assert_diagnostic(done, f"{unreadable}: error[E203]: cannot read the file: Permission denied")


@requires_permissions
@pytest.mark.parametrize("command", ["compile", "check", "hook-compile"])
@pytest.mark.parametrize("layout, given", [
    ("api", "amplify/backend/api/blog"), ("api", "amplify/backend/api/blog/schema"), ("api", "."),
    ("gen2", "amplify/data"), ("gen2", "amplify/data/resource.ts"), ("gen2", "."),
])
def test_an_unreadable_schema_folder_is_e203(tmp_path: Path, command: str, layout: str, given: str) -> None:
    folder = api_folder(tmp_path) if layout == "api" else gen2_folder(tmp_path)
    folder.chmod(0)
    done = run([command, given], tmp_path, unprivileged=True)
    where = folder.relative_to(tmp_path)
    assert_diagnostic(done, f"{where}: error[E203]: cannot read the folder: Permission denied")


@requires_permissions
def test_an_unreadable_gen2_import_is_e203(tmp_path: Path) -> None:
    gen2 = gen2_folder(tmp_path)
    (gen2 / "resource.ts").write_text("import './models';\n" + GEN2)
    (gen2 / "models.ts").write_text("export const x = 1;\n")
    (gen2 / "models.ts").chmod(0)
    done = run(["compile", "amplify/data"], gen2.parents[1], unprivileged=True)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "amplify/data/models.ts: error[E203]: " in done.stderr


@requires_permissions
def test_check_reports_the_readable_schemas_beside_an_unreadable_one(tmp_path: Path) -> None:
    (tmp_path / "bad.graphql").write_text("type Post @model { id: ID! author: Nope }\n")
    (tmp_path / "locked.graphql").write_text(BLOG)
    (tmp_path / "locked.graphql").chmod(0)
    done = run(["check", "bad.graphql", "locked.graphql"], tmp_path, unprivileged=True)
    assert_diagnostic(done, "locked.graphql: error[E203]: cannot read the file: Permission denied")
    assert "bad.graphql:1:36: error[E003]" in done.stderr


def test_a_symlink_loop_as_input_is_e203(tmp_path: Path) -> None:
    (tmp_path / "s.graphql").symlink_to("s.graphql")
    done = run(["compile", "s.graphql"], tmp_path)
    assert_diagnostic(done, "s.graphql: error[E203]: cannot read the file: Too many levels of symbolic links")


def test_a_fifo_as_input_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "s.graphql")
    done = run(["check", "s.graphql"], tmp_path)
    assert_diagnostic(done, "s.graphql: error[E203]: not a file or folder")
