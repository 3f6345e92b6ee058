"""Schema evolution: can a schema be deployed over the one deployed before, without a refusal
and without losing or hiding data? Compares the tables both deploy with Amplify's push-time
rules, DynamoDB's limits, the data already stored and the clients already built.

The checks are chosen per language of the schema being deployed (:data:`RULE_SETS`): a Gen 1
GraphQL schema goes through ``amplify push`` and its sanity check, a Gen 2 ``resource.ts`` through
Amplify's table manager, which refuses nothing and loses data instead (``gen2``, ``mapping``);
:func:`register` adds a check for a language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from translator.core.diagnostics import Diagnostic
from translator.evolution.client import client_breaking_changes
from translator.evolution.compare import Comparison, IndexUpdate
from translator.evolution.data import data_changes
from translator.evolution.gen2 import gen2_diagnostics
from translator.evolution.mapping import mapping_diagnostics
from translator.evolution.plan import plan
from translator.evolution.push import destructive_changes, dynamodb_refusals, push_refusals
from translator.evolution.sanity import AmplifyError, Verdict
from translator.evolution.side import Language, Options, Side

Check = Callable[[Comparison], Iterable[Diagnostic]]


def _amplify_push(comparison: Comparison) -> Iterator[Diagnostic]:
    yield from push_refusals(comparison)
    yield from dynamodb_refusals(comparison)
    yield from destructive_changes(comparison)


def _gen2_tables(comparison: Comparison) -> Iterator[Diagnostic]:
    yield from mapping_diagnostics(comparison)
    yield from gen2_diagnostics(comparison)


def _stored_data(comparison: Comparison) -> Iterable[Diagnostic]:
    return data_changes(comparison.old, comparison.new)


def _clients(comparison: Comparison) -> Iterable[Diagnostic]:
    return client_breaking_changes(comparison.old, comparison.new)


RULE_SETS: dict[Language, list[Check]] = {
    "graphql": [_amplify_push, _stored_data, _clients],
    "gen2": [_gen2_tables, _stored_data, _clients],
}
# Checks that only add to the others: their findings at a place another check reported are left out.
SUPPLEMENTARY: set[Check] = {_clients}


def register(language: Language, check: Check, *, before: Check | None = None) -> None:
    """Add ``check`` to the checks of schemas written in ``language`` (ahead of ``before``)."""
    checks = RULE_SETS[language]
    checks.insert(checks.index(before) if before in checks else len(checks), check)


@dataclass(frozen=True)
class Evolution:
    """The result: every diagnostic (Amplify's refusals first, in its order), and the comparison
    they come from (its verdict, index updates, plan)."""

    comparison: Comparison
    diagnostics: tuple[Diagnostic, ...]

    def plan(self) -> list[str]:
        """A short plan of the change per table."""
        return plan(self.comparison)


def compare(old: Side, new: Side, options: Options | None = None) -> Evolution:
    """Every finding of pushing ``new`` over a deployed ``old``; the checks are those of
    ``new``'s language, in their order."""
    comparison = Comparison(old, new, options or Options())
    found: list[Diagnostic] = []
    for check in RULE_SETS[new.language]:
        places = {d.span for d in found} if check in SUPPLEMENTARY else set()
        found.extend(d for d in check(comparison) if d.span not in places)
    return Evolution(comparison, tuple(found))


__all__ = [
    "RULE_SETS",
    "SUPPLEMENTARY",
    "AmplifyError",
    "Check",
    "Comparison",
    "Evolution",
    "IndexUpdate",
    "Language",
    "Options",
    "Side",
    "Verdict",
    "compare",
    "register",
]
