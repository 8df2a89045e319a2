"""`sightline import-feedback FILE.csv|FILE.xlsx`: complaints from a council's complaints system."""

from __future__ import annotations

import argparse


def cmd_import_feedback(args: argparse.Namespace) -> int:
    from sightline.commands import import_and_report, require_migrated, setup_django

    setup_django()
    require_migrated()
    from .importing import FeedbackImportError, import_complaints

    return import_and_report(
        "import-feedback",
        lambda: import_complaints(args.file),
        FeedbackImportError,
        lambda result: f"{result.imported:,} complaint stages imported",
    )


def register(subparsers) -> None:
    imp = subparsers.add_parser(
        "import-feedback", help="import complaints from a council's complaints system (CSV or XLSX)"
    )
    imp.add_argument(
        "file", help="one row per complaint stage; the columns are described in docs/feedback.md"
    )
    imp.set_defaults(func=cmd_import_feedback)
