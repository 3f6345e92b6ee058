"""The ``migrate`` command and ``compile --migrate-v1``, end to end through click."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

import translator
from translator.cli import main
from translator.core.document import SchemaSource
from translator.emit.generic import to_json
from translator.frontends.graphql.migrate import migrate_sources

V1 = """\
# Shop models.
type Order @model @key(fields: ["customerId", "placedAt"]) {
  customerId: ID!
  placedAt: AWSDateTime!
  lines: [Line] @connection(keyName: "byOrder", fields: ["customerId", "placedAt"])
}

type Line @model @key(name: "byOrder", fields: ["orderCustomerId", "orderPlacedAt"]) {
  id: ID!
  orderCustomerId: ID!
  orderPlacedAt: AWSDateTime!
}
"""
AUTH_ONLY = "type Note @model @auth(rules: [{allow: owner, operations: [create]}]) {\n  id: ID!\n}\n"
V2 = "type Blog @model {\n  id: ID!\n  posts: [Post] @hasMany\n}\n\ntype Post @model {\n  id: ID!\n}\n"
REFUSED = """\
type Post @model {
  id: ID!
  tags: [Tag] @connection(name: "PostTags")
}

type Tag @model {
  id: ID!
}
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def migrated(text: str, mode: str = "apiKey") -> str:
    [file] = migrate_sources([SchemaSource("schema.graphql", text)], mode)  # type: ignore[arg-type]
    return file.text


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_prints_the_migrated_schema(tmp_path: Path) -> None:
    schema = write(tmp_path / "schema.graphql", V1)
    result = run("migrate", str(schema))
    assert result.exit_code == 0, result.output
    assert result.stdout == migrated(V1)
    assert "@primaryKey(sortKeyFields: [\"placedAt\"])" in result.stdout and "# Shop models." in result.stdout
    assert schema.read_text(encoding="utf-8") == V1


def test_output_file_and_auth_mode(tmp_path: Path) -> None:
    schema = write(tmp_path / "schema.graphql", V1)
    out = tmp_path / "out" / "v2.graphql"
    out.parent.mkdir()
    result = run("migrate", str(schema), "-o", str(out), "--auth-mode", "iam")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == migrated(V1, "iam")
    assert "@auth" not in out.read_text(encoding="utf-8")  # iam adds no rule


def test_in_place_rewrites_changed_files_only(tmp_path: Path) -> None:
    schema = write(tmp_path / "a" / "schema.graphql", V1)
    settled = write(tmp_path / "b" / "schema.graphql", migrated(AUTH_ONLY))
    before = settled.stat().st_mtime_ns
    result = run("migrate", "--in-place", "--assume-v1", str(schema), str(settled))
    assert result.exit_code == 0, result.output
    assert schema.read_text(encoding="utf-8") == migrated(V1)
    assert f"{schema}: migrated" in result.stderr
    assert f"{settled}: unchanged: nothing to migrate" in result.stderr
    assert settled.stat().st_mtime_ns == before
    assert [p.name for p in schema.parent.iterdir()] == ["schema.graphql"], "no temporary file left"


def test_fail_on_change(tmp_path: Path) -> None:
    schema = write(tmp_path / "schema.graphql", V1)
    assert run("migrate", "--in-place", "--fail-on-change", str(schema)).exit_code == 1
    assert run("migrate", "--in-place", "--fail-on-change", str(schema)).exit_code == 0  # now v2: skipped


