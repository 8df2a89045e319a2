"""What every `sightline` subcommand module shares: Django set-up, the migrated check, argument types.

The registry of subcommands is `sightline.cli` (each app's `cli.py` has `register(subparsers)`
and is listed in `cli.EXTENSIONS`); the app modules import this module, never `sightline.cli`,
so the command line has no import cycle.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

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
