"""Shorthands that declare the common kinds of rule, with their examples, into a registry.

Each returns the Rule it added, so a declaration module reads as a list of the return's
rules. Codes are built from the return, the table and the field as the file names them
(`CIN-CPPLAN-CPPENDDATE-FUTURE`), so they stay the same as long as the field does.
"""

from __future__ import annotations

import re
from datetime import date

from .base import (
    Registry,
    Rule,
    after_today,
    after_year_end,
    all_blank,
    before_1900,
    ends_before_start,
    longer_than,
    repeated,
)

PREFIX = {
    "cin": "CIN",
    "903": "903",
    "annex-a": "ANNEXA",
    "audits": "AUDITS",
    "feedback": "FEEDBACK",
    "ssd": "SSD",
}


def token(text: str, limit: int = 28) -> str:
    return re.sub(r"[^A-Z0-9]", "", str(text).upper())[:limit] or "X"


def code(kind: str, table: str, label: str, what: str) -> str:
    return f"{PREFIX[kind]}-{token(table)}-{token(label)}-{what}"


def order(
    registry: Registry, kind: str, table: str, start: str, end: str, what: str, labels: dict[str, str]
) -> Rule:
    """An end before its start (the database's ends-after-starts constraints, checked first)."""
    s, e = labels.get(start, start), labels.get(end, end)
    return registry.add(
        Rule(
            code=code(kind, table, e, "ORDER"),
            kinds=(kind,),
            table=table,
            fields=(end, start),
            title=f"{what}: {e} is not before {s}",
            message=f"{{{end}}} is before {s} {{{start}}}: {what.lower()} cannot end before it starts",
            check=ends_before_start(start, end),
            bad={start: date(2025, 6, 1), end: date(2025, 5, 1)},
            good={start: date(2025, 5, 1), end: date(2025, 6, 1)},
        )
    )


def required(
    registry: Registry, kind: str, table: str, fields: tuple[str, ...], message: str, labels
) -> Rule:
    """None of the fields given (one field: it is blank)."""
    first = labels.get(fields[0], fields[0])
    names = " or ".join(labels.get(f, f) for f in fields)
    return registry.add(
        Rule(
            code=code(kind, table, first, "BLANK"),
            kinds=(kind,),
            table=table,
            fields=fields,
            title=f"{names} given",
            message=message,
            check=all_blank(*fields),
            bad=dict.fromkeys(fields),
            good={f: date(2020, 1, 1) for f in fields},
        )
    )


def dates(registry: Registry, kind: str, table: str, name: str, label: str, *, future: bool = False) -> None:
    """A date before 1900 or after today is an error (no child's record has one); a date after the
    collection year's end is a warning: Sightline keeps every year, but it is not this return's.
    `future` dates (an expected birth, a projected end of UASC status) may be after both."""
    registry.add(
        Rule(
            code=code(kind, table, label, "EARLY"),
            kinds=(kind,),
            table=table,
            fields=(name,),
            title=f"{label} is not before 1900",
            message=f"{{{name}}} is before 1900: not a date in a child's record (a mistyped year?)",
            check=before_1900(name),
            bad={name: date(1899, 12, 31)},
            good={name: date(1900, 1, 1)},
        )
    )
    if future:
        return
    registry.add(
        Rule(
            code=code(kind, table, label, "FUTURE"),
            kinds=(kind,),
            table=table,
            fields=(name,),
            title=f"{label} is not after today",
            message=f"{{{name}}} is after today ({{ctx_today}}): it cannot have happened yet",
            check=after_today(name),
            bad={name: date(2026, 6, 2)},
            good={name: date(2026, 6, 1)},
        )
    )
    registry.add(
        Rule(
            code=code(kind, table, label, "AFTERYEAR"),
            kinds=(kind,),
            table=table,
            fields=(name,),
            title=f"{label} is in the collection year or before",
            message=(
                f"{{{name}}} is after the end of the collection year {{ctx_year}} ({{ctx_year_end}}): "
                "imported, but it belongs to a later return"
            ),
            check=after_year_end(name),
            bad={name: date(2026, 4, 1)},
            good={name: date(2026, 3, 31)},
            severity="warning",
        )
    )


def length(registry: Registry, kind: str, table: str, name: str, label: str, limit: int) -> Rule:
    return registry.add(
        Rule(
            code=code(kind, table, label, "LENGTH"),
            kinds=(kind,),
            table=table,
            fields=(name,),
            title=f"{label} is at most {limit} characters",
            message=f"{{{name}}} is longer than the {limit} characters Sightline keeps for {label}",
            check=longer_than(name, limit),
            bad={name: "X" * (limit + 1)},
            good={name: "X" * limit},
        )
    )


def duplicates(
    registry: Registry, kind: str, table: str, keys: tuple[str, ...], what: str, labels: dict[str, str]
) -> None:
    """Rows with the loader's key twice: the same row again is read once (a warning); rows that
    differ under one key would have one overwrite the other, so they are an error."""
    shown = (
        ", ".join(f"{labels.get(k, k)} {{{k}}}" for k in keys if not k.startswith("_")) or "once per child"
    )
    first = keys[-1]
    label = labels.get(first, first)
    base = {k: "C1" if k.startswith("_") else date(2025, 5, 1) for k in keys}
    registry.add(
        Rule(
            code=code(kind, table, label, "REPEATED"),
            kinds=(kind,),
            table=table,
            fields=(first, *[k for k in keys if k != first]),
            title=f"{what} not given twice",
            message=f"{what} ({shown}) is given twice, the same both times: read once",
            check=repeated(keys, same=True),
            extra=("_hash",),
            bad=[{**base, "_hash": "a"}, {**base, "_hash": "a"}],
            good=[{**base, "_hash": "a", first: _other(first)}],
            severity="warning",
        )
    )
    registry.add(
        Rule(
            code=code(kind, table, label, "CONFLICT"),
            kinds=(kind,),
            table=table,
            fields=(first, *[k for k in keys if k != first]),
            title=f"{what} not given twice with different details",
            message=(
                f"{what} ({shown}) is given more than once with different details: "
                "which is right? Keep one and correct or remove the other"
            ),
            check=repeated(keys, same=False),
            extra=("_hash",),
            bad=[{**base, "_hash": "a"}, {**base, "_hash": "b"}],
            good=[
                {**base, "_hash": "a", first: _other(first, 2)},
                {**base, "_hash": "a", first: _other(first, 3)},
            ],
        )
    )


def _other(key: str, n: int = 1):
    """Another value of a key field, for an example row with a different key."""
    return f"C{n + 1}" if key.startswith("_") else date(2025, 5, 1 + n)
