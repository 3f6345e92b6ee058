"""Names of the operation fields Amplify generates for each model, and their collisions with
each other and with fields written on the root types (rule E027), as the model and index
transformers name them (semantics of ``@model(queries:, mutations:, subscriptions:)`` with
shallow-merged defaults, as new projects configure the transformer)."""

from __future__ import annotations

from collections.abc import Iterator

from translator.core.diagnostics import Diagnostic, Related, Span
from translator.core.document import Directive, SchemaDocument, TypeDef, Value
from translator.core.names import index_key_name, relation_model_name, upper_first
from translator.core.pluralize import plural
from translator.core.settings import Settings


def _camel(verb: str, name: str) -> str:
    """``getPost``: the verbs are lower camel case already, so only ``name`` changes."""
    return verb + upper_first(name)


def _defaults(operation: str, name: str, settings: Settings) -> dict[str, Value]:
    """The operation fields ``@model`` generates for ``operation`` when its argument is not written."""
    if operation == "query":
        queries: dict[str, Value] = {"get": _camel("get", name), "list": _camel("list", plural(name))}
        if settings.datastore:
            queries["sync"] = _camel("sync", plural(name))
        return queries
    if operation == "mutation":
        return {"create": _camel("create", name), "update": _camel("update", name), "delete": _camel("delete", name)}
    return {"onCreate": (_camel("onCreate", name),), "onUpdate": (_camel("onUpdate", name),),
            "onDelete": (_camel("onDelete", name),)}


_OPERATIONS = (("query", "queries"), ("mutation", "mutations"), ("subscription", "subscriptions"))


def generated_operations(model: TypeDef, settings: Settings) -> Iterator[tuple[str, str, Span]]:
    """(operation, field name, where it comes from) for every root field ``model`` generates."""
    directive = model.directive("model")
    assert directive is not None
    name = model.name
    for operation, argument in _OPERATIONS:
        written = directive.arg(argument)
        if written is None:  # most models: the defaults, whose names are all strings
            for value in _defaults(operation, name, settings).values():
                yield operation, str(value[0] if isinstance(value, tuple) else value), directive.span
            continue
        config = written.value
        if not isinstance(config, dict):
            continue  # null: none of them
        if operation == "subscription" and not any(config.get(k) for k in ("onCreate", "onUpdate", "onDelete")):
            config = {**config, **_defaults(operation, name, settings)} if config.get("level") == "public" else config
        for key, value in config.items():
            if key == "level":
                continue
            for field_name in value if isinstance(value, tuple) else (value,):
                if isinstance(field_name, str) and field_name:
                    yield operation, field_name, directive.span
    search = _search_query(model)
    if search is not None:
        yield "query", search[0], search[1]
    for field in model.directed_fields:
        for index in field.all("index"):
            if index.has("queryField"):
                query = index.value("queryField")
                if isinstance(query, str):
                    yield "query", query, index.span
                continue
            sort = index.value("sortKeyFields")
            keys = [field.name, *((str(s) for s in sort) if isinstance(sort, tuple) else ([str(sort)] if sort else []))]
            yield "query", index_key_name(name, keys), index.span


def _search_query(model: TypeDef) -> tuple[str, Span] | None:
    """The query @searchable adds: ``search<Plural>`` unless ``queries: {search: ...}`` names it
    (``queries: null`` keeps the default, an object without ``search`` drops it)."""
    directive = model.directive("searchable")
    if directive is None:
        return None
    queries = directive.value("queries")
    if isinstance(queries, dict):
        search = queries.get("search")
        return (search, directive.span) if isinstance(search, str) and search else None
    return "search" + plural(upper_first(model.name)), directive.span


def check_operation_names(document: SchemaDocument, settings: Settings) -> list[Diagnostic]:
    """A generated operation field may not repeat a written root field or another generated one."""
    out: list[Diagnostic] = []
    roots = document.operation_types
    written: dict[tuple[str, str], Span] = {(t, f.name): f.span for t, f in document.operation_fields}
    taken: dict[tuple[str, str], Span] = {}
    for model in document.types:
        if not model.is_model:
            continue
        for operation, name, span in generated_operations(model, settings):
            key = (roots.get(operation, operation), name)
            if key in written:
                out.append(Diagnostic("E027", f"{key[0]}.{name} is also generated by Amplify for model {model.name}; "
                                      "rename the written field (or the generated one in @model / queryField)",
                                      written[key], related=(Related(span, f"{model.name} generates it"),)))
            elif key in taken:
                out.append(Diagnostic("E027", f"{key[0]}.{name} is generated twice (also for {model.name}); give the "
                                      "operations different names", span,
                                      related=(Related(taken[key], "first generated here"),)))
            else:
                taken[key] = span
        if roots.get("query", "Query") != "Query" and _has_auth(model):
            _check_custom_query_root(model, roots["query"], out)
    if roots.get("query", "Query") != "Query":
        _check_join_models_custom_query_root(document, roots["query"], out)
    return out


def _has_auth(model: TypeDef) -> bool:
    """Whether Amplify's auth transformer protects the model's queries: @auth on the model or
    on any of its fields."""
    return model.directive("auth") is not None or any(f.directive("auth") for f in model.directed_fields)


def _check_join_models_custom_query_root(document: SchemaDocument, query_root: str, out: list[Diagnostic]) -> None:
    # A @manyToMany join model gets the rules of both models' @auth (when written as a list) and
    # an @index per side, whose queries Amplify protects on a type it assumes is named Query.
    sides: dict[str, list[tuple[TypeDef, Directive]]] = {}
    for model in document.types:
        if model.is_model:
            for field in model.directed_fields:
                for d in field.all("manyToMany"):
                    sides.setdefault(relation_model_name(str(d.value("relationName", ""))), []).append((model, d))
    for relation, uses in sides.items():
        if len(uses) == 2 and any(_auth_rule_list(model) for model, _ in uses):
            out.append(Diagnostic("E115", f"@auth on {uses[0][0].name} or {uses[1][0].name} cannot protect the "
                                  f"queries of the join model of relation '{relation}' while the query root is "
                                  f"named {query_root}; name it Query", uses[0][1].span))


def _auth_rule_list(model: TypeDef) -> bool:
    auth = model.directive("auth")
    rules = auth.value("rules") if auth is not None else None
    return isinstance(rules, tuple) and len(rules) > 0


def _check_custom_query_root(model: TypeDef, query_root: str, out: list[Diagnostic]) -> None:
    # Amplify's auth transformer protects index queries on a type it assumes is named Query.
    for field in model.directed_fields:
        for index in field.all("index"):
            if not (index.has("queryField") and index.value("queryField") is None):
                out.append(Diagnostic("E115", f"@auth on {model.name} cannot protect the query of this @index "
                                      f"while the query root is named {query_root}; name it Query", index.span))
                return
