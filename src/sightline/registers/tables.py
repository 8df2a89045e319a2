"""The register pages' own tables, declared as columns and rows (web/tables.py)."""

from __future__ import annotations

from django.utils.text import Truncator

from sightline.web.tables import Cell, Item, Table, columns

SHOWN_CHARS = 80  # a long old or new value is cut short; the record itself holds it whole


def _quoted(value) -> str:
    return f"\u201c{Truncator(value).chars(SHOWN_CHARS)}\u201d"


def _change(change: dict) -> Item:
    """`Field` from "old" to "new" (or to (blank))."""
    before = f" from {_quoted(change['old'])}" if change.get("old") else ""
    after = _quoted(change["new"]) if change.get("new") else "(blank)"
    return Item(f"{before} to {after}", lead=change["field"])


def _what(entry) -> str:
    action = entry.get_action_display()
    return f"{action}: {entry.summary}" if entry.summary else action


def history(entries, noun: str) -> Table:
    """Who changed a register's row, when, and each field from what to what, newest first."""
    return Table(
        f"Who changed this {noun}, when, and from what to what",
        columns("When", "Who", "What", "Changes"),
        [
            (
                entry.changed_at,
                entry.username,
                _what(entry),
                Cell(items=tuple(_change(c) for c in entry.changes or ())),
            )
            for entry in entries
        ],
        id="history-table",
    )
