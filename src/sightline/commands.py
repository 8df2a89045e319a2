"""What every `sightline` subcommand module shares: Django set-up, the migrated check, argument types,
and the report of a register's history import.

The registry of subcommands is `sightline.cli` (each app's `cli.py` has `register(subparsers)`
and is listed in `cli.EXTENSIONS`); the app modules import this module, never `sightline.cli`,
so the command line has no import cycle.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from sightline.domain.dates import parse_date

DEMO_SETTINGS = "sightline.settings.demo"


def setup_django(settings: str | None = None) -> None:
    """Point Django at the settings (demo unless DJANGO_SETTINGS_MODULE says otherwise) and set it up."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings or DEMO_SETTINGS)
    import django

    django.setup()


def require_migrated() -> None:
    """Stop with a clear message, not a traceback, when the database has migrations to apply."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        sys.exit("sightline: the database is not set up or not up to date: run `sightline migrate` first.")


def date_argument(text: str) -> date:
    """An argparse type: a date as the pages and every command read it (`domain.dates.parse_date`)."""
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def year_argument(text: str) -> int:
    """An argparse type: a collection year, named by the year it ends in."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError("the year is the collection year's end, e.g. 2026 for 2025-26")
    return value


def import_and_report(command: str, run: Callable[[], Any], rejected: type[Exception], counted) -> int:
    """Run a register's history import (`sightline import-audits`, `import-feedback`) and say what it did.

    `run` imports and returns the result (file, already, repeated, warnings); `counted(result)`
    says what was imported. A rejected file writes nothing and exits 2.
    """
    try:
        result = run()
    except rejected as error:
        print(f"sightline {command}: rejected, nothing written: {error}", file=sys.stderr)
        return 2
    print(
        f"{result.file}: {counted(result)}"
        + (f"; {result.already:,} already in Sightline, left as they were" if result.already else "")
        + (f"; {result.repeated:,} rows repeated in the file, read once" if result.repeated else "")
    )
    for warning in result.warnings[:20]:
        print(f"  warning: {warning}")
    if len(result.warnings) > 20:
        print(f"  ... and {len(result.warnings) - 20:,} more warnings")
    return 0
