"""Diagnostic reports: text (optionally with the source line and a caret), JSON, GitHub
workflow commands and SARIF 2.1.0."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from translator.core.codes import CODES
from translator.core.diagnostics import Diagnostic, Span

FORMATS = ("text", "json", "github", "sarif")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


@lru_cache(maxsize=64)
def _cached_lines(path: str, stamp: tuple[int, int]) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text("utf-8-sig").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def _lines(path: str) -> tuple[str, ...]:
    """The lines of ``path``, re-read when the file changed (size or mtime) since the last call."""
    try:
        status = Path(path).stat()
    except OSError:
        return ()
    return _cached_lines(path, (status.st_mtime_ns, status.st_size))


def _excerpt(span: Span) -> list[str]:
    lines = _lines(span.path)
    if span.line <= 0 or span.line > len(lines):
        return []
    text = lines[span.line - 1].replace("\t", " ")
    return [f"  {span.line:>4} | {text}", "       | " + " " * max(span.column - 1, 0) + "^"]


def render_text(diagnostics: Sequence[Diagnostic], verbose: bool = False) -> str:
    """One ``path:line:col: severity[CODE]: message`` per diagnostic (``verbose`` adds the line)."""
    out: list[str] = []
    for d in diagnostics:
        out.append(f"{d.span}: {d.severity}[{d.code}]: {d.message}")
        if verbose:
            out.extend(_excerpt(d.span))
        out.extend(f"  {r.span}: note: {r.message}" for r in d.related)
    return "\n".join(out) + ("\n" if out else "")


def as_json(diagnostics: Sequence[Diagnostic]) -> list[dict[str, Any]]:
    """Diagnostics as plain objects."""
    return [
        {
            "code": d.code,
            "severity": d.severity,
            "message": d.message,
            "path": d.path,
            "line": d.line,
            "column": d.column,
            "related": [
                {"path": r.span.path, "line": r.span.line, "column": r.span.column, "message": r.message}
                for r in d.related
            ],
        }
        for d in diagnostics
    ]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, one annotation per diagnostic."""
    out = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.path)}"]
        if d.line > 0:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={_escape_property(d.code)}")
        out.append(f"::{d.severity} {','.join(props)}::{_escape_data(d.message)}")
    return "\n".join(out) + ("\n" if out else "")


def _location(span: Span, message: str | None = None) -> dict[str, Any]:
    # A URI reference (SARIF 3.4.3, RFC 3986): spaces, ":" and non-ASCII characters percent-encoded.
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(Path(span.path).as_posix())}}
    if span.line > 0:
        physical["region"] = {"startLine": span.line, "startColumn": max(span.column, 1)}
    location: dict[str, Any] = {"physicalLocation": physical}
    if message is not None:
        location["message"] = {"text": message}
    return location


def as_sarif(diagnostics: Sequence[Diagnostic], version: str) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one rule per code that occurs."""
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {"id": code, "name": code, "shortDescription": {"text": CODES.get(code, code)},
         "defaultConfiguration": {"level": "warning" if code.startswith("W") else "error"}}
        for code in codes
    ]
    results = []
    for d in diagnostics:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": d.severity,
            "message": {"text": d.message},
            "locations": [_location(d.span)],
        }
        if d.related:
            result["relatedLocations"] = [
                {"id": i, **_location(r.span, r.message)} for i, r in enumerate(d.related)
            ]
        results.append(result)
    driver = {
        "name": "amplify-translate",
        "version": version,
        "informationUri": "https://pypi.org/project/amplify-schema-translator/",
        "rules": rules,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}


def render(diagnostics: Sequence[Diagnostic], fmt: str, *, verbose: bool = False, version: str = "0") -> str:
    """``diagnostics`` in output format ``fmt`` (one of FORMATS)."""
    if fmt == "json":
        return json.dumps(as_json(diagnostics), indent=2) + "\n"
    if fmt == "github":
        return render_github(diagnostics)
    if fmt == "sarif":
        return json.dumps(as_sarif(diagnostics, version), indent=2) + "\n"
    return render_text(diagnostics, verbose)
