"""What the submit commands print and how they end: errors, progress, waiting for a job and
downloading it, Ctrl-C, the resume command. Everything that came from the service or the manifest
is printed through :func:`printable`, so no control or bidi character reaches the terminal raw."""

from __future__ import annotations

import functools
import json
import re
import shlex
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from translator.cli.common import EXIT_USAGE
from translator.codegen.client import Job, component_errors, wait_for_job
from translator.codegen.download import STATE_FILE, DownloadReport, download_job
from translator.codegen.errors import (
    AwsError,
    DownloadInterrupted,
    JobFailedError,
    JobNotFoundError,
    JobTimeoutError,
    RequestError,
    SubmitError,
    printable,
    redact_urls,
)
from translator.codegen.request import missing_dependencies
from translator.core.diagnostics import CompilationError, Diagnostic, SourceError, Span

F = TypeVar("F", bound=Callable[..., Any])
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what a shell reports for a program ended by Ctrl-C


def cli_errors(fn: F) -> F:
    """Print every expected error as a message and exit with its code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (CompilationError, RequestError) as error:
            print_problems(error.diagnostics)
            raise click.exceptions.Exit(EXIT_USAGE) from None
        except SourceError as error:
            print_problems([error.diagnostic])
            raise click.exceptions.Exit(EXIT_USAGE) from None
        except JobFailedError as error:
            fail(str(error), exit_code=None)
            for schema, message in error.component_errors:
                click.echo(printable(f"  {schema}: {redact_urls(message)}"), err=True)
            raise click.exceptions.Exit(error.exit_code) from None
        except SubmitError as error:
            fail(str(error), exit_code=error.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", exit_code=EXIT_INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit, BrokenPipeError):
            raise  # BrokenPipeError: the entry point ends quietly on a closed stdout
        except Exception as error:
            # A bug, not a user error: still a message, never a traceback.
            fail(f"unexpected {type(error).__name__}: {redact_urls(str(error))}", exit_code=2)

    return wrapper  # type: ignore[return-value]


def print_problems(diagnostics: list[Diagnostic]) -> None:
    """Diagnostics as ``where: severity[CODE]: message``, escaped."""
    for diagnostic in diagnostics:
        click.echo(printable(diagnostic.render()), err=True)


def fail(message: str, *, exit_code: int | None) -> None:
    """``error: message`` on stderr; exit with ``exit_code`` unless it is None."""
    click.echo(printable(f"error: {message}"), err=True)
    if exit_code is not None:
        raise click.exceptions.Exit(exit_code)


def warn(message: str) -> None:
    """``warning: message`` on stderr (also under ``-q``)."""
    click.echo(printable(f"warning: {message}"), err=True)


def progress(quiet: bool, message: str) -> None:
    """Progress on stderr unless ``-q``."""
    if not quiet:
        click.echo(printable(message), err=True)


def resume_command(
    job_id: str, app_id: str, environment_name: str, out_dir: Path | str, opts: Mapping[str, Any]
) -> str:
    """The ``download`` command that finishes the job later, with the AWS options as given."""
    words = ["amplify-translate", "download", job_id, "--app-id", app_id, "--environment-name", environment_name,
             "--out", str(out_dir)]  # fmt: skip
    for option in ("region", "profile", "endpoint_url", "package_json"):
        if opts.get(option):
            words += [f"--{option.replace('_', '-')}", str(opts[option])]
    return shlex.join(words)


def finish(
    client: Any,
    ids: tuple[str, str],
    job_id: str,
    out_dir: Path | str,
    installed: Mapping[str, str] | None,
    opts: Mapping[str, Any],
) -> None:
    """Wait for the job, download its files, report; exit 1 when anything failed, 130 on Ctrl-C
    (saying how to resume), 2 when GetCodegenJob keeps failing."""
    quiet = opts["quiet"]
    resume = resume_command(job_id, *ids, out_dir, opts)

    def on_progress(job: Job, elapsed: float) -> None:
        progress(quiet, f"codegen job {job_id}: {job.get('status')} ({elapsed:.1f} s)")

    try:
        job = wait_for_job(client, *ids, job_id, timeout=opts["timeout"], poll_interval=opts["poll_interval"],
                           on_progress=on_progress)  # fmt: skip
    except JobTimeoutError as error:
        fail(str(error), exit_code=None)
        click.echo(f"  it may still finish; download it later with: {resume}", err=True)
        raise click.exceptions.Exit(error.exit_code) from None
    except AwsError as error:
        if isinstance(error, JobNotFoundError):
            raise
        fail(str(error), exit_code=None)
        click.echo(f"  the job may still finish; download it later with: {resume}", err=True)
        raise click.exceptions.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        click.echo(f"interrupted: codegen job {job_id} is still running; download it later with: {resume}",
                   err=True)  # fmt: skip
        raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
    click.echo(f"codegen job {job_id} succeeded")
    try:
        report = download_job(job, out_dir, clean=opts["clean"], max_bytes=opts["max_file_size"],
                              deadline=opts["download_timeout"])  # fmt: skip
    except DownloadInterrupted as interrupted:
        print_report(interrupted.report, quiet)
        done = len(interrupted.report.written)
        click.echo(f"interrupted while downloading codegen job {job_id}: {done} file(s) complete "
                   f"(listed in {STATE_FILE}); fetch the rest with: {resume}", err=True)  # fmt: skip
        raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
    failed = print_report(report, quiet)
    errors = component_errors(job)
    for schema, message in errors:
        fail(f"component {schema} was not generated: {redact_urls(message)}", exit_code=None)
    if not errors and job.get("statusMessage"):
        progress(quiet, f"status message: {redact_urls(str(job['statusMessage']))}")
    print_dependencies(job, installed)
    if failed or errors:
        raise click.exceptions.Exit(1)


def print_report(report: DownloadReport, quiet: bool) -> bool:
    """Each file written or failed, then the summary on stdout; whether any failed."""
    for result in report.written:
        progress(quiet, f"wrote {result.name} ({result.size} bytes)")
    for name in report.removed:
        progress(quiet, f"removed stale {name}")
    for note in report.notes:
        warn(note)
    for result in report.failed:
        where = Span(printable(result.name))
        if result.code is None:
            click.echo(printable(f"{where}: {result.error}"), err=True)
        else:
            print_problems([Diagnostic(result.code, str(result.error), where)])
    summary = f"wrote {len(report.written)} file(s) to {report.directory}"
    if report.failed:
        summary += f"; {len(report.failed)} failed"
    click.echo(printable(summary))
    return bool(report.failed)


def print_dependencies(job: Job, installed: Mapping[str, str] | None) -> None:
    """The job's required packages, marking those missing from package.json."""
    dependencies = [d for d in job.get("dependencies") or [] if isinstance(d, dict)]
    if not dependencies:
        return
    missing = [] if installed is None else missing_dependencies(dependencies, installed)
    click.echo("dependencies of the generated code:")
    for dep in dependencies:
        line = f"  {dep.get('name')} {dep.get('supportedVersion', '')}".rstrip()
        if dep.get("reason"):
            line += f" ({dep['reason']})"
        if dep in missing:
            wanted = f"{dep.get('name')}@{dep.get('supportedVersion', 'latest')}"
            line += f' [missing from package.json: npm install "{wanted}"]'
        click.echo(printable(line))


def text(value: Any) -> str:
    """A job field as printable text."""
    return printable(value.isoformat() if isinstance(value, datetime) else redact_urls(str(value)))


def as_json(value: Any) -> str:
    """``value`` as indented JSON, URLs redacted; C1 and bidi characters escaped as ``\\uXXXX``
    (``json.dumps`` escapes the C0 ones itself), which keeps it valid JSON."""
    dumped = redact_urls(json.dumps(value, indent=2, ensure_ascii=False, default=_isoformat))
    return _JSON_UNPRINTABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


_JSON_UNPRINTABLE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _isoformat(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)
