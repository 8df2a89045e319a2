"""`sightline spc FILE.csv|FILE.xlsx [--polarity up|down|neutral] [--target T] [--shift-run 7]
[--screen-outliers] [--rebase DATE=REASON] --format json|table`.

For analysts with a series of their own: a date column and a value column (headed `date` and
`value`, or the first two columns), one row a point. Every problem with the file is named by its
row and column; nothing here needs the database.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date, datetime
from pathlib import Path

from sightline.domain.dates import parse_date

from .engine import ASSURANCE_LABELS, RUN_LENGTHS, VARIATION_LABELS, Rebase, Result, analyse


class FileProblemError(ValueError):
    """A problem with the analyst's file, already located (file, row, column)."""


def read_series(path: Path) -> tuple[list[date], list[float | None]]:
    """Dates and values from a CSV or XLSX file, oldest first as the rows are."""
    rows = _xlsx_rows(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else _csv_rows(path)
    if not rows:
        raise FileProblemError(f"{path.name}: the file is empty")
    date_col, value_col = _columns(path, rows[0])
    dates, values = [], []
    for number, row in enumerate(rows[1:], start=2):
        if all(_blank(cell) for cell in row):
            continue
        cells = list(row) + [None] * 2
        dates.append(_date(path, number, rows[0][date_col], cells[date_col]))
        values.append(_value(path, number, rows[0][value_col], cells[value_col]))
    if not dates:
        raise FileProblemError(f"{path.name}: there are no rows below the headings")
    for index in range(1, len(dates)):
        if dates[index] <= dates[index - 1]:
            raise FileProblemError(
                f"{path.name} row {index + 2}, column {rows[0][date_col]!r}: {dates[index]} is not after the "
                f"row above ({dates[index - 1]}); one row a date, oldest first"
            )
    return dates, values


def _csv_rows(path: Path) -> list[list]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return [row for row in csv.reader(handle)]
    except UnicodeDecodeError:
        raise FileProblemError(f"{path.name}: not a text CSV file (save it as CSV UTF-8 or XLSX)") from None
    except csv.Error as error:
        raise FileProblemError(f"{path.name}: not a readable CSV file ({error})") from None


def _xlsx_rows(path: Path) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise FileProblemError(f"{path.name}: not a readable Excel workbook (.xlsx)") from None
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _columns(path: Path, header: list) -> tuple[int, int]:
    names = [str(cell or "").strip().lower() for cell in header]
    if "date" in names and "value" in names:
        return names.index("date"), names.index("value")
    if len(names) < 2:
        raise FileProblemError(
            f"{path.name} row 1: expected a date column and a value column (headed date, value)"
        )
    return 0, 1


def _date(path: Path, row: int, column, cell) -> date:
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    try:
        return parse_date(str(cell or ""))
    except ValueError as error:
        raise FileProblemError(f"{path.name} row {row}, column {str(column)!r}: {error}") from None


def _value(path: Path, row: int, column, cell) -> float | None:
    if _blank(cell):
        return None
    if isinstance(cell, bool):
        raise FileProblemError(f"{path.name} row {row}, column {str(column)!r}: {cell!r} is not a number")
    try:
        return float(str(cell).strip().replace(",", "").rstrip("%")) if isinstance(cell, str) else float(cell)
    except ValueError:
        raise FileProblemError(
            f"{path.name} row {row}, column {str(column)!r}: {cell!r} is not a number"
        ) from None


def _rebase(text: str) -> Rebase:
    when, _, reason = text.partition("=")
    try:
        on = parse_date(when)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not reason.strip():
        raise argparse.ArgumentTypeError(
            "say why the limits are recalculated: --rebase 2025-04-01='the reason'"
        )
    return Rebase(on, reason.strip())


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def table(result: Result) -> str:
    lines = [f"{'date':<10}  {'value':>10}  {'mean':>10}  {'lower':>10}  {'upper':>10}  signals"]
    for p in result.points:
        lines.append(
            f"{p.date.isoformat():<10}  {_fmt(p.value):>10}  {_fmt(p.mean):>10}  {_fmt(p.lower):>10}  "
            f"{_fmt(p.upper):>10}  {', '.join(p.signals)}"
        )
    lines.append(f"Variation: {VARIATION_LABELS.get(result.variation or '', 'not enough points')}")
    assurance = ASSURANCE_LABELS.get(result.assurance or "")
    lines.append(f"Assurance: {assurance or 'none (no target, or neutral polarity)'}")
    lines.extend(f"Warning: {w}" for w in result.warnings)
    return "\n".join(lines)


def cmd_spc(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        print(f"sightline spc: there is no file {path.name}", file=sys.stderr)
        return 2
    try:
        dates, values = read_series(path)
        result = analyse(
            dates,
            values,
            polarity=args.polarity,
            target=args.target,
            run_length=args.shift_run,
            screen_outliers=args.screen_outliers,
            rebases=args.rebase,
        )
    except ValueError as error:
        print(f"sightline spc: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result.as_dict(), indent=2) if args.format == "json" else table(result))
    return 0


def register(subparsers) -> None:
    spc = subparsers.add_parser(
        "spc", help="statistical process control (Making Data Count XmR) of a series in a CSV or XLSX file"
    )
    spc.add_argument("file", help="a CSV or XLSX file with a date and a value column")
    spc.add_argument(
        "--polarity",
        choices=["up", "down", "neutral"],
        default="neutral",
        help="up: higher is better; down: lower is better",
    )
    spc.add_argument("--target", type=float, default=None, help="the target, for the assurance icon")
    spc.add_argument(
        "--shift-run",
        type=int,
        choices=RUN_LENGTHS,
        default=7,
        help="points in a run that make a shift or a trend (6 or 7)",
    )
    spc.add_argument(
        "--screen-outliers",
        action="store_true",
        help="leave moving ranges over 3.267 times their mean out of the limits",
    )
    spc.add_argument(
        "--rebase",
        type=_rebase,
        action="append",
        default=[],
        metavar="DATE=REASON",
        help="recalculate the limits from this date, for this reason (repeatable)",
    )
    spc.add_argument("--format", choices=["json", "table"], default="table")
    spc.set_defaults(func=cmd_spc)
