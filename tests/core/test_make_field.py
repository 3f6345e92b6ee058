"""``make_field`` makes the field ``FieldDef`` makes, frozen like it."""

from __future__ import annotations

import dataclasses

import pytest

from translator.core.diagnostics import Span
from translator.core.document import Argument, Directive, FieldDef, TypeRef, make_field


@pytest.mark.parametrize("extra", [(), (True,), (False, (("x", TypeRef("Int"), Span("s", 1, 9)),))])
def test_make_field_is_field_def(extra: tuple[object, ...]) -> None:
    directives = (Directive("index", (Argument("name", "byA", Span("s", 1, 20)),), Span("s", 1, 12)),)
    values = ("a", TypeRef("String", False, True), directives, Span("s", 1, 3), Span("s", 1, 6), *extra)
    made, built = make_field(*values), FieldDef(*values)  # type: ignore[arg-type]
    assert type(made) is FieldDef and made == built and repr(made) == repr(built) and hash(made) == hash(built)
    assert made.directive("index") is directives[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.name = "b"  # type: ignore[misc]
