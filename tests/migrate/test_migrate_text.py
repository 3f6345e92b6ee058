"""The migration edits the user's text: comments, blank lines, order and layout survive; only the
lines holding what Amplify's migrator changes differ.

Which lines may change is worked out here from the input alone (not from the migrator's edits):
lines of type-level ``@key`` and of ``@connection`` on object type fields, the line ending a key's
first field (it gets ``@primaryKey``/``@index``), a model's ``@auth`` directive, and, for a model
without ``@auth``, the line where its last directive ends (the added ``@auth`` goes there). The
diff is a longest-common-subsequence one; lines it adds (a rule or directive written one per line)
are bounded by the lines that may change."""

from __future__ import annotations

import pytest
from migrate.cases_io import MigrationCase, migration_cases

from translator.core.diagnostics import CompilationError
from translator.core.document import SchemaSource
from translator.frontends.graphql.migrate import migrate_sources
from translator.frontends.graphql.migrate.migrator import parse_file

RICH = '''\
# Blog schema, transformer v1.
# Owner: the content team.

"""
A blog, with its posts.
"""
type Blog @model {
  id: ID!     # generated
  name: String!

  # newest first
  posts: [Post] @connection(keyName: "byBlog", fields: ["id"])
}

type Post
  @model
  # the index behind Blog.posts
  @key(name: "byBlog", fields: ["blogId", "createdAt"], queryField: "postsByBlog")
  @auth(rules: [
    # writers own their posts
    {allow: owner, operations: [create, update, delete]},
  ])
{
  id: ID!
  blogId: ID!   # Blog.id
  createdAt: AWSDateTime!
  "The blog this post belongs to."
  blog: Blog @connection(fields: ["blogId"])
}

enum Mood { HAPPY, SAD }   # unchanged
'''

RICH_MIGRATED = '''\
# Blog schema, transformer v1.
# Owner: the content team.

"""
A blog, with its posts.
"""
type Blog @model @auth(rules: [{allow: public}]) {
  id: ID!     # generated
  name: String!

  # newest first
  posts: [Post] @hasMany(indexName: "byBlog", fields: ["id"])
}

type Post
  @model
  # the index behind Blog.posts
  @auth(rules: [
    # writers own their posts
    {allow: owner},
    {allow: private, provider: apiKey, operations: [read]},
  ])
{
  id: ID!
  blogId: ID! @index(name: "byBlog", queryField: "postsByBlog", sortKeyFields: ["createdAt"])   # Blog.id
  createdAt: AWSDateTime!
  "The blog this post belongs to."
  blog: Blog @belongsTo(fields: ["blogId"])
}

enum Mood { HAPPY, SAD }   # unchanged
'''


def _lines_of(text: str, start: int, end: int) -> set[int]:
    """0-based numbers of the lines that ``text[start:end]`` touches."""
    first = text.count("\n", 0, start)
    return set(range(first, text.count("\n", 0, max(start, end - 1)) + 1))


def allowed_lines(text: str) -> set[int]:
    """The lines of ``text`` the migrator may change (see the module docstring)."""
    document = parse_file(SchemaSource("schema.graphql", text))
    assert not hasattr(document, "code"), document
    allowed: set[int] = set()
    for definition in document.definitions:  # type: ignore[union-attr]
        if definition.kind != "object_type_definition":
            continue
        directives = list(definition.directives or ())
        names = [d.name.value for d in directives]
        fields = {f.name.value: f for f in definition.fields or ()}
        for directive in directives:
            if directive.name.value == "key":
                allowed |= _lines_of(text, directive.loc.start, directive.loc.end)
                values = next((a.value for a in directive.arguments if a.name.value == "fields"), None)
                first = getattr(values, "values", [None])[0]
                if first is not None and first.value in fields:
                    field = fields[first.value]
                    allowed |= _lines_of(text, field.loc.end - 1, field.loc.end)
            if directive.name.value == "auth" and "model" in names:
                allowed |= _lines_of(text, directive.loc.start, directive.loc.end)
        if "model" in names and "auth" not in names:
            last = [d for d in directives if d.name.value != "key"][-1]
            allowed |= _lines_of(text, last.loc.end - 1, last.loc.end)
        for field in definition.fields or ():
            for directive in field.directives or ():
                if directive.name.value == "connection":
                    allowed |= _lines_of(text, directive.loc.start, directive.loc.end)
    return allowed


