"""The Standard Safeguarding Dataset extract's import rules, run over its tables before loading.

The rules read the SSD's own tables and columns (`ssd_cin_episodes`, `cine_close_date`), so a
problem names what the council's extract holds: the file, its row, the column and the person.
A few facts a row cannot show by itself are worked out first and added to each row: whether
its person is in ssd_person, whether its JSON columns parse, and (one row a table) whether a
full extract holds that table at all.
"""

from __future__ import annotations

import json

import polars as pl
from django.apps import apps

from sightline.returns.common import Problem
from sightline.returns.ssd import Extract
from sightline.returns.ssd_tables import EXT, TABLES, file_tables

from .backstop import order_fields
from .base import Context, Registry, Rule, frame_of
from .base import _year_values as year_values
from .declare import token

KIND = "ssd"
# Columns holding a date or a date and time (the SSD's datetime columns and our extension dates).
NOT_DATES = {"lapp_previous_permanence_order_date"}  # nvarchar: may be part-known (zz/mm/yyyy)
TABLES_TABLE = "extract"  # the rules' table of the extract's tables, one row each


def date_columns(table: str) -> list[str]:
    return [
        c
        for c in file_tables()[table]
        if c not in NOT_DATES and ("date" in c.split("_") or c.endswith(("_dob", "_date")))
    ]


def person_columns(table: str) -> list[str]:
    return [c for c in file_tables()[table] if c.endswith("_person_id") and table != "ssd_person"]


def json_columns(table: str) -> list[str]:
    return [c for c in file_tables()[table] if c.endswith("_json")]


def _code(table: str, column: str, what: str) -> str:
    return f"SSD-{token(table, 40)}-{token(column, 40)}-{what}"


def _not_a_date(column: str):
    def check(ctx: Context) -> pl.Expr:
        text = pl.col(column).cast(pl.Utf8).str.strip_chars()
        head = text.str.slice(0, 10)
        iso = head.str.to_date("%Y-%m-%d", strict=False)
        british = head.str.to_date("%d/%m/%Y", strict=False)
        return (text != "") & iso.is_null() & british.is_null()

    return check


def _parsed(column: str) -> pl.Expr:
    head = pl.col(column).cast(pl.Utf8).str.slice(0, 10)
    return pl.coalesce(head.str.to_date("%Y-%m-%d", strict=False), head.str.to_date("%d/%m/%Y", strict=False))


def _declare_dates(rules: Registry, table: str) -> None:
    for column in date_columns(table):
        rules.add(
            Rule(
                code=_code(table, column, "DATE"),
                kinds=(KIND,),
                table=table,
                fields=(column,),
                title=f"{column} is a date",
                message=f"{{{column}}} is not a date (expected e.g. 2026-03-31)",
                check=_not_a_date(column),
                bad={column: "31/13/2025"},
                good={column: "2025-12-31"},
            )
        )


def _order_pairs(table) -> list[tuple[str, str]]:
    """(start column, end column) of the table, from the record's ends-after-starts constraints."""
    model = apps.get_model(table.label)
    columns = {**{f: c for c, f in table.columns.items()}, **{f: EXT + f for f in table.extension}}
    pairs = []
    for constraint in model._meta.constraints:
        fields = order_fields(model, constraint)
        if fields and fields[0] in columns and fields[1] in columns:
            pairs.append((columns[fields[0]], columns[fields[1]]))
    return pairs


def _declare_orders(rules: Registry, table) -> None:
    for start, end in _order_pairs(table):
        code = _code(table.name, end, "ORDER")
        if code in {r.code for r in rules}:
            continue
        rules.add(
            Rule(
                code=code,
                kinds=(KIND,),
                table=table.name,
                fields=(end, start),
                title=f"{end} is not before {start}",
                message=f"{{{end}}} is before {start} {{{start}}}: it cannot end before it starts",
                check=lambda ctx, s=start, e=end: _parsed(e) < _parsed(s),
                bad={start: "2025-06-01", end: "2025-05-01"},
                good={start: "2025-05-01", end: "2025-06-01"},
            )
        )


def _declare_people(rules: Registry, table: str) -> None:
    for column in person_columns(table):
        known = f"_known_{column}"
        rules.add(
            Rule(
                code=_code(table, column, "PERSON"),
                kinds=(KIND,),
                table=table,
                fields=(column,),
                title=f"{column} is a person in ssd_person",
                message=f"{{{column}}} is not a person in ssd_person",
                check=lambda ctx, k=known: pl.col(k) == "N",
                bad={column: "P404", known: "N"},
                good={column: "P1", known: "Y"},
                extra=(known,),
            )
        )


def _declare_json(rules: Registry, table: str) -> None:
    for column in json_columns(table):
        parses = f"_json_{column}"
        rules.add(
            Rule(
                code=_code(table, column, "JSON"),
                kinds=(KIND,),
                table=table,
                fields=(column,),
                title=f"{column} is JSON",
                message=f'{{{column}}} is not JSON (e.g. ["CIN"])',
                check=lambda ctx, p=parses: pl.col(p) == "N",
                bad={column: "[CIN", parses: "N"},
                good={column: '["CIN"]', parses: "Y"},
                extra=(parses,),
            )
        )


