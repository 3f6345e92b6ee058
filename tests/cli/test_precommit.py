"""The pre-commit hooks of ``.pre-commit-hooks.yaml``, run by the real ``pre-commit`` tool.

pre-commit installs the hook repository at the given ``rev``: the project's COMMITTED state (HEAD),
not the working tree. Everything it writes (its cache and the hook virtualenv, git config) stays
in tmp_path. One hook environment is built and shared by every step, so the test takes the time of
one ``pip install`` of the project (tens of seconds), plus about a second per commit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, REPO

import translator
from translator.emit.generic import to_json

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
GIT = shutil.which("git")

BAD = """\
type Post @model {
  id: ID!
  title: String!
  author: Nope
}
"""
BLOG = (EXAMPLES / "blog.graphql").read_text(encoding="utf-8")
SCHEMA = "models/schema.graphql"
OUTPUT = "models/generic-data-schema.json"


def _project_head() -> str | None:
    """HEAD of the project when it is a git repository whose HEAD holds the hook definitions."""
    if GIT is None:
        return None
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    head = subprocess.run([GIT, "-C", str(REPO), "rev-parse", "--verify", "HEAD"], capture_output=True,
                          text=True, env=env, check=False)
    if head.returncode != 0:
        return None
    hooks = subprocess.run([GIT, "-C", str(REPO), "cat-file", "-e", "HEAD:.pre-commit-hooks.yaml"],
                           capture_output=True, env=env, check=False)
    return head.stdout.strip() if hooks.returncode == 0 else None


HEAD = _project_head()

pytestmark = [
    pytest.mark.skipif(not PRE_COMMIT.is_file(), reason=f"pre-commit is not installed ({PRE_COMMIT})"),
    pytest.mark.skipif(HEAD is None, reason=f"{REPO} is not a git repository with .pre-commit-hooks.yaml committed"),
]


class Repo:
    """A scratch git repository using the project's hooks, with pre-commit's state under tmp_path
    (or in ``home``, which tests share so that the hook environment is built once)."""

    def __init__(self, tmp_path: Path, hooks: tuple[str, ...] = ("amplify-schema-check", "amplify-schema-compile"),
                 home: Path | None = None) -> None:
        assert GIT is not None and HEAD is not None
        self.root = tmp_path / "repo"
        self.root.mkdir()
        gitconfig = tmp_path / "gitconfig"
        gitconfig.write_text(
            "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"
            f"[safe]\n\tdirectory = {REPO}\n\tdirectory = {REPO}/.git\n",
            encoding="utf-8",
        )
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
        self.env.update({
            "PRE_COMMIT_HOME": str(home or tmp_path / "pre-commit-home"),
            "PRE_COMMIT_COLOR": "never",
            "VIRTUALENV_OVERRIDE_APP_DATA": str(tmp_path / "virtualenv-data"),
            "PIP_CACHE_DIR": str(tmp_path / "pip-cache"),
            "GIT_CONFIG_GLOBAL": str(gitconfig),
            "GIT_CONFIG_NOSYSTEM": "1",
            "TERM": "dumb",
        })
        self.git("init", "-q")
        self.git("config", "user.name", "Hook Test")
        self.git("config", "user.email", "hook-test@example.invalid")
        (self.root / ".pre-commit-config.yaml").write_text(
            "repos:\n"
            f"  - repo: {REPO}\n"
            f"    rev: {HEAD}\n"
            "    hooks:\n" + "".join(f"      - id: {hook}\n" for hook in hooks),
            encoding="utf-8",
        )

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(list(args), cwd=self.root, env=self.env, capture_output=True, text=True,
                              timeout=600, check=False)
        if check:
            assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
        return done

    def git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        assert GIT is not None
        return self.run(GIT, *args, check=check)

    def commit(self, message: str) -> tuple[bool, str]:
        """``git commit``: whether a commit was made, and everything the hooks printed."""
        before = self.head()
        done = self.git("commit", "-m", message, check=False)
        output = done.stdout + done.stderr
        made = self.head() != before
        assert made == (done.returncode == 0), output
        return made, output

    def head(self) -> str:
        done = self.git("rev-parse", "--verify", "-q", "HEAD", check=False)
        return done.stdout.strip()

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def read(self, name: str) -> str:
        return (self.root / name).read_text(encoding="utf-8")

    def committed(self, name: str) -> str:
        return self.git("show", f"HEAD:{name}").stdout


def compiled(text: str) -> str:
    """What the compile hook must write for a bare schema file holding ``text``."""
    return to_json(translator.compile_source(text, name="schema.graphql"))


def hook_status(output: str, name: str) -> str:
    """``Passed``, ``Failed`` or ``Skipped`` from pre-commit's line for the hook named ``name``."""
    lines = [line for line in output.splitlines() if line.startswith(name + ".")]
    assert len(lines) == 1, f"no status line for {name!r}:\n{output}"
    return lines[0].rsplit(".", 1)[-1].split(")")[-1].strip()


