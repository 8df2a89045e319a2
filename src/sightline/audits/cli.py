"""`sightline audits summary --quarter 2025-Q4 [--team ID] --format json|table` and
`sightline import-audits FILE.csv|FILE.xlsx`."""

from __future__ import annotations

import argparse
import json
import sys


def cmd_summary(args: argparse.Namespace) -> int:
    from sightline.commands import require_migrated, setup_django

    from .domain.quarters import Quarter

    try:
        quarter = Quarter.parse(args.quarter)
    except ValueError as error:
        print(f"sightline audits summary: {error}", file=sys.stderr)
        return 2
    setup_django()
    require_migrated()
    from . import selectors
    from .domain import analysis as a
    from .domain.agreement import agreement, over_optimism
    from .domain.grades import GRADE_ORDER, GRADES

    rows = selectors.finalised_rows(quarter.start, quarter.end, args.team, answers=False)
    pairs = selectors.moderation_pairs(rows)
    found = agreement(pairs)
    counts = a.distribution(rows, lambda r: "all")
    by_grade = {GRADES[g]: (counts[0].counts[g] if counts else 0) for g in GRADE_ORDER}
    summary = {
        "quarter": quarter.key,
        "team": args.team,
        "audits": len(rows),
        "by_grade": by_grade,
        "good_or_better_pct": a.good_or_better_pct(rows),
        "moderated": found.n,
        "exact_agreement_pct": found.exact_pct,
        "weighted_kappa": round(found.kappa, 3) if found.kappa is not None else None,
        "over_optimism": [
            {"auditor": o.auditor, "moderated": o.n, "mean_difference": o.mean_difference}
            for o in over_optimism(pairs)
        ],
    }
    if args.format == "json":
        print(json.dumps(summary, indent=2))
        return 0
    print(f"Audits finalised in {quarter.label}{f' (team {args.team})' if args.team else ''}: {len(rows)}")
    for grade, count in by_grade.items():
        print(f"  {grade:<22} {count:>5}")
    print(f"  Good or better         {summary['good_or_better_pct'] if rows else '-'}%")
    print(
        f"Moderated: {found.n}; exact agreement {found.exact_pct if found.n else '-'}%; "
        f"weighted kappa {summary['weighted_kappa']}"
    )
    for o in summary["over_optimism"]:
        print(f"  {o['auditor']:<30} {o['moderated']:>3} moderated  {o['mean_difference']:+.2f}")
    return 0


def cmd_import_audits(args: argparse.Namespace) -> int:
    from sightline.commands import import_and_report, require_migrated, setup_django

    setup_django()
    require_migrated()
    from .history import AuditImportError, import_audits

    return import_and_report(
        "import-audits",
        lambda: import_audits(args.file),
        AuditImportError,
        lambda result: f"{result.imported:,} audits imported, {result.moderated:,} of them moderated",
    )


def register(subparsers) -> None:
    imp = subparsers.add_parser(
        "import-audits", help="import a council's audit history from a spreadsheet (CSV or XLSX)"
    )
    imp.add_argument("file", help="one row per audit; the columns are described in docs/audits.md")
    imp.set_defaults(func=cmd_import_audits)

    audits = subparsers.add_parser("audits", help="the audit programme: summaries")
    sub = audits.add_subparsers(dest="audits_command", required=True, metavar="ACTION")
    summary = sub.add_parser("summary", help="a quarter's audits, grades and moderation agreement")
    summary.add_argument("--quarter", required=True, help="as 2025-Q4 (October to December 2025)")
    summary.add_argument("--team", type=int, default=None, help="one team's id")
    summary.add_argument("--format", choices=["json", "table"], default="table")
    summary.set_defaults(func=cmd_summary)
