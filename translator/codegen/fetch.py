"""HTTP GET for the download of a codegen job: bodies checked, time bounded, interruptible.

Every body is read in single-``recv`` pieces (``read1``) and checked against its
``Content-Length`` and the size limit, so a body cut short or grown too large fails instead of
being saved. One deadline covers the whole download (``--download-timeout``) on top of the
per-request socket timeout: before every read the socket's timeout is cut to what is left of it,
so neither a hung nor a trickling server can hold a run. :meth:`Fetcher.cancel` (Ctrl-C) shuts
every open socket down, which wakes each worker blocked in a read at once. Only the standard
library is used.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import io
import ipaddress
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from typing import IO, Any
from urllib.parse import urlsplit

from translator.codegen.errors import redact_urls

CHUNK = 64 * 1024
# Codes of the per-file failures (translator/core/codes.py).
FETCH_FAILED = "E220"
BAD_BODY = "E221"
BAD_CHECKSUM = "E222"
DEADLINE = "E223"


class FetchFailed(Exception):
    """A body could not be had; ``code`` and ``str(error)`` say why (safe to print)."""

    def __init__(self, code: str, message: str, *, retry: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.retry = retry


class Cancelled(Exception):
    """The download was interrupted (:meth:`Fetcher.cancel`)."""


def url_problem(url: str) -> str | None:
    """Why ``url`` may not be fetched (only https, or http to a loopback host), or None."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and is_loopback(parts.hostname):
        return None
    return f"refused URL {redact_urls(url)}: only https, or http to the loopback address"


