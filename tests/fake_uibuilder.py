"""A local stand-in for the AmplifyUIBuilder codegen API, for end-to-end tests of the submit path.

It listens on 127.0.0.1 (random port) in a thread and speaks the REST-JSON protocol of
StartCodegenJob, GetCodegenJob and ListCodegenJobs as botocore's service model describes it:
request bodies are checked with botocore's own ``ParamValidator`` plus the enum, pattern and
length checks botocore leaves to the service, and SigV4 signing with the test credentials is
required. Jobs move to their final status after a number of polls; a finished job's manifest and
files are served from the same server under presigned-looking URLs. ``Scenario`` scripts errors
(throttling, 5xx), failures, never-ending jobs, manifest entries and file sizes, and the ways a
file body goes wrong: cut short after its headers announced it whole, trickled a byte at a time,
or never answered at all.
"""

from __future__ import annotations

import json
import os
import re
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

import botocore.session
import pytest
from botocore.model import Shape
from botocore.retries.standard import ExponentialBackoff
from botocore.validate import ParamValidator

MODEL = botocore.session.get_session().get_service_model("amplifyuibuilder")
SECRET_KEY = "test-secret-key-never-printed"
SIGNATURE = "X-Amz-Signature=deadbeefsecret"
_JOBS = re.compile(r"^/app/([^/]+)/environment/([^/]+)/codegen-jobs(?:/([^/]+))?$")


def model_problems(params: Any, shape_name: str) -> list[str]:
    """What the service would reject in ``params`` for the model's shape ``shape_name``."""
    shape = MODEL.shape_for(shape_name)
    report = ParamValidator().validate(params, shape)
    problems = [report.generate_report()] if report.has_errors() else []
    return problems + list(_service_checks(params, shape, shape_name))


def _service_checks(value: Any, shape: Shape, path: str) -> Iterator[str]:
    """Enums, patterns and maximum lengths, which botocore does not check client-side."""
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():  # type: ignore[attr-defined]
            if name in value:
                yield from _service_checks(value[name], member, f"{path}.{name}")
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _service_checks(item, shape.member, f"{path}[{index}]")  # type: ignore[attr-defined]
    elif shape.type_name == "map" and isinstance(value, dict):
        for key, item in value.items():
            yield from _service_checks(key, shape.key, f"{path} key")  # type: ignore[attr-defined]
            yield from _service_checks(item, shape.value, f"{path}.{key}")  # type: ignore[attr-defined]
    elif shape.type_name == "string" and isinstance(value, str):
        enum = shape.enum  # type: ignore[attr-defined]
        if enum and value not in enum:
            yield f"{path}: {value!r} not in {enum}"
        pattern = shape.metadata.get("pattern")
        if pattern and not re.fullmatch(pattern, value):
            yield f"{path}: {value!r} does not match {pattern}"
        if len(value) > shape.metadata.get("max", len(value)):
            yield f"{path}: longer than {shape.metadata['max']}"


@dataclass
class Scenario:
    """How the fake service behaves; tests change it before running a command."""

    polls_before_done: int = 1  # GetCodegenJob answers in_progress this many times first
    final_status: str | None = "succeeded"  # None: the job never finishes
    status_message: str = ""
    files: dict[str, bytes] = field(
        default_factory=lambda: {
            "BlogCreateForm.jsx": b"export default function BlogCreateForm() {}\n",
            "index.js": b'export { default as BlogCreateForm } from "./BlogCreateForm";\n',
        }
    )
    extra_entries: list[dict[str, Any]] = field(default_factory=list)  # raw manifest entries
    dependencies: list[dict[str, Any]] = field(
        default_factory=lambda: [
            {
                "name": "aws-amplify",
                "supportedVersion": "^6.0.0",
                "isSemVer": True,
                "reason": "Required for the generated code",
            },
            {
                "name": "@aws-amplify/ui-react",
                "supportedVersion": "^6.0.0",
                "isSemVer": True,
                "reason": "Required for the UI components",
            },
        ]
    )
    # Errors answered before serving, per operation ("StartCodegenJob", "GetCodegenJob",
    # "ListCodegenJobs", "file:<name>"): a queue of (HTTP status, error type).
    failures: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    page_size: int = 2
    redirects: dict[str, str] = field(default_factory=dict)  # file name -> Location
    # How a file's body is delivered (by file name): only the first N bytes of it, with the
    # Content-Length of the whole, then the connection closes; one byte every N seconds; or no
    # answer at all until the server stops.
    truncated: dict[str, int] = field(default_factory=dict)
    trickle: dict[str, float] = field(default_factory=dict)
    hang: set[str] = field(default_factory=set)


