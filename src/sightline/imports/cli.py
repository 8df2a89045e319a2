"""`sightline import`, `sightline export`, `sightline validate`."""

from __future__ import annotations

import argparse
import sys

from sightline.commands import date_argument, year_argument


def _megabytes(text: str) -> int:
    return int(float(text) * 1024 * 1024)


def cmd_import(args: argparse.Namespace) -> int:
    from sightline.commands import require_migrated, setup_django

    setup_django()
    require_migrated()
    from sightline.imports.services import ImportRejectedError, import_files
    from sightline.imports.ssd_import import is_ssd_extract

    if args.ssd_database is not None:
        return _import_ssd(args)
    if not args.files:
        print("sightline import: name the files to import, or --ssd-database", file=sys.stderr)
        return 2
    if args.delta or is_ssd_extract(args.files):
        return _import_ssd(args)
    try:
        runs = import_files(
            args.files,
            year=args.year,
            skip_bad_children=args.skip_bad_children,
            max_bytes=args.max_size,
            reference_date=args.reference_date,
        )
    except ImportRejectedError as error:
        print(f"sightline import: {error}", file=sys.stderr)
        return 2
    for run in runs:
        year = run.collection_year
        print(
            f"{run.get_kind_display()} for collection year {year - 1}-{year % 100:02d} from "
            f"{run.file_names.replace(chr(10), ', ')}: {run.children:,} children; {run.added:,} added, "
            f"{run.updated:,} updated, {run.unchanged:,} unchanged [{run.get_status_display()}]"
        )
        if run.children_skipped:
            print(f"  {run.children_skipped:,} children left out for their errors (listed below)")
        for warning in run.warnings[:20]:
            print(f"  warning: {warning}")
        if run.warning_count > 20:
            print(f"  ... and {run.warning_count - 20:,} more warnings (see the import run in the admin)")
    return 0


def _ssd_source(args: argparse.Namespace):
    """The extract to read: the files given, or the schema of the council's SSD database (the
    address from --ssd-database or the SIGHTLINE_SSD_DATABASE_URL setting, never printed whole)."""
    from sightline.imports.ssd_import import import_ssd, import_ssd_database

    if args.ssd_database is None:
        return lambda: import_ssd(args.files, full=not args.delta)
    from django.conf import settings

    url = args.ssd_database or settings.SIGHTLINE_SSD_DATABASE_URL
    if not url:
        return None
    schema = args.ssd_schema or settings.SIGHTLINE_SSD_SCHEMA
    return lambda: import_ssd_database(url, schema, full=not args.delta)


def _import_ssd(args: argparse.Namespace) -> int:
    from sightline.imports.services import ImportRejectedError

    source = _ssd_source(args)
    if source is None:
        print(
            "sightline import: --ssd-database needs the database's address, or the setting "
            "SIGHTLINE_SSD_DATABASE_URL",
            file=sys.stderr,
        )
        return 2
    if args.files and args.ssd_database is not None:
        print("sightline import: give files or --ssd-database, not both", file=sys.stderr)
        return 2
    try:
        run = source()
    except ImportRejectedError as error:
        print(f"sightline import: SSD extract {error}", file=sys.stderr)
        return 2
    deleted = sum(c.get("deleted", 0) for c in run.counts.values())
    print(
        f"SSD extract ({'delta' if args.delta else 'full'}): {run.children:,} people; "
        f"{run.added:,} added, {run.updated - deleted:,} updated, {deleted:,} deleted, "
        f"{run.unchanged:,} unchanged [{run.get_status_display()}]"
    )
    for table, counts in run.counts.items():
        changed = {k: v for k, v in counts.items() if k != "unchanged"}
        if changed:
            print(f"  {table}: " + ", ".join(f"{v:,} {k}" for k, v in changed.items()))
    if not args.no_validate:
        from sightline.imports.standing import after_refresh

        checked = after_refresh(run)
        if checked is None:
            print("  validation errors not checked: the DfE validators are not installed", file=sys.stderr)
        else:
            print(
                f"  validation: {checked['children']:,} children checked; {checked['new']:,} new errors, "
                f"{checked['fixed']:,} fixed"
            )
    return 0


def _synthetic() -> bool:
    from sightline.records.models import Council

    return Council.objects.filter(synthetic_seed__isnull=False).exists()


