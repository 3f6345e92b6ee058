"""The output depends on the schema alone: not on hash randomisation, not on the order in which
several files are given, and a ``schema/`` folder compiles exactly like its files joined in
Amplify's order (semantics.md, section 9: breadth-first, names in byte order, joined with "\\n")."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

import translator
from translator.emit.generic import to_json

# A schema that touches most of the output: enums, nonModels, every relation kind (including
# join models, whose names and order are derived), composite keys, indexes, implicit FK fields.
SCHEMA = """
enum Status { ACTIVE INACTIVE ARCHIVED }
enum Role { ADMIN MEMBER GUEST }

type Address { street: String city: String! zip: String tags: [String!] }
type GeoPoint { lat: Float! lng: Float! }

type Store @model @auth(rules: [{allow: public}]) {
  country: String! @primaryKey(sortKeyFields: ["code"])
  code: String!
  name: String!
  address: Address
  location: GeoPoint
  products: [Product] @hasMany
  staff: [Employee] @hasMany(indexName: "byStore", fields: ["country", "code"])
  manager: Employee @hasOne
}

type Product @model @auth(rules: [{allow: public}]) {
  id: ID!
  sku: String! @index(name: "bySku", queryField: "productsBySku")
  status: Status @default(value: "ACTIVE")
  price: Float
  store: Store @belongsTo
  categories: [Category] @manyToMany(relationName: "ProductCategories")
  reviews: [Review] @hasMany
}

type Category @model @auth(rules: [{allow: public}]) {
  id: ID!
  label: String!
  products: [Product] @manyToMany(relationName: "ProductCategories")
  tags: [Tag] @manyToMany(relationName: "CategoryTags")
}

type Tag @model @auth(rules: [{allow: public}]) {
  id: ID!
  value: String!
  categories: [Category] @manyToMany(relationName: "CategoryTags")
}

type Employee @model @auth(rules: [{allow: public}]) {
  id: ID!
  role: Role!
  storeCountry: String @index(name: "byStore", sortKeyFields: ["storeCode"])
  storeCode: String
  email: AWSEmail
  createdAt: AWSDateTime
}

