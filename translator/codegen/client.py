"""The AmplifyUIBuilder calls: start a codegen job, poll it, list jobs (semantics.md, 13.2-13.3).

This is the only module that imports boto3, and only inside functions, so compiling (and
``--dry-run``) never needs it. Every botocore error is turned into a :class:`SubmitError` whose
message is safe to print.
"""

from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from translator.codegen.errors import AwsError, JobFailedError, JobNotFoundError, JobTimeoutError, redact_urls
from translator.codegen.request import salted_client_token

if TYPE_CHECKING:
    from mypy_boto3_amplifyuibuilder import AmplifyUIBuilderClient

Job = dict[str, Any]
ProgressCallback = Callable[[Job, float], None]

# botocore's default retry mode is still "legacy"; standard mode also retries 500/502/503/504
# and treats ThrottlingException as throttling. Bounded so a dead service fails in seconds.
DEFAULT_MAX_ATTEMPTS = 5
DEFAULT_TIMEOUT = 120.0
DEFAULT_POLL_INTERVAL = 2.0
# Below this, polling would hammer the service (Amplify CLI itself polls every 2 s).
MIN_POLL_INTERVAL = 0.1
MAX_POLL_INTERVAL = 10.0
# How many already-failed jobs a start follows before giving up on a fresh one.
MAX_RESTARTS = 5
POLL_GROWTH = 1.5

_INSTALL_HINT = (
    "boto3 is not installed; install the aws extra: pip install 'amplify-schema-translator[aws]'"
)


def make_client(
    *,
    region: str | None = None,
    profile: str | None = None,
    endpoint_url: str | None = None,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
) -> AmplifyUIBuilderClient:
    """An AmplifyUIBuilder client; unset values come from the usual AWS files and variables.

    boto3 itself reads ``AWS_PROFILE``, ``AWS_REGION``/``AWS_DEFAULT_REGION``,
    ``AWS_ENDPOINT_URL_AMPLIFYUIBUILDER``/``AWS_ENDPOINT_URL`` and the credential chain.
    """
    try:
        import boto3
        import botocore.session
        from botocore.config import Config
    except ImportError:
        raise AwsError(_INSTALL_HINT) from None
    if max_attempts < 1:
        raise AwsError("max attempts must be at least 1")
    # total_max_attempts counts the first call; botocore's "max_attempts" would count retries only.
    config = Config(retries={"mode": "standard", "total_max_attempts": max_attempts})
    with _aws_errors("creating the AmplifyUIBuilder client"), _LOADER_LOCK:
        # One loader of botocore's model files for all clients: parsing them is most of the
        # cost of a client.
        loader = _data_loader()
        core = botocore.session.get_session()
        core.register_component("data_loader", loader)
        session = boto3.Session(botocore_session=core, profile_name=profile, region_name=region)
        # boto3 appends its own data folder to the loader's search paths for every session.
        loader.search_paths[:] = dict.fromkeys(loader.search_paths)
        return session.client("amplifyuibuilder", endpoint_url=endpoint_url, config=config)


_LOADER_LOCK = threading.Lock()


@functools.cache
def _data_loader() -> Any:
    from botocore.loaders import create_loader

    return create_loader()


def start_job(client: AmplifyUIBuilderClient, request: dict[str, Any]) -> Job:
    """Start the job of ``request`` (from ``build_request``); returns the created job.

    The same ``clientToken`` makes the service return the job it already started.
    """
    with _aws_errors("StartCodegenJob"):
        response = client.start_codegen_job(**request)
    job = cast(Job, response.get("entity") or {})
    if not job.get("id"):
        raise AwsError("StartCodegenJob answered without a job id")
    return job


def start_fresh_job(
    client: AmplifyUIBuilderClient,
    request: dict[str, Any],
    *,
    on_restart: Callable[[Job, str], None] | None = None,
) -> Job:
    """:func:`start_job`, except that when the service answers with a job that had already
    failed (the same clientToken returns the job of an earlier run), a fresh job is started
    once, with the token salted by the failed job's id; ``on_restart(failed_job, new_token)``
    is called first. A re-run of the same request after that failure gets the same fresh job.
    """
    job = start_job(client, request)
    for _ in range(MAX_RESTARTS):
        # A job the service has only just created is never "failed": this one is from before.
        if job.get("status") != "failed":
            break
        token = salted_client_token(str(request["clientToken"]), str(job["id"]))
        if on_restart is not None:
            on_restart(job, token)
        request = {**request, "clientToken": token}
        job = start_job(client, request)
    return job


def get_job(client: AmplifyUIBuilderClient, app_id: str, environment_name: str, job_id: str) -> Job:
    """The current state of one job."""
    with _aws_errors("GetCodegenJob", job_id=job_id):
        response = client.get_codegen_job(appId=app_id, environmentName=environment_name, id=job_id)
    return cast(Job, response["job"])


