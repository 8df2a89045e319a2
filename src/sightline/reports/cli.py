"""`sightline report quality-of-practice --quarter 2025-Q4 --out FILE.pdf` and
`sightline report clinic --month 2026-03 --level team|service|council [--unit ID] --out FILE.pdf`.

The file's format follows its name (.pdf, .xlsx, .csv or .html); `--committee` builds the version for
elected members, small numbers suppressed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sightline.commands import require_migrated, setup_django

SUFFIXES = {".pdf": "pdf", ".xlsx": "xlsx", ".csv": "csv", ".html": "html"}


def cmd_report(args: argparse.Namespace) -> int:
    out = Path(args.out)
    fmt = SUFFIXES.get(out.suffix.lower())
    if fmt is None:
        print(
            f"sightline report: the output file ends .pdf, .xlsx, .csv or .html, not {out.name!r}.",
            file=sys.stderr,
        )
        return 2
    setup_django()
    require_migrated()
    from .assembly import ReportError
    from .services import build_file

    params = {
        "report": args.report,
        "quarter": getattr(args, "quarter", None),
        "month": getattr(args, "month", None),
        "level": getattr(args, "level", None),
        "unit": getattr(args, "unit", None),
        "committee": args.committee,
        "format": fmt,
        "generated_by": "the sightline report command",
    }
    try:
        built = build_file(params)
        out.write_bytes(built.content)
    except ReportError as error:
        print(f"sightline report: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"sightline report: cannot write {out.name}: {error.strerror}", file=sys.stderr)
        return 2
    print(f"Wrote {built.title} to {out} ({len(built.content):,} bytes).")
    return 0


def register(subparsers) -> None:
    report = subparsers.add_parser("report", help="build the Quality of Practice report or a clinic pack")
    kinds = report.add_subparsers(dest="report", required=True, metavar="REPORT")
    qop = kinds.add_parser("quality-of-practice", help="the quarterly Quality of Practice report")
    qop.add_argument("--quarter", help="as 2025-Q4 (October to December 2025); default the last one ended")
    clinic = kinds.add_parser("clinic", help="a month's performance clinic pack")
    clinic.add_argument("--month", help="as 2026-03; default the records' last month")
    clinic.add_argument("--level", choices=["team", "service", "council"], default="council")
    clinic.add_argument("--unit", type=int, help="the team's or service's id (for team and service packs)")
    for parser in (qop, clinic):
        parser.add_argument(
            "--out",
            required=True,
            help="the file to write: .pdf, .xlsx (its tables), .csv (every figure) or .html",
        )
        parser.add_argument(
            "--committee",
            action="store_true",
            help="the version for elected members (small numbers suppressed)",
        )
        parser.set_defaults(func=cmd_report)
