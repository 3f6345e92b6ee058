"""Names of the Query fields Amplify generates, and their collisions (rule E027)."""

from __future__ import annotations

from translator.diagnostics import Diagnostic, Related, Span
from translator.document import SchemaDocument
from translator.names import lower_first, upper_first
from translator.pluralize import plural


def check_operation_names(document: SchemaDocument) -> list[Diagnostic]:
    """A generated query name may not repeat a written Query field or another generated one."""
    query_root = next((n for n in ("Query",) if n in document.root_types), "Query")
    taken: dict[str, Span] = {f.name: f.span for t, f in document.operation_fields if t == query_root}
    written = set(taken)
    out: list[Diagnostic] = []
    for model in document.types:
        if not model.is_model:
            continue
        model_directive = model.directive("model")
        queries = model_directive.value("queries", {}) if model_directive else {}
        names: list[tuple[str, Span]] = []
        if isinstance(queries, dict):
            get_name = queries.get("get", f"get{model.name}") if "get" in queries else f"get{model.name}"
            list_name = queries.get("list") if "list" in queries else "list" + upper_first(plural(model.name))
            names += [(n, model.span) for n in (get_name, list_name) if isinstance(n, str)]
        for field in model.fields:
            for index in field.all("index"):
                if index.has("queryField"):
                    query = index.value("queryField")
                    if isinstance(query, str):
                        names.append((query, index.span))
                    continue
                sort = [str(s) for s in _as_tuple(index.value("sortKeyFields"))]
                auto = lower_first(plural(model.name)) + "By" + "And".join(upper_first(n) for n in [field.name, *sort])
                names.append((auto, index.span))
        for name, span in names:
            if name in taken:
                what = "declared on Query" if name in written else "generated as well"
                out.append(Diagnostic("E027", f"the query field {name} that Amplify generates for {model.name} "
                                      f"is {what}; rename one of them (queryField, or the Query field)", span,
                                      related=(Related(taken[name], "first defined here"),)))
            else:
                taken[name] = span
    return out


def _as_tuple(value: object) -> tuple[object, ...]:
    if value is None:
        return ()
    return value if isinstance(value, tuple) else (value,)
