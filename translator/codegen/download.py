"""Fetch what a finished codegen job generated and write it into a folder (semantics.md, 13.4).

``asset.downloadUrl`` is a presigned URL of a JSON manifest ``{"Output": [{fileName,
downloadUrl, schemaName, error}]}``; every entry is one generated file with its own presigned
URL. Unlike Amplify CLI, failures are reported per file, names that would escape the folder (or
carry control or bidirectional-override characters) are refused, every body is checked against
its Content-Length, the size limit and any ``size``/``sha256`` the manifest carries, and each file
is streamed into a temporary file in its own folder and renamed only once complete: a file is
there whole or not at all. Only the standard library is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from translator.codegen.errors import DownloadError, DownloadInterrupted, has_unprintable, printable, redact_urls
from translator.codegen.fetch import (
    BAD_BODY,
    BAD_CHECKSUM,
    FETCH_FAILED,
    Cancelled,
    Fetcher,
    FetchFailed,
    url_problem,
)

# Lists the files the last download wrote, so --clean can tell generated files from others.
STATE_FILE = ".amplify-translate-files.json"
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_WORKERS = 5
DEFAULT_ATTEMPTS = 3
DEFAULT_RETRY_DELAY = 0.3
DEFAULT_HTTP_TIMEOUT = 30.0
DEFAULT_DOWNLOAD_TIMEOUT = 120.0
NAME_REFUSED = "E218"
NAME_TWICE = "E219"

_DRIVE = re.compile(r"^[A-Za-z]:")

__all__ = ["DownloadReport", "FileResult", "download_job", "download_manifest", "url_problem"]


@dataclass(frozen=True)
class FileResult:
    """One manifest entry: written (``error`` None) or failed, why, and the code of why."""

    name: str
    error: str | None = None
    size: int = 0
    code: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the file was written."""
        return self.error is None


@dataclass
class DownloadReport:
    """What a download did in ``directory``: per-file results, removed stale files, notes."""

    directory: Path
    files: list[FileResult] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def written(self) -> list[FileResult]:
        """The files written."""
        return [f for f in self.files if f.ok]

    @property
    def failed(self) -> list[FileResult]:
        """The files that failed: not generated, refused, incomplete, too large or not fetched."""
        return [f for f in self.files if not f.ok]


