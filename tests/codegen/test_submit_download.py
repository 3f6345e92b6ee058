"""Downloading a job's manifest and files into a folder, against the local fake service."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_uibuilder import SIGNATURE, FakeUIBuilder

from translator.codegen.download import STATE_FILE, download_job, download_manifest, url_problem
from translator.codegen.errors import DownloadError


@pytest.fixture
def server() -> Iterator[FakeUIBuilder]:
    fake = FakeUIBuilder().start()
    yield fake
    fake.stop()


def _manifest(server: FakeUIBuilder) -> str:
    return f"{server.url}/manifest/job-1?{SIGNATURE}"


def _files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _entry(server: FakeUIBuilder, name: str, served: str = "index.js") -> dict[str, Any]:
    return {"fileName": name, "downloadUrl": f"{server.url}/files/{served}?{SIGNATURE}"}


def test_writes_every_listed_file(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.files["forms/sub/Deep.jsx"] = b"deep\n"
    report = download_manifest(_manifest(server), tmp_path / "ui")
    assert [f.name for f in report.written] == [
        "BlogCreateForm.jsx",
        "index.js",
        "forms/sub/Deep.jsx",
    ]
    assert report.failed == [] and report.removed == []
    for name, content in server.scenario.files.items():
        assert (tmp_path / "ui" / name).read_bytes() == content
    assert oct((tmp_path / "ui" / "index.js").stat().st_mode & 0o777) == oct(0o644)
    assert _files_under(tmp_path / "ui") == {*server.scenario.files, STATE_FILE}


def test_per_file_error_is_reported_and_the_rest_written(
    server: FakeUIBuilder, tmp_path: Path
) -> None:
    server.scenario.extra_entries = [
        {"fileName": "PostUpdateForm.jsx", "schemaName": "PostUpdateForm", "error": "bad field"},
        {"fileName": "NoUrl.jsx"},
    ]
    report = download_manifest(_manifest(server), tmp_path)
    assert len(report.written) == 2
    assert [(f.name, f.error) for f in report.failed] == [
        ("PostUpdateForm.jsx", "not generated (PostUpdateForm): bad field"),
        ("NoUrl.jsx", "no downloadUrl in the manifest"),
    ]
    assert not (tmp_path / "PostUpdateForm.jsx").exists()


def test_names_escaping_the_folder_are_refused(server: FakeUIBuilder, tmp_path: Path) -> None:
    out = tmp_path / "project" / "ui"
    outside = tmp_path / "outside"
    outside.mkdir()
    out.mkdir(parents=True)
    (out / "link").symlink_to(outside, target_is_directory=True)
    bad = [
        "../x.jsx",
        "/abs/x.jsx",
        "a/../../y.jsx",
        "..\\z.jsx",
        "C:/w.jsx",
        "link/evil.jsx",
        "",
        ".",
        STATE_FILE,
    ]
    server.scenario.extra_entries = [_entry(server, name) for name in bad]
    report = download_manifest(_manifest(server), out)
    assert sorted(f.name for f in report.failed) == sorted(bad)
    assert all(f.error and f.error.startswith("refused") for f in report.failed)
    assert len(report.written) == 2
    # Nothing landed anywhere but inside the folder, and nothing was followed through the link.
    assert _files_under(tmp_path) == {
        "project/ui/BlogCreateForm.jsx",
        "project/ui/index.js",
        f"project/ui/{STATE_FILE}",
    }
    assert not Path("/abs/x.jsx").exists()
    assert not any(outside.iterdir())


def test_oversized_file_fails_and_leaves_nothing(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.files["Big.jsx"] = b"x" * 5000
    report = download_manifest(_manifest(server), tmp_path, max_bytes=4096)
    assert [(f.name, f.error) for f in report.failed] == [
        ("Big.jsx", "larger than the limit of 4096 bytes (5000 bytes announced)")
    ]
    assert _files_under(tmp_path) == {"BlogCreateForm.jsx", "index.js", STATE_FILE}


def test_replaces_files_and_never_deletes_others(server: FakeUIBuilder, tmp_path: Path) -> None:
    (tmp_path / "index.js").write_text("old")
    os.chmod(tmp_path / "index.js", 0o600)
    (tmp_path / "Mine.jsx").write_text("hand-written")
    download_manifest(_manifest(server), tmp_path)
    assert (tmp_path / "index.js").read_bytes() == server.scenario.files["index.js"]
    assert (tmp_path / "index.js").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "Mine.jsx").read_text() == "hand-written"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_clean_removes_only_files_an_earlier_download_wrote(
    server: FakeUIBuilder, tmp_path: Path
) -> None:
    (tmp_path / "Mine.jsx").write_text("hand-written")
    download_manifest(_manifest(server), tmp_path)
    del server.scenario.files["BlogCreateForm.jsx"]
    report = download_manifest(_manifest(server), tmp_path)
    assert report.removed == [] and (tmp_path / "BlogCreateForm.jsx").exists()
    state = json.loads((tmp_path / STATE_FILE).read_text())
    assert state == {"files": ["BlogCreateForm.jsx", "index.js"]}

    report = download_manifest(_manifest(server), tmp_path, clean=True)
    assert report.removed == ["BlogCreateForm.jsx"]
    assert _files_under(tmp_path) == {"Mine.jsx", "index.js", STATE_FILE}
    assert json.loads((tmp_path / STATE_FILE).read_text()) == {"files": ["index.js"]}


def test_clean_keeps_a_file_that_failed_this_time(server: FakeUIBuilder, tmp_path: Path) -> None:
    download_manifest(_manifest(server), tmp_path)
    server.scenario.failures["file:index.js"] = [(403, "AccessDenied")]
    report = download_manifest(_manifest(server), tmp_path, clean=True)
    assert [f.name for f in report.failed] == ["index.js"] and report.removed == []
    assert (tmp_path / "index.js").exists()
    assert "index.js" in json.loads((tmp_path / STATE_FILE).read_text())["files"]


def test_transient_errors_are_retried_others_not(server: FakeUIBuilder, tmp_path: Path) -> None:
    server.scenario.failures = {
        "file:index.js": [(500, "InternalError"), (503, "SlowDown")],
        "file:BlogCreateForm.jsx": [(403, "AccessDenied")],
    }
    report = download_manifest(_manifest(server), tmp_path, retry_delay=0)
    assert [f.name for f in report.written] == ["index.js"]
    assert [(f.name, f.error) for f in report.failed] == [
        ("BlogCreateForm.jsx", "HTTP 403 Forbidden")
    ]
    assert len(server.calls("file:index.js")) == 3
    assert len(server.calls("file:BlogCreateForm.jsx")) == 1


def test_only_https_or_loopback_urls(server: FakeUIBuilder, tmp_path: Path) -> None:
    assert url_problem("https://bucket.s3.amazonaws.com/x?sig=1") is None
    assert url_problem("http://127.0.0.1:8080/x") is None
    assert url_problem("http://localhost/x") is None
    assert url_problem("http://[::1]:9/x") is None
    problem = url_problem("http://example.com/x.jsx?X-Amz-Signature=secret")
    assert problem is not None and "secret" not in problem
    assert url_problem("file:///etc/passwd") is not None
    server.scenario.extra_entries = [
        {"fileName": "Plain.jsx", "downloadUrl": "http://example.com/Plain.jsx"},
        _entry(server, "Moved.jsx", served="Moved.jsx"),
    ]
    server.scenario.redirects["Moved.jsx"] = "http://example.com/elsewhere.jsx"
    report = download_manifest(_manifest(server), tmp_path)
    errors = {f.name: f.error or "" for f in report.failed}
    assert errors["Plain.jsx"].startswith("refused URL http://example.com/Plain.jsx")
    assert "redirect refused URL http://example.com/elsewhere.jsx" in errors["Moved.jsx"]


def test_duplicate_names_fail(server: FakeUIBuilder, tmp_path: Path) -> None:
    # Which of two entries for one file is right cannot be told: neither is written.
    server.scenario.extra_entries = [_entry(server, "index.js", served="BlogCreateForm.jsx")]
    report = download_manifest(_manifest(server), tmp_path)
    assert [(f.name, f.error, f.code) for f in report.failed] == [
        ("index.js", "listed 2 times in the manifest (index.js); none written", "E219")
    ] * 2
    assert _files_under(tmp_path) == {"BlogCreateForm.jsx", STATE_FILE}


def test_unusable_manifest_or_job(server: FakeUIBuilder, tmp_path: Path) -> None:
    with pytest.raises(DownloadError, match="cannot fetch the manifest: HTTP 404"):
        download_manifest(f"{server.url}/files/none.json?{SIGNATURE}", tmp_path)
    server.scenario.files["m.json"] = b'{"Files": []}'
    with pytest.raises(DownloadError, match='no "Output" list'):
        download_manifest(f"{server.url}/files/m.json", tmp_path)
    with pytest.raises(DownloadError, match="has no manifest"):
        download_job({"id": "j1", "status": "succeeded"}, tmp_path)
    with pytest.raises(DownloadError) as caught:
        download_manifest(f"http://example.com/m.json?{SIGNATURE}", tmp_path)
    assert "deadbeef" not in str(caught.value)
