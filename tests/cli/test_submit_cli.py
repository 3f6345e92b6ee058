"""End to end: the submit commands, boto3 over real HTTP, against the local fake service."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import TESTS
from fake_uibuilder import (
    SIGNATURE,
    FakeUIBuilder,
)
from submit_harness import (
    APP,
    IDS,
    SDL,
    cli_server,  # noqa: F401  (the "server" fixture)
    files_under,
    run_cli,
    submit_cli,
)

run = run_cli
submit = submit_cli
_files = files_under


def test_success_writes_the_files_and_reports(server: FakeUIBuilder, tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"aws-amplify": "^6.1"}}))
    result = submit(server)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ui" / "index.js").read_bytes() == server.scenario.files["index.js"]
    job_id = next(iter(server.jobs))
    assert result.stdout.startswith(
        f"codegen job {job_id} succeeded\nwrote 2 file(s) to {(tmp_path / 'ui').resolve()}\n"
    )
    assert "  aws-amplify ^6.0.0 (Required for the generated code)\n" in result.stdout
    assert 'missing from package.json: npm install "@aws-amplify/ui-react@^6.0.0"' in result.stdout
    assert "started codegen job" in result.stderr
    assert ": in_progress (" in result.stderr and ": succeeded (" in result.stderr
    assert len(server.calls("StartCodegenJob")) == 1
    assert len(server.calls("GetCodegenJob")) == 2
    sent = json.loads(server.calls("StartCodegenJob")[0].body)
    assert sent["renderConfig"]["react"]["dependencies"] == {
        "aws-amplify": "^6.1",
        "@aws-amplify/ui-react-storage": "latest",
        "@aws-amplify/ui-react": "latest",
    }


def test_quiet_prints_no_progress(server: FakeUIBuilder) -> None:
    result = submit(server, "-q", "--dependency", "aws-amplify=^6.0.0")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_the_body_received_equals_the_dry_run(server: FakeUIBuilder) -> None:
    options = (
        "--api",
        "graphql",
        "--script",
        "tsx",
        "--tag",
        "team=ui",
        "--inline-source-map",
        "--no-non-models",
        "--dependency",
        "aws-amplify=^6.0.0",
    )
    dry = submit(server, "--dry-run", *options)
    assert dry.exit_code == 0, dry.output
    assert server.requests == []
    printed = json.loads(dry.stdout)
    assert submit(server, *options).exit_code == 0
    (start,) = server.calls("StartCodegenJob")
    received = json.loads(start.body)
    # Same content and same key order.
    assert json.dumps(received) == json.dumps(printed["codegenJobToCreate"])
    assert start.query["clientToken"] == [printed["clientToken"]]
    assert start.path == f"/app/{APP}/environment/dev/codegen-jobs"


def test_feature_flags_choose_the_default_api(server: FakeUIBuilder) -> None:
    def api(*extra: str) -> list[str]:
        dry = submit(server, "--dry-run", *extra)
        assert dry.exit_code == 0, dry.output
        return list(json.loads(dry.stdout)["codegenJobToCreate"]["renderConfig"]["react"]["apiConfiguration"])

    assert api() == ["dataStoreConfig"]
    assert api("--feature-flag", "datastore=false") == ["graphQLConfig"]
    assert api("--feature-flag", "datastore=false", "--api", "none") == ["noApiConfig"]
    bad = submit(server, "--dry-run", "--feature-flag", "datastore=maybe")
    assert bad.exit_code == 2 and "error[E205]" in bad.stderr


def test_the_projects_conflict_detection_chooses_the_default_api(server: FakeUIBuilder, tmp_path: Path) -> None:
    api_dir = tmp_path / "amplify" / "backend" / "api" / "blog"
    api_dir.mkdir(parents=True)
    (api_dir / "schema.graphql").write_text(SDL)
    (api_dir / "transform.conf.json").write_text('{"Version": 5}')

    def api() -> list[str]:
        dry = submit(server, "--dry-run", schema=str(api_dir))
        assert dry.exit_code == 0, dry.output
        return list(json.loads(dry.stdout)["codegenJobToCreate"]["renderConfig"]["react"]["apiConfiguration"])

    # Without .graphqlconfig.yml, Amplify CLI's getCodegenConfig fails and it sends noApiConfig.
    assert api() == ["noApiConfig"]
    (tmp_path / ".graphqlconfig.yml").write_text(
        "projects:\n  blog:\n    includes:\n      - src/graphql/**/*.js\n    extensions:\n      amplify:\n"
        "        docsFilePath: src/graphql\n"
    )
    assert api() == ["graphQLConfig"]
    (api_dir / "transform.conf.json").write_text('{"Version": 5, "ResolverConfig": {"project": {}}}')
    assert api() == ["dataStoreConfig"]


def test_throttled_calls_are_retried(server: FakeUIBuilder) -> None:
    server.scenario.failures = {
        "StartCodegenJob": [(429, "ThrottlingException")] * 2,
        "GetCodegenJob": [(429, "ThrottlingException")],
    }
    result = submit(server)
    assert result.exit_code == 0, result.output
    starts = server.calls("StartCodegenJob")
    assert len(starts) == 3
    assert len({s.query["clientToken"][0] for s in starts}) == 1
    assert len(server.jobs) == 1


def test_server_errors_are_retried_then_reported(server: FakeUIBuilder) -> None:
    server.scenario.failures = {
        "StartCodegenJob": [(500, "InternalServerException")],
        "GetCodegenJob": [(503, "ServiceUnavailable")],
    }
    assert submit(server).exit_code == 0
    assert len(server.calls("StartCodegenJob")) == len(server.calls("GetCodegenJob")) - 1 == 2
    server.requests.clear()
    server.scenario.failures = {"StartCodegenJob": [(500, "InternalServerException")] * 5}
    result = submit(server, "--max-attempts", "2", "--script", "js")
    assert result.exit_code == 2
    assert result.stderr == (
        "warning: no package.json, so no aws-amplify version is sent and the service may "
        "generate code for Amplify JS v5; pass --package-json or --dependency aws-amplify=^6\n"
        "error: StartCodegenJob failed: InternalServerException: scripted failure (HTTP 500)\n"
    )
    assert len(server.calls("StartCodegenJob")) == 2


def test_failed_job_prints_each_component_error(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.final_status = "failed"
    server.scenario.status_message = json.dumps(
        {
            "codegenErrors": [
                {"schemaName": "BlogCreateForm", "error": "Unsupported field type"},
                {"schemaName": "BlogUpdateForm", "error": "Missing primary key"},
            ]
        }
    )
    result = submit(server, "-q")
    assert result.exit_code == 1
    job_id = next(iter(server.jobs))
    assert result.stderr.endswith(
        f"error: codegen job {job_id} failed: 2 component(s) could not be generated\n"
        "  BlogCreateForm: Unsupported field type\n"
        "  BlogUpdateForm: Missing primary key\n"
    )
    assert not (tmp_path / "ui").exists()
    server.scenario.status_message = "Internal error"
    result = submit(server, "-q", "--script", "js")
    assert result.exit_code == 1
    assert result.stderr.endswith("failed: Internal error\n")


def test_component_errors_of_a_succeeded_job_exit_1(server: FakeUIBuilder) -> None:
    server.scenario.status_message = json.dumps(
        {"codegenErrors": [{"schemaName": "BlogCard", "error": "Unknown binding"}]}
    )
    result = submit(server, "-q")
    assert result.exit_code == 1
    assert "error: component BlogCard was not generated: Unknown binding\n" in result.stderr
    assert "\nwrote 2 file(s) to " in result.stdout
    server.scenario.status_message = "Generated with warnings"
    result = submit(server, "--script", "js")
    assert result.exit_code == 0
    assert "status message: Generated with warnings\n" in result.stderr


def test_job_that_never_finishes_times_out(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.final_status = None
    result = submit(server, "--timeout", "0.4")
    assert result.exit_code == 1
    job_id = next(iter(server.jobs))
    assert f"error: codegen job {job_id} did not finish within 0.4 s (last status: in_progress)" in (result.stderr)
    out = tmp_path / "ui"
    resume = f"amplify-translate download {job_id} {' '.join(IDS)} --out ui --endpoint-url {server.url}"
    assert f"  it may still finish; download it later with: {resume}\n" in result.stderr
    # An immediate poll, then pauses of 0.1, 0.15, 0.225 s (the last one cut to the timeout).
    assert 2 <= len(server.calls("GetCodegenJob")) <= 5
    assert not out.exists()
    # The job finishes later: `download` picks it up.
    server.scenario.final_status = "succeeded"
    later = run("download", job_id, *IDS, "--endpoint-url", server.url, "--out", "ui")
    assert later.exit_code == 0, later.output
    assert _files(tmp_path / "ui") >= {"index.js", "BlogCreateForm.jsx"}


def test_per_file_error_exits_1_after_writing_the_rest(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.extra_entries = [
        {"fileName": "BlogUpdateForm.jsx", "schemaName": "BlogUpdateForm", "error": "bad field"}
    ]
    result = submit(server, "-q")
    assert result.exit_code == 1
    assert "BlogUpdateForm.jsx: error[E220]: not generated (BlogUpdateForm): bad field\n" in result.stderr
    assert "\nwrote 2 file(s) to " in result.stdout
    assert "; 1 failed\n" in result.stdout
    assert (tmp_path / "ui" / "index.js").exists()


def test_escaping_names_write_nothing_outside(server: FakeUIBuilder, tmp_path: Path) -> None:
    url = f"{server.url}/files/index.js?{SIGNATURE}"
    server.scenario.extra_entries = [
        {"fileName": "../x.jsx", "downloadUrl": url},
        {"fileName": "/abs/x.jsx", "downloadUrl": url},
    ]
    result = submit(server, "-q")
    assert result.exit_code == 1
    assert "../x.jsx: error[E218]: refused: file name contains ..\n" in result.stderr
    assert "/abs/x.jsx: error[E218]: refused: absolute or non-portable file name\n" in result.stderr
    assert not (tmp_path / "x.jsx").exists() and not Path("/abs/x.jsx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema.graphql", "ui"]


def test_oversized_file_fails(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.files["Huge.jsx"] = b"x" * 4096
    result = submit(server, "-q", "--max-file-size", "1024")
    assert result.exit_code == 1
    assert "Huge.jsx: error[E221]: larger than the limit of 1024 bytes (4096 bytes announced)\n" in result.stderr
    assert not (tmp_path / "ui" / "Huge.jsx").exists()


def test_rerun_reuses_the_job(server: FakeUIBuilder) -> None:
    first, second = submit(server, "-q"), submit(server, "-q")
    assert first.exit_code == second.exit_code == 0
    assert len(server.jobs) == 1
    tokens = [c.query["clientToken"] for c in server.calls("StartCodegenJob")]
    assert len(tokens) == 2 and tokens[0] == tokens[1]
    assert submit(server, "-q", "--script", "tsx").exit_code == 0
    assert submit(server, "-q", "--client-token", "fresh-start").exit_code == 0
    assert len(server.jobs) == 3


def test_no_wait_prints_the_job_id(server: FakeUIBuilder) -> None:
    result = submit(server, "--no-wait")
    assert result.exit_code == 0
    assert result.stdout == f"{next(iter(server.jobs))}\n"
    assert server.calls("GetCodegenJob") == []


def test_status(server: FakeUIBuilder) -> None:
    job_id = submit(server, "--no-wait").stdout.strip()
    aws = ("--endpoint-url", server.url)
    running = run("status", job_id, *IDS, *aws)
    assert running.exit_code == 0
    assert running.stdout.startswith(f"id: {job_id}\nstatus: in_progress\ncreatedAt: ")
    done = run("status", job_id, *IDS, *aws, "--json")
    assert done.exit_code == 0
    job = json.loads(done.stdout)
    assert job["status"] == "succeeded"
    assert job["asset"]["downloadUrl"] == f"{server.url}/manifest/{job_id}"
    server.jobs[job_id]["status"] = "failed"
    server.scenario.final_status = "failed"
    assert run("status", job_id, *IDS, *aws).exit_code == 1
    missing = run("status", "no-such-job", *IDS, *aws)
    assert missing.exit_code == 2
    assert missing.stderr == "error: codegen job no-such-job not found\n"


def test_jobs_lists_every_page(server: FakeUIBuilder) -> None:
    made = [server.add_job(APP, "dev")["id"] for _ in range(5)]
    server.add_job(APP, "prod")
    result = run("jobs", *IDS, "--endpoint-url", server.url)
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == made
    assert len(server.calls("ListCodegenJobs")) == 3
    listed = json.loads(run("jobs", *IDS, "--endpoint-url", server.url, "--json").stdout)
    assert [j["id"] for j in listed] == made


def test_endpoint_from_the_standard_variable(server: FakeUIBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_AMPLIFYUIBUILDER", server.url)
    assert run("jobs", *IDS).exit_code == 0
    assert len(server.calls("ListCodegenJobs")) == 1


def test_missing_credentials(server: FakeUIBuilder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    result = run("jobs", *IDS, "--endpoint-url", server.url)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no usable AWS credentials")
    assert server.requests == []
    result = run("jobs", *IDS, "--profile", "nobody", "--endpoint-url", server.url)
    assert result.exit_code == 2 and "nobody" in result.stderr


def test_unreachable_endpoint(server: FakeUIBuilder) -> None:
    result = run("jobs", *IDS, "--endpoint-url", "http://127.0.0.1:9", "--max-attempts", "1")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ListCodegenJobs failed: Could not connect")


def test_usage_and_request_errors_exit_2_before_any_call(server: FakeUIBuilder, tmp_path: Path) -> None:
    bad_id = submit(server, "--app-id", "App-1")
    assert bad_id.exit_code == 2
    assert bad_id.stderr.startswith("appId: error[E206]: 'App-1' is not an Amplify app id")
    assert submit(server, "--module", "commonjs").exit_code == 2
    assert submit(server, "--tag", "novalue").exit_code == 2
    assert submit(server, "--tag", "aws:x=1").exit_code == 2
    mixed = submit(server, "--api", "datastore", "--queries-file-path", "q")
    assert mixed.exit_code == 2 and "only apply with --api graphql" in mixed.stderr
    assert submit(server, "--package-json", "nope.json").exit_code == 2
    broken = tmp_path / "broken.graphql"
    broken.write_text("type Post @model {\n  id: ID!\n  title: Strin\n}\n")
    result = submit(server, schema=str(broken))
    assert result.exit_code == 2
    assert f"{broken}:3:" in result.stderr and "error[" in result.stderr
    assert server.requests == []


def test_compile_and_dry_run_never_import_boto3(tmp_path: Path) -> None:
    (tmp_path / "schema.graphql").write_text(SDL)
    code = """
import sys
import translator
from translator.cli import main
translator.compile_path("schema.graphql")
main(["submit", "schema.graphql", "--app-id", "d1", "--environment-name", "dev", "--dry-run"],
     standalone_mode=False)
assert "boto3" not in sys.modules and "botocore" not in sys.modules, "boto3 imported"
"""
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["appId"] == "d1"