def declare(rules: Registry) -> None:
    rules.add(
        Rule(
            code="SSD-EXTRACT-TABLE-MISSING",
            kinds=(KIND,),
            table=TABLES_TABLE,
            fields=("table",),
            title="A full extract holds every SSD table Sightline reads",
            message="the extract has no file of the table {table}: a full extract needs every table "
            "(without it, every record of the table would be deleted); send it, or import as a delta",
            check=lambda ctx: pl.col("present") == "N",
            bad={"table": "ssd_person", "present": "N"},
            good={"table": "ssd_person", "present": "Y"},
            extra=("present",),
        )
    )
    for name in file_tables():
        _declare_dates(rules, name)
        _declare_people(rules, name)
        _declare_json(rules, name)
    for table in TABLES:
        _declare_orders(rules, table)


def _parses(text: str) -> str:
    if not text:
        return ""
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return "N"
    return "Y"


def rule_tables(extract: Extract, *, full: bool, people: set[str] = frozenset()) -> dict[str, list[dict]]:
    """The extract's tables as the rules read them: each row placed and its facts added.
    `people`: the persons already loaded (a delta's rows may be about them)."""
    people = {*people, *(r.get("pers_person_id", "") for r in extract.tables.get("ssd_person", []))}
    tables: dict[str, list[dict]] = {}
    for name, rows in extract.tables.items():
        file = extract.files[name]
        person, jsons = person_columns(name), json_columns(name)
        placed = []
        for row in rows:
            child = (
                row.get("pers_person_id")
                if name == "ssd_person"
                else next((row.get(c) for c in person if row.get(c)), "")
            )
            facts = {f"_known_{c}": ("Y" if row.get(c) in people else "N") for c in person if row.get(c)}
            facts.update({f"_json_{c}": _parses(row.get(c, "")) for c in jsons})
            placed.append(
                {**row, **facts, "_file": file, "_where": f"row {row['_row']}", "_child": child or ""}
            )
        tables[name] = placed
    if full:
        tables[TABLES_TABLE] = _tables_table(extract)
    return tables


def _tables_table(extract: Extract) -> list[dict]:
    """One row per table a full extract must hold: whether it does."""
    required = dict.fromkeys(t.name for t in TABLES if t.required)
    return [
        {"table": n, "present": "Y" if n in extract.tables else "N", "_file": "", "_where": "", "_child": ""}
        for n in required
    ]


def check_extract_rules(rules: Registry, extract: Extract, ctx: Context, *, full: bool, people=frozenset()):
    """The problems `rules.check(KIND, rule_tables(...), ctx)` finds, the same and in the same
    order, without building a row dict per row: each table's frame is made a column at a time
    from the columns its rules read, the facts worked out as columns, and a row's dict built
    only for a row that breaks a rule (a clean extract of a million rows builds none)."""
    people = {*people, *(r.get("pers_person_id", "") for r in extract.tables.get("ssd_person", []))}
    tables = dict(extract.tables)
    if full:
        tables[TABLES_TABLE] = _tables_table(extract)
    by_table: dict[str, list[Rule]] = {}
    for rule in rules.for_kind(KIND):
        if tables.get(rule.table):
            by_table.setdefault(rule.table, []).append(rule)
    problems = []
    for table, table_rules in by_table.items():
        rows = tables[table]
        frame = _frame(table, rows, [c for rule in table_rules for c in rule.columns], people)
        masks = frame.select(
            [rule.check(ctx).fill_null(False).alias(str(i)) for i, rule in enumerate(table_rules)]
        )
        for i, rule in enumerate(table_rules):
            for found in masks[str(i)].arg_true().to_list():
                row = rows[found] if table == TABLES_TABLE else _placed(extract, table, rows[found], people)
                problems.append(
                    Problem(
                        row.get("_file", ""),
                        row.get("_where", ""),
                        rule.fields[0],
                        rule.describe({**row, **year_values(ctx)}, {}),
                        row.get("_child", ""),
                        rule.severity,
                        code=rule.code,
                    )
                )
    return problems


def _frame(table: str, rows: list[dict], columns, people: set[str]) -> pl.DataFrame:
    """The frame `frame_of(placed rows, columns)` gives (every value text here), a column at a time."""
    if table == TABLES_TABLE:
        return frame_of(rows, columns)
    data = {}
    for name in dict.fromkeys(columns):
        if name.startswith("_known_"):
            values = [r.get(name[7:]) for r in rows]
            data[name] = [("Y" if v in people else "N") if v else None for v in values]
        elif name.startswith("_json_"):
            values = [r.get(name[6:], "") for r in rows]
            parsed = {v: _parses(v) for v in set(values)}
            data[name] = [parsed[v] for v in values]
        else:
            data[name] = [r.get(name) for r in rows]
    return pl.DataFrame({name: pl.Series(name, v, dtype=pl.Utf8) for name, v in data.items()})


def _placed(extract: Extract, name: str, row: dict, people: set[str]) -> dict:
    """The row as `rule_tables` gives it (its facts and place), for a message."""
    return rule_tables(Extract(tables={name: [row]}, files=extract.files), full=False, people=people)[name][0]