def _unmatched(old: list[str], new: list[str]) -> tuple[set[int], set[int]]:
    """The lines of ``old`` and of ``new`` outside a longest common subsequence of the two (an
    optimal line diff; difflib's heuristic can misalign schemas full of identical lines)."""
    rows, cols = len(old), len(new)
    table = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if old[i] == new[j] else max(table[i + 1][j], table[i][j + 1])
    i = j = 0
    old_left, new_left = set(), set()
    while i < rows and j < cols:
        if old[i] == new[j]:
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            old_left.add(i)
            i += 1
        else:
            new_left.add(j)
            j += 1
    return old_left | set(range(i, rows)), new_left | set(range(j, cols))


def assert_only_allowed_lines_change(before: str, after: str) -> None:
    """Every line the diff removes or changes is one the migration may change; the lines it adds
    are bounded by those (a new rule or directive line each, at most)."""
    allowed = allowed_lines(before)
    old_changed, new_changed = _unmatched(before.splitlines(), after.splitlines())
    outside = sorted(old_changed - allowed)
    assert not outside, f"changed lines {outside}: {[before.splitlines()[i] for i in outside]}"
    assert len(new_changed) <= 2 * len(old_changed) + len(allowed), "more lines written than migrated"


def test_rich_schema_keeps_its_comments_and_layout() -> None:
    [migrated] = migrate_sources([SchemaSource("schema.graphql", RICH)], "apiKey")
    assert migrated.text == RICH_MIGRATED
    assert_only_allowed_lines_change(RICH, migrated.text)


def test_crlf_line_ends_stay() -> None:
    crlf = RICH.replace("\n", "\r\n")
    [migrated] = migrate_sources([SchemaSource("schema.graphql", crlf)], "apiKey")
    assert migrated.text == RICH_MIGRATED.replace("\n", "\r\n")


CHANGED_CASES = [c for c in migration_cases() if c.migrated.exists() and not c.is_folder]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CHANGED_CASES])
def test_case_diff_touches_only_migrated_lines(case: MigrationCase) -> None:
    text = case.path.read_text(encoding="utf-8")
    try:
        [migrated] = migrate_sources([SchemaSource(case.path.name, text)], case.auth_mode)  # type: ignore[arg-type]
    except CompilationError:
        pytest.skip("refused (the golden test says why that is right)")
    assert_only_allowed_lines_change(text, migrated.text)
    assert migrated.changed == (text != migrated.text)


def test_nothing_to_migrate_leaves_the_text_as_it_is() -> None:
    text = "# already explicit\ntype Note @model @auth(rules: [{allow: owner}]) {\n  id: ID!\n}\n\nenum E { A }\n"
    [migrated] = migrate_sources([SchemaSource("schema.graphql", text)], "apiKey")
    assert migrated.text == text and not migrated.changed and migrated.changes == ()



def test_generated_schemas_change_only_migrated_lines() -> None:
    """The differential generator's schemas (keys, connections, rules, both layouts, comments):
    every migration changes only the lines it may change, and keeps every comment."""
    import random

    from migrate.differential import MODES, generate

    rng = random.Random(7)
    migrated_count = 0
    for _ in range(300):
        text, mode = generate(rng), rng.choice(MODES)
        try:
            [migrated] = migrate_sources([SchemaSource("schema.graphql", text)], mode)
        except CompilationError:
            continue
        migrated_count += 1
        assert_only_allowed_lines_change(text, migrated.text)
        assert [line for line in text.splitlines() if line.strip().startswith("#")] == \
               [line for line in migrated.text.splitlines() if line.strip().startswith("#")]
    assert migrated_count > 100
