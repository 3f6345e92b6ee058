"""The ``submit``, ``status``, ``download`` and ``jobs`` commands: parse arguments, print.

The work is done by :mod:`translator.codegen.request`, :mod:`translator.codegen.client` and
:mod:`translator.codegen.download`. Exit codes: 0 done; 1 the job failed, timed out or a file failed;
2 usage, credentials or request errors. Progress goes to stderr (``-q`` silences it); no
traceback is ever shown.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from translator.cli.common import EXIT_USAGE, feature_flag_option, print_diagnostics
from translator.codegen.client import (
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_POLL_INTERVAL,
    DEFAULT_TIMEOUT,
    Job,
    component_errors,
    get_job,
    job_failure,
    list_jobs,
    make_client,
    start_job,
    wait_for_job,
)
from translator.codegen.download import DEFAULT_MAX_BYTES, DownloadReport, download_job
from translator.codegen.errors import (
    JobFailedError,
    JobTimeoutError,
    RequestError,
    SubmitError,
    redact_urls,
)
from translator.codegen.request import (
    API_KINDS,
    MODULES,
    SCRIPTS,
    TARGETS,
    CodegenOptions,
    GraphQLPaths,
    amplify_dependencies,
    build_request,
    check_app_id,
    default_api,
    missing_dependencies,
    project_dependencies,
)
from translator.core.diagnostics import CompilationError, SourceError
from translator.project.sources import parse_flag_assignments

F = TypeVar("F", bound=Callable[..., Any])
_SHOW_DEFAULTS = {"show_default": True}
# CodegenOptions fields taken as they are from the options of the same name.
_SAME_NAMED = ("module", "target", "script", "render_type_declarations", "inline_source_map",
               "auto_generate_forms", "relationships", "non_models", "tags")  # fmt: skip
_GRAPHQL_PATHS = ("types", "queries", "mutations", "subscriptions", "fragments")



def _key_values(_ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> Any:
    """``NAME=VALUE`` options as a dict, in the order given."""
    result: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param=param)
        result[name.strip()] = value.strip()
    return result


def _options(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def apply(fn: F) -> F:
        for decorator in reversed(decorators):
            fn = decorator(fn)
        return fn

    return apply


# fmt: off
_aws = _options(
    click.option("--app-id", required=True, help="Amplify app id, like d1a2b3c4d5e6f7."),
    click.option("--environment-name", required=True, help="Amplify backend environment."),
    click.option("--region", help="AWS region (default: AWS_REGION or the profile's)."),
    click.option("--profile", help="AWS profile (default: AWS_PROFILE)."),
    click.option("--endpoint-url",
                 help="Service endpoint (default: AWS_ENDPOINT_URL_AMPLIFYUIBUILDER)."),
    click.option("--max-attempts", type=click.IntRange(1, 20), default=DEFAULT_MAX_ATTEMPTS,
                 help="Attempts per API call (throttling and 5xx are retried)."),
    click.option("-q", "--quiet", is_flag=True, help="No progress on stderr."),
)
_wait = _options(
    click.option("--timeout", type=click.FloatRange(0), default=DEFAULT_TIMEOUT,
                 help="Seconds to wait for the job."),
    click.option("--poll-interval", type=click.FloatRange(0), default=DEFAULT_POLL_INTERVAL,
                 help="First pause between polls; pauses grow by half."),
)
_download = _options(
    click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                 default=Path("ui-components"), help="Folder for the files."),
    click.option("--clean", is_flag=True,
                 help="Remove files an earlier download wrote that the job no longer generates."),
    click.option("--max-file-size", type=click.IntRange(1), default=DEFAULT_MAX_BYTES,
                 help="Largest file accepted, in bytes."),
    click.option("--package-json", type=click.Path(dir_okay=False, path_type=Path),
                 help="package.json to read dependency versions from (default: ./package.json)."),
)
# fmt: on


def _cli_errors(fn: F) -> F:
    """Print every expected error as a message and exit with its code; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (CompilationError, RequestError) as error:
            print_diagnostics(error.diagnostics, count=False)
            raise click.exceptions.Exit(EXIT_USAGE) from None
        except SourceError as error:
            print_diagnostics([error.diagnostic], count=False)
            raise click.exceptions.Exit(EXIT_USAGE) from None
        except JobFailedError as error:
            _error(str(error))
            for schema, message in error.component_errors:
                click.echo(f"  {schema}: {redact_urls(message)}", err=True)
            raise click.exceptions.Exit(error.exit_code) from None
        except SubmitError as error:
            _error(str(error))
            raise click.exceptions.Exit(error.exit_code) from None
        except (click.ClickException, click.exceptions.Exit):
            raise
        except Exception as error:
            # A bug, not a user error: still a message, never a traceback.
            _error(f"unexpected {type(error).__name__}: {redact_urls(str(error))}")
            raise click.exceptions.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _error(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def _progress(quiet: bool, message: str) -> None:
    if not quiet:
        click.echo(message, err=True)


# fmt: off
_request = _options(
    click.option("--script", type=click.Choice(SCRIPTS), default="jsx"),
    click.option("--module", type=click.Choice(MODULES), default="es2020"),
    click.option("--target", type=click.Choice(TARGETS), default="es2020"),
    click.option("--render-type-declarations/--no-render-type-declarations", default=True,
                 help="Also generate .d.ts files."),
    click.option("--inline-source-map/--no-inline-source-map", default=None,
                 help="Sent only when given (Amplify CLI never sends it)."),
    click.option("--api", type=click.Choice(API_KINDS),
                 help="apiConfiguration (default: datastore when the project has DataStore "
                      "conflict detection, as with --feature-flag datastore=true, else graphql)."),
    click.option("--types-file-path", help='graphql: types file [default: ""].'),
    click.option("--queries-file-path", help="graphql [default: ../graphql/queries]."),
    click.option("--mutations-file-path", help="graphql [default: ../graphql/mutations]."),
    click.option("--subscriptions-file-path", help="graphql [default: ../graphql/subscriptions]."),
    click.option("--fragments-file-path", help="graphql [default: ../graphql/fragments]."),
    click.option("--dependency", "dependency_overrides", multiple=True, metavar="NAME=VERSION",
                 callback=_key_values,
                 help="A dependency version (repeatable; wins over package.json)."),
    click.option("--auto-generate-forms/--no-auto-generate-forms", default=None,
                 help="[default: on unless --api none]"),
    click.option("--relationships/--no-relationships", default=True),
    click.option("--non-models/--no-non-models", default=True),
    click.option("--tag", "tags", multiple=True, metavar="KEY=VALUE", callback=_key_values,
                 help="A tag of the job (repeatable)."),
    feature_flag_option,
    click.option("--client-token", help="Idempotency token (default: derived from the request)."),
    click.option("--dry-run", is_flag=True, help="Print the request as JSON; do not call AWS."),
    click.option("--no-wait", is_flag=True, help="Print the job id once started and exit."),
)
# fmt: on


@click.command(context_settings=_SHOW_DEFAULTS)
@click.argument("path", type=click.Path(path_type=Path))
@_request
@_aws
@_wait
@_download
@_cli_errors
def submit(path: Path, app_id: str, environment_name: str, **opts: Any) -> None:
    """Compile PATH, start a codegen job, wait for it and download what it generated."""
    check_app_id(app_id, environment_name)
    installed = project_dependencies(opts["package_json"])
    if installed is None and "aws-amplify" not in opts["dependency_overrides"]:
        click.echo(
            "warning: no package.json, so no aws-amplify version is sent and the service may "
            "generate code for Amplify JS v5; pass --package-json or --dependency aws-amplify=^6",
            err=True,
        )
    from translator import load_document  # the compiler only when submitting
    from translator.pipeline import compile_document

    loaded = load_document([path], feature_flags=parse_flag_assignments(opts["feature_flags"]))
    schema = compile_document(loaded.document, loaded.settings)
    api = opts["api"] or default_api(loaded.settings)
    paths = {name: opts[f"{name}_file_path"] for name in _GRAPHQL_PATHS}
    given = [f"--{name}-file-path" for name, value in paths.items() if value is not None]
    if given and api != "graphql":
        raise click.UsageError(f"{', '.join(given)} only apply with --api graphql")
    options = CodegenOptions(
        **{name: opts[name] for name in _SAME_NAMED},
        api=api,
        graphql_paths=GraphQLPaths(**{k: v for k, v in paths.items() if v is not None}),
        dependencies=amplify_dependencies(installed, opts["dependency_overrides"]),
    )
    request = build_request(app_id, environment_name, schema, options, client_token=opts["client_token"])
    if opts["dry_run"]:
        click.echo(json.dumps(request, indent=2, ensure_ascii=False))
        return
    client = _client(opts)
    job = start_job(client, request)
    job_id = str(job["id"])
    if opts["no_wait"]:
        click.echo(job_id)
        return
    _progress(opts["quiet"], f"started codegen job {job_id}")
    _finish(client, app_id, environment_name, job_id, installed, opts)


@click.command(context_settings=_SHOW_DEFAULTS)
@click.argument("job_id")
@click.option("--json", "as_json", is_flag=True, help="Print the job as JSON.")
@_aws
@_cli_errors
def status(job_id: str, app_id: str, environment_name: str, **opts: Any) -> None:
    """Show a codegen job; exit 1 when it failed."""
    check_app_id(app_id, environment_name)
    job = get_job(_client(opts), app_id, environment_name, job_id)
    if opts["as_json"]:
        click.echo(_json(job))
    else:
        for key in ("id", "status", "statusMessage", "createdAt", "modifiedAt"):
            if job.get(key) not in (None, ""):
                click.echo(f"{key}: {_text(job[key])}")
        _print_dependencies(job, None)
    if job.get("status") == "failed":
        raise job_failure(job)


@click.command(context_settings=_SHOW_DEFAULTS)
@click.argument("job_id")
@_aws
@_wait
@_download
@_cli_errors
def download(job_id: str, app_id: str, environment_name: str, **opts: Any) -> None:
    """Wait for a codegen job if needed, then download what it generated."""
    check_app_id(app_id, environment_name)
    installed = project_dependencies(opts["package_json"])
    _finish(_client(opts), app_id, environment_name, job_id, installed, opts)


@click.command(context_settings=_SHOW_DEFAULTS)
@click.option("--json", "as_json", is_flag=True, help="Print the jobs as JSON.")
@_aws
@_cli_errors
def jobs(app_id: str, environment_name: str, **opts: Any) -> None:
    """List the codegen jobs of an environment (all pages)."""
    check_app_id(app_id, environment_name)
    found = list_jobs(_client(opts), app_id, environment_name)
    if opts["as_json"]:
        click.echo(_json(found))
        return
    for job in found:
        click.echo("\t".join(_text(job.get(k, "")) for k in ("id", "createdAt", "modifiedAt")))


def _client(opts: Mapping[str, Any]) -> Any:
    return make_client(
        region=opts["region"],
        profile=opts["profile"],
        endpoint_url=opts["endpoint_url"],
        max_attempts=opts["max_attempts"],
    )


def _finish(
    client: Any,
    app_id: str,
    environment_name: str,
    job_id: str,
    installed: dict[str, str] | None,
    opts: Mapping[str, Any],
) -> None:
    """Wait for the job, download its files, report; exit 1 when anything failed."""
    quiet = opts["quiet"]

    def progress(job: Job, elapsed: float) -> None:
        _progress(quiet, f"codegen job {job_id}: {job.get('status')} ({elapsed:.1f} s)")

    try:
        job = wait_for_job(
            client,
            app_id,
            environment_name,
            job_id,
            timeout=opts["timeout"],
            poll_interval=opts["poll_interval"],
            on_progress=progress,
        )
    except JobTimeoutError as error:
        _error(str(error))
        click.echo(
            f"  it may still finish: amplify-translate download {job_id} --app-id {app_id} "
            f"--environment-name {environment_name}",
            err=True,
        )
        raise click.exceptions.Exit(error.exit_code) from None
    click.echo(f"codegen job {job_id} succeeded")
    report = download_job(job, opts["out_dir"], clean=opts["clean"], max_bytes=opts["max_file_size"])
    failed = _print_report(report, quiet)
    errors = component_errors(job)
    for schema, message in errors:
        _error(f"component {schema} was not generated: {redact_urls(message)}")
    if not errors and job.get("statusMessage"):
        _progress(quiet, f"status message: {redact_urls(str(job['statusMessage']))}")
    _print_dependencies(job, installed)
    if failed or errors:
        raise click.exceptions.Exit(1)


def _print_report(report: DownloadReport, quiet: bool) -> bool:
    for result in report.written:
        _progress(quiet, f"wrote {result.name} ({result.size} bytes)")
    for name in report.removed:
        _progress(quiet, f"removed stale {name}")
    for note in report.notes:
        click.echo(f"warning: {note}", err=True)
    for result in report.failed:
        _error(f"{result.name}: {result.error}")
    summary = f"wrote {len(report.written)} file(s) to {report.directory}"
    if report.failed:
        summary += f"; {len(report.failed)} failed"
    click.echo(summary)
    return bool(report.failed)


def _print_dependencies(job: Job, installed: dict[str, str] | None) -> None:
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
        click.echo(line)


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else redact_urls(str(value))


def _json(value: Any) -> str:
    return redact_urls(json.dumps(value, indent=2, ensure_ascii=False, default=_text))