class _FileFailed(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def download_job(job: Mapping[str, Any], out_dir: str | Path, **options: Any) -> DownloadReport:
    """Download the files of a succeeded job into ``out_dir``; see :func:`download_manifest`."""
    asset = job.get("asset")
    url = asset.get("downloadUrl") if isinstance(asset, Mapping) else None
    if not isinstance(url, str) or not url:
        raise DownloadError(f"codegen job {job.get('id')} has no manifest (asset.downloadUrl)")
    return download_manifest(url, out_dir, **options)


def download_manifest(
    manifest_url: str,
    out_dir: str | Path,
    *,
    clean: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    workers: int = DEFAULT_WORKERS,
    attempts: int = DEFAULT_ATTEMPTS,
    retry_delay: float = DEFAULT_RETRY_DELAY,
    timeout: float = DEFAULT_HTTP_TIMEOUT,
    deadline: float | None = DEFAULT_DOWNLOAD_TIMEOUT,
) -> DownloadReport:
    """Fetch the manifest and its files, ``workers`` at a time, into ``out_dir``, all within
    ``deadline`` seconds (``timeout`` bounds each wait for the network).

    Existing files are replaced, never deleted, except that ``clean`` removes files an earlier
    download wrote (listed in :data:`STATE_FILE`) that the manifest no longer lists. Raises
    :class:`DownloadError` when the manifest cannot be fetched or read, and
    :class:`DownloadInterrupted` on Ctrl-C, after the files already complete are recorded.
    """
    fetcher = Fetcher(max_bytes=max_bytes, attempts=attempts, retry_delay=retry_delay,
                      timeout=timeout, deadline_seconds=deadline)  # fmt: skip
    try:
        # The manifest is not a generated file: --max-file-size does not make it smaller than usual.
        raw = fetcher.fetch_bytes(manifest_url, limit=max(max_bytes, DEFAULT_MAX_BYTES))
    except FetchFailed as error:
        raise DownloadError(f"cannot fetch the manifest: {error}") from None
    except KeyboardInterrupt:
        raise DownloadInterrupted(DownloadReport(Path(out_dir))) from None
    entries = _parse_manifest(raw)
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(f"cannot create {out_dir}: {error.strerror}") from None
    root = Path(os.path.realpath(out_dir))
    report = DownloadReport(root)
    previous = _read_state(root, report.notes)
    plan = _plan(entries)
    writer = _Writer(fetcher, root)
    interrupted = False
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    futures: list[Future[FileResult] | FileResult] = [
        step if isinstance(step, FileResult) else pool.submit(writer.download, entry, step)
        for entry, step in plan
    ]
    try:
        pending = [f for f in futures if isinstance(f, Future)]
        while pending:
            # Short waits, so Ctrl-C reaches this thread at once.
            pending = list(wait(pending, timeout=0.1).not_done)
    except KeyboardInterrupt:
        interrupted = True
        fetcher.cancel()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    report.files = [_outcome(step, entry) for step, (entry, _) in zip(futures, plan, strict=True)]
    listed = {step for _, step in plan if isinstance(step, str)}
    if clean and not interrupted:
        report.removed = _remove_stale(root, previous - listed, report.notes)
    still_there = {name for name in previous if (root / name).is_file()}
    written = {step for (_, step), result in zip(plan, report.files, strict=True) if result.ok}
    _write_state(root, still_there | {str(name) for name in written}, report.notes)
    if interrupted:
        raise DownloadInterrupted(report)
    return report


def normalised_name(name: object) -> str:
    """The manifest name as a relative path inside the folder (``./x`` is ``x``); raises
    ``ValueError`` with the reason when it is refused."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("refused: no file name")
    # A name with a control or bidirectional-override character can hide what it is.
    if has_unprintable(name):
        raise ValueError("refused: control or bidirectional-override character in the file name")
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\\" in name:
        raise ValueError("refused: absolute or non-portable file name")
    parts = PurePosixPath(name).parts
    if ".." in parts:
        raise ValueError("refused: file name contains ..")
    if not parts:
        raise ValueError("refused: no file name")
    if parts == (STATE_FILE,):
        raise ValueError("refused: reserved file name")
    return "/".join(parts)


def _plan(entries: list[Any]) -> list[tuple[Any, str | FileResult]]:
    """Each entry with its normalised name, or the result of an entry that fails before any fetch."""
    steps: list[tuple[Any, str | FileResult]] = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            steps.append((entry, FileResult("?", "manifest entry is not an object", code=NAME_REFUSED)))
            continue
        try:
            steps.append((entry, normalised_name(entry.get("fileName"))))
        except ValueError as error:
            steps.append((entry, FileResult(_shown(entry.get("fileName")), str(error), code=NAME_REFUSED)))
    spellings: dict[str, set[str]] = {}
    for entry, step in steps:
        if isinstance(step, str):
            spellings.setdefault(step, set()).add(printable(_shown(entry.get("fileName"))))
    counts = Counter(step for _, step in steps if isinstance(step, str))
    for index, (entry, step) in enumerate(steps):
        if isinstance(step, str) and counts[step] > 1:
            listed = ", ".join(sorted(spellings[step]))
            message = f"listed {counts[step]} times in the manifest ({listed}); none written"
            steps[index] = (entry, FileResult(_shown(entry.get("fileName")), message, code=NAME_TWICE))
    return steps


def _outcome(step: Future[FileResult] | FileResult, plan_entry: Any) -> FileResult:
    if isinstance(step, FileResult):
        return step
    if step.cancelled():
        return FileResult(_shown(plan_entry.get("fileName")), "interrupted before it was fetched")
    return step.result()


def _shown(name: object) -> str:
    return name if isinstance(name, str) else repr(name)


class _Writer:
    """Downloads one entry into a temporary file beside its target and renames it when complete."""

    def __init__(self, fetcher: Fetcher, root: Path) -> None:
        self.fetcher = fetcher
        self.root = root
        # Creating a folder and removing it again when its first file fails must not race with
        # another worker putting its own file there.
        self._folders = threading.Lock()

    def download(self, entry: Mapping[str, Any], relative: str) -> FileResult:
        shown = _shown(entry.get("fileName"))
        try:
            if entry.get("error"):
                schema = entry.get("schemaName")
                where = f" ({schema})" if schema else ""
                raise _FileFailed(FETCH_FAILED, f"not generated{where}: {entry['error']}")
            url = entry.get("downloadUrl")
            if not isinstance(url, str) or not url:
                raise _FileFailed(FETCH_FAILED, "no downloadUrl in the manifest")
            self.fetcher.check()
            size = self._write(_target(self.root, relative), url, entry)
        except (_FileFailed, FetchFailed) as error:
            return FileResult(shown, redact_urls(str(error)), code=error.code)
        except Cancelled:
            return FileResult(shown, "interrupted before it was complete")
        except OSError as error:
            return FileResult(shown, f"cannot write: {error.strerror or error}", code=FETCH_FAILED)
        return FileResult(shown, None, size)

    def _write(self, target: Path, url: str, entry: Mapping[str, Any]) -> int:
        with self._folders:
            created = _make_folders(self.root, target.parent)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "w+b") as stream:
                size = self.fetcher.fetch(url, stream)
                _check_manifest_claims(entry, stream, size)
                stream.flush()
                os.fsync(stream.fileno())
            # mkstemp makes 0600 files; keep a replaced file's mode, else the usual 0644.
            mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else 0o644
            os.chmod(temp, mode)
            os.replace(temp, target)
        except BaseException:
            with suppress(OSError):
                os.unlink(temp)
            with self._folders:
                for folder in reversed(created):
                    with suppress(OSError):
                        folder.rmdir()  # only succeeds while empty
            raise
        return size


def _make_folders(root: Path, folder: Path) -> list[Path]:
    """Create ``folder`` (inside ``root``); the folders created, outermost first."""
    missing = [p for p in [folder, *folder.parents] if p.is_relative_to(root) and not p.exists()]
    missing.reverse()
    for path in missing:
        path.mkdir()
    return missing


def _check_manifest_claims(entry: Mapping[str, Any], stream: IO[bytes], size: int) -> None:
    """The ``size`` and ``sha256`` of the entry, when the manifest has them."""
    expected = entry.get("size")
    if isinstance(expected, int) and not isinstance(expected, bool) and expected != size:
        raise _FileFailed(BAD_BODY, f"{size} bytes received, the manifest says {expected}")
    checksum = entry.get("sha256")
    if isinstance(checksum, str) and checksum:
        stream.seek(0)
        digest = hashlib.sha256()
        for piece in iter(lambda: stream.read(1 << 16), b""):
            digest.update(piece)
        if digest.hexdigest() != checksum.lower():
            raise _FileFailed(BAD_CHECKSUM, "SHA-256 differs from the manifest's")


def _parse_manifest(raw: bytes) -> list[Any]:
    try:
        manifest = json.loads(raw)
    except ValueError:
        raise DownloadError("the manifest is not JSON") from None
    output = manifest.get("Output") if isinstance(manifest, dict) else None
    if not isinstance(output, list):
        raise DownloadError('the manifest has no "Output" list')
    return output


def _target(root: Path, relative: str) -> Path:
    """Where ``relative`` goes inside ``root`` (already resolved); refuses any way out."""
    target = root.joinpath(*relative.split("/"))
    # realpath also follows symlinks already in the folder, which could point outside it.
    if not Path(os.path.realpath(target)).is_relative_to(root) or target == root:
        raise _FileFailed(NAME_REFUSED, "refused: file name resolves outside the output folder")
    return target


def _write_atomic(target: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def _read_state(root: Path, notes: list[str]) -> set[str]:
    path = root / STATE_FILE
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", [])
    except FileNotFoundError:
        return set()
    except (OSError, ValueError, AttributeError):
        notes.append(f"ignored unreadable {STATE_FILE}")
        return set()
    return {name for name in files if isinstance(name, str)} if isinstance(files, list) else set()


def _write_state(root: Path, names: Iterable[str], notes: list[str]) -> None:
    text = json.dumps({"files": sorted(names)}, indent=2) + "\n"
    try:
        _write_atomic(root / STATE_FILE, text.encode("utf-8"))
    except OSError as error:
        notes.append(f"cannot write {STATE_FILE}: {error.strerror or error}")


def _remove_stale(root: Path, names: Iterable[str], notes: list[str]) -> list[str]:
    removed = []
    for name in sorted(names):
        try:
            target = _target(root, normalised_name(name))
            if target.is_file() or target.is_symlink():
                target.unlink()
                removed.append(name)
        except (_FileFailed, ValueError, OSError) as error:
            notes.append(f"kept {printable(name)}: {error}")
    return removed
