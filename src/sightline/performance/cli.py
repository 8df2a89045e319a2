"""`sightline indicators`, `sightline drift`, `sightline definitions`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sightline.commands import date_argument
from sightline.domain.sheets import write_csv

LEVELS = ("council", "service", "team", "worker")


def _emit(rows: list[dict], columns: list[str], fmt: str) -> None:
    if fmt == "json":
        print(json.dumps(rows, default=str, indent=1))
        return
    if fmt == "csv":
        write_csv(sys.stdout, columns, ([r.get(c) for c in columns] for r in rows), "\n")
        return
    widths = {c: max([len(c)] + [len(_text(r.get(c))) for r in rows]) for c in columns}
    print("  ".join(c.ljust(widths[c]) for c in columns))
    for r in rows:
        print("  ".join(_text(r.get(c)).ljust(widths[c]) for c in columns))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def cmd_indicators(args: argparse.Namespace) -> int:
    from sightline.commands import require_migrated, setup_django

    setup_django()
    require_migrated()
    from sightline.indicators import ratings
    from sightline.indicators.periods import Period
    from sightline.performance import selectors
    from sightline.performance.loader import NoCouncilError

    try:
        reference = selectors.reference_date()
        period = Period.parse(args.period, reference)
        wanted = [d for d in selectors.definitions() if _wanted(d, args)]
        if args.indicator and not wanted:
            raise KeyError(f"There is no indicator {args.indicator!r} (see `sightline definitions --list`).")
        rows = []
        minimum = selectors.local_standards().min_denominator_to_rate
        for d in wanted:
            if args.level == "council" or args.unit is not None:
                results = [selectors.value(d["id"], period, args.level, args.unit)]
            else:
                results = selectors.breakdown(d["id"], period, args.level)
            for r in results:
                rows.append(
                    {
                        "kpq": d["kpq"],
                        "id": d["id"],
                        "title": d["title"],
                        "period": period.label,
                        "level": args.level,
                        "area": r.unit_name,
                        "unit_id": r.unit_id,
                        "value": r.value,
                        "unit_of_measure": d["unit"],
                        "numerator": r.numerator,
                        "denominator": r.denominator,
                        "target": r.target,
                        "rating": ratings.label(
                            ratings.rating(r.rag, r.denominator, minimum, d["aggregate"])
                        ),
                        "england": (r.benchmark or {}).get("value"),
                    }
                )
    except (NoCouncilError, KeyError, ValueError) as error:
        print(f"sightline indicators: {error.args[0] if error.args else error}", file=sys.stderr)
        return 2
    columns = [
        "kpq",
        "id",
        "area",
        "value",
        "unit_of_measure",
        "numerator",
        "denominator",
        "target",
        "rating",
        "england",
    ]
    if args.format != "table":
        columns = ["kpq", "id", "title", "period", "level", "unit_id", *columns[2:]]
    else:
        print(f"{period.label} - {args.level}")
    _emit(rows, columns, args.format)
    return 0


def _wanted(d: dict, args) -> bool:
    if args.indicator:
        return d["id"] == args.indicator
    if args.kpq and str(d["kpq"]) != args.kpq:
        return False
    return d["headline"] or args.all


def cmd_drift(args: argparse.Namespace) -> int:
    from sightline.commands import require_migrated, setup_django

    setup_django()
    require_migrated()
    from sightline.performance import selectors
    from sightline.performance.loader import NoCouncilError

    try:
        rows = selectors.drift(args.on, team_id=args.team, worker_id=args.worker, overdue_only=args.overdue)
    except NoCouncilError as error:
        print(f"sightline drift: {error}", file=sys.stderr)
        return 2
    if args.limit:
        rows = rows[: args.limit]
    columns = [
        "la_child_id",
        "kind",
        "detail",
        "due_date",
        "status",
        "days_overdue",
        "last_done",
        "previous",
        "team",
        "worker",
    ]
    if args.format != "table":
        columns = ["child_id", *columns, "team_id", "worker_id"]
    _emit(rows, columns, args.format)
    return 0


def cmd_definitions(args: argparse.Namespace) -> int:
    from sightline.indicators.docs import render

    text = render()
    target = Path(args.output)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run `sightline definitions`.", file=sys.stderr)
            return 1
        print(f"{target} is up to date.")
        return 0
    if args.list:
        from sightline.indicators.definitions import all_definitions

        for d in all_definitions():
            print(f"{d.kpq!s:>17}  {d.id:<36} {d.title}")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {target} ({text.count(chr(10) + '### ')} indicators).")
    return 0


def register(sub) -> None:
    """Add this app's subcommands to the `sightline` parser."""
    ind = sub.add_parser("indicators", help="compute the indicators (headline ones unless --all)")
    ind.add_argument(
        "--period",
        default="month",
        help="month (default: the reference month), year, quarter, YYYY-MM, YYYY-Qn, YYYY-YY (financial "
        "year), rolling[:YYYY-MM], as-at[:YYYY-MM-DD]",
    )
    ind.add_argument("--level", choices=LEVELS, default="council")
    ind.add_argument("--unit", type=int, help="the service, team or worker id (default: every one)")
    ind.add_argument("--kpq", help="only this KPQ (1-10) or cohort")
    ind.add_argument("--indicator", help="only this indicator id")
    ind.add_argument("--all", action="store_true", help="every indicator, not only the headline ones")
    ind.add_argument("--format", choices=("table", "json", "csv"), default="table")
    ind.set_defaults(func=cmd_indicators)

    drift = sub.add_parser("drift", help="next due dates of every open case, most overdue first")
    drift.add_argument("--on", type=date_argument, help="the date (default: the council's reference date)")
    drift.add_argument("--team", type=int, help="team id")
    drift.add_argument("--worker", type=int, help="worker id")
    drift.add_argument("--overdue", action="store_true", help="only overdue items")
    drift.add_argument("--limit", type=int, default=0, help="at most this many rows")
    drift.add_argument("--format", choices=("table", "json", "csv"), default="table")
    drift.set_defaults(func=cmd_drift)

    defs = sub.add_parser("definitions", help="write docs/indicators.md from the indicator definitions")
    defs.add_argument("--output", default="docs/indicators.md")
    defs.add_argument("--check", action="store_true", help="fail if the file differs from the definitions")
    defs.add_argument("--list", action="store_true", help="list the indicators instead")
    defs.set_defaults(func=cmd_definitions)
