"""Shorthands for the rules of a council's own spreadsheets (audit history, complaints).

Their readers keep each cell as typed (`<column>_given`) beside the value read from it and what
the records say about it (`_child_known`, `_team_known`...), so the same few kinds of rule recur:
a cell typed but not readable, a date after today, a name Sightline does not hold. Each
shorthand adds one Rule and returns it; the codes, titles and messages are the caller's, so
docs/import-rules.md reads as each import's own list.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from .base import Registry, Rule, day
from .declare import code


def given(name: str) -> pl.Expr:
    """The cell holds something other than spaces."""
    return pl.col(name).cast(pl.Utf8).str.strip_chars().fill_null("") != ""


def not_read(
    registry: Registry,
    kind: str,
    table: str,
    name: str,
    what: str,
    title: str,
    message: str,
    examples: tuple[str, str, object],
) -> Rule:
    """A cell typed in but not readable as its column's kind of value (the reader left `name`
    empty). `examples` is (a bad cell, a good cell, what the good cell reads as)."""
    typed = f"{name}_given"
    bad, good, read = examples
    return registry.add(
        Rule(
            code=code(kind, table, name, what),
            kinds=(kind,),
            table=table,
            fields=(typed, name),
            title=title,
            message=message,
            check=lambda ctx: given(typed) & pl.col(name).is_null(),
            bad={typed: bad, name: None},
            good={typed: good, name: read},
        )
    )


def not_a_date(registry: Registry, kind: str, table: str, name: str, hint: str) -> Rule:
    return not_read(
        registry,
        kind,
        table,
        name,
        "NOTADATE",
        f"{name} is a date",
        f"\u201c{{{name}_given}}\u201d is not a date ({hint})",
        ("31/13/2025", "31/12/2025", date(2025, 12, 31)),
    )


def not_after_today(registry: Registry, kind: str, table: str, name: str, why: str) -> Rule:
    return registry.add(
        Rule(
            code=code(kind, table, name, "FUTURE"),
            kinds=(kind,),
            table=table,
            fields=(name,),
            title=f"{name} is not after today",
            message=f"{{{name}}} is after today ({{ctx_today}}): {why}",
            check=lambda ctx: day(name) > pl.lit(ctx.today),
            bad={name: date(2026, 6, 2)},
            good={name: date(2026, 6, 1)},
        )
    )


def not_found(
    registry: Registry,
    kind: str,
    table: str,
    name: str,
    flag: str,
    what: str,
    title: str,
    message: str,
    example: str,
) -> Rule:
    """A name or id given that Sightline holds no record of (the reader set `flag` false)."""
    return registry.add(
        Rule(
            code=code(kind, table, name, what),
            kinds=(kind,),
            table=table,
            fields=(name, flag),
            title=title,
            message=message,
            check=lambda ctx: given(name) & ~pl.col(flag),
            bad={name: example, flag: False},
            good=[{name: example, flag: True}, {name: None, flag: False}],
        )
    )
