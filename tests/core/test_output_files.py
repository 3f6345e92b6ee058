"""Outputs written into the user's tree (``compile -o``, ``hook-compile``): only regular files,
atomically, with the mode the file had (or the umask gives), through symlinks; everything else
refused before it is opened."""

from __future__ import annotations

import os
import socket
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from translator.core.diagnostics import SourceError
from translator.core.files import stale_diff, write_if_changed

TEXT = '{\n  "models": {}\n}\n'


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    os.umask(previous)
    try:
        yield
    finally:
        os.umask(previous)


def _refused(path: Path, code: str) -> str:
    with pytest.raises(SourceError) as caught:
        write_if_changed(path, TEXT)
    diagnostic = caught.value.diagnostic
    assert diagnostic.code == code and diagnostic.path == str(path), diagnostic.render()
    return diagnostic.message


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask: None, mask: int, expected: int) -> None:
    os.umask(mask)
    target = tmp_path / "out.json"
    assert write_if_changed(target, TEXT)
    assert stat.S_IMODE(target.stat().st_mode) == expected
    assert target.read_text("utf-8") == TEXT
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("mask", [0o022, 0o077])
@pytest.mark.parametrize("mode", [0o644, 0o640, 0o600, 0o664])
def test_a_replaced_file_keeps_its_mode_whatever_the_umask(tmp_path: Path, umask: None, mask: int, mode: int) -> None:
    target = tmp_path / "out.json"
    target.write_text("{}\n")
    target.chmod(mode)
    inode = target.stat().st_ino
    os.umask(mask)
    assert write_if_changed(target, TEXT)
    assert target.read_text("utf-8") == TEXT
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.stat().st_ino != inode, "replaced by a rename, not rewritten in place"


def test_an_unchanged_file_is_not_touched(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text(TEXT)
    before = target.stat()
    assert not write_if_changed(target, TEXT)
    after = target.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_symlink_is_followed_and_its_target_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real" / "schema.json"
    real.parent.mkdir()
    real.write_text("stale\n")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(Path("real") / "schema.json")
    assert write_if_changed(link, TEXT)
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "schema.json")
    assert real.read_text("utf-8") == TEXT
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []
    assert not write_if_changed(link, TEXT)


def test_a_dangling_symlink_gets_its_target_created(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to("made.json")
    assert write_if_changed(link, TEXT)
    assert link.is_symlink()
    assert (tmp_path / "made.json").read_text("utf-8") == TEXT


def test_a_fifo_is_refused_and_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    # Were the FIFO opened for reading, the call would block until a writer came: run it in a
    # thread and fail (not hang) if it does not return.
    outcome: list[BaseException | bool] = []

    def attempt() -> None:
        try:
            outcome.append(write_if_changed(fifo, TEXT))
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            outcome.append(error)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():
        os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # release the blocked reader
        pytest.fail("write_if_changed blocked on the FIFO")
    assert isinstance(outcome[0], SourceError), outcome
    assert outcome[0].diagnostic.code == "E207" and "FIFO" in outcome[0].diagnostic.message
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert _leftovers(tmp_path) == []
    with pytest.raises(SourceError) as caught:
        stale_diff(fifo, TEXT)
    assert caught.value.diagnostic.code == "E207"


def test_a_symlink_to_a_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "link").symlink_to("fifo")
    assert "FIFO" in _refused(tmp_path / "link", "E207")
    assert stat.S_ISFIFO((tmp_path / "fifo").lstat().st_mode)


def test_a_device_node_is_refused(tmp_path: Path) -> None:
    # A node of our own: a test on the real /dev/null would replace the machine's /dev/null
    # with a regular file the day the code regressed.
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except (PermissionError, OSError) as error:
        pytest.skip(f"cannot create a device node here: {error}")
    assert "character device" in _refused(node, "E207")
    assert stat.S_ISCHR(node.lstat().st_mode), "the device is still a device"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert "socket" in _refused(path, "E207")
    assert stat.S_ISSOCK(path.lstat().st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    assert "folder" in _refused(tmp_path / "out", "E207")


def test_a_symlink_loop_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    assert "symbolic links" in _refused(tmp_path / "a", "E208")


def test_a_missing_folder_is_an_error_and_nothing_is_left(tmp_path: Path) -> None:
    assert "No such file" in _refused(tmp_path / "missing" / "out.json", "E208")
    assert list(tmp_path.iterdir()) == []


def test_stale_diff_of_a_regular_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert stale_diff(target, TEXT) is not None  # missing: everything is new
    target.write_text(TEXT)
    assert stale_diff(target, TEXT) is None
    target.write_text("{}\n")
    diff = stale_diff(target, TEXT)
    assert diff is not None and diff.startswith(f"--- {target}\n")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_root_keeps_the_owner_and_group_of_a_replaced_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("{}\n")
    os.chown(target, 65534, 65534)
    assert write_if_changed(target, TEXT)
    assert (target.stat().st_uid, target.stat().st_gid) == (65534, 65534)
