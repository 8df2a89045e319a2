"""One 903 CSV read column-wise: the file's lines split and typed by the table's declared columns
with polars expressions, then each row's record built once.

The row reader (ssda903.py) stays for the files this one declines: any quoting (a quoted field
may hold a comma or a line break, which the csv module reads and a plain split does not), a
lone carriage return, a NUL or a character str.strip strips that polars does not, or a field
too long for the csv module. What this one reads it reads as the row reader would: the same
values and the same problems, in the same order (row, then column). It also keeps the rows it
recorded as a frame, one a table (`table_frames`), which the import rules check as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import polars as pl

from .common import Collector, parse_date
from .records import ReturnData
from .ssda903_columns import DATES, SEX_903, UN_FROM_903, UPN_UNKNOWN, Column

# What the row reader handles and a split by line and comma does not (see the module docstring).
DECLINED = re.compile(r'["\x00\x1c-\x1f]|\r(?!\n)')
CSV_FIELD_LIMIT = 131_072  # the csv module's field_size_limit()
BLANK_LINE = r"^[,\s]*$"
SHAPES = ((r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$", "%d/%m/%Y"), (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "%Y-%m-%d"))

# (line, order within the line, where, field, message, child): sorted, then told to the Collector.
Pending = list[tuple[int, int, str, str, str, str]]
RowHandler = Callable[[str, str, dict, ReturnData, Collector], bool]


def lines_of(text: str) -> list[str] | None:
    """The file's lines, or None when the column reader declines it."""
    if DECLINED.search(text):
        return None
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines[0].strip() or max(map(len, lines)) >= CSV_FIELD_LIMIT:
        return None
    return lines


def read_lines(
    lines: list[str],
    table: str,
    spec: list[tuple[Column, int]],
    width: int,
    data: ReturnData,
    out: Collector,
    record: RowHandler,
) -> tuple[int, pl.DataFrame]:
    """Read the rows after the header into `data` through `record` (the row reader's own); returns
    how many rows were not blank, and the rows recorded as a frame (`_frame_of`)."""
    frame = (
        pl.DataFrame({"line": lines[1:]}, schema={"line": pl.String})
        .with_row_index("n", offset=2)
        .filter(~pl.col("line").str.contains(BLANK_LINE))
        .with_columns(parts=pl.col("line").str.split(","))
        .with_columns(count=pl.col("parts").list.len())
    )
    pending: Pending = []
    ragged = frame.filter(pl.col("count") != width)
    for n, given in zip(ragged["n"].to_list(), ragged["count"].to_list(), strict=True):
        pending.append((n, 0, f"row {n}", "", f"has {given} values but the header has {width} columns", ""))
    cells = frame.filter(pl.col("count") == width).select(
        "n",
        *(pl.col("parts").list.get(pos).str.strip_chars().alias(f"c{i}") for i, (_, pos) in enumerate(spec)),
    )
    typed = cells.select("n", *(e for i, (col, _) in enumerate(spec) for e in _typed(col, f"c{i}")))
    numbers, child = typed["n"].to_list(), cells["c0"].to_list()
    for i, (col, _) in enumerate(spec):
        for flag, say in (("blank", _blank), ("unknown", _unknown)):
            if f"c{i}_{flag}" in typed.columns:
                _flagged(typed[f"c{i}_{flag}"], cells[f"c{i}"], i, col, numbers, child, say, pending)
    columns = [typed[f"c{i}"].to_list() for i in range(len(spec))]
    for i, (col, _) in enumerate(spec):
        if col.kind == "date":
            fixed = _slow_dates(
                columns[i], cells[f"c{i}"], typed[f"c{i}_slow"], i, col, numbers, child, pending
            )
            if fixed:
                typed = typed.with_columns(
                    typed[f"c{i}"].scatter(list(fixed), list(fixed.values())).alias(f"c{i}")
                )
    fields = [col.field for col, _ in spec]
    problems: Pending = []
    kept = []
    for n, values in zip(numbers, zip(*columns, strict=True), strict=True):
        recorded = False
        if values[0]:
            row_out: Collector = _Deferred(out.file, n, problems)  # type: ignore[assignment]
            recorded = record(table, f"row {n}", dict(zip(fields, values, strict=True)), data, row_out)
        kept.append(recorded)
    for _, _, where, field_name, message, child_id in sorted(pending + problems):
        out.error(where, field_name, message, child_id)
    return len(frame), _frame_of(table, typed.filter(pl.Series(kept, dtype=pl.Boolean)), fields, out.file)


