"""`sightline indicators`, `sightline drift`, `sightline definitions`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sightline.commands import date_argument
from sightline.domain.sheets import write_csv

LEVELS = ("council", "service", "team", "worker")
BY = ("ethnicity", "ethnicity_minor", "sex", "age", "disability", "uasc")


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
        if args.by:
            return _by_group(wanted, period, args)
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


GROUP_COLUMNS = ["group", "numerator", "denominator", "value", "ci_low", "ci_high", "differs"]


def _by_group(wanted: list[dict], period, args) -> int:
    """`--by`: each indicator's figure per group of children, with its interval and whether it differs."""
    from sightline.performance import inequality

    if args.level != "council" and args.unit is None:
        raise ValueError(f"--by at {args.level} level needs --unit (which {args.level}).")
    rows = []
    for d in wanted:
        result = inequality.breakdown(d["id"], period, args.by, args.level, args.unit)
        if not result.applies:
            print(
                f"sightline indicators: {d['title']} counts workers, not children: no groups.",
                file=sys.stderr,
            )
            continue
        unit = "per 10k" if result.per_population else d["unit"]
        for row in result.rows():
            if args.format != "json":
                row["differs"] = "" if row["differs"] is None else str(row["differs"]).lower()
            rows.append(
                {
                    "id": d["id"],
                    "title": d["title"],
                    "period": period.label,
                    "by": args.by,
                    "unit_of_measure": unit,
                    **row,
                }
            )
    columns = ["id", *GROUP_COLUMNS, "unit_of_measure"]
    if args.format == "table":
        print(f"{period.label} - {args.level} - by {args.by}")
    else:
        columns = ["id", "title", "period", "by", *GROUP_COLUMNS, "p_value", "unit_of_measure"]
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


def cmd_population(args: argparse.Namespace) -> int:
    """Load the council's population estimate (ONS mid-year estimate layout), or show the one held."""
    from sightline.commands import require_migrated, setup_django

    setup_django()
    require_migrated()
    from sightline.indicators.population import PopulationError, read_upload
    from sightline.performance import inequality, services

    if not args.load:
        table = inequality.population()
        if table is None:
            print("No population estimate is held: rates by group need one (sightline population --load).")
            return 0
        print(f"{table.total:,} children aged 0-17 ({inequality.population_source()})")
        _emit(
            [{"group": k, "children": v} for k, v in sorted((table.groups("ethnicity") or {}).items())],
            ["group", "children"],
            "table",
        )
        return 0
    path = Path(args.load)
    try:
        raw = path.read_bytes()
    except OSError as error:
        why = error.strerror or "not readable"
        print(f"sightline population: cannot read {path.name}: {why}", file=sys.stderr)
        return 2
    try:
        table = read_upload(raw, path.name)
    except PopulationError as error:
        for problem in error.problems:
            print(f"sightline population: {problem}", file=sys.stderr)
        return 2
    services.set_population(None, table, args.source or path.name)
    print(f"Loaded {table.total:,} children aged 0-17 from {path.name}.")
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
    ind.add_argument(
        "--by",
        choices=BY,
        help="each figure per group of children: ethnicity (DfE major groups; ethnicity_minor for the "
        "codes), sex, age (DfE bands), disability, uasc; with a 95%% interval and whether it differs",
    )
    ind.add_argument("--format", choices=("table", "json", "csv"), default="table")
    ind.set_defaults(func=cmd_indicators)

    pop = sub.add_parser("population", help="load or show the population estimate used for rates by group")
    pop.add_argument("--load", metavar="CSV", help="a CSV in the ONS mid-year estimate layout with ethnicity")
    pop.add_argument("--source", help="how to cite it (default: the file's name)")
    pop.set_defaults(func=cmd_population)

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
