"""The command line of the submit commands, checked before anything is compiled or sent.

Every problem is collected and reported at once (``where: error[CODE]: message``): the ids, each
``--tag`` and ``--dependency``, a ``--tag`` key given twice (the service would keep only one) and
a ``--poll-interval`` under the floor (it would hammer the service).
"""

from __future__ import annotations

from collections.abc import Sequence

from translator.codegen.client import MIN_POLL_INTERVAL
from translator.codegen.errors import RequestError
from translator.codegen.request import CodegenOptions, id_problems, option_problems
from translator.core.diagnostics import Diagnostic, Span

MALFORMED = "E215"
DUPLICATE_TAG = "E216"
POLL_FLOOR = "E217"


def parse_pairs(option: str, items: Sequence[str], *, unique: bool) -> tuple[dict[str, str], list[Diagnostic]]:
    """``NAME=VALUE`` items as a dict in the order given, and what is wrong with them; with
    ``unique`` a name given twice is a problem, otherwise the last value wins."""
    result: dict[str, str] = {}
    problems: list[Diagnostic] = []
    for item in items:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name:
            problems.append(Diagnostic(MALFORMED, f"{item!r} is not NAME=VALUE", Span(option)))
            continue
        if unique and name in result:
            message = f"key {name!r} given twice ({result[name]!r} and {value!r}); a tag key is unique"
            problems.append(Diagnostic(DUPLICATE_TAG, message, Span(option)))
            continue
        result[name] = value
    return result, problems


def check_arguments(
    app_id: str,
    environment_name: str,
    *,
    tags: Sequence[str] = (),
    dependencies: Sequence[str] = (),
    poll_interval: float | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    """The ``--tag`` and ``--dependency`` maps; :class:`RequestError` with every problem of the
    ids, tags, dependencies and poll interval."""
    tag_map, problems = parse_pairs("--tag", tags, unique=True)
    dependency_map, dependency_problems = parse_pairs("--dependency", dependencies, unique=False)
    problems = id_problems(app_id, environment_name) + problems + dependency_problems
    problems += option_problems(CodegenOptions(tags=tag_map, dependencies=dependency_map))
    if poll_interval is not None and poll_interval < MIN_POLL_INTERVAL:
        message = f"{poll_interval:g} s is below the floor of {MIN_POLL_INTERVAL:g} s"
        problems.append(Diagnostic(POLL_FLOOR, message, Span("--poll-interval")))
    if problems:
        raise RequestError(problems)
    return tag_map, dependency_map
