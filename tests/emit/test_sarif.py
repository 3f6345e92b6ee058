"""``check --format sarif`` against the SARIF 2.1.0 specification (the subset in
``tests/fixtures/sarif-2.1.0-subset.schema.json``, plus the cross-object rules a JSON Schema
cannot state)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, TESTS
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import FormatError

from translator.cli import main
from translator.core.codes import CODES

SCHEMA_PATH = TESTS / "fixtures" / "sarif-2.1.0-subset.schema.json"

# RFC 3986: the characters a URI may hold, and the generic syntax (appendix B).
_URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")
_URI_PARTS = re.compile(r"^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?(?P<path>[^?#]*)"
                        r"(?:\?(?P<query>[^#]*))?(?:#(?P<fragment>.*))?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*$")


def _uri_parts(value: str) -> re.Match[str] | None:
    if not _URI_CHARS.match(value) or value.count("#") > 1:
        return None
    parts = _URI_PARTS.match(value)
    if parts is None:
        return None
    if parts["scheme"] is not None and not _SCHEME.match(parts["scheme"]):
        return None  # neither a scheme nor a relative reference (whose first segment has no ":")
    if any(c in (parts["path"] or "") + (parts["query"] or "") + (parts["fragment"] or "") for c in "[]"):
        return None
    return parts


def is_uri_reference(value: object) -> bool:
    """RFC 3986 URI-reference (SARIF 3.4.3); strict enough to catch unencoded spaces and ':'."""
    return not isinstance(value, str) or _uri_parts(value) is not None


def is_uri(value: object) -> bool:
    """RFC 3986 absolute URI (with a scheme)."""
    if not isinstance(value, str):
        return True
    parts = _uri_parts(value)
    return parts is not None and parts["scheme"] is not None


FORMATS = FormatChecker(formats=())
FORMATS.checks("uri-reference")(is_uri_reference)
FORMATS.checks("uri")(is_uri)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert "3.27.6" in schema["$comment"], "the subset cites the specification"
    return Draft202012Validator(schema, format_checker=FORMATS)


def spec_problems(log: dict[str, Any], validator: Draft202012Validator) -> list[str]:
    """Every way ``log`` breaks the SARIF subset: schema errors, then the cross-object rules."""
    problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    if problems:
        return problems
    for r, run in enumerate(log["runs"]):
        rules = run["tool"]["driver"].get("rules", [])
        ids = [rule["id"] for rule in rules]
        if len(ids) != len(set(ids)):
            problems.append(f"runs/{r}: rule ids are not unique: {ids}")  # 3.19.23, 3.49.3
        for i, result in enumerate(run.get("results", [])):
            where = f"runs/{r}/results/{i}"
            index = result.get("ruleIndex", -1)
            if index >= len(rules):
                problems.append(f"{where}: ruleIndex {index} outside rules[{len(rules)}]")  # 3.27.6
            elif index >= 0 and "ruleId" in result and rules[index]["id"] != result["ruleId"]:
                problems.append(f"{where}: ruleIndex {index} is {rules[index]['id']}, not {result['ruleId']}")
            related_ids = [loc["id"] for loc in result.get("relatedLocations", []) if loc.get("id", -1) >= 0]
            if len(related_ids) != len(set(related_ids)):
                problems.append(f"{where}: relatedLocations ids are not unique")  # 3.28.2
    return problems


def sarif(*args: str, exit_code: int) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", "--format", "sarif", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == exit_code, result.output
    log = json.loads(result.stdout)
    assert isinstance(log, dict)
    return log


def json_report(*args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    report = json.loads(result.stdout)
    assert isinstance(report, list)
    return report


BAD = "type Post @model {\n  id: ID!\n  author: Nope\n  editor: Nope\n}\n"  # E003 at 3:11 and 4:11
WARN = "enum Color { red RED }\n\ntype Paint @model {\n  id: ID!\n  color: Color\n}\n"  # W005 at 1:18
DUPLICATE = "type Tag @model {\n  id: ID!\n}\n\ntype Tag {\n  label: String\n}\n"  # E010 at 5:6, related 1:6
SEVERAL = """\
type Blog @model {
  id: ID!
  id: ID!
  post: Post @hasMany
  owner: Missing
}

