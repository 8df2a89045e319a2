"""`sightline import-feedback FILE.csv|FILE.xlsx`: complaints from a council's complaints system."""

from __future__ import annotations

import argparse
import sys


def cmd_import_feedback(args: argparse.Namespace) -> int:
    from sightline.commands import require_migrated, setup_django

    setup_django()
    require_migrated()
    from .importing import FeedbackImportError, import_complaints

    try:
        result = import_complaints(args.file)
    except FeedbackImportError as error:
        print(f"sightline import-feedback: rejected, nothing written: {error}", file=sys.stderr)
        return 2
    print(
        f"{result.file}: {result.imported:,} complaint stages imported"
        + (f"; {result.already:,} already in Sightline, left as they were" if result.already else "")
        + (f"; {result.repeated:,} rows repeated in the file, read once" if result.repeated else "")
    )
    for warning in result.warnings[:20]:
        print(f"  warning: {warning}")
    if len(result.warnings) > 20:
        print(f"  ... and {len(result.warnings) - 20:,} more warnings")
    return 0


def register(subparsers) -> None:
    imp = subparsers.add_parser(
        "import-feedback", help="import complaints from a council's complaints system (CSV or XLSX)"
    )
    imp.add_argument(
        "file", help="one row per complaint stage; the columns are described in docs/feedback.md"
    )
    imp.set_defaults(func=cmd_import_feedback)