def test_refusal_is_located_and_writes_nothing(tmp_path: Path) -> None:
    good = write(tmp_path / "good" / "schema.graphql", V1)
    bad = write(tmp_path / "bad" / "schema.graphql", REFUSED)
    result = run("migrate", "--in-place", str(good), str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3:15: error[E131]" in result.stderr
    assert good.read_text(encoding="utf-8") == V1 and bad.read_text(encoding="utf-8") == REFUSED


def test_v2_and_unknown_schemas_are_skipped(tmp_path: Path) -> None:
    v2 = write(tmp_path / "v2.graphql", V2)
    bare = write(tmp_path / "bare.graphql", AUTH_ONLY)
    result = run("migrate", "--in-place", str(v2), str(bare))
    assert result.exit_code == 0, result.output
    assert "skipped: already transformer v2 (@hasMany)" in result.stderr
    assert "--assume-v1" in result.stderr
    assert v2.read_text(encoding="utf-8") == V2 and bare.read_text(encoding="utf-8") == AUTH_ONLY
    assert run("migrate", "--in-place", "--assume-v1", str(bare)).exit_code == 0
    assert bare.read_text(encoding="utf-8") == migrated(AUTH_ONLY)


def test_mixed_schema_is_refused(tmp_path: Path) -> None:
    text = V2.replace("type Post @model {", 'type Post @model @key(fields: ["id"]) {')
    mixed = write(tmp_path / "schema.graphql", text)
    result = run("migrate", str(mixed))
    assert result.exit_code == 1
    assert f"{mixed}:3:17: error[E133]: this schema mixes transformer v1 directives (@key) with transformer v2 " \
           "directives (@hasMany)" in result.stderr
    assert f"{mixed}:6:18: note: v1: @key" in result.stderr and f"{mixed}:3:17: note: v2: @hasMany" in result.stderr


def test_project_settings_decide_auth_mode_and_version(tmp_path: Path) -> None:
    """Inside a v1 project: the API's default auth mode from backend-config.json, and --in-place
    moves cli.json to transformer v2, as `amplify migrate api` does."""
    amplify = tmp_path / "amplify"
    write(amplify / "cli.json", json.dumps({"features": {"graphqltransformer": {"transformerversion": 1}}}))
    api = {"api": {"app": {"service": "AppSync", "output": {"authConfig": {
        "defaultAuthentication": {"authenticationType": "OPENID_CONNECT"}}}}}}
    write(amplify / "backend" / "backend-config.json", json.dumps(api))
    schema = write(amplify / "backend" / "api" / "app" / "schema.graphql", "type Note @model {\n  id: ID!\n}\n")
    result = run("migrate", "--in-place", str(schema.parent))
    assert result.exit_code == 0, result.output
    want = "type Note @model @auth(rules: [{allow: private, provider: oidc}]) {\n  id: ID!\n}\n"
    assert schema.read_text(encoding="utf-8") == want
    features = json.loads((amplify / "cli.json").read_text(encoding="utf-8"))["features"]
    assert features["graphqltransformer"]["transformerversion"] == 2
    assert features["codegen"]["useappsyncmodelgenplugin"] is True
    # Now a v2 project: nothing more happens.
    assert "skipped" in run("migrate", "--in-place", str(schema)).stderr


def test_schema_folder_is_migrated_file_by_file(tmp_path: Path) -> None:
    blog = write(tmp_path / "api" / "schema" / "blog.graphql",
                 'type Blog @model {\n  id: ID!\n  posts: [Post] @connection(keyName: "byBlog", fields: ["id"])\n}\n')
    post = write(tmp_path / "api" / "schema" / "post.graphql",
                 "type Post @model @key(name: \"byBlog\", fields: [\"blogId\"]) {\n  id: ID!\n  blogId: ID!\n"
                 "  blog: Blog @connection(fields: [\"blogId\"])\n}\n")
    enums = write(tmp_path / "api" / "schema" / "enums.graphql", "enum Mood {\n  OK\n}\n")
    mtime = enums.stat().st_mtime_ns
    result = run("migrate", "--in-place", str(post))  # a file of the folder stands for the folder
    assert result.exit_code == 0, result.output
    assert "@hasMany(indexName: \"byBlog\"" in blog.read_text(encoding="utf-8")
    assert "blog: Blog @belongsTo(fields: [\"blogId\"])" in post.read_text(encoding="utf-8")
    assert enums.stat().st_mtime_ns == mtime
    assert run("migrate", str(post), "-o", str(tmp_path / "x.graphql")).exit_code == 2


def test_byte_order_mark_is_kept(tmp_path: Path) -> None:
    schema = tmp_path / "schema.graphql"
    schema.write_bytes(b"\xef\xbb\xbf" + V1.encode())
    assert run("migrate", "--in-place", str(schema)).exit_code == 0
    assert schema.read_bytes() == b"\xef\xbb\xbf" + migrated(V1).encode()


def test_compile_migrate_v1(tmp_path: Path) -> None:
    schema = write(tmp_path / "schema.graphql", V1)
    result = run("compile", "--migrate-v1", str(schema))
    assert result.exit_code == 0, result.output
    assert result.stdout == to_json(translator.compile_source(migrated(V1)))
    assert json.loads(result.stdout)["models"]["Order"]["primaryKeys"] == ["customerId", "placedAt"]
    without = run("compile", str(schema))
    assert without.exit_code == 1 and "error[E012]" in without.stderr
    # What `migrate` leaves alone compiles as it is.
    for text in (V2, AUTH_ONLY):
        other = write(tmp_path / "other.graphql", text)
        assert run("compile", "--migrate-v1", str(other)).stdout == run("compile", str(other)).stdout != ""


def test_compile_migrate_v1_points_into_the_file_as_written(tmp_path: Path) -> None:
    # Under apiKey the migrator writes {allow: private, provider: apiKey}, which v2 rejects (E103):
    # the diagnostic points at the @auth the user wrote, after the removed @key.
    text = ('type Note @model @key(name: "byOwner", fields: ["owner"])\n'
            '  @auth(rules: [{allow: owner, operations: [create]}]) {\n  id: ID!\n  owner: String!\n}\n')
    schema = write(tmp_path / "schema.graphql", text)
    result = run("compile", "--migrate-v1", str(schema))
    assert result.exit_code == 1
    assert f"{schema}:2:3: error[E103]" in result.stderr
