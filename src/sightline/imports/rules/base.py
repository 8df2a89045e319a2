"""The import-rule registry's base: a rule is a small declaration that checks itself.

Plain Python over Polars (no Django, no return readers), so any import can use it. A rule
says which imports it applies to (`kinds`), which table of rows it reads, the fields it
looks at (the first is the one a problem names), its severity, a plain-English title and
message, and a vectorised check: a function of the `Context` giving a Polars expression
that is true on the rows that break the rule. Every rule carries an example row that
breaks it and one that does not; `Registry.add` refuses a rule whose check disagrees with
its own examples (one test per rule, in tests/imports/rules/; a registry made with
`check_examples=True` also runs them as each rule is declared).

A table is a list of row dicts. Each row carries the row's place in its file:
`_file`, `_where` (row, line or element path) and `_child` (the LA child ID), which every
problem repeats, so a council officer can open the file at the place and fix it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from sightline.returns.common import Problem

SEVERITIES = ("error", "warning")
CODE = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)+$")
PLACE = ("_file", "_where", "_child")


@dataclass(frozen=True)
class Context:
    """What a check may depend on besides the rows: today and the collection year's bounds."""

    today: date
    year_start: date
    year_end: date

    @property
    def year_label(self) -> str:
        return f"{self.year_start.year}-{self.year_end.year % 100:02d}"


@dataclass(frozen=True)
class Rule:
    code: str
    kinds: tuple[str, ...]
    table: str
    fields: tuple[str, ...]
    title: str
    message: str
    check: Callable[[Context], pl.Expr] = field(repr=False, compare=False)
    # Example rows: the (last) bad one breaks the rule, the good ones do not. A list gives rows
    # that come before it (a duplicate needs the row it repeats).
    bad: dict | list = field(default_factory=dict, repr=False, compare=False)
    good: dict | list = field(default_factory=dict, repr=False, compare=False)
    severity: str = "error"
    # Columns the check reads besides `fields` (e.g. a hash of the whole row for duplicates).
    extra: tuple[str, ...] = ()
    source: str = ""

    def __post_init__(self) -> None:
        problems = []
        if not CODE.match(self.code):
            problems.append("a code is upper-case words joined by hyphens (CIN-CPP-ORDER)")
        if self.severity not in SEVERITIES:
            problems.append(f"severity {self.severity!r} not in {SEVERITIES}")
        if not (self.kinds and self.table and self.fields and self.title and self.message):
            problems.append("kinds, table, fields, title and message are all needed")
        for name, rows in (("bad", self.bad_rows), ("good", self.good_rows)):
            if not rows:
                problems.append(f"no {name} example")
            for example in rows:
                missing = set(self.fields) - set(example)
                if missing:
                    problems.append(f"the {name} example lacks {sorted(missing)}")
        if problems:
            raise ValueError(f"Rule {self.code}: " + "; ".join(problems))

    @property
    def bad_rows(self) -> list[dict]:
        return list(self.bad) if isinstance(self.bad, list) else [self.bad]

    @property
    def good_rows(self) -> list[dict]:
        return list(self.good) if isinstance(self.good, list) else [self.good]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*self.fields, *self.extra)))

    @property
    def named(self) -> tuple[str, ...]:
        """The row's fields its message names (besides labels and the collection year's)."""
        names = (name for _, name, _, _ in string.Formatter().parse(self.message) if name)
        return tuple(n for n in dict.fromkeys(names) if not n.endswith("_label") and not n.startswith("ctx_"))

    def broken(self, frame: pl.DataFrame, ctx: Context) -> pl.DataFrame:
        """The rows of `frame` that break the rule."""
        return frame.filter(self.check(ctx).fill_null(False))

    def describe(self, row: dict, labels: dict[str, str]) -> str:
        values = {name: _shown(row.get(name)) for name in row}
        names = {f"{name}_label": labels.get(name, name) for name in self.fields}
        return self.message.format(**values, **names, **_context_values(row))


def _context_values(row: dict) -> dict:
    return {key.lstrip("_"): value for key, value in row.items() if key.startswith("_ctx_")}


