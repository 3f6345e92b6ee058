"""The ``submit``, ``status``, ``download`` and ``jobs`` commands: parse arguments, print.

The work is done by :mod:`translator.codegen` (request, defaults, client, download); printing and
exit handling by :mod:`translator.cli.codegen_output`. Exit codes: 0 done; 1 the job failed, timed
out or a file failed; 2 usage, credentials or request errors; 130 Ctrl-C. Progress goes to stderr
(``-q`` silences it); no traceback is ever shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import click

from translator.cli.codegen_output import (
    EXIT_INTERRUPTED,
    as_json,
    cli_errors,
    fail,
    finish,
    print_dependencies,
    print_problems,
    progress,
    text,
    warn,
)
from translator.cli.common import feature_flag_option
from translator.codegen.arguments import check_arguments
from translator.codegen.client import (
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_POLL_INTERVAL,
    DEFAULT_TIMEOUT,
    Job,
    get_job,
    job_failure,
    list_jobs,
    make_client,
    start_fresh_job,
    start_job,
)
from translator.codegen.defaults import RequestDefaults, request_defaults
from translator.codegen.download import DEFAULT_DOWNLOAD_TIMEOUT, DEFAULT_MAX_BYTES
from translator.codegen.errors import printable, redact_urls
from translator.codegen.request import (
    API_KINDS,
    MODULES,
    SCRIPTS,
    TARGETS,
    CodegenOptions,
    build_request,
    project_dependencies,
)
from translator.project.sources import parse_flag_assignments

F = TypeVar("F", bound=Callable[..., Any])
_SHOW_DEFAULTS = {"show_default": True}
# CodegenOptions fields taken as they are from the options of the same name.
_SAME_NAMED = ("module", "target", "script", "render_type_declarations", "inline_source_map", "auto_generate_forms")
_GRAPHQL_PATHS = ("types", "queries", "mutations", "subscriptions", "fragments")


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
    click.option("--poll-interval", type=float, default=DEFAULT_POLL_INTERVAL,
                 help="First pause between polls (at least 0.1 s); pauses grow by half."),
)
_download = _options(
    click.option("--clean", is_flag=True,
                 help="Remove files an earlier download wrote that the job no longer generates."),
    click.option("--max-file-size", type=click.IntRange(1), default=DEFAULT_MAX_BYTES,
                 help="Largest file accepted, in bytes."),
    click.option("--download-timeout", type=click.FloatRange(0, min_open=True), default=DEFAULT_DOWNLOAD_TIMEOUT,
                 help="Seconds for the whole download (manifest and every file)."),
    click.option("--package-json", type=click.Path(dir_okay=False, path_type=Path),
                 help="package.json to read dependency versions from (default: the project root's)."),
)
_request = _options(
    click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                 help="Folder for the files (default: <SourceDir>/ui-components of the Amplify project "
                      "around PATH, as Amplify CLI; ui-components of a Gen 2 project; else ./ui-components)."),
    click.option("--script", type=click.Choice(SCRIPTS), default="jsx"),
    click.option("--module", type=click.Choice(MODULES), default="es2020"),
    click.option("--target", type=click.Choice(TARGETS), default="es2020"),
    click.option("--render-type-declarations/--no-render-type-declarations", default=True,
                 help="Also generate .d.ts files."),
    click.option("--inline-source-map/--no-inline-source-map", default=None,
                 help="Sent only when given (Amplify CLI never sends it)."),
    click.option("--api", type=click.Choice(API_KINDS),
                 help="apiConfiguration (default: as Amplify computes it for the project; see -v)."),
    click.option("--types-file-path", help="graphql: types file (default: from .graphqlconfig.yml)."),
    click.option("--queries-file-path", help="graphql (default: from .graphqlconfig.yml)."),
    click.option("--mutations-file-path", help="graphql (default: from .graphqlconfig.yml)."),
    click.option("--subscriptions-file-path", help="graphql (default: from .graphqlconfig.yml)."),
    click.option("--fragments-file-path", help="graphql (default: from .graphqlconfig.yml)."),
    click.option("--dependency", "dependency_overrides", multiple=True, metavar="NAME=VALUE",
                 help="A dependency version (repeatable; wins over package.json)."),
    click.option("--auto-generate-forms/--no-auto-generate-forms", default=None,
                 help="[default: on unless --api none]"),
    click.option("--relationships/--no-relationships", default=None,
                 help="[default: on; off for Gen 2, as ampx generate forms]"),
    click.option("--non-models/--no-non-models", default=None,
                 help="[default: on; off for Gen 2, as ampx generate forms]"),
    click.option("--tag", "tags", multiple=True, metavar="KEY=VALUE", help="A tag of the job (repeatable)."),
    feature_flag_option,
    click.option("--client-token", help="Idempotency token (default: derived from the request)."),
    click.option("--dry-run", is_flag=True, help="Print the request as JSON; do not call AWS."),
    click.option("-v", "--verbose", is_flag=True, help="Say where each default came from."),
    click.option("--no-wait", is_flag=True, help="Print the job id once started and exit."),
)
# fmt: on


@click.command(context_settings=_SHOW_DEFAULTS)
@click.argument("path", type=click.Path(path_type=Path))
@_request
@_aws
@_wait
@_download
@cli_errors
def submit(path: Path, app_id: str, environment_name: str, **opts: Any) -> None:
    """Compile PATH, start a codegen job, wait for it and download what it generated."""
    tags, overrides = check_arguments(
        app_id,
        environment_name,
        tags=opts["tags"],
        dependencies=opts["dependency_overrides"],
        poll_interval=opts["poll_interval"],
    )
    from translator import load_document  # the compiler only when submitting
    from translator.pipeline import compile_document

    loaded = load_document([path], feature_flags=parse_flag_assignments(opts["feature_flags"]))
    schema = compile_document(loaded.document, loaded.settings)
    defaults = request_defaults(
        path,
        language="gen2" if loaded.entry.suffix in (".ts", ".mts") else "graphql",
        settings=loaded.settings,
        out_dir=opts["out_dir"],
        package_json=opts["package_json"],
        api=opts["api"],
        relationships=opts["relationships"],
        non_models=opts["non_models"],
    )
    _report_defaults(defaults, overrides, opts["verbose"])
    api = defaults.api.value
    given = {name: opts[f"{name}_file_path"] for name in _GRAPHQL_PATHS if opts[f"{name}_file_path"] is not None}
    if given and api != "graphql":
        raise click.UsageError(f"{', '.join(f'--{n}-file-path' for n in given)} only apply with --api graphql")
    options = CodegenOptions(
        **{name: opts[name] for name in _SAME_NAMED},
        api=api,
        graphql_paths=dataclasses.replace(defaults.graphql_paths.value, **given),
        dependencies=defaults.dependencies(overrides),
        relationships=defaults.relationships.value,
        non_models=defaults.non_models.value,
        tags=tags,
    )
    request = build_request(app_id, environment_name, schema, options, client_token=opts["client_token"])
    if opts["dry_run"]:
        click.echo(as_json(request))
        return
    client = _client(opts)

    def restarting(failed: Job, token: str) -> None:
        reason = redact_urls(str(failed.get("statusMessage") or "no status message"))
        warn(f"codegen job {failed.get('id')} of this same request had already failed ({reason}); "
             f"starting a fresh job (clientToken {token})")  # fmt: skip

    # An explicit --client-token means exactly that job; only the derived token is salted.
    try:
        if opts["client_token"]:
            job = start_job(client, request)
        else:
            job = start_fresh_job(client, request, on_restart=restarting)
    except KeyboardInterrupt:
        fail("interrupted while starting the job; the same command again returns the job if it was started "
             f"(clientToken {request['clientToken']})", exit_code=EXIT_INTERRUPTED)  # fmt: skip
        raise  # not reached: fail() exits
    job_id = str(job["id"])
    if opts["no_wait"]:
        click.echo(printable(job_id))
        return
    progress(opts["quiet"], f"started codegen job {job_id}")
    finish(client, (app_id, environment_name), job_id, opts["out_dir"] or defaults.out_dir.value,
           defaults.installed.value, opts)  # fmt: skip


def _report_defaults(defaults: RequestDefaults, overrides: Mapping[str, str], verbose: bool) -> None:
    print_problems(list(defaults.problems))
    for message in defaults.warnings:
        warn(message)
    if defaults.installed.value is None and defaults.fixed_dependencies is None and "aws-amplify" not in overrides:
        warn("no package.json, so no aws-amplify version is sent and the service may generate code for "
             "Amplify JS v5; pass --package-json or --dependency aws-amplify=^6")  # fmt: skip
    if verbose:
        click.echo("defaults:", err=True)
        for what, where in defaults.origins():
            click.echo(printable(f"  {what}: {where}"), err=True)


@click.command(context_settings=_SHOW_DEFAULTS)
@click.argument("job_id")
@click.option("--json", "as_json_output", is_flag=True, help="Print the job as JSON.")
@_aws
@cli_errors
def status(job_id: str, app_id: str, environment_name: str, **opts: Any) -> None:
    """Show a codegen job; exit 1 when it failed."""
    check_arguments(app_id, environment_name)
    job = get_job(_client(opts), app_id, environment_name, job_id)
    if opts["as_json_output"]:
        click.echo(as_json(job))
    else:
        for key in ("id", "status", "statusMessage", "createdAt", "modifiedAt"):
            if job.get(key) not in (None, ""):
                click.echo(f"{key}: {text(job[key])}")
        print_dependencies(job, None)
    if job.get("status") == "failed":
        raise job_failure(job)


@click.command(context_settings=_SHOW_DEFAULTS)
@click.argument("job_id")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("ui-components"), help="Folder for the files.")
@_aws
@_wait
@_download
@cli_errors
def download(job_id: str, app_id: str, environment_name: str, **opts: Any) -> None:
    """Wait for a codegen job if needed, then download what it generated."""
    check_arguments(app_id, environment_name, poll_interval=opts["poll_interval"])
    # No schema path here, so no project: an explicit --package-json, else ./package.json.
    installed = project_dependencies(opts["package_json"])
    finish(_client(opts), (app_id, environment_name), job_id, opts["out_dir"], installed, opts)


@click.command(context_settings=_SHOW_DEFAULTS)
@click.option("--json", "as_json_output", is_flag=True, help="Print the jobs as JSON.")
@_aws
@cli_errors
def jobs(app_id: str, environment_name: str, **opts: Any) -> None:
    """List the codegen jobs of an environment (all pages)."""
    check_arguments(app_id, environment_name)
    found = list_jobs(_client(opts), app_id, environment_name)
    if opts["as_json_output"]:
        click.echo(as_json(found))
        return
    for job in found:
        click.echo("\t".join(text(job.get(k, "")) for k in ("id", "createdAt", "modifiedAt")))


def _client(opts: Mapping[str, Any]) -> Any:
    return make_client(
        region=opts["region"],
        profile=opts["profile"],
        endpoint_url=opts["endpoint_url"],
        max_attempts=opts["max_attempts"],
    )


__all__ = ["download", "jobs", "status", "submit"]