def _frame_of(table: str, typed: pl.DataFrame, fields: list[str], file: str) -> pl.DataFrame:
    """The recorded rows as the rules' table: the fields as the records have them (a Header row
    as `_record` makes the child's person), and each row's place (`_file`, `_where`, `_child`)."""
    frame = typed.select(
        pl.lit(file).alias("_file"),
        pl.format("row {}", "n").alias("_where"),
        pl.col("c0").alias("_child"),
        *(pl.col(f"c{i}").alias(name) for i, name in enumerate(fields)),
    )
    if table != "Header":
        return frame
    upper = pl.col("upn").str.to_uppercase()
    unknown = upper.str.contains(UPN_UNKNOWN.pattern)
    return frame.with_columns(
        pl.col("sex").replace_strict(SEX_903, default="U", return_dtype=pl.String),
        pl.when(unknown).then(pl.lit("")).otherwise(pl.col("upn")).alias("upn"),
        pl.when(unknown).then(upper.replace(UN_FROM_903)).otherwise(pl.lit("")).alias("upn_unknown"),
    )


class _Deferred:
    """Stands in for the Collector while rows are recorded, so their problems sort among the
    columns' (each after its own row's)."""

    def __init__(self, file: str, n: int, problems: Pending) -> None:
        self.file, self.n, self.problems = file, n, problems

    def error(self, where: str, field_name: str, message: str, child: str = "") -> None:
        self.problems.append((self.n, 1_000 + len(self.problems), where, field_name, message, child))


def _typed(col: Column, name: str) -> list[pl.Expr]:
    """The column's values as the row reader's `_parse` gives them, and flags for its problems:
    a required value blank, an unknown code, a date polars did not read (`_slow_dates`)."""
    cell = pl.col(name)
    exprs = [(cell == "").alias(f"{name}_blank")] if col.required else []
    if col.kind == "code":
        code = cell.str.to_uppercase()
        unknown = (cell != "") & ~code.is_in(sorted(col.allowed))
        return [code.alias(name), *exprs, unknown.alias(f"{name}_unknown")]
    if col.kind == "date":
        (shape_a, fmt_a), (shape_b, fmt_b) = SHAPES
        parsed = (
            pl.when(cell.str.contains(shape_a))
            .then(cell.str.to_date(fmt_a, strict=False))
            .when(cell.str.contains(shape_b))
            .then(cell.str.to_date(fmt_b, strict=False))
        )
        parsed = pl.when(parsed.dt.year() >= 1).then(parsed)
        return [parsed.alias(name), *exprs, ((cell != "") & parsed.is_null()).alias(f"{name}_slow")]
    return [cell, *exprs]


def _blank(_value: str) -> str:
    return "is blank"


def _unknown(value: str) -> str:
    return f"unknown code {value!r}"


def _flagged(flags: pl.Series, cells: pl.Series, i, col, numbers, child, say, pending: Pending) -> None:
    for index in flags.arg_true().to_list():
        n = numbers[index]
        pending.append((n, 1 + i, f"row {n}", col.name, say(cells[index]), child[index]))


def _slow_dates(
    values: list, cells: pl.Series, slow: pl.Series, i, col, numbers, child, pending: Pending
) -> dict:
    """A date in neither usual shape, or one that does not exist, the row reader's way; returns
    those it read, by index."""
    fixed = {}
    for index in slow.arg_true().to_list():
        value = cells[index]
        try:
            values[index] = fixed[index] = parse_date(value, DATES)
        except ValueError:
            n = numbers[index]
            pending.append(
                (n, 1 + i, f"row {n}", col.name, f"{value!r} is not a date (dd/mm/yyyy)", child[index])
            )
    return fixed


def table_frames(frames: list[tuple[str, pl.DataFrame]], data: ReturnData) -> dict[str, pl.DataFrame]:
    """Each table's recorded rows from every file, in the order the rules' rows come in
    (`rules.tables.table_rows`: by child as first read, then as read)."""
    order = {child_id: i for i, child_id in enumerate(data.children)}
    by_table: dict[str, list[pl.DataFrame]] = {}
    for table, frame in frames:
        by_table.setdefault(table, []).append(frame)
    out = {}
    for table, parts in by_table.items():
        frame = pl.concat(parts, how="vertical_relaxed") if len(parts) > 1 else parts[0]
        rank = pl.col("_child").replace_strict(order, return_dtype=pl.Int64)
        out[table] = frame.sort(rank, maintain_order=True)
    return out
