"""Writing results: atomic, only when the content changes, and comparison for ``--check``."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

from translator.core.diagnostics import Diagnostic, SourceError, Span


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically unless it already holds exactly that; True if written."""
    try:
        if path.read_text("utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError, IsADirectoryError):
        pass
    except OSError:
        pass
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError as error:
        if "temp" in locals() and os.path.exists(temp):
            os.unlink(temp)
        message = f"cannot write output: {error.strerror or error}"
        raise SourceError(Diagnostic("E203", message, Span(str(path)))) from None
    return True


def stale_diff(path: Path, text: str) -> str | None:
    """A unified diff from what ``path`` holds to ``text``, or None when they are equal."""
    try:
        current = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        current = ""
    if current == text:
        return None
    lines = difflib.unified_diff(
        current.splitlines(keepends=True), text.splitlines(keepends=True), str(path), f"{path} (compiled)"
    )
    return "".join(lines)
