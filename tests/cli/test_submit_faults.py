"""End to end, the faults of issue 10 against the local stand-in: every case asserts the exit
code, the message and exactly which files exist afterwards.

Bodies cut short, trickled past the deadline or never answered; hostile and duplicate manifest
names; Ctrl-C while polling and while downloading (SIGINT to a real process); a closed stdout
in every command; a re-run after a failed job; GetCodegenJob failing until the retries run out;
every command-line problem at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from fake_uibuilder import (
    SIGNATURE,
    FakeUIBuilder,
    test_aws_environment,
)
from submit_harness import (
    APP,
    IDS,
    cli_server,  # noqa: F401  (the "server" fixture)
    files_under,
    submit_cli,
)

from translator.cli import EXIT_CLOSED_STDOUT
from translator.codegen.download import STATE_FILE

FORM = "BlogCreateForm.jsx"
STATE_OF_INDEX = {"index.js", STATE_FILE}


def _state(folder: Path) -> list[str]:
    files: list[str] = json.loads((folder / STATE_FILE).read_text())["files"]
    return files


def test_truncated_body_fails_that_file_and_leaves_nothing(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.truncated[FORM] = 10  # Content-Length 45, then the connection closes
    result = submit_cli(server, "-q", "--dependency", "aws-amplify=^6")
    assert result.exit_code == 1
    whole = len(server.scenario.files[FORM])
    assert f"{FORM}: error[E221]: incomplete body: 10 of the {whole} bytes announced\n" in result.stderr
    assert "wrote 1 file(s) to " in result.stdout and "; 1 failed" in result.stdout
    assert files_under(tmp_path / "ui") == STATE_OF_INDEX
    assert _state(tmp_path / "ui") == ["index.js"]
    assert len(server.calls(f"file:{FORM}")) == 3  # retried: a cut body may be transient


def test_trickle_past_the_deadline_fails(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.trickle[FORM] = 0.05  # 44 bytes at one per 50 ms: 2.2 s
    started = time.monotonic()
    result = submit_cli(server, "-q", "--dependency", "aws-amplify=^6", "--download-timeout", "0.5")
    assert result.exit_code == 1
    assert (f"{FORM}: error[E223]: the download deadline of 0.5 s passed (--download-timeout)\n"
            in result.stderr)  # fmt: skip
    assert time.monotonic() - started < 2.0  # ended by the deadline, not by the body
    assert files_under(tmp_path / "ui") == STATE_OF_INDEX


def test_hanging_server_fails_at_the_deadline(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.hang.add(FORM)  # request read, never answered
    result = submit_cli(server, "-q", "--dependency", "aws-amplify=^6", "--download-timeout", "0.4")
    assert result.exit_code == 1
    assert f"{FORM}: error[E223]: the download deadline of 0.4 s passed (--download-timeout)\n" in result.stderr
    assert files_under(tmp_path / "ui") == STATE_OF_INDEX


def test_manifest_size_and_checksum_are_checked(server: FakeUIBuilder, tmp_path: Path) -> None:
    url = f"{server.url}/files/index.js?{SIGNATURE}"
    body = server.scenario.files["index.js"]
    server.scenario.extra_entries = [
        {"fileName": "Sized.js", "downloadUrl": url, "size": len(body) + 1},
        {"fileName": "Summed.js", "downloadUrl": url, "sha256": "0" * 64},
        {"fileName": "Right.js", "downloadUrl": url, "size": len(body), "sha256": hashlib.sha256(body).hexdigest()},
    ]
    result = submit_cli(server, "-q", "--dependency", "aws-amplify=^6")
    assert result.exit_code == 1
    assert f"Sized.js: error[E221]: {len(body)} bytes received, the manifest says {len(body) + 1}\n" in result.stderr
    assert "Summed.js: error[E222]: SHA-256 differs from the manifest's\n" in result.stderr
    assert files_under(tmp_path / "ui") == {FORM, "Right.js", *STATE_OF_INDEX}


def test_control_character_names_are_refused_and_printed_escaped(server: FakeUIBuilder, tmp_path: Path) -> None:
    names = ["\x1b[31mRed.jsx", "two\nlines.jsx", "\u202egnp.jsx", "nul\x00.jsx", "del\x7f.jsx",
             "c1\x9b.jsx", "isolate\u2066.jsx", "tab\t.jsx"]  # fmt: skip
    url = f"{server.url}/files/index.js?{SIGNATURE}"
    server.scenario.extra_entries = [{"fileName": name, "downloadUrl": url} for name in names]
    result = submit_cli(server, "-q", "--dependency", "aws-amplify=^6")  # run_cli: no raw control char printed
    assert result.exit_code == 1
    reason = "error[E218]: refused: control or bidirectional-override character in the file name"
    for shown in ["\\x1b[31mRed.jsx", "two\\nlines.jsx", "\\u202egnp.jsx", "nul\\x00.jsx", "del\\x7f.jsx",
                  "c1\\x9b.jsx", "isolate\\u2066.jsx", "tab\\t.jsx"]:  # fmt: skip
        assert f"{shown}: {reason}\n" in result.stderr
    assert "; 8 failed" in result.stdout
    assert files_under(tmp_path / "ui") == {FORM, *STATE_OF_INDEX}
    assert server.calls("file:index.js") != [] and len(server.calls("file:index.js")) == 1


def test_duplicates_after_normalising_write_none_of_them(server: FakeUIBuilder, tmp_path: Path) -> None:
    url = f"{server.url}/files/{FORM}?{SIGNATURE}"
    server.scenario.extra_entries = [
        {"fileName": "./index.js", "downloadUrl": url},
        {"fileName": "forms//Deep.jsx", "downloadUrl": url},
        {"fileName": "forms/./Deep.jsx", "downloadUrl": url},
    ]
    result = submit_cli(server, "-q", "--dependency", "aws-amplify=^6")
    assert result.exit_code == 1
    twice = "error[E219]: listed 2 times in the manifest ({}); none written\n"
    assert "index.js: " + twice.format("./index.js, index.js") in result.stderr
    assert "./index.js: " + twice.format("./index.js, index.js") in result.stderr
    assert "forms//Deep.jsx: " + twice.format("forms/./Deep.jsx, forms//Deep.jsx") in result.stderr
    assert "wrote 1 file(s) to " in result.stdout and "; 4 failed" in result.stdout
    assert files_under(tmp_path / "ui") == {FORM, STATE_FILE}
    assert _state(tmp_path / "ui") == [FORM]


def test_rerun_after_a_failed_job_starts_one_fresh_job(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.final_status = "failed"
    server.scenario.status_message = "Studio form BlogUpdateForm is broken"
    first = submit_cli(server, "-q", "--dependency", "aws-amplify=^6")
    assert first.exit_code == 1
    (failed_id,) = server.jobs
    assert f"error: codegen job {failed_id} failed: Studio form BlogUpdateForm is broken\n" in first.stderr
    # Fixed in Studio; the same command again must not return the same failed job.
    server.scenario.final_status = "succeeded"
    second = submit_cli(server, "-q", "--dependency", "aws-amplify=^6")
    assert second.exit_code == 0, second.output
    fresh_id = next(job for job in server.jobs if job != failed_id)
    tokens = [call.query["clientToken"][0] for call in server.calls("StartCodegenJob")]
    assert tokens[0] == tokens[1] != tokens[2]
    assert second.stderr == (
        f"warning: codegen job {failed_id} of this same request had already failed (Studio form "
        f"BlogUpdateForm is broken); starting a fresh job (clientToken {tokens[2]})\n"
    )
    assert f"codegen job {fresh_id} succeeded\n" in second.stdout
    assert files_under(tmp_path / "ui") == {FORM, *STATE_OF_INDEX}
    # A third run is idempotent again: it finds the fresh job, starts nothing.
    third = submit_cli(server, "-q", "--dependency", "aws-amplify=^6")
    assert third.exit_code == 0, third.output
    assert len(server.jobs) == 2, third.output
    # An explicit --client-token means exactly that job, failed or not.
    server.scenario.final_status = "failed"
    explicit = submit_cli(server, "-q", "--dependency", "aws-amplify=^6", "--client-token", "mine")
    again = submit_cli(server, "-q", "--dependency", "aws-amplify=^6", "--client-token", "mine")
    assert explicit.exit_code == again.exit_code == 1 and "warning" not in again.stderr
    assert len(server.jobs) == 3


def test_get_codegen_job_failing_prints_the_resume_command(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.failures = {"GetCodegenJob": [(503, "ServiceUnavailable")] * 2}
    result = submit_cli(server, "-q", "--dependency", "aws-amplify=^6", "--max-attempts", "2", "--region", "eu-west-1")
    assert result.exit_code == 2
    (job_id,) = server.jobs
    assert result.stderr == (
        "error: GetCodegenJob failed: ServiceUnavailable: scripted failure (HTTP 503)\n"
        f"  the job may still finish; download it later with: amplify-translate download {job_id} "
        f"{' '.join(IDS)} --out ui --region eu-west-1 --endpoint-url {server.url}\n"
    )
    assert not (tmp_path / "ui").exists()


def test_every_command_line_problem_at_once(server: FakeUIBuilder) -> None:
    result = submit_cli(server, "--app-id", "App-1", "--tag", "team=ui", "--tag", "team=web", "--tag", "novalue",
                        "--tag", "aws:x=1", "--dependency", "=1", "--poll-interval", "0.01")  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "appId: error[E206]: 'App-1' is not an Amplify app id (pattern d[a-z0-9]+, 1 to 20 characters, "
        "like d1a2b3c4d5e6f7)",
        "--tag: error[E216]: key 'team' given twice ('ui' and 'web'); a tag key is unique",
        "--tag: error[E215]: 'novalue' is not NAME=VALUE",
        "--dependency: error[E215]: '=1' is not NAME=VALUE",
        "tags: error[E206]: invalid tag key 'aws:x' (1 to 128 of letters, digits and +-=._:/, not starting with aws:)",
        "--poll-interval: error[E217]: 0.01 s is below the floor of 0.1 s",
    ]
    assert server.requests == []


# -- in a real process: signals and pipes --


def _start(tmp_path: Path, server: FakeUIBuilder, *args: str, **popen: object) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "translator", *args, *IDS, "--endpoint-url", server.url]
    return subprocess.Popen(command, cwd=tmp_path, env=test_aws_environment(tmp_path), **popen)  # type: ignore[call-overload,no-any-return]


def _wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_ctrl_c_while_polling(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.final_status = None
    process = _start(tmp_path, server, "submit", "schema.graphql", "-q", "--dependency", "aws-amplify=^6",
                     "--out", "ui", "--poll-interval", "0.1", "--region", "us-west-2",
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    _wait_until(lambda: len(server.calls("GetCodegenJob")) >= 2, "polls")
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    (job_id,) = server.jobs
    assert out == b""
    assert err.decode() == (
        f"interrupted: codegen job {job_id} is still running; download it later with: amplify-translate "
        f"download {job_id} {' '.join(IDS)} --out ui --region us-west-2 --endpoint-url {server.url}\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["schema.graphql"]


def test_ctrl_c_while_downloading(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.hang.add(FORM)
    process = _start(tmp_path, server, "submit", "schema.graphql", "--dependency", "aws-amplify=^6", "--out", "ui",
                     "--poll-interval", "0.1", stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    _wait_until(lambda: (tmp_path / "ui" / "index.js").is_file() and server.calls(f"file:{FORM}") != [], "index.js")
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    (job_id,) = server.jobs
    assert out.decode().endswith("\nwrote 1 file(s) to " + str((tmp_path / "ui").resolve()) + "; 1 failed\n")
    assert f"{FORM}: interrupted before it was complete\n" in err.decode()
    assert err.decode().endswith(
        f"interrupted while downloading codegen job {job_id}: 1 file(s) complete (listed in {STATE_FILE}); "
        f"fetch the rest with: amplify-translate download {job_id} {' '.join(IDS)} --out ui "
        f"--endpoint-url {server.url}\n"
    )
    # Only what was complete, and the file list says exactly that.
    assert files_under(tmp_path / "ui") == STATE_OF_INDEX
    assert _state(tmp_path / "ui") == ["index.js"]


def test_closed_stdout_ends_quietly_in_every_command(server: FakeUIBuilder, tmp_path: Path) -> None:
    job = server.add_job(APP, "dev", status="succeeded", asset={"downloadUrl": f"{server.url}/manifest/x?{SIGNATURE}"})
    for _ in range(3):
        server.add_job(APP, "dev")
    (tmp_path / "broken.graphql").write_text("type Post @model {\n  id: ID!\n  title: Strin\n}\n")
    commands = {
        "compile": ["compile", "schema.graphql"],
        "check": ["check", "--format", "json", "broken.graphql"],
        "hook-compile": ["hook-compile", "schema.graphql"],
        "submit": ["submit", "schema.graphql", "--dry-run", *IDS, "--dependency", "aws-amplify=^6"],
        "status": ["status", job["id"], *IDS, "--endpoint-url", server.url],
        "download": ["download", job["id"], *IDS, "--endpoint-url", server.url, "--out", "dl", "-q"],
        "jobs": ["jobs", *IDS, "--endpoint-url", server.url],
    }
    expected = {"compile": EXIT_CLOSED_STDOUT, "check": EXIT_CLOSED_STDOUT, "hook-compile": 1,
                "submit": EXIT_CLOSED_STDOUT, "status": EXIT_CLOSED_STDOUT, "download": EXIT_CLOSED_STDOUT,
                "jobs": EXIT_CLOSED_STDOUT}  # fmt: skip
    running = {}
    for name, args in commands.items():
        read_end, write_end = os.pipe()
        os.close(read_end)  # nobody will ever read: the first write fails with EPIPE
        command = [sys.executable, "-m", "translator", *args]
        env = test_aws_environment(tmp_path)
        running[name] = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=write_end, stderr=subprocess.PIPE)
        os.close(write_end)
    for name, process in running.items():
        _, err = process.communicate(timeout=60)
        quiet = b"generic-data-schema.json: updated\n" if name == "hook-compile" else b""
        assert (name, process.returncode, err) == (name, expected[name], quiet)
    # hook-compile prints nothing on stdout: it did its job (wrote the JSON, exit 1 as a hook does).
    assert (tmp_path / "generic-data-schema.json").is_file()
    assert not (tmp_path / "dl").exists()  # download stopped at its first line of output