type Post @model {
  id: ID!
  blog: Blog @belongsTo @belongsTo
}
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name, text in (("bad", BAD), ("warn", WARN), ("dup", DUPLICATE), ("several", SEVERAL)):
        (tmp_path / f"{name}.graphql").write_text(text, encoding="utf-8")
    return tmp_path


def results_of(log: dict[str, Any]) -> list[dict[str, Any]]:
    assert len(log["runs"]) == 1
    results = log["runs"][0]["results"]
    assert isinstance(results, list)
    return results


def rules_of(log: dict[str, Any]) -> list[dict[str, Any]]:
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert isinstance(rules, list)
    return rules


def test_clean_schema_is_a_valid_empty_log(validator: Draft202012Validator) -> None:
    log = sarif(str(EXAMPLES / "blog.graphql"), exit_code=0)
    assert spec_problems(log, validator) == []
    assert log["version"] == "2.1.0"
    assert results_of(log) == [] and rules_of(log) == []
    assert log["runs"][0]["tool"]["driver"]["name"] == "amplify-translate"


def test_errors_and_warnings(workdir: Path, validator: Draft202012Validator) -> None:
    log = sarif("bad.graphql", "warn.graphql", "dup.graphql", exit_code=1)
    assert spec_problems(log, validator) == []
    results, rules = results_of(log), rules_of(log)

    # One rule per code that occurs, and only those.
    codes = [r["ruleId"] for r in results]
    assert sorted(rule["id"] for rule in rules) == sorted(set(codes)) == ["E003", "E010", "W005"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    # Two E003 results share the one E003 rule.
    e003 = [rule["id"] for rule in rules].index("E003")
    assert [r["ruleIndex"] for r in results if r["ruleId"] == "E003"] == [e003, e003]

    # Errors map to level error, warnings to level warning (results and rule defaults).
    for result in results:
        want = "warning" if result["ruleId"].startswith("W") else "error"
        assert result["level"] == want, result
        assert rules[result["ruleIndex"]]["defaultConfiguration"]["level"] == want
    assert {r["level"] for r in results} == {"error", "warning"}

    # Rule descriptions say what the code means.
    for rule in rules:
        assert rule["shortDescription"]["text"] == CODES[rule["id"]]

    # The same diagnostics, places and messages as the JSON format, in the same order.
    plain = json_report("bad.graphql", "warn.graphql", "dup.graphql")
    assert len(results) == len(plain) == 4
    for result, entry in zip(results, plain, strict=True):
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert (result["ruleId"], result["level"], result["message"]["text"]) == (
            entry["code"], entry["severity"], entry["message"])
        assert unquote(physical["artifactLocation"]["uri"]) == entry["path"]
        assert (physical["region"]["startLine"], physical["region"]["startColumn"]) == (entry["line"], entry["column"])


def test_related_locations(workdir: Path, validator: Draft202012Validator) -> None:
    log = sarif("dup.graphql", exit_code=1)
    assert spec_problems(log, validator) == []
    (result,) = [r for r in results_of(log) if r["ruleId"] == "E010"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (5, 6)
    (related,) = result["relatedLocations"]
    assert isinstance(related["id"], int) and related["id"] >= -1
    assert related["message"]["text"] == "first defined here"
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "dup.graphql"
    assert related["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 6}


def test_several_errors_give_several_results(workdir: Path, validator: Draft202012Validator) -> None:
    log = sarif("several.graphql", exit_code=1)
    assert spec_problems(log, validator) == []
    results = results_of(log)
    plain = json_report("several.graphql")
    assert len(results) == len(plain) >= 3
    places = {(r["locations"][0]["physicalLocation"]["region"]["startLine"],
               r["locations"][0]["physicalLocation"]["region"]["startColumn"]) for r in results}
    assert len(places) == len(results), "each error at its own place"
    assert all(r["level"] == "error" for r in results)
    assert len({r["ruleId"] for r in results}) >= 3
    assert len(rules_of(log)) == len({r["ruleId"] for r in results})


def test_uri_is_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                validator: Draft202012Validator) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Path("my schemas:v2")
    folder.mkdir()
    (folder / "bläh.graphql").write_text(BAD, encoding="utf-8")
    log = sarif("my schemas:v2/bläh.graphql", exit_code=1)
    assert spec_problems(log, validator) == []
    uri = results_of(log)[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri and ":" not in uri
    assert unquote(uri) == "my schemas:v2/bläh.graphql"


def test_source_error_keeps_sarif_valid(workdir: Path, validator: Draft202012Validator) -> None:
    log = sarif("bad.graphql", "missing.graphql", exit_code=2)
    assert spec_problems(log, validator) == []
    assert [r["ruleId"] for r in results_of(log)] == ["E003", "E003"]


# -- the checks have teeth -----------------------------------------------------------------------


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    def mutate(log: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target: Any = log
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is _DELETE:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return mutate


_DELETE = object()
RESULT0 = "runs/0/results/0"
REGION0 = f"{RESULT0}/locations/0/physicalLocation/region"
MUTATIONS = {
    "version": _set("version", "2.0.0"),
    "no runs": _set("runs", _DELETE),
    "no tool": _set("runs/0/tool", _DELETE),
    "no driver": _set("runs/0/tool/driver", _DELETE),
    "no driver name": _set("runs/0/tool/driver/name", _DELETE),
    "rule without id": _set("runs/0/tool/driver/rules/0/id", _DELETE),
    "duplicate rule id": _set("runs/0/tool/driver/rules/1/id", "E003"),
    "no message": _set(f"{RESULT0}/message", _DELETE),
    "message without text": _set(f"{RESULT0}/message", {"markdown": "x"}),
    "level": _set(f"{RESULT0}/level", "fatal"),
    "ruleId not a string": _set(f"{RESULT0}/ruleId", 3),
    "ruleIndex below -1": _set(f"{RESULT0}/ruleIndex", -2),
    "ruleIndex not an integer": _set(f"{RESULT0}/ruleIndex", 0.5),
    "ruleIndex out of range": _set(f"{RESULT0}/ruleIndex", 99),
    "ruleIndex at another rule": _set(f"{RESULT0}/ruleIndex", 1),
    "startLine 0": _set(f"{REGION0}/startLine", 0),
    "startColumn 0": _set(f"{REGION0}/startColumn", 0),
    "uri with a space": _set(f"{RESULT0}/locations/0/physicalLocation/artifactLocation/uri", "a b.graphql"),
    "uri with a colon in the first segment": _set(
        f"{RESULT0}/locations/0/physicalLocation/artifactLocation/uri", "we,ird:dir/d.graphql"),
    "unknown property": _set(f"{REGION0}/startcolumn", 1),
    "related id below -1": _set("runs/0/results/1/relatedLocations/0/id", -2),
    "related id not an integer": _set("runs/0/results/1/relatedLocations/0/id", "0"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_broken_logs_are_caught(name: str, workdir: Path, validator: Draft202012Validator) -> None:
    log = sarif("bad.graphql", "dup.graphql", exit_code=1)
    assert spec_problems(log, validator) == []
    # Put the result with related locations second, so the paths above hit it.
    results = results_of(log)
    log["runs"][0]["results"] = [results[0], next(r for r in results if "relatedLocations" in r)]
    assert spec_problems(log, validator) == []
    broken = copy.deepcopy(log)
    MUTATIONS[name](broken)
    assert spec_problems(broken, validator), f"{name}: not detected"


def test_uri_checker() -> None:
    for good in ("a.graphql", "dir/a%20b.graphql", "/abs/path.graphql", "file:///tmp/x.graphql",
                 "https://example.com/a?b#c", "./a:b.graphql"):
        assert is_uri_reference(good), good
    for bad in ("a b.graphql", "we,ird:dir/d.graphql", "dir/ä.graphql", "a%zz", "a#b#c"):
        assert not is_uri_reference(bad), bad
    assert is_uri("https://json.schemastore.org/sarif-2.1.0.json")
    assert not is_uri("relative/path")
    with pytest.raises(FormatError):
        FORMATS.check("a b", "uri-reference")