type Review @model @auth(rules: [{allow: public}]) {
  id: ID!
  rating: Int!
  body: String
  product: Product @belongsTo
}
"""

SEEDS = ("0", "1", "12345")


def _compile_in_subprocess(schema_path: Path, seed: str) -> str:
    code = (
        "import sys, translator\n"
        "from translator.emit.generic import to_json\n"
        "sys.stdout.write(to_json(translator.compile_path(sys.argv[1])))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", code, str(schema_path)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"PYTHONHASHSEED={seed}: exit {result.returncode}\n{result.stderr[-2000:]}"
    return result.stdout


def test_schema_compiles() -> None:
    """The fixtures of this module are valid (otherwise the other tests prove nothing)."""
    out = translator.compile_source(SCHEMA)
    assert {"Store", "Product", "Category", "Tag", "Employee", "Review"} <= set(out["models"])
    assert out["enums"] and out["nonModels"]


def test_same_output_under_different_hash_seeds(tmp_path: Path) -> None:
    schema_path = tmp_path / "schema.graphql"
    schema_path.write_text(SCHEMA, encoding="utf-8")
    outputs = {seed: _compile_in_subprocess(schema_path, seed) for seed in SEEDS}
    reference = outputs[SEEDS[0]]
    assert reference.startswith("{")
    for seed, text in outputs.items():
        assert text == reference, f"PYTHONHASHSEED={seed} gives different output"
    # And the in-process result (whatever this interpreter's seed) is the same text.
    assert to_json(translator.compile_source(SCHEMA)) == reference


# -- several files ------------------------------------------------------------------------------

# The schema cut into files whose types refer to each other across files.
PARTS = {
    "a_enums.graphql": "enum Status { ACTIVE INACTIVE ARCHIVED }\nenum Role { ADMIN MEMBER GUEST }\n",
    "b_store.graphql": SCHEMA[SCHEMA.index("type Address") : SCHEMA.index("type Product")],
    "c_catalog.graphql": SCHEMA[SCHEMA.index("type Product") : SCHEMA.index("type Employee")],
    "d_people.graphql": SCHEMA[SCHEMA.index("type Employee") :],
}


def _write_parts(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in PARTS.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_file_order_does_not_matter(tmp_path: Path) -> None:
    paths = _write_parts(tmp_path / "parts")
    results = {
        tuple(p.name for p in order): to_json(translator.compile_paths(list(order)))
        for order in itertools.permutations(paths)
    }
    reference = results[tuple(p.name for p in paths)]
    different = [order for order, text in results.items() if text != reference]
    assert not different, f"{len(different)} of {len(results)} orders differ, e.g. {different[0]}"


def test_several_files_equal_their_sorted_join(tmp_path: Path) -> None:
    paths = _write_parts(tmp_path / "parts")
    joined = tmp_path / "joined" / "schema.graphql"
    joined.parent.mkdir()
    joined.write_text("\n".join(PARTS[name] for name in sorted(PARTS)), encoding="utf-8")
    assert to_json(translator.compile_paths(list(reversed(paths)))) == to_json(translator.compile_path(joined))


# -- schema/ folder -----------------------------------------------------------------------------

# Chosen so that each plausible wrong rule gives a different order: byte order puts "Zeta" before
# "alpha" and "Sub" before "sub" (case-insensitive order would not); breadth-first puts
# sub/deeper/ after every file one level up (depth-first would not).
FOLDER_FILES = {
    "alpha.graphql": "type Alpha @model @auth(rules: [{allow: public}]) { id: ID! a: String }\n",
    "Zeta.graphql": "type Zeta @model @auth(rules: [{allow: public}]) { id: ID! z: Kind }\n",
    "sub/Beta.graphql": "type Beta @model @auth(rules: [{allow: public}]) { id: ID! gammas: [Gamma] @hasMany }\n",
    "sub/deeper/gamma.graphql": (
        "type Gamma @model @auth(rules: [{allow: public}]) { id: ID! beta: Beta @belongsTo }\n"
        "type Point { x: Int y: Int }\n"
    ),
    "Sub/delta.graphql": (
        "enum Kind { ONE TWO }\ntype Delta @model @auth(rules: [{allow: public}]) { id: ID! p: Point }\n"
    ),
}
# Level 0: Zeta, alpha (byte order); level 1: folders Sub, sub in byte order; level 2: sub/deeper.
FOLDER_ORDER = [
    "Zeta.graphql",
    "alpha.graphql",
    "Sub/delta.graphql",
    "sub/Beta.graphql",
    "sub/deeper/gamma.graphql",
]


def _breadth_first(folder: Path) -> list[str]:
    """An independent implementation of the joining order of section 9."""
    found: list[str] = []
    level = [folder]
    while level:
        next_level: list[Path] = []
        for directory in level:
            for entry in sorted(directory.iterdir(), key=lambda p: p.name.encode()):
                if entry.is_dir():
                    next_level.append(entry)
                elif entry.name.endswith(".graphql"):
                    found.append(entry.relative_to(folder).as_posix())
        level = next_level
    return found


def test_schema_folder_equals_joined_file(tmp_path: Path) -> None:
    folder = tmp_path / "api" / "schema"
    for relative, text in FOLDER_FILES.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    if (folder / "Sub").samefile(folder / "sub"):
        pytest.skip("case-insensitive file system")
    order = _breadth_first(folder)
    assert order == FOLDER_ORDER

    joined = tmp_path / "joined" / "schema.graphql"
    joined.parent.mkdir()
    joined.write_text("\n".join(FOLDER_FILES[name] for name in order), encoding="utf-8")

    from_folder = translator.compile_path(folder)
    from_joined = translator.compile_path(joined)
    assert list(from_folder["models"]) == ["Zeta", "Alpha", "Delta", "Beta", "Gamma"]
    assert to_json(from_folder) == to_json(from_joined)
    # The API folder holding schema/ resolves to the same schema.
    assert to_json(translator.compile_path(folder.parent)) == to_json(from_joined)