def cmd_export(args: argparse.Namespace) -> int:
    from sightline.commands import require_migrated, setup_django

    setup_django()
    require_migrated()
    from sightline.imports import services

    if args.collection == "ssd":
        from sightline.imports.ssd_export import export_ssd

        if args.advance_days and not _synthetic():
            print("sightline export: --advance-days is for the synthetic demo council only", file=sys.stderr)
            return 2
        written = export_ssd(args.out, advance_days=args.advance_days)
        print(f"wrote {len(written)} SSD tables to {args.out}")
        return 0
    if args.year is None:
        print("sightline export: --year is needed for cin, 903 and annex-a", file=sys.stderr)
        return 2
    if args.reference_date and args.collection != "annex-a":
        print("sightline export: --reference-date is for annex-a only", file=sys.stderr)
        return 2
    if args.collection == "cin":
        written = [services.export_cin(args.year, args.out)]
    elif args.collection == "903":
        written = services.export_903(args.year, args.out)
    else:
        written = [services.export_annex_a(args.year, args.out, args.reference_date)]
    for path in written:
        print(f"wrote {path}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0: validated, no rule hit; 1: rule hits; 2: a file could not be read or validated."""
    from sightline.imports.validation import validate_files, write_report
    from sightline.returns.common import ReturnFileError
    from sightline.returns.validators import ValidatorsUnavailableError

    try:
        report = validate_files(args.files, year=args.year)
    except (ReturnFileError, ValidatorsUnavailableError) as error:
        print(f"sightline validate: {error}", file=sys.stderr)
        return 2
    for problem in report.not_validated:
        print(f"sightline validate: {problem}", file=sys.stderr)
    if not report.results:
        return 2
    print(report.summary())
    if args.out:
        write_report(report, args.out)
        print(f"wrote {args.out}")
    if report.not_validated:
        return 2
    return 1 if report.by_rule() else 0


def cmd_import_rules(args: argparse.Namespace) -> int:
    from sightline.cli import setup_django

    setup_django()
    from pathlib import Path

    from sightline.imports.rules.docs import render

    path = Path(args.out)
    text = render()
    if args.check:
        if not path.is_file() or path.read_text() != text:
            print(
                f"sightline import-rules: {path} is out of date; run `sightline import-rules`",
                file=sys.stderr,
            )
            return 1
        print(f"{path} is up to date")
        return 0
    path.write_text(text)
    print(f"wrote {path}")
    return 0


def register(sub) -> None:
    """Add this app's subcommands to the `sightline` parser."""
    imp = sub.add_parser("import", help="import CIN census XML, SSDA903 CSV/XML or Annex A files")
    imp.add_argument(
        "files",
        nargs="*",
        help="the files (all CSVs together form one SSDA903 set), or a directory holding an SSD extract",
    )
    imp.add_argument(
        "--ssd-database",
        nargs="?",
        const="",
        metavar="URL",
        help="read the SSD tables from the council's PostgreSQL database instead of files (the address, "
        "e.g. postgresql://reader@host/reporting; default: the SIGHTLINE_SSD_DATABASE_URL setting)",
    )
    imp.add_argument(
        "--ssd-schema",
        metavar="SCHEMA",
        help="with --ssd-database: the schema holding the SSD tables "
        "(default: the SIGHTLINE_SSD_SCHEMA setting, or public)",
    )
    imp.add_argument(
        "--no-validate",
        action="store_true",
        help="SSD extract: do not check the changed children against the DfE validation rules",
    )
    imp.add_argument(
        "--delta",
        action="store_true",
        help="SSD extract of changed rows only: add and update, delete nothing (default: a full extract)",
    )
    imp.add_argument(
        "--year", type=year_argument, help="collection year, e.g. 2026 for 2025-26 (default: from the data)"
    )
    imp.add_argument(
        "--skip-bad-children",
        action="store_true",
        help="import the children without errors and report the others (default: reject the whole file)",
    )
    imp.add_argument(
        "--max-size",
        type=_megabytes,
        default=100 * 1024 * 1024,
        metavar="MB",
        help="refuse files larger than this many MB (default 100)",
    )
    imp.add_argument(
        "--reference-date",
        type=date_argument,
        help="the day an Annex A was taken (default: the collection year's end, 31 March)",
    )
    imp.set_defaults(func=cmd_import)

    exp = sub.add_parser(
        "export", help="write a return from the records for a collection year, or the records as SSD tables"
    )
    exp.add_argument("collection", choices=["cin", "903", "annex-a", "ssd"])
    exp.add_argument(
        "--year", type=year_argument, help="collection year, e.g. 2026 for 2025-26 (not for ssd)"
    )
    exp.add_argument(
        "--out", required=True, help="file (cin: .xml; annex-a: .xlsx) or directory (903 CSVs, SSD tables)"
    )
    exp.add_argument(
        "--reference-date",
        type=date_argument,
        help="annex-a only: the day the lists are taken at (default: the collection year's end)",
    )
    exp.add_argument(
        "--advance-days",
        type=int,
        default=0,
        metavar="N",
        help="ssd only, the synthetic demo council only: the extract as it will be N days on "
        "(a few dozen children changed a day), to import as the next day's refresh",
    )
    exp.set_defaults(func=cmd_export)

    val = sub.add_parser("validate", help="run the DfE validators (csc-validator-be-cin/-903) on files")
    val.add_argument("files", nargs="+")
    val.add_argument("--year", type=year_argument, help="collection year (default: from the data)")
    val.add_argument("--out", help="write the issues per child and rule to this .csv or .xlsx")
    val.set_defaults(func=cmd_validate)

    rules = sub.add_parser("import-rules", help="write docs/import-rules.md from the import rules")
    rules.add_argument("--out", default="docs/import-rules.md")
    rules.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    rules.set_defaults(func=cmd_import_rules)