def is_loopback(host: str | None) -> bool:
    """Whether ``host`` is ``localhost`` or a loopback address."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Fetcher:
    """GET with a size cap, body checks, retries of network errors, 429 and 5xx, one deadline
    for everything it fetches, and cancellation from another thread."""

    def __init__(
        self,
        *,
        max_bytes: int,
        attempts: int,
        retry_delay: float,
        timeout: float,
        deadline_seconds: float | None,
        clock: Any = time.monotonic,
    ) -> None:
        self.max_bytes = max_bytes
        self.attempts = max(1, attempts)
        self.retry_delay = retry_delay
        self.timeout = timeout
        self.deadline_seconds = deadline_seconds
        self._clock = clock
        self._deadline = None if deadline_seconds is None else clock() + deadline_seconds
        self._cancelled = threading.Event()
        self._live: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._local = threading.local()
        handlers = (_CheckedRedirects(), _TrackedHTTPHandler(self), _TrackedHTTPSHandler(self))
        self._proxied = urllib.request.build_opener(*handlers)
        # A loopback URL must not go through a proxy named by http_proxy.
        self._direct = urllib.request.build_opener(*handlers, urllib.request.ProxyHandler({}))

    def cancel(self) -> None:
        """Stop every fetch: the ones waiting fail at once, the ones reading wake up and fail."""
        self._cancelled.set()
        with self._lock:
            live = list(self._live)
        for sock in live:
            # The plain socket's shutdown, also under TLS: it only needs the descriptor.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    @property
    def cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` or the deadline's :class:`FetchFailed` when it is time to stop."""
        if self._cancelled.is_set():
            raise Cancelled
        remaining = self._remaining()
        if remaining is not None and remaining <= 0:
            message = f"the download deadline of {self.deadline_seconds:g} s passed (--download-timeout)"
            raise FetchFailed(DEADLINE, message)

    def fetch(self, url: str, sink: IO[bytes], *, limit: int | None = None) -> int:
        """Write the body of ``url`` into ``sink`` (emptied before each attempt); its length.
        ``limit`` replaces ``max_bytes`` for this body."""
        problem = url_problem(url)
        if problem is not None:
            raise FetchFailed(FETCH_FAILED, problem)
        failure = FetchFailed(FETCH_FAILED, "not fetched")
        for attempt in range(self.attempts):
            if attempt and self._cancelled.wait(self._pause(attempt)):
                raise Cancelled
            self.check()
            sink.seek(0)
            sink.truncate()
            try:
                return self._read(url, sink, self.max_bytes if limit is None else limit)
            except FetchFailed as error:
                failure = error
            if not failure.retry:
                break
        raise failure

    def fetch_bytes(self, url: str, *, limit: int | None = None) -> bytes:
        """The whole body of ``url`` (the manifest)."""
        buffer = io.BytesIO()
        self.fetch(url, buffer, limit=limit)
        return buffer.getvalue()

    # -- one attempt --

    def _read(self, url: str, sink: IO[bytes], limit: int) -> int:
        opener = self._direct if is_loopback(urlsplit(url).hostname) else self._proxied
        self._local.sock = None
        self._local.opened = []
        try:
            with opener.open(url, timeout=self._socket_timeout()) as response:
                return self._body(response, sink, limit)
        except urllib.error.HTTPError as error:
            error.close()
            transient = error.code == 429 or error.code >= 500
            raise FetchFailed(FETCH_FAILED, redact_urls(f"HTTP {error.code} {error.reason}"), retry=transient) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
            self.check()  # a socket shut down by cancel() or timed out at the deadline
            reason = error.reason if isinstance(error, urllib.error.URLError) else (error or type(error).__name__)
            raise FetchFailed(FETCH_FAILED, redact_urls(f"network error: {reason}"), retry=True) from None
        finally:
            with self._lock:
                self._live.difference_update(self._local.opened)

    def _body(self, response: Any, sink: IO[bytes], limit: int) -> int:
        declared = response.headers.get("Content-Length", "")
        length = int(declared) if declared.isdigit() else None
        if length is not None and length > limit:
            raise FetchFailed(BAD_BODY, f"larger than the limit of {limit} bytes ({length} bytes announced)")
        total = 0
        while True:
            self.check()
            sock = getattr(self._local, "sock", None)
            if sock is not None:
                sock.settimeout(self._socket_timeout())
            piece = response.read1(CHUNK)
            if not piece:
                break
            total += len(piece)
            if total > limit:
                raise FetchFailed(BAD_BODY, f"larger than the limit of {limit} bytes")
            sink.write(piece)
        if length is not None and total != length:
            raise FetchFailed(BAD_BODY, f"incomplete body: {total} of the {length} bytes announced", retry=True)
        return total

    def _remaining(self) -> float | None:
        return None if self._deadline is None else self._deadline - self._clock()

    def _socket_timeout(self) -> float:
        remaining = self._remaining()
        return self.timeout if remaining is None else max(0.001, min(self.timeout, remaining))

    def _pause(self, attempt: int) -> float:
        remaining = self._remaining()
        pause = self.retry_delay * attempt
        return pause if remaining is None else max(0.0, min(pause, remaining))

    # -- socket bookkeeping, called from the connections --

    def _opened(self, sock: socket.socket) -> None:
        with self._lock:
            self._live.add(sock)
        self._local.sock = sock
        self._local.opened.append(sock)
        if self._cancelled.is_set():
            self.cancel()


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


class _Tracked(http.client.HTTPConnection):
    """Tells the fetcher its socket once connected, so cancel() and the deadline can reach it
    (mixed in before the connection class, plain or TLS)."""

    def __init__(self, *args: Any, fetcher: Fetcher, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fetcher = fetcher

    def connect(self) -> None:
        super().connect()  # for TLS, also the handshake: self.sock is then the TLS socket
        self._fetcher._opened(self.sock)


class _TrackedHTTPConnection(_Tracked):
    """A plain connection that reports its socket."""


class _TrackedHTTPSConnection(_Tracked, http.client.HTTPSConnection):
    """A TLS connection that reports its socket."""


class _TrackedHTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, fetcher: Fetcher) -> None:
        super().__init__()
        self._connection = functools.partial(_TrackedHTTPConnection, fetcher=fetcher)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _TrackedHTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, fetcher: Fetcher) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(context=self._tls)
        self._connection = functools.partial(_TrackedHTTPSConnection, fetcher=fetcher)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req, context=self._tls)
