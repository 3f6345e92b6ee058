"""The errors of the submit path (request, AWS calls, job, download) and their exit codes.

Every one carries a message fit to print as it is: no traceback, no credentials, no presigned
query strings. ``exit_code`` follows the CLI's contract: 1 when the job or a file failed, 2 when
the request could not be made (usage, credentials, an invalid request, an unreachable service).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from translator.core.diagnostics import Diagnostic


class SubmitError(Exception):
    """Base of the submit path's errors; ``str(error)`` is the message to show."""

    exit_code: int = 2


class RequestError(SubmitError):
    """The StartCodegenJob request is invalid; ``diagnostics`` names every problem found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics: list[Diagnostic] = list(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


class AwsError(SubmitError):
    """A call to AmplifyUIBuilder could not be made or was refused (credentials, 4xx, network)."""


class JobNotFoundError(AwsError):
    """GetCodegenJob answered that the job does not exist."""


class JobFailedError(SubmitError):
    """The codegen job ended with status ``failed`` or reported component errors."""

    exit_code = 1

    def __init__(self, message: str, component_errors: Sequence[tuple[str, str]] = ()) -> None:
        self.component_errors: list[tuple[str, str]] = list(component_errors)
        super().__init__(message)


class JobTimeoutError(SubmitError):
    """The codegen job did not finish before the timeout."""

    exit_code = 1


class DownloadError(SubmitError):
    """The manifest of a finished job could not be fetched or read."""

    exit_code = 1


class DownloadInterrupted(SubmitError):
    """Ctrl-C during a download; ``report`` (a ``DownloadReport``) lists the files already
    complete, and the folder's file list was updated to match them."""

    exit_code = 130

    def __init__(self, report: Any) -> None:
        self.report = report
        super().__init__("interrupted while downloading")


# A URL's query string may hold a presigned signature, and its user part a password: never show
# either.
_URL = re.compile(
    r"\b([a-zA-Z][a-zA-Z0-9+.-]*://)"  # scheme, kept
    r"(?:[^\s\"'<>/?#@]*@)?"  # user part, dropped
    r"([^\s\"'<>?#]*)"  # host and path, kept
    r"(?:[?#][^\s\"'<>]*)?"  # query string and fragment, dropped
)


def redact_urls(text: str) -> str:
    """``text`` with the user part, query string and fragment of every URL in it cut off."""
    return _URL.sub(r"\1\2", text)


# What must never reach a terminal raw: C0 and C1 controls, DEL, and the bidirectional
# embeddings, overrides and isolates (they can rewrite or reorder what the user sees).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def has_unprintable(text: str) -> bool:
    """Whether ``text`` holds a character :func:`printable` would escape."""
    return _UNPRINTABLE.search(text) is not None


def printable(text: str) -> str:
    """``text`` with each control or bidirectional-override character escaped (``\\x1b``,
    ``\\n``, ``\\u202e``), so that it shows as what it is."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
