"""The errors of the submit path (request, AWS calls, job, download) and their exit codes.

Every one carries a message fit to print as it is: no traceback, no credentials, no presigned
query strings. ``exit_code`` follows the CLI's contract: 1 when the job or a file failed, 2 when
the request could not be made (usage, credentials, an invalid request, an unreachable service).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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
