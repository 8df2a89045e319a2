"""Import rules: every check a return's rows must pass before anything is loaded.

The registry (`RULES`) holds one small declaration per rule: its code, the imports it
applies to, the table and fields it reads, a plain-English title and message, its
severity, a vectorised check and two example rows it must flag and pass (`base.Rule`). The
checks run over the whole return at once, one Polars frame per table, before the loader
writes a row; the database's constraints stay as the backstop (`backstop`), and if one
still fires its message becomes a located rejection too.

How a new import declares its rules (an audit workbook, a feedback spreadsheet, the SSD
extract):

1. Turn what was read into tables: a dict of table name -> list of row dicts, each row with
   `_file`, `_where` (row, line or element path) and `_child` (the LA child ID, or "").
2. Write a module beside this one with a `declare(rules)` function that adds its rules,
   with the shorthands in `declare` (order, required, dates, length, duplicates) or a
   `base.Rule` of its own; give the kind a prefix in `declare.PREFIX`.
3. Call it from `_declare()` below, and run `RULES.check(kind, tables, context, labels)`
   before loading; `python -m sightline.imports.rules.docs` (or `sightline import-rules`)
   rewrites docs/import-rules.md, which a test keeps current.

Each rule is tested by its own examples when declared, and again one test per rule in
tests/imports/rules/.
"""

from __future__ import annotations

from datetime import date

from sightline.returns.common import Problem
from sightline.returns.records import ReturnData

from .base import Context, Registry
from .tables import LABELS, cin_frames, tables_of

RULES = Registry()


def _declare() -> None:
    from . import annex_a, audits, cin, feedback, formulas, lengths, ssd, ssda903

    for module in (cin, ssda903, annex_a, lengths, audits, formulas, feedback, ssd):
        module.declare(RULES)


def context_for(year: int, today: date | None = None) -> Context:
    """Collection year 2026 is 1 April 2025 to 31 March 2026."""
    return Context(today=today or date.today(), year_start=date(year - 1, 4, 1), year_end=date(year, 3, 31))


def check_return(data: ReturnData, year: int, today: date | None = None) -> list[Problem]:
    """Every problem the rules find in a return read for collection year `year`."""
    if not len(RULES):
        _declare()
    ctx, labels = context_for(year, today), LABELS.get(data.kind, {})
    if data.kind == "cin":  # the census's frames straight from its records, no rows between
        return RULES.check_frames("cin", cin_frames(data, RULES.for_kind("cin")), ctx, labels)
    return RULES.check(data.kind, tables_of(data), ctx, labels)


def all_rules() -> Registry:
    if not len(RULES):
        _declare()
    return RULES
