"""Schemas at a git revision: ``REV:PATH`` read with ``git ls-tree`` and ``git archive``, never
by checking anything out.

The schema is extracted into a temporary folder under its path in the repository, together with
what decides how it compiles there: the Amplify project settings it would be read with
(``amplify/cli.json``, ``backend-config.json``, the API's ``transform.conf.json``) and, for a Gen 2
``resource.ts``, the ``amplify`` folder its imports come from. Positions in it are then shown as
``REV:path``.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from translator.core.diagnostics import Diagnostic, SourceError, Span

_SETTINGS = ("amplify/cli.json", "amplify/backend/backend-config.json", "amplify/backend/amplify-meta.json")


@dataclass(frozen=True)
class RevisionPath:
    """``PATH`` at revision ``rev`` of the repository at ``root`` (``path`` relative to it)."""

    rev: str
    path: PurePosixPath
    root: Path

    @property
    def label(self) -> str:
        """How positions in it are shown: ``HEAD:amplify/backend/api/x/schema.graphql``."""
        return f"{self.rev}:{self.path}"


def _fail(message: str, where: str) -> SourceError:
    return SourceError(Diagnostic("E201", message, Span(where)))


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    git = shutil.which("git")
    if git is None:
        raise _fail("git is not installed", "<git>")
    return subprocess.run([git, "-C", str(root), *args], capture_output=True, check=False)


def repository_root(start: Path) -> Path:
    """The top folder of the git work tree holding ``start``; SourceError outside one."""
    folder = start if start.is_dir() else start.parent
    done = _git(folder if folder.exists() else Path.cwd(), "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        raise _fail(f"not inside a git repository: {done.stderr.decode(errors='replace').strip()}", str(start))
    return Path(done.stdout.decode().strip())


def parse_revision_path(text: str, cwd: Path | None = None) -> RevisionPath | None:
    """``REV:PATH`` as git reads it (PATH from the top of the repository, or from ``cwd`` when it
    starts with ``./`` or ``../``); None when ``text`` is a path that exists or has no ``:``."""
    if ":" not in text or Path(text).exists():
        return None
    rev, _, path = text.partition(":")
    if not rev:
        return None
    here = (cwd or Path.cwd()).resolve()
    root = repository_root(here)
    if path.startswith(("./", "../")) or path in (".", ".."):
        path = (here / path).resolve().relative_to(root.resolve()).as_posix()
    return RevisionPath(rev, PurePosixPath(path.strip("/") or "."), root)


def at_revision(path: Path, rev: str) -> RevisionPath:
    """The file or folder ``path`` of the work tree, at revision ``rev``."""
    absolute = path.resolve()
    root = repository_root(absolute)
    return RevisionPath(rev, PurePosixPath(absolute.relative_to(root.resolve()).as_posix()), root)


def _listed(spec: RevisionPath, paths: list[str]) -> list[str] | None:
    """The files of the revision under ``paths``; None in a repository without any commit yet
    (``HEAD`` names nothing: everything is new)."""
    done = _git(spec.root, "ls-tree", "-r", "--name-only", spec.rev, "--", *paths)
    if done.returncode == 0:
        return done.stdout.decode().splitlines()
    if spec.rev == "HEAD" and _git(spec.root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return None
    message = done.stderr.decode(errors="replace").strip()
    raise _fail(f"cannot read revision {spec.rev}: {message}", spec.label)


def _under(files: list[str], path: str) -> bool:
    return any(f == path or f.startswith(path + "/") for f in files) or (path == "." and bool(files))


def _context(path: PurePosixPath) -> list[str]:
    """What else to extract with ``path``: the project settings of every enclosing folder and
    the API folder's transform.conf.json; the ``amplify`` folder of a Gen 2 entry."""
    found: list[str] = []
    for parent in [path, *path.parents]:
        base = "" if str(parent) == "." else f"{parent}/"
        found.extend(base + name for name in _SETTINGS)
        found.append(base + "transform.conf.json")
        if path.suffix in (".ts", ".mts") and parent.name == "amplify":
            found.append(str(parent))
    return found


@dataclass(frozen=True)
class Extracted:
    """A temporary copy of part of a revision: ``path`` is the schema in it, ``root`` the copy's
    top folder (the repository's top)."""

    path: Path
    root: Path
    spec: RevisionPath

    def relabel(self, span: Span) -> Span:
        """``span`` with a path inside the copy shown as ``REV:path``."""
        for prefix in dict.fromkeys((str(self.root), str(self.root.resolve()))):
            if span.path.startswith(prefix):
                inner = PurePosixPath(Path(span.path[len(prefix):].lstrip("/\\")).as_posix())
                return Span(f"{self.spec.rev}:{inner}", span.line, span.column)
        return span


@contextmanager
def extracted(spec: RevisionPath) -> Iterator[Extracted | None]:
    """The file or folder of ``spec`` in a temporary copy of the revision, or None when the
    revision has nothing at that path (a schema added since). The copy is deleted afterwards."""
    target = str(spec.path)
    candidates = _context(spec.path)
    listed = _listed(spec, [target, *candidates])
    if listed is None or not _under(listed, target):
        yield None
        return
    wanted = [target, *(c for c in candidates if _under(listed, c))]
    archive = _git(spec.root, "archive", "--format=tar", spec.rev, "--", *wanted)
    if archive.returncode != 0:
        raise _fail(f"git archive failed: {archive.stderr.decode(errors='replace').strip()}", spec.label)
    with tempfile.TemporaryDirectory(prefix="amplify-translate-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        yield Extracted(Path(folder) / spec.path, Path(folder), spec)

