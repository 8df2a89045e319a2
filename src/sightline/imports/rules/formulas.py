"""Values a spreadsheet would run as a formula: refused on import.

A value that begins with "=", "+", "-", "@", a tab or a carriage return (an ID of
"=HYPERLINK(...)", a postcode of "@SUM(...)") would be read by Excel as a formula in any export
made from it. Every export neutralises such text (`domain.sheets`); refusing it here as well
means it never reaches the records, and the council corrects it where it was typed. A plain
number ("-3") is not a formula and passes.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from sightline.domain.sheets import PLAIN_NUMBER
from sightline.returns.annex_a import LISTS

from . import declare as d
from .base import Context, Registry, Rule
from .lengths import LABELS, MODELS, max_lengths

# Annex A's free-text and identifier columns (the others are dates, counts or coded).
ANNEX_A_TEXT = (
    "Child Unique ID",
    "Placement Postcode",
    "Allocated Team",
    "Allocated Worker",
    "Adopter Unique ID",
    "Adoptive Family Unique ID",
    "Placement Unique Reference Number (URN)",
    "Organisation completing assessment",
)
STARTS = r"^[=+\-@\t\r]."


def formula_like(name: str) -> Callable[[Context], pl.Expr]:
    """True on text that starts as a formula does and is not a plain number."""

    def check(ctx: Context) -> pl.Expr:
        text = pl.col(name).cast(pl.Utf8)
        return text.str.contains(STARTS) & ~text.str.contains(PLAIN_NUMBER.pattern)

    return check


def formula(registry: Registry, kind: str, table: str, name: str, label: str) -> Rule:
    return registry.add(
        Rule(
            code=d.code(kind, table, label, "FORMULA"),
            kinds=(kind,),
            table=table,
            fields=(name,),
            title=f"{label} does not start like a spreadsheet formula",
            message=(
                f'{{{name}}} starts with "=", "+", "-", "@" or a tab, so a spreadsheet would read '
                f"{label} as a formula: correct it in the case management system"
            ),
            check=formula_like(name),
            bad={name: '=HYPERLINK("http://example.org","x")'},
            good={name: "AB12 3CD"},
        )
    )


def declare(rules: Registry) -> None:
    for (kind, table), label in MODELS.items():
        labels = LABELS[kind].get(table, {})
        for name in max_lengths(label):
            if name in labels:
                formula(rules, kind, table, name, labels[name])
    for number, (_, columns) in LISTS.items():
        for column in columns:
            if column in ANNEX_A_TEXT:
                formula(rules, "annex-a", f"list{number}", column, column)