def _shown(value) -> str:
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def frame_of(rows: list[dict], columns: Iterable[str]) -> pl.DataFrame:
    """A frame of the given columns (and the row's place) from row dicts, typed by their values."""
    names = list(dict.fromkeys([*PLACE, "_row", *columns]))
    # A column at a time (the registry's pass is one frame a table: this loop is most of it).
    data = {
        name: list(range(len(rows))) if name == "_row" else [row.get(name) for row in rows] for name in names
    }
    return pl.DataFrame([series_of(name, values) for name, values in data.items()])


def series_of(name: str, values: list) -> pl.Series:
    """A column typed by its values: dates, whole numbers, true/false, else text (as `str` gives it)."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if kinds and kinds <= {date}:
        return pl.Series(name, values, dtype=pl.Date)
    if kinds and kinds <= {int, bool} and bool not in kinds:
        return pl.Series(name, values, dtype=pl.Int64)
    if kinds == {bool}:
        return pl.Series(name, values, dtype=pl.Boolean)
    if kinds <= {str}:
        return pl.Series(name, values, dtype=pl.Utf8)
    return pl.Series(name, [None if v is None else str(v) for v in values], dtype=pl.Utf8)


class Registry:
    """Rules by code, in the order declared."""

    def __init__(self, check_examples: bool = False) -> None:
        self._rules: dict[str, Rule] = {}
        # Running every rule on its examples as it is declared costs a query a rule at start-up;
        # the tests do it once per rule (tests/imports/rules/), and a Registry(check_examples=True)
        # does it on declaration.
        self.check_examples = check_examples

    def add(self, rule: Rule) -> Rule:
        if rule.code in self._rules:
            raise ValueError(f"Rule {rule.code} is declared twice.")
        if self.check_examples:
            self.self_check(rule)
        self._rules[rule.code] = rule
        return rule

    @staticmethod
    def self_check(rule: Rule, ctx: Context | None = None) -> None:
        """The rule flags its bad example and passes its good one, or it is refused."""
        ctx = ctx or EXAMPLE_CONTEXT
        bad, good = rule.bad_rows, rule.good_rows
        frame = frame_of([*bad, *good], rule.columns)
        flagged = set(rule.broken(frame, ctx)["_row"].to_list())
        if flagged != {len(bad) - 1}:
            raise ValueError(
                f"Rule {rule.code}: its check flags example rows {sorted(flagged)}, not just the bad one "
                f"(row {len(bad) - 1})"
            )

    def __iter__(self):
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code]

    def for_kind(self, kind: str) -> list[Rule]:
        return [rule for rule in self if kind in rule.kinds]

    def check(
        self,
        kind: str,
        tables: dict[str, list[dict]],
        ctx: Context,
        labels: dict[str, dict[str, str]] | None = None,
    ) -> list[Problem]:
        """Every problem the rules for `kind` find in the tables of row dicts: `check_frames` on one
        frame a table (`frame_of`), each problem's message made from the row as it was given."""
        frames = {}
        for table, rules in self._by_table(kind, {t: len(rows) for t, rows in tables.items()}).items():
            frames[table] = frame_of(tables[table], [c for rule in rules for c in rule.columns])
        return self._problems(kind, frames, ctx, labels or {}, tables)

    def check_frames(
        self,
        kind: str,
        frames: dict[str, pl.DataFrame],
        ctx: Context,
        labels: dict[str, dict[str, str]] | None = None,
    ) -> list[Problem]:
        """Every problem the rules for `kind` find in one Polars frame per table, in file order
        within each rule: the same problems as `check` on the equivalent rows.

        A frame has the columns as the rules name them, plus the place columns (`_file`, `_where`,
        `_child`); a column a rule reads that the frame lacks is blank. A table with duplicate rules
        may carry `_hash` (what tells a repeated row from a differing one); without it, the row's
        every other column is its fingerprint. The pass over a return is a handful of vectorised
        filters, not a loop of rules over rows: rows are made only for the rules' findings.
        """
        return self._problems(kind, frames, ctx, labels or {}, None)

    def _by_table(self, kind: str, sizes: dict[str, int]) -> dict[str, list[Rule]]:
        by_table: dict[str, list[Rule]] = {}
        for rule in self.for_kind(kind):
            if sizes.get(rule.table):
                by_table.setdefault(rule.table, []).append(rule)
        return by_table

    def _problems(
        self,
        kind: str,
        frames: dict[str, pl.DataFrame],
        ctx: Context,
        labels: dict[str, dict[str, str]],
        rows: dict[str, list[dict]] | None,
    ) -> list[Problem]:
        problems = []
        year = _year_values(ctx)
        for table, rules in self._by_table(kind, {t: f.height for t, f in frames.items()}).items():
            frame = _complete(frames[table], rules)
            # Every rule of the table in one query: a column of true/false per rule.
            masks = frame.select(
                [rule.check(ctx).fill_null(False).alias(str(i)) for i, rule in enumerate(rules)]
            )
            named = labels.get(table, {})
            for i, rule in enumerate(rules):
                found = masks[str(i)].arg_true()
                if not len(found):
                    continue
                given = rows[table] if rows is not None else None
                flagged = [given[n] for n in found.to_list()] if given else frame[found].to_dicts()
                for row in flagged:
                    problems.append(
                        Problem(
                            row.get("_file") or "",
                            row.get("_where") or "",
                            named.get(rule.fields[0], rule.fields[0]),
                            rule.describe({**row, **year}, named),
                            row.get("_child") or "",
                            rule.severity,
                            code=rule.code,
                        )
                    )
        return problems