def list_jobs(
    client: AmplifyUIBuilderClient,
    app_id: str,
    environment_name: str,
    *,
    page_size: int | None = None,
) -> list[Job]:
    """Every job summary of the environment (``{appId, environmentName, id, createdAt, ...}``),
    all pages."""
    paginator = client.get_paginator("list_codegen_jobs")
    pages = paginator.paginate(
        appId=app_id,
        environmentName=environment_name,
        PaginationConfig={"PageSize": page_size} if page_size else {},
    )
    jobs: list[Job] = []
    with _aws_errors("ListCodegenJobs"):
        for page in pages:
            jobs.extend(cast(list[Job], page.get("entities", [])))
    return jobs


def wait_for_job(
    client: AmplifyUIBuilderClient,
    app_id: str,
    environment_name: str,
    job_id: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    poll_interval: float = DEFAULT_POLL_INTERVAL,
    max_interval: float = MAX_POLL_INTERVAL,
    on_progress: ProgressCallback | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Job:
    """Poll until the job succeeds; the first poll is immediate, then intervals grow by half.

    ``on_progress(job, elapsed_seconds)`` is called after every poll. Raises
    :class:`JobFailedError` for a failed job and :class:`JobTimeoutError` after ``timeout``.
    """
    if poll_interval < MIN_POLL_INTERVAL:
        raise ValueError(f"poll_interval must be at least {MIN_POLL_INTERVAL} s, not {poll_interval!r}")
    start = clock()
    interval = poll_interval
    while True:
        job = get_job(client, app_id, environment_name, job_id)
        elapsed = clock() - start
        if on_progress is not None:
            on_progress(job, elapsed)
        status = job.get("status")
        if status == "succeeded":
            return job
        if status == "failed":
            raise job_failure(job)
        remaining = timeout - elapsed
        if remaining <= 0:
            raise JobTimeoutError(
                f"codegen job {job_id} did not finish within {timeout:g} s "
                f"(last status: {status or 'unknown'})"
            )
        sleep(min(interval, remaining))
        interval = min(interval * POLL_GROWTH, max_interval)


def component_errors(job: Job) -> list[tuple[str, str]]:
    """``(schemaName, error)`` of each component the job could not generate.

    They are in ``statusMessage`` as JSON ``{"codegenErrors": [...]}``, also on success.
    """
    parsed = _status_json(job)
    errors = parsed.get("codegenErrors") if isinstance(parsed, dict) else None
    if not isinstance(errors, list):
        return []
    return [
        (str(item.get("schemaName", "?")), str(item.get("error", "")))
        for item in errors
        if isinstance(item, dict)
    ]


def job_failure(job: Job) -> JobFailedError:
    """The error describing a ``failed`` job, with its component errors when there are any."""
    errors = component_errors(job)
    message = str(job.get("statusMessage") or "no status message")
    if errors:
        message = f"{len(errors)} component(s) could not be generated"
    return JobFailedError(f"codegen job {job.get('id')} failed: {redact_urls(message)}", errors)


def _status_json(job: Job) -> object:
    try:
        return json.loads(job.get("statusMessage") or "")
    except ValueError:
        return None


@contextmanager
def _aws_errors(operation: str, *, job_id: str | None = None) -> Iterator[None]:
    """Turn botocore's exceptions into :class:`AwsError` with a clean message."""
    from botocore import exceptions as bce

    try:
        yield
    except bce.ClientError as error:
        details = error.response.get("Error", {})
        code = details.get("Code", "Unknown")
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code == "ResourceNotFoundException" and job_id is not None:
            raise JobNotFoundError(f"codegen job {job_id} not found") from None
        text = f"{operation} failed: {code}: {details.get('Message', '')}".rstrip(": ")
        raise AwsError(redact_urls(f"{text} (HTTP {status})" if status else text)) from None
    except (bce.NoCredentialsError, bce.PartialCredentialsError) as error:
        raise AwsError(
            f"no usable AWS credentials ({error}); set AWS_PROFILE or "
            "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or pass --profile"
        ) from None
    except bce.NoRegionError:
        raise AwsError("no AWS region; pass --region or set AWS_REGION") from None
    except bce.ParamValidationError as error:
        raise AwsError(f"{operation}: invalid request: {error}") from None
    except bce.BotoCoreError as error:
        # Connection errors name the request URL, whose query string is redacted.
        raise AwsError(redact_urls(f"{operation} failed: {error}")) from None
    except ValueError as error:
        # botocore raises a bare ValueError for a malformed endpoint URL.
        raise AwsError(redact_urls(f"{operation} failed: {error}")) from None