@dataclass
class Recorded:
    """One request as the server received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes
    operation: str


class FakeUIBuilder:
    """The server; ``url`` is its endpoint, ``requests`` what it received, ``jobs`` by id."""

    def __init__(self) -> None:
        self.scenario = Scenario()
        self.requests: list[Recorded] = []
        self.jobs: dict[str, dict[str, Any]] = {}
        self.polls: dict[str, int] = {}
        self.tokens: dict[str, str] = {}
        self.released = threading.Event()  # set on stop: hanging answers give up
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        # A short poll interval makes shutdown() quick: it waits for the next poll.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeUIBuilder:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)

    def calls(self, operation: str) -> list[Recorded]:
        """The requests received for one operation, in order."""
        return [r for r in self.requests if r.operation == operation]

    def add_job(self, app_id: str, env: str, **fields: Any) -> dict[str, Any]:
        """A job created directly (for ListCodegenJobs and GetCodegenJob tests)."""
        job = self._new_job(app_id, env, {})
        job.update(fields)
        return job

    # -- request handling (called from the handler threads) --

    def handle(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        body: bytes,
        headers: dict[str, str],
    ) -> tuple[int, dict[str, str], bytes]:
        match = _JOBS.match(path)
        if path.startswith("/manifest/"):
            operation = "manifest"
        elif path.startswith("/files/"):
            operation = "file:" + unquote(path.removeprefix("/files/"))
        elif match and method == "POST" and not match.group(3):
            operation = "StartCodegenJob"
        elif match and method == "GET":
            operation = "GetCodegenJob" if match.group(3) else "ListCodegenJobs"
        else:
            return _error(404, "UnknownOperationException", f"{method} {path}")
        with self._lock:
            self.requests.append(Recorded(method, path, query, body, operation))
            queued = self.scenario.failures.get(operation)
            if queued:
                status, kind = queued.pop(0)
                return _error(status, kind, "scripted failure")
            if match:
                signed = headers.get("authorization", "")
                if not signed.startswith("AWS4-HMAC-SHA256 Credential=test/"):
                    return _error(403, "UnrecognizedClientException", "not signed with test keys")
                app_id, env = unquote(match.group(1)), unquote(match.group(2))
                if problems := model_problems(app_id, "AppId"):
                    return _error(400, "InvalidParameterException", "; ".join(problems))
                if operation == "StartCodegenJob":
                    return self._start(app_id, env, query, body)
                if operation == "GetCodegenJob":
                    return self._get(unquote(match.group(3)))
                return self._list(app_id, env, query)
            if operation == "manifest":
                return self._manifest()
            return self._file(operation.removeprefix("file:"))

    def _new_job(self, app_id: str, env: str, data: dict[str, Any]) -> dict[str, Any]:
        now = datetime.now(UTC).isoformat()
        job = {
            "id": str(uuid.uuid4()),
            "appId": app_id,
            "environmentName": env,
            **data,
            "status": "in_progress",
            "createdAt": now,
            "modifiedAt": now,
        }
        self.jobs[job["id"]] = job
        self.polls[job["id"]] = 0
        return job

    def _start(
        self, app_id: str, env: str, query: dict[str, list[str]], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        try:
            data = json.loads(body)
        except ValueError:
            return _error(400, "InvalidParameterException", "body is not JSON")
        if problems := model_problems(data, "StartCodegenJobData"):
            return _error(400, "InvalidParameterException", "; ".join(problems))
        token = query.get("clientToken", [""])[0]
        if token in self.tokens:
            return _json(self.jobs[self.tokens[token]])
        job = self._new_job(app_id, env, data)
        if token:
            self.tokens[token] = job["id"]
        return _json(job)

    def _get(self, job_id: str) -> tuple[int, dict[str, str], bytes]:
        job = self.jobs.get(job_id)
        if job is None:
            return _error(404, "ResourceNotFoundException", f"job {job_id} not found")
        self.polls[job_id] += 1
        scenario = self.scenario
        # A finished job keeps its status, as the service's jobs do.
        running = job["status"] == "in_progress"
        if running and scenario.final_status and self.polls[job_id] > scenario.polls_before_done:
            job["status"] = scenario.final_status
            job["statusMessage"] = scenario.status_message
            job["dependencies"] = scenario.dependencies
            if scenario.final_status == "succeeded":
                job["asset"] = {"downloadUrl": f"{self.url}/manifest/{job_id}?{SIGNATURE}"}
        return _json(job)

    def _list(self, app_id: str, env: str, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        limit = int(query.get("maxResults", [str(self.scenario.page_size)])[0])
        if not 1 <= limit <= 100:
            return _error(400, "InvalidParameterException", "maxResults must be 1 to 100")
        limit = min(limit, self.scenario.page_size)
        start = int(query.get("nextToken", ["0"])[0])
        mine = [j for j in self.jobs.values() if (j["appId"], j["environmentName"]) == (app_id, env)]
        page = [
            {k: j[k] for k in ("appId", "environmentName", "id", "createdAt", "modifiedAt")}
            for j in mine[start : start + limit]
        ]
        answer: dict[str, Any] = {"entities": page}
        if start + limit < len(mine):
            answer["nextToken"] = str(start + limit)
        return _json(answer)

    def _manifest(self) -> tuple[int, dict[str, str], bytes]:
        entries: list[dict[str, Any]] = [
            {
                "fileName": name,
                "schemaName": name.split(".")[0],
                "downloadUrl": f"{self.url}/files/{quote(name)}?{SIGNATURE}",
            }
            for name in self.scenario.files
        ]
        return _json({"Output": entries + self.scenario.extra_entries})

    def _file(self, name: str) -> tuple[int, dict[str, str], bytes]:
        if name in self.scenario.redirects:
            return 302, {"Location": self.scenario.redirects[name]}, b""
        content = self.scenario.files.get(name)
        if content is None:
            return 404, {}, b"no such file"
        return 200, {"Content-Type": "text/plain"}, content


def _json(value: Any) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "application/json"}, json.dumps(value).encode()


def _error(status: int, kind: str, message: str) -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": "application/json", "x-amzn-ErrorType": kind}
    return status, headers, json.dumps({"message": message}).encode()


def _handler_for(server: FakeUIBuilder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # Headers and body go out in separate writes; with Nagle's algorithm each response
        # would wait for the client's delayed ACK (up to 200 ms).
        disable_nagle_algorithm = True

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            parts = urlsplit(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, out_headers, payload = server.handle(self.command, parts.path, parse_qs(parts.query), body, headers)
            name = unquote(parts.path.removeprefix("/files/")) if parts.path.startswith("/files/") else None
            scenario = server.scenario
            if name in scenario.hang:
                server.released.wait(30)
                return
            self.send_response(status)
            for key, value in out_headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if name in scenario.truncated:
                self.wfile.write(payload[: scenario.truncated[name]])
                self.close_connection = True
            elif name in scenario.trickle:
                self._trickle(payload, scenario.trickle[name])
            else:
                self.wfile.write(payload)

        def _trickle(self, payload: bytes, pause: float) -> None:
            for index in range(len(payload)):
                if server.released.wait(pause):
                    return
                try:
                    self.wfile.write(payload[index : index + 1])
                    self.wfile.flush()
                except OSError:
                    return  # the client gave up

        do_GET = do_POST = _serve

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def test_aws_environment(tmp_path: Path) -> dict[str, str]:
    """The process environment without AWS settings or proxies, with dummy credentials."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("AWS_") and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}  # fmt: skip
    return {
        **env,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        # A test that forgets its endpoint fails on a closed local port instead of reaching AWS.
        "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
    }


test_aws_environment.__test__ = False  # type: ignore[attr-defined]


def use_test_aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Dummy credentials, no AWS config or proxies, and botocore retries without pauses."""
    wanted = test_aws_environment(tmp_path)
    for name in list(os.environ):
        if name not in wanted:
            monkeypatch.delenv(name)
    for name, value in wanted.items():
        monkeypatch.setenv(name, value)
    # Standard mode waits up to 1 s, then 2 s, after a throttling error; tests need none of it.
    monkeypatch.setattr(ExponentialBackoff, "delay_amount", lambda self, context: 0.0)
