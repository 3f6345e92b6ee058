"""Evaluation of data definitions: JavaScript semantics, local imports, diagnostics."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.api import load_document
from translator.core.codes import CODES
from translator.core.diagnostics import CompilationError, Diagnostic
from translator.core.document import SchemaDocument, TypeDef
from translator.frontends.gen2 import GEN2_FLAGS

HEADER = "import { a, defineData } from '@aws-amplify/backend';\n"


def write(tmp_path: Path, body: str, name: str = "amplify/data/resource.ts") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def schema_file(tmp_path: Path, types: str, prelude: str = "", tail: str = "") -> Path:
    body = (
        HEADER
        + prelude
        + f"const schema = a.schema({{\n{types}\n}}).authorization((allow) => [allow.publicApiKey()]);\n"
        + "export const data = defineData({ schema });\n"
        + tail
    )
    return write(tmp_path, body)


def load(tmp_path: Path, types: str, prelude: str = "", tail: str = "") -> SchemaDocument:
    return load_document([schema_file(tmp_path, types, prelude, tail)]).document


def errors(path: Path) -> list[Diagnostic]:
    with pytest.raises(CompilationError) as caught:
        load_document([path])
    return caught.value.diagnostics


def model(document: SchemaDocument, name: str) -> TypeDef:
    found = document.type(name)
    assert found is not None
    return found


def types_of(document: SchemaDocument, name: str) -> dict[str, str]:
    return {f.name: str(f.type) for f in model(document, name).fields}


def test_builders_are_mutable_like_in_javascript(tmp_path: Path) -> None:
    document = load(tmp_path, "M: a.model({ x: base, y: base.required() }),", "const base = a.string();\n")
    assert types_of(document, "M") == {"x": "String!", "y": "String!"}


def test_required_and_array_order(tmp_path: Path) -> None:
    document = load(
        tmp_path,
        "M: a.model({ a: a.string().required().array(), b: a.string().array().required(),"
        " c: a.ref('E').array().required(), d: a.ref('E').required() }), E: a.enum(['X']),",
    )
    assert types_of(document, "M") == {"a": "[String!]", "b": "[String]!", "c": "[E]!", "d": "E!"}


def test_spreads_functions_and_library_calls_are_evaluated(tmp_path: Path) -> None:
    prelude = (
        "const common = { createdBy: a.string() };\n"
        "function audit(prefix: string) { return { [`${prefix}At`]: a.datetime() }; }\n"
        "const LEVELS = ['low', 'high'].map((l) => l.toUpperCase());\n"
    )
    document = load(tmp_path, "M: a.model({ ...common, ...audit('seen'), level: a.enum(LEVELS) }),", prelude)
    assert types_of(document, "M") == {"createdBy": "String", "seenAt": "AWSDateTime", "level": "MLevel"}
    level = model(document, "MLevel")
    assert [v.name for v in level.values] == ["LOW", "HIGH"]


def test_spans_point_at_the_key_the_builder_and_the_modifier(tmp_path: Path) -> None:
    path = schema_file(tmp_path, "  Todo: a.model({\n    title: a.string().default('x'),\n  }),")
    document = load_document([path]).document
    todo = model(document, "Todo")
    assert (todo.span.path, todo.span.line, todo.span.column) == (str(path), 3, 3)
    title = todo.fields[0]
    assert (title.span.line, title.span.column) == (4, 5)
    assert (title.type_span.line, title.type_span.column) == (4, 14)
    default = title.directive("default")
    assert default is not None and default.value("value") == "x"
    assert (default.span.line, default.span.column) == (4, 23)


def test_process_env_is_an_error_only_where_the_schema_needs_it(tmp_path: Path) -> None:
    fine = write(
        tmp_path,
        HEADER + "const schema = a.schema({ M: a.model({ x: a.string() }) })"
        ".authorization((allow) => [allow.publicApiKey()]);\n"
        "export const data = defineData({ schema, name: process.env.API_NAME });\n",
    )
    assert load_document([fine]).document.type("M") is not None
    [diagnostic] = errors(schema_file(tmp_path, "M: a.model({ x: a.string().default(process.env.DEFAULT) }),"))
    assert diagnostic.code == "G002"
    assert "process.env" in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (3, 44)  # at `env`


def test_template_interpolation_of_a_runtime_value_is_reported(tmp_path: Path) -> None:
    [diagnostic] = errors(schema_file(tmp_path, "[`${process.env.STAGE}Todo`]: a.model({ x: a.string() }),"))
    assert diagnostic.code == "G002"


def test_missing_local_modules_give_values_that_cannot_be_called(tmp_path: Path) -> None:
    prelude = "import { sayHello } from '../functions/say-hello/resource';\n"
    ok = load(
        tmp_path,
        "hello: a.query().returns(a.string()).handler(a.handler.function(sayHello)),",
        prelude,
    )
    assert ok.type("Query") is not None
    [diagnostic] = errors(schema_file(tmp_path, "M: a.model({ x: sayHello() }),", prelude))
    assert diagnostic.code == "G007"


def test_undefined_names_and_missing_exports(tmp_path: Path) -> None:
    assert [d.code for d in errors(schema_file(tmp_path, "M: a.model({ x: nope }),"))] == ["G003"]
    write(tmp_path, "export const other = 1;\n", "amplify/data/parts.ts")
    found = errors(schema_file(tmp_path, "M: Part,", "import { Part } from './parts';\n"))
    assert [d.code for d in found] == ["G010"]


def test_every_error_is_reported_at_once(tmp_path: Path) -> None:
    path = schema_file(
        tmp_path,
        "A: a.model({ s: a.enum(['X']).default('X') }),\nB: a.model({ t: a.string().optional() }),",
    )
    found = errors(path)
    assert [d.code for d in found] == ["G005", "G005"]
    assert [d.line for d in found] == [3, 4]
    assert all(d.render().startswith(f"{path}:") for d in found)


def test_errors_in_imported_files_name_that_file(tmp_path: Path) -> None:
    part = write(
        tmp_path,
        "import { a } from '@aws-amplify/backend';\nexport const P = a.model({ x: a.strin() });\n",
        "amplify/data/part.ts",
    )
    [diagnostic] = errors(schema_file(tmp_path, "P,", "import { P } from './part';\n"))
    assert diagnostic.path == str(part)
    assert (diagnostic.code, diagnostic.line) == ("G005", 2)


def test_a_syntax_error_in_an_imported_file(tmp_path: Path) -> None:
    part = write(tmp_path, "export const P = {\n", "amplify/data/part.ts")
    [diagnostic] = errors(schema_file(tmp_path, "...P,", "import { P } from './part';\n"))
    assert (diagnostic.code, diagnostic.path) == ("G001", str(part))


def test_no_define_data_and_no_exported_schema(tmp_path: Path) -> None:
    [diagnostic] = errors(write(tmp_path, HEADER + "const s = a.schema({});\n"))
    assert diagnostic.code == "G011"


def test_exported_schema_without_define_data_is_used(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "export const schema = a.schema({ M: a.model({ x: a.id() }) })"
        ".authorization((allow) => [allow.guest()]);\n",
    )
    assert load_document([path]).document.type("M") is not None


def test_folder_entry_points(tmp_path: Path) -> None:
    path = schema_file(tmp_path, "M: a.model({ x: a.string() }),")
    assert load_document([tmp_path]).document.type("M") is not None
    assert load_document([path.parent]).document.type("M") is not None


def test_conditional_on_a_runtime_value_is_reported(tmp_path: Path) -> None:
    found = errors(schema_file(tmp_path, "M: process.env.PROD ? a.model({ x: a.id() }) : a.model({ y: a.id() }),"))
    assert [d.code for d in found] == ["G002"]


def test_relationship_rules_point_at_the_relationship(tmp_path: Path) -> None:
    path = schema_file(
        tmp_path,
        "Blog: a.model({ posts: a.hasMany('Post', 'blogId') }),\n"
        "Post: a.model({ blogId: a.id(), blog: a.belongsTo('Blog', 'blogId'), other: a.belongsTo('Blog', 'blogId') }),",
    )
    [diagnostic] = errors(path)
    assert diagnostic.code == "G013"
    assert "multiple" in diagnostic.message
    assert (diagnostic.line, diagnostic.column) == (3, 17)
    assert len(diagnostic.related) == 2


def test_gen2_flags_and_codes() -> None:
    assert GEN2_FLAGS == {
        "graphqltransformer.respectprimarykeyattributesonconnectionfield": True,
        "codegen.addtimestampfields": True,
        "datastore": False,
    }
    gen2 = sorted(code for code in CODES if code.startswith("G"))
    assert gen2 == [f"G{n:03d}" for n in range(1, len(gen2) + 1)]