def _complete(frame: pl.DataFrame, rules: list[Rule]) -> pl.DataFrame:
    """The frame with every column its rules read or name (a blank one where it lacks it), and a
    `_hash` of each row's other columns where a rule reads one and the frame has none."""
    have = set(frame.columns)
    wanted = dict.fromkeys([*PLACE, *(c for rule in rules for c in (*rule.columns, *rule.named))])
    if "_hash" in wanted and "_hash" not in have:
        said = [c for c in frame.columns if not c.startswith("_")]
        frame = frame.with_columns(
            (pl.struct(said).hash() if said else pl.lit(0, pl.UInt64)).cast(pl.Utf8).alias("_hash")
        )
        have.add("_hash")
    missing = [pl.lit(None, pl.Utf8).alias(c) for c in wanted if c not in have]
    return frame.with_columns(missing) if missing else frame


def _year_values(ctx: Context) -> dict:
    return {
        "_ctx_today": ctx.today.strftime("%d/%m/%Y"),
        "_ctx_year_end": ctx.year_end.strftime("%d/%m/%Y"),
        "_ctx_year": ctx.year_label,
    }


# The context every rule's examples are checked in (collection year 2025-26, seen in 2026).
EXAMPLE_CONTEXT = Context(today=date(2026, 6, 1), year_start=date(2025, 4, 1), year_end=date(2026, 3, 31))


# ---------------------------------------------------------------------------------------
# The kinds of check most rules are: each returns the `check` of a Rule.


def day(name: str) -> pl.Expr:
    """A column read as dates (a column with no dates in it holds only blanks)."""
    return pl.col(name).cast(pl.Date, strict=False)


def ends_before_start(start: str, end: str) -> Callable[[Context], pl.Expr]:
    return lambda ctx: day(end) < day(start)


def all_blank(*names: str) -> Callable[[Context], pl.Expr]:
    return lambda ctx: pl.all_horizontal(
        [pl.col(n).is_null() | (pl.col(n).cast(pl.Utf8) == "") for n in names]
    )


def longer_than(name: str, limit: int) -> Callable[[Context], pl.Expr]:
    return lambda ctx: pl.col(name).cast(pl.Utf8).str.len_chars() > limit


def after_today(name: str) -> Callable[[Context], pl.Expr]:
    return lambda ctx: day(name) > pl.lit(ctx.today)


EARLIEST = date(1900, 1, 1)


def before_1900(name: str) -> Callable[[Context], pl.Expr]:
    return lambda ctx: day(name) < pl.lit(EARLIEST)


def after_year_end(name: str) -> Callable[[Context], pl.Expr]:
    """After the collection year's end but not after today (later dates break `after_today`)."""
    return lambda ctx: (day(name) > pl.lit(ctx.year_end)) & (day(name) <= pl.lit(ctx.today))


def repeated(keys: tuple[str, ...], *, same: bool) -> Callable[[Context], pl.Expr]:
    """The second and later rows with the same key: all alike (`same`) or differing."""

    def check(ctx: Context) -> pl.Expr:
        keyed = [pl.col(k) for k in keys]
        later = pl.int_range(pl.len()).over(keyed) > 0
        alike = pl.col("_hash").n_unique().over(keyed) == 1
        present = pl.all_horizontal([pl.col(k).is_not_null() for k in keys])
        return present & later & (alike if same else ~alike)

    return check
