"""Refuse overlapping allocations of the same role for one child in the database itself.

PostgreSQL: an exclusion constraint over the allocation's date range (btree_gist).
SQLite: BEFORE INSERT/UPDATE triggers that abort with the same message.
"""

from django.db import migrations

MESSAGE = "Allocation: it overlaps another allocation of the same role for this child."

SQLITE_CHECK = f"""
SELECT RAISE(ABORT, '{MESSAGE}') WHERE EXISTS (
    SELECT 1 FROM workforce_allocation a
    WHERE a.child_id = NEW.child_id AND a.role = NEW.role AND a.id IS NOT NEW.id
      AND (a.end_date IS NULL OR a.end_date >= NEW.start_date)
      AND (NEW.end_date IS NULL OR a.start_date <= NEW.end_date)
);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        schema_editor.execute(
            "ALTER TABLE workforce_allocation ADD CONSTRAINT allocation_no_overlap "
            "EXCLUDE USING gist (child_id WITH =, role WITH =, "
            "daterange(start_date, end_date, '[]') WITH &&)"
        )
    elif schema_editor.connection.vendor == "sqlite":
        for event in ("INSERT", "UPDATE"):
            schema_editor.execute(
                f"CREATE TRIGGER allocation_no_overlap_{event.lower()} BEFORE {event} "
                f"ON workforce_allocation BEGIN {SQLITE_CHECK} END"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE workforce_allocation DROP CONSTRAINT allocation_no_overlap")
    elif schema_editor.connection.vendor == "sqlite":
        for event in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER allocation_no_overlap_{event}")


class Migration(migrations.Migration):
    dependencies = [("workforce", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
