"""Fetch what a finished codegen job generated and write it into a folder (semantics.md, 13.4).

``asset.downloadUrl`` is a presigned URL of a JSON manifest ``{"Output": [{fileName,
downloadUrl, schemaName, error}]}``; every entry is one generated file with its own presigned
URL. Unlike Amplify CLI, failures are reported per file, names that would escape the folder are
refused, sizes are capped and every write is atomic. Only the standard library is used.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import re
import stat
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import urlsplit

from translator.codegen.errors import DownloadError, redact_urls

# Lists the files the last download wrote, so --clean can tell generated files from others.
STATE_FILE = ".amplify-translate-files.json"
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
DEFAULT_WORKERS = 5
DEFAULT_ATTEMPTS = 3
DEFAULT_RETRY_DELAY = 0.3
DEFAULT_HTTP_TIMEOUT = 30.0

_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class FileResult:
    """One manifest entry: written (``error`` None) or failed, and why."""

    name: str
    error: str | None = None
    size: int = 0

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
        """The files that failed: not generated, refused, too large or not fetched."""
        return [f for f in self.files if not f.ok]


class _FileFailed(Exception):
    """One file (or the manifest) could not be had; the message says why."""


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
) -> DownloadReport:
    """Fetch the manifest and its files, ``workers`` at a time, into ``out_dir``.

    Existing files are replaced, never deleted, except that ``clean`` removes files an earlier
    download wrote (listed in :data:`STATE_FILE`) that the manifest no longer lists. Raises
    :class:`DownloadError` when the manifest itself cannot be fetched or read.
    """
    fetcher = _Fetcher(max_bytes, attempts, retry_delay, timeout)
    try:
        raw = fetcher.fetch(manifest_url)
    except _FileFailed as error:
        raise DownloadError(f"cannot fetch the manifest: {error}") from None
    entries = _parse_manifest(raw)
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DownloadError(f"cannot create {out_dir}: {error.strerror}") from None
    root = Path(os.path.realpath(out_dir))
    report = DownloadReport(root)
    previous = _read_state(root, report.notes)

    names = [e.get("fileName") if isinstance(e, Mapping) else None for e in entries]
    listed: set[str] = set()
    repeated: list[bool] = []
    for name in names:
        repeated.append(name in listed)
        if isinstance(name, str):
            listed.add(name)

    def one(index: int) -> FileResult:
        if repeated[index]:
            return FileResult(str(names[index]), "listed twice in the manifest")
        return _download_one(fetcher, root, entries[index])

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        report.files = list(pool.map(one, range(len(entries))))

    if clean:
        report.removed = _remove_stale(root, previous - listed, report.notes)
    still_there = {name for name in previous if (root / name).is_file()}
    _write_state(root, still_there | {f.name for f in report.written}, report.notes)
    return report


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be fetched (only https, or http to a loopback host), or None."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and _is_loopback(parts.hostname):
        return None
    return f"refused URL {redact_urls(url)}: only https, or http to the loopback address"


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to a URL that :func:`url_problem` accepts."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        problem = url_problem(newurl)
        if problem is not None:
            raise urllib.error.HTTPError(req.full_url, code, f"redirect {problem}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Fetcher:
    """GET with a size cap and retries of network errors, 429 and 5xx (not of other HTTP errors)."""

    def __init__(self, max_bytes: int, attempts: int, retry_delay: float, timeout: float) -> None:
        self.max_bytes = max_bytes
        self.attempts = max(1, attempts)
        self.retry_delay = retry_delay
        self.timeout = timeout
        self._proxied = urllib.request.build_opener(_CheckedRedirects())
        # A loopback URL must not go through a proxy named by http_proxy.
        self._direct = urllib.request.build_opener(
            _CheckedRedirects(), urllib.request.ProxyHandler({})
        )

    def fetch(self, url: str) -> bytes:
        problem = url_problem(url)
        if problem is not None:
            raise _FileFailed(problem)
        last = ""
        for attempt in range(self.attempts):
            if attempt:
                time.sleep(self.retry_delay * attempt)
            try:
                return self._read(url)
            except urllib.error.HTTPError as error:
                last = f"HTTP {error.code} {error.reason}"
                error.close()
                if error.code != 429 and error.code < 500:
                    break
            except urllib.error.URLError as error:
                last = f"network error: {error.reason}"
            except (OSError, http.client.HTTPException) as error:
                last = f"network error: {error or type(error).__name__}"
        raise _FileFailed(redact_urls(last))

    def _read(self, url: str) -> bytes:
        opener = self._direct if _is_loopback(urlsplit(url).hostname) else self._proxied
        with opener.open(url, timeout=self.timeout) as response:
            length = response.headers.get("Content-Length", "")
            too_large = _FileFailed(f"larger than the limit of {self.max_bytes} bytes")
            if length.isdigit() and int(length) > self.max_bytes:
                raise too_large
            data: bytes = response.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:
                raise too_large
            return data


def _parse_manifest(raw: bytes) -> list[Any]:
    try:
        manifest = json.loads(raw)
    except ValueError:
        raise DownloadError("the manifest is not JSON") from None
    output = manifest.get("Output") if isinstance(manifest, dict) else None
    if not isinstance(output, list):
        raise DownloadError('the manifest has no "Output" list')
    return output


def _download_one(fetcher: _Fetcher, root: Path, entry: Any) -> FileResult:
    if not isinstance(entry, Mapping):
        return FileResult("?", "manifest entry is not an object")
    name = entry.get("fileName")
    shown = name if isinstance(name, str) else repr(name)
    try:
        target = _target(root, name)
        if entry.get("error"):
            schema = entry.get("schemaName")
            where = f" ({schema})" if schema else ""
            raise _FileFailed(f"not generated{where}: {entry['error']}")
        url = entry.get("downloadUrl")
        if not isinstance(url, str) or not url:
            raise _FileFailed("no downloadUrl in the manifest")
        data = fetcher.fetch(url)
        _write_atomic(target, data)
    except _FileFailed as error:
        return FileResult(shown, redact_urls(str(error)))
    except OSError as error:
        return FileResult(shown, f"cannot write: {error.strerror or error}")
    return FileResult(shown, None, len(data))


def _target(root: Path, name: object) -> Path:
    """Where ``name`` goes inside ``root`` (already resolved); refuses anything that escapes."""
    if not isinstance(name, str) or not name.strip():
        raise _FileFailed("refused: no file name")
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\\" in name or "\0" in name:
        raise _FileFailed("refused: absolute or non-portable file name")
    parts = PurePosixPath(name).parts
    if ".." in parts:
        raise _FileFailed("refused: file name contains ..")
    if parts == (STATE_FILE,):
        raise _FileFailed("refused: reserved file name")
    target = root.joinpath(*parts)
    # realpath also follows symlinks already in the folder, which could point outside it.
    if not Path(os.path.realpath(target)).is_relative_to(root) or target == root:
        raise _FileFailed("refused: file name resolves outside the output folder")
    return target


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes 0600 files; keep a replaced file's mode, else the usual 0644.
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else 0o644
        os.chmod(temp, mode)
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
            target = _target(root, name)
            if target.is_file() or target.is_symlink():
                target.unlink()
                removed.append(name)
        except (_FileFailed, OSError) as error:
            notes.append(f"kept {name}: {error}")
    return removed
