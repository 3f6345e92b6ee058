"""The one table of diagnostic codes: every code the package can report is in it, with a
description that every output uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO

from translator.cli import main
from translator.core.codes import CODES

_CODE = re.compile(r"""["']([EWG]\d{3})["']""")


def test_every_code_in_the_sources_is_in_the_table() -> None:
    used = {code for path in (REPO / "translator").rglob("*.py") for code in _CODE.findall(path.read_text())}
    assert used, "no code literals found: the pattern is wrong"
    assert sorted(used - set(CODES)) == []


def test_every_code_has_a_description() -> None:
    assert all(re.fullmatch(r"[EWG]\d{3}", code) and text.strip() for code, text in CODES.items())


def test_sarif_describes_gen2_codes(tmp_path: Path) -> None:
    schema = tmp_path / "amplify" / "data" / "resource.ts"
    schema.parent.mkdir(parents=True)
    schema.write_text("import { a, defineData } from '@aws-amplify/backend';\n"
                      "const schema = a.schema({ Todo: a.model({ title: a.string() }) });\n"
                      "export const data = defineData({ schema: undefinedName });\n")
    result = CliRunner().invoke(main, ["check", "--format", "sarif", str(schema)])
    assert result.exit_code == 1, result.output
    rules = json.loads(result.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert [(r["id"], r["shortDescription"]["text"]) for r in rules] == [("G003", CODES["G003"])]
