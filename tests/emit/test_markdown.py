"""The Markdown report: sections, tables, and every warning of ``check`` beside what it is about."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLES, requires_corpus

from translator.check import check_schema
from translator.core.diagnostics import Diagnostic, Span
from translator.emit.markdown import ReportInput, owners, render_report, summary_section
from translator.overview import load_overview, overview_diagram, report_paths

WARNED = """\
enum Color { red RED }

type Paint @model @auth(rules: [{allow: public}]) {
  id: ID!
  color: Color
  owner: User! @hasOne
}

type User @model @auth(rules: [{allow: public}]) {
  id: ID!
  name: String @index(name: "byName", sortKeyFields: ["id"])
  email: String @index(queryField: null)
}
"""


def sections(report: str) -> dict[str, str]:
    """The text under each ``###`` heading, by the heading's first word."""
    parts = re.split(r"^### (\S+).*$", report, flags=re.M)
    return {name: text.split("\n## ")[0] for name, text in zip(parts[1::2], parts[2::2], strict=True)}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "schema.graphql"
    path.write_text(text, "utf-8")
    return path


def test_warnings_sit_beside_their_model_and_enum(tmp_path: Path) -> None:
    path = write(tmp_path, WARNED)
    report = report_paths([path])
    by_type = sections(report)
    assert set(by_type) == {"Paint", "User", "Color"}
    assert "W001: Paint.owner is a required @hasOne field" in by_type["Paint"]
    assert "W005" in by_type["Color"] and "W005" not in by_type["Paint"]
    assert "W001" not in by_type["User"] and "Other warnings" not in report
    assert f"`{path}:6:3` warning W001" in by_type["Paint"]
    assert report.startswith(f"# Data model: {path}\n\n2 models, 1 relationship, 0 non-models, 1 enum, 2 warnings.")


def test_model_tables_list_fields_keys_indexes_and_relationships(tmp_path: Path) -> None:
    by_type = sections(report_paths([write(tmp_path, WARNED)]))
    paint, user = by_type["Paint"], by_type["User"]
    assert "| `owner` | `User!` |  | hasOne, required |" in paint
    assert "| `paintOwnerId` | `ID!` | FK | required, implicit |" in paint
    assert ("| `owner` | hasOne | `User` | `Paint.paintOwnerId` | none | `Paint` 0..1 to 1 `User` |") in paint
    assert "Primary key: `id`." in user
    # Written names and query fields, and Amplify's defaults (queryField: null means no query).
    assert "| `byName` | `name` | `id` | `usersByNameAndId` |" in user
    assert "| `usersByEmail` | `email` |  | none |" in user


def test_generated_join_model_section(tmp_path: Path) -> None:
    by_type = sections(report_paths([EXAMPLES / "many_to_many.graphql"]))
    join = by_type["PostTags"]
    assert "| `byPost` | `postId` |  | `postTagsByPostId` |" in join
    assert "| `post` | belongsTo | `Post` | `PostTags.postId` | `Post.tags` | `Post` 1 to 0..* `PostTags` |" in join
    assert "| `tags` | manyToMany | `Tag` through `PostTags` |" in by_type["Post"]


def test_model_filter_limits_sections_and_says_so() -> None:
    report = report_paths([EXAMPLES / "blog.graphql"], models=["Comment"], depth=0)
    assert list(sections(report)) == ["Comment"]  # Comment does not use the enum
    assert "Showing 1 of the 3 models." in report
    report = report_paths([EXAMPLES / "blog.graphql"], models=["Comment"], depth=1)
    assert list(sections(report)) == ["Post", "Comment", "PostStatus"]  # Post does
    assert "| `blog` | belongsTo | `Blog` |" in report  # a relationship to a model not shown is listed


def test_sections_can_be_replaced_and_extended() -> None:
    overview = load_overview([EXAMPLES / "blog.graphql"])
    diagram = overview_diagram(overview)
    report = ReportInput("Blog", overview.document, overview.schema, diagram, diagram, overview.warnings, ("Post",))

    def changed(_: ReportInput) -> str:
        return "## Changed models\n\n- `Post`"

    text = render_report(report, [summary_section, changed])
    assert text == ("# Blog\n\n3 models, 2 relationships, 0 non-models, 1 enum, 0 warnings.\n\n"
                    "Showing 1 of the 3 models.\n\n## Changed models\n\n- `Post`\n")


def test_owner_of_a_warning_outside_every_type_is_none(tmp_path: Path) -> None:
    path = write(tmp_path, WARNED)
    document = load_overview([path]).document
    stray = Diagnostic("W006", "somewhere else", Span(str(path), 99, 1), severity="warning")
    inside = Diagnostic("W006", "in User", Span(str(path), 11, 40), severity="warning")  # an argument of User
    assert owners(document, [stray, inside]) == {stray: None, inside: "User"}


def _warned_corpus() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    paths = sorted((CORPUS / "v2").glob("*.graphql")) + sorted((CORPUS / "gen2").glob("*.ts"))
    return [p for p in paths if p.with_suffix(".json").is_file()]


@requires_corpus
def test_every_corpus_warning_appears_once_beside_its_type() -> None:
    seen = 0
    for path in _warned_corpus():
        warnings = [d for d in check_schema([path]) if d.severity == "warning"]
        if not warnings:
            continue
        report = report_paths([path])
        by_type = sections(report)
        for warning in warnings:
            line = f"- `{warning.span}` warning {warning.code}: {warning.message}"
            assert report.count(line) == 1, (path.name, line)
            owner = next((name for name, text in by_type.items() if line in text), None)
            if owner is None:  # about a root operation type or an interface
                other = report.index("## Other warnings")
                assert report.index(line) > other and not warning.message.startswith(tuple(by_type)), line
                continue
            assert re.search(rf"\b{re.escape(owner)}\b", warning.message), (path.name, owner, line)
            seen += 1
    assert seen > 50


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.graphql")))
def test_examples_report_every_model(example: str) -> None:
    overview = load_overview([EXAMPLES / example])
    report = report_paths([EXAMPLES / example])
    assert [m for m in sections(report) if m in dict(overview.schema.models)] == [n for n, _ in overview.schema.models]
    assert report.count("```mermaid\nerDiagram\n") == 1
