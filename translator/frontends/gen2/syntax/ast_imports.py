"""Syntax tree nodes for positions, imports and exports (re-exported by :mod:`ast`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pos:
    """A 1-based line and column."""

    line: int
    col: int


@dataclass(frozen=True)
class ImportName:
    """One imported binding: ``imported`` is ``default``, ``*`` or an export name."""

    imported: str
    local: str
    type_only: bool
    pos: Pos


@dataclass(frozen=True)
class Import:
    """``import ... from source`` (no names for a bare ``import 'x'``)."""

    source: str
    names: tuple[ImportName, ...]
    type_only: bool
    pos: Pos


@dataclass(frozen=True)
class ExportName:
    """``local as exported`` in ``export { ... }``."""

    local: str
    exported: str
    type_only: bool
    pos: Pos


@dataclass(frozen=True)
class Export:
    """``export { ... }`` or ``export { ... } from source``; ``export * from`` has ``star``."""

    names: tuple[ExportName, ...]
    source: str | None
    star: bool
    star_as: str | None
    pos: Pos
