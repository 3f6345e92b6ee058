"""Writing results into the user's tree, and turning OS errors into diagnostics.

An output is only ever a regular file: a symlink is followed and its target replaced; anything
else (a folder, device, FIFO or socket) is refused before it is opened, so ``-o /dev/null`` cannot
become a regular file and ``-o FIFO`` cannot block on a read. A write goes to a temporary file in
the target's folder, created with the target's mode (or, for a new file, the mode the umask gives),
flushed to disk and renamed over the target: readers see the old file or the new one, never a part.
"""

from __future__ import annotations

import difflib
import errno
import os
import secrets
import stat
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from translator.core.diagnostics import Diagnostic, SourceError, Span

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
)


def os_error(error: OSError, path: Path | str, action: str, code: str) -> SourceError:
    """``error`` as an exit-2 diagnostic on ``path``: ``cannot ACTION: <strerror>``."""
    message = f"cannot {action}: {error.strerror or error}"
    return SourceError(Diagnostic(code, message, Span(os.fspath(path))))


@dataclass(frozen=True)
class OutputTarget:
    """Where an output really goes: the regular file ``path`` names (after symlinks), and its
    current status (None when it does not exist yet)."""

    requested: Path
    real: Path
    status: os.stat_result | None


def output_target(path: Path) -> OutputTarget:
    """Resolve ``path`` as an output; SourceError (E207) when it is not a regular file or a
    symlink to one (or to where one may be created), E208 when its status cannot be read."""
    try:
        status: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        status = None  # a new file, or a symlink whose target does not exist yet
    except OSError as error:
        raise os_error(error, path, "write the output", "E208") from None
    if status is not None:
        for test, kind in _KINDS:
            if test(status.st_mode):
                message = f"the output is {kind}, not a regular file: nothing written"
                raise SourceError(Diagnostic("E207", message, Span(str(path))))
    real = Path(os.path.realpath(path)) if os.path.islink(path) else path
    return OutputTarget(path, real, status)


def _current_bytes(target: OutputTarget) -> bytes | None:
    """What the target holds, or None when it cannot be read. Opened non-blocking and checked
    again after opening, so a target swapped for a FIFO since :func:`output_target` is not read."""
    if target.status is None:
        return None
    try:
        fd = os.open(target.real, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            return handle.read()
        except OSError:
            return None


def _umask() -> int:
    """The process umask (read without changing it where /proc tells it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _create_temp(directory: Path, name: str) -> tuple[int, Path]:
    for _ in range(100):
        temp = directory / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(directory))


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically unless it already holds exactly that; True if
    written. SourceError (E207, E208) when ``path`` is no regular file or cannot be written."""
    target = output_target(path)
    data = text.encode("utf-8")
    if _current_bytes(target) == data:
        return False
    if target.status is not None:
        mode = stat.S_IMODE(target.status.st_mode)
    else:
        mode = 0o666 & ~_umask()
    directory = target.real.parent
    temp: Path | None = None
    try:
        fd, temp = _create_temp(directory, target.real.name)
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(fd, mode)
            owner = (target.status.st_uid, target.status.st_gid) if target.status is not None else None
            if owner is not None and owner != (os.geteuid(), os.getegid()):
                # Keep the owner and group where we may (as root); a plain user cannot, and the
                # file then belongs to them, as any editor's save would leave it.
                with suppress(OSError):
                    os.fchown(fd, *owner)
            handle.write(data)
            handle.flush()
            os.fsync(fd)
        if temp.stat().st_size != len(data):
            raise OSError(errno.EIO, "the written file is incomplete")
        os.replace(temp, target.real)
    except OSError as error:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)
        raise os_error(error, path, "write the output", "E208") from None
    return True


def stale_diff(path: Path, text: str) -> str | None:
    """A unified diff from what ``path`` holds to ``text``, or None when they are equal.
    SourceError when ``path`` is no regular file (it is never opened then)."""
    current_bytes = _current_bytes(output_target(path))
    try:
        current = (current_bytes or b"").decode("utf-8")
    except UnicodeDecodeError:
        current = ""
    if current == text:
        return None
    lines = difflib.unified_diff(
        current.splitlines(keepends=True), text.splitlines(keepends=True), str(path), f"{path} (compiled)"
    )
    return "".join(lines)