CHECK = "Amplify schema check"
COMPILE = "Amplify generic data schema"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache, shared by this module's tests: one hook environment for all."""
    return tmp_path_factory.mktemp("pre-commit-home")


def test_pre_commit_hooks(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = Repo(tmp_path, home=pre_commit_home)
    repo.run(str(PRE_COMMIT), "install")
    assert (repo.root / ".git" / "hooks" / "pre-commit").is_file()

    # The configuration alone: no schema, both hooks skip (this builds the hook environment once).
    repo.git("add", ".pre-commit-config.yaml")
    made, output = repo.commit("pre-commit configuration")
    assert made, output
    assert hook_status(output, CHECK) == "Skipped" and hook_status(output, COMPILE) == "Skipped"

    # A schema Amplify rejects: the commit is blocked and the error names file, line and column.
    repo.write(SCHEMA, BAD)
    repo.git("add", SCHEMA)
    made, output = repo.commit("broken schema")
    assert not made, output
    assert hook_status(output, CHECK) == "Failed"
    assert f"{SCHEMA}:4:11: error[E003]" in output
    assert f"{SCHEMA}:4:11: error[" in output
    assert not (repo.root / OUTPUT).exists(), "nothing is compiled from a broken schema"

    # Fixed: the check passes; the compile hook writes the JSON beside the schema and fails the
    # commit because it wrote a file. (pre-commit says "files were modified by this hook" only for
    # tracked files; the JSON is new, so the hook's exit code 1 is what stops the commit.)
    repo.write(SCHEMA, BLOG)
    repo.git("add", SCHEMA)
    made, output = repo.commit("working schema")
    assert not made, output
    assert hook_status(output, CHECK) == "Passed"
    assert hook_status(output, COMPILE) == "Failed"
    assert "- exit code: 1" in output
    assert f"{OUTPUT}: updated" in output
    assert repo.read(OUTPUT) == compiled(BLOG)

    # Staging the output lets the commit through, with both files in it.
    repo.git("add", OUTPUT)
    made, output = repo.commit("working schema")
    assert made, output
    assert hook_status(output, CHECK) == "Passed" and hook_status(output, COMPILE) == "Passed"
    assert repo.committed(OUTPUT) == compiled(BLOG)
    assert sorted(repo.git("show", "--name-only", "--format=", "HEAD").stdout.split()) == [OUTPUT, SCHEMA]

    # A change that leaves the output as it is: committed at once, the JSON untouched.
    mtime = (repo.root / OUTPUT).stat().st_mtime_ns
    commented = "# Blog models.\n" + BLOG
    repo.write(SCHEMA, commented)
    repo.git("add", SCHEMA)
    made, output = repo.commit("comment")
    assert made, output
    assert hook_status(output, COMPILE) == "Passed"
    assert (repo.root / OUTPUT).stat().st_mtime_ns == mtime

    # A change to the model: the compile hook rewrites the stale JSON.
    changed = commented.replace("  content: String!\n", "  content: String!\n  rating: Int\n")
    assert changed != commented
    repo.write(SCHEMA, changed)
    repo.git("add", SCHEMA)
    made, output = repo.commit("rating")
    assert not made, output
    assert hook_status(output, CHECK) == "Passed" and hook_status(output, COMPILE) == "Failed"
    assert "files were modified by this hook" in output
    assert f"{OUTPUT}: updated" in output
    assert repo.read(OUTPUT) == compiled(changed) != compiled(BLOG)
    assert '"rating"' in repo.read(OUTPUT)
    repo.git("add", OUTPUT)
    made, output = repo.commit("rating")
    assert made, output
    assert repo.committed(OUTPUT) == compiled(changed)
    assert repo.git("status", "--porcelain").stdout == ""

    # A hand edit of the JSON alone, committed without touching the schema: the compile hook runs
    # on the JSON, compiles the schema beside it and puts the right content back.
    repo.write(OUTPUT, repo.read(OUTPUT).replace('"rating"', '"score"'))
    repo.git("add", OUTPUT)
    made, output = repo.commit("hand-edited output")
    assert not made, output
    assert hook_status(output, CHECK) == "Skipped" and hook_status(output, COMPILE) == "Failed"
    assert f"{OUTPUT}: updated" in output
    assert repo.read(OUTPUT) == compiled(changed)
    repo.git("add", OUTPUT)
    assert repo.git("status", "--porcelain").stdout == ""

    # The statements amplify codegen writes (queries, mutations, subscriptions, fragments in
    # src/graphql/) are operations, not schemas: neither hook looks at them.
    statement = "query ListPosts {\n  listPosts {\n    items {\n      id\n    }\n  }\n}\n"
    for name in ("queries", "mutations", "subscriptions", "fragments"):
        repo.write(f"src/graphql/{name}.graphql", statement)
    repo.git("add", "src")
    made, output = repo.commit("generated statements")
    assert made, output
    assert hook_status(output, CHECK) == "Skipped" and hook_status(output, COMPILE) == "Skipped"
    assert not (repo.root / "src" / "graphql" / "generic-data-schema.json").exists()


MIGRATE = "Amplify schema v1 to v2 migration"
API_SCHEMA = "amplify/backend/api/app/schema.graphql"
CLI_JSON = "amplify/cli.json"
V1_PROJECT_CLI = '{\n  "features": {\n    "graphqltransformer": {\n      "transformerversion": 1\n    }\n  }\n}\n'
V1_SCHEMA = """\
# Blog models (transformer v1).
type Blog @model {
  id: ID!
  name: String!
  # the posts, newest first
  posts: [Post] @connection(keyName: "byBlog", fields: ["id"])
}

type Post @model @key(name: "byBlog", fields: ["blogId", "title"]) {
  id: ID!
  blogId: ID!   # Blog.id
  title: String!
  blog: Blog @connection(fields: ["blogId"])
}
"""
DEPRECATED = """\
type Post @model {
  id: ID!
  comments: [Comment] @connection(name: "PostComments")
}

type Comment @model {
  id: ID!
}
"""


def test_pre_commit_migrate_hook(tmp_path: Path, pre_commit_home: Path) -> None:
    from translator.core.document import SchemaSource
    from translator.frontends.graphql.migrate import migrate_sources

    repo = Repo(tmp_path, hooks=("amplify-schema-migrate", "amplify-schema-check"), home=pre_commit_home)
    repo.run(str(PRE_COMMIT), "install")
    repo.write(CLI_JSON, V1_PROJECT_CLI)
    repo.git("add", ".pre-commit-config.yaml", CLI_JSON)
    made, output = repo.commit("v1 project")
    assert made, output
    assert hook_status(output, MIGRATE) == "Skipped"

    # A schema Amplify's migrator refuses: the commit is blocked, the file is left as it is.
    repo.write(API_SCHEMA, DEPRECATED)
    repo.git("add", API_SCHEMA)
    made, output = repo.commit("deprecated connection")
    assert not made, output
    assert hook_status(output, MIGRATE) == "Failed"
    assert f"{API_SCHEMA}:3:23: error[E131]" in output
    assert repo.read(API_SCHEMA) == DEPRECATED

    # A v1 schema: the hook rewrites it (comments kept) and moves cli.json to transformer v2,
    # which fails the commit, as a formatter does.
    repo.write(API_SCHEMA, V1_SCHEMA)
    repo.git("add", API_SCHEMA)
    made, output = repo.commit("v1 schema")
    assert not made, output
    assert hook_status(output, MIGRATE) == "Failed"
    assert "files were modified by this hook" in output
    assert f"{API_SCHEMA}: migrated" in output and f"{CLI_JSON}: set to transformer v2" in output
    [expected] = migrate_sources([SchemaSource(API_SCHEMA, V1_SCHEMA)], "userPools")
    assert repo.read(API_SCHEMA) == expected.text
    assert "# the posts, newest first" in expected.text and "@belongsTo" in expected.text
    assert '"transformerversion": 2' in repo.read(CLI_JSON)

    # Staged as migrated: the hook has nothing left to do and the check passes the v2 schema.
    repo.git("add", API_SCHEMA, CLI_JSON)
    made, output = repo.commit("v1 schema, migrated")
    assert made, output
    assert hook_status(output, MIGRATE) == "Passed" and hook_status(output, CHECK) == "Passed"
    assert repo.committed(API_SCHEMA) == expected.text
    assert repo.git("status", "--porcelain").stdout == ""


EVOLUTION = "Amplify schema evolution"


def test_schema_evolution_hook(tmp_path: Path, pre_commit_home: Path) -> None:
    """The staged schema against HEAD: its first commit passes, removing a model is blocked at
    the model's position in HEAD, adding a field passes."""
    repo = Repo(tmp_path, hooks=("amplify-schema-evolution",), home=pre_commit_home)
    repo.run(str(PRE_COMMIT), "install")
    repo.write(SCHEMA, BLOG)
    repo.git("add", ".")
    made, output = repo.commit("first schema")
    assert made and hook_status(output, EVOLUTION) == "Passed", output

    without_comments = BLOG.replace("  comments: [Comment] @hasMany\n", "").split("type Comment")[0]
    repo.write(SCHEMA, without_comments)
    repo.git("add", SCHEMA)
    made, output = repo.commit("drop comments")
    assert not made and hook_status(output, EVOLUTION) == "Failed", output
    line = BLOG.splitlines().index("type Comment @model @auth(rules: [{ allow: public }]) {") + 1
    assert f"HEAD:{SCHEMA}:{line}:6: error[E306]: amplify push stops with: Removing a model" in output

    repo.write(SCHEMA, BLOG.replace("  title: String!\n", "  title: String!\n  rating: Int\n"))
    repo.git("add", SCHEMA)
    made, output = repo.commit("rating")
    assert made and hook_status(output, EVOLUTION) == "Passed", output


GEN2_RESOURCE = "amplify/data/resource.ts"
IDENTIFIER_CASE = REPO / "tests" / "evolution" / "gen2" / "cases" / "07_identifier_changed"


def test_schema_evolution_hook_on_a_gen2_project(tmp_path: Path, pre_commit_home: Path) -> None:
    """A Gen 2 resource.ts against HEAD: changing a model's identifier (its table replaced,
    every item lost) blocks the commit; adding a field passes."""
    repo = Repo(tmp_path, hooks=("amplify-schema-evolution",), home=pre_commit_home)
    repo.run(str(PRE_COMMIT), "install")
    old = (IDENTIFIER_CASE / "old.ts").read_text(encoding="utf-8")
    repo.write(GEN2_RESOURCE, old)
    repo.git("add", ".")
    made, output = repo.commit("data")
    assert made and hook_status(output, EVOLUTION) == "Passed", output

    repo.write(GEN2_RESOURCE, (IDENTIFIER_CASE / "new.ts").read_text(encoding="utf-8"))
    repo.git("add", GEN2_RESOURCE)
    made, output = repo.commit("identifier")
    assert not made and hook_status(output, EVOLUTION) == "Failed", output
    assert (f"{GEN2_RESOURCE}:11:6: error[E321]: Item's identifier changes (sku HASH -> code HASH): the table "
            "manager replaces table Item-{apiId}-NONE") in output

    status = "      status: a.string(),\n"
    repo.write(GEN2_RESOURCE, old.replace(status, status + "      note: a.string(),\n"))
    repo.git("add", GEN2_RESOURCE)
    made, output = repo.commit("note")
    assert made and hook_status(output, EVOLUTION) == "Passed", output
