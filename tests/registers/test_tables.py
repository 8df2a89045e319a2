"""A register row's change history through the one table include: each field's change in words."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils import timezone

from sightline.registers.models import ChangeRecord
from sightline.registers.tables import history


def test_each_change_names_its_field_from_what_to_what_long_values_cut_short():
    at = timezone.make_aware(dt.datetime(2026, 3, 3, 14, 5))
    entries = [
        ChangeRecord(
            changed_at=at,
            username="pat",
            action=ChangeRecord.Action.CHANGED,
            summary="limit raised",
            changes=[
                {"field": "Caseload limit", "old": "18", "new": "20"},
                {"field": "Notes", "old": "", "new": "x" * 100},
                {"field": "Manager", "old": "Sam <Jones>", "new": ""},
            ],
        ),
        ChangeRecord(changed_at=at, username="sam", action=ChangeRecord.Action.CREATED),
    ]
    table = history(entries, "team")
    html = render_to_string("web/_table.html", {"table": table})
    assert table.caption == "Who changed this team, when, and from what to what"
    assert '<table class="govuk-table" id="history-table">' in html
    assert (
        '<td class="govuk-table__cell">3 March 2026 at 2:05pm</td>'
        '<td class="govuk-table__cell">pat</td>' in html
    )
    assert '<td class="govuk-table__cell">Changed: limit raised</td>' in html
    assert "<li><strong>Caseload limit</strong> from \u201c18\u201d to \u201c20\u201d</li>" in html
    assert f"<li><strong>Notes</strong> to \u201c{'x' * 79}\u2026\u201d</li>" in html
    assert "<li><strong>Manager</strong> from \u201cSam &lt;Jones&gt;\u201d to (blank)</li>" in html
    # A row added with nothing changed: its action, and an empty changes cell.
    assert '<td class="govuk-table__cell">Added</td><td class="govuk-table__cell"></td>' in html
