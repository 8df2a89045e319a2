"""The audit pages' tables through the one GOV.UK table: an analysis table's row headers, dashes
and suppressed counts; the register's links and dashes; a partner's list without the grade."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.template.loader import render_to_string

from sightline.audits import tables
from sightline.audits.analysis import Table
from sightline.domain.dates import long_date


def _analysis(table: Table) -> str:
    return render_to_string("audits/_table.html", {"source": table, "table": tables.analysis(table)})


def test_an_analysis_table_keeps_its_id_row_headers_and_says_what_is_missing_or_suppressed():
    table = Table("by-quarter", "Grades by quarter", ["Quarter", "Audits", "Good or better"])
    table.rows = [["2025-Q4", 12, None], ["2026-Q1", "1-5 (suppressed)", "suppressed"]]
    html = _analysis(table)
    assert 'id="table-by-quarter"' in html and '<h2 class="govuk-heading-m" id="by-quarter">' in html
    assert '<th scope="row" class="govuk-table__header">2025-Q4</th>' in html
    assert '<td class="govuk-table__cell">12</td><td class="govuk-table__cell">\N{EN DASH}</td>' in html
    assert html.count("1-5 (suppressed)") == 1 and html.count(">suppressed<") == 1
    assert tables.analysis(table).cells[1][0]["header"] is True


def test_an_empty_analysis_table_says_there_is_no_data_yet():
    html = _analysis(Table("none", "Nothing", ["Quarter"]))
    assert "No data yet." in html and "<table" not in html


def test_the_actions_register_links_the_child_to_the_audits_actions_and_dashes_a_date_not_yet_there():
    action = SimpleNamespace(audit_id=7)
    cells = (
        "Ring the school",
        "C100",
        "",
        "A Worker",
        dt.date(2026, 3, 3),
        dt.date(2026, 4, 1),
        "Open",
        None,
    )
    table = tables.actions(
        [(action, cells)], ["Action", "Child", "Team", "Owner", "Raised", "Due", "Status", "Closed"]
    )
    html = render_to_string("web/_table.html", {"table": table})
    assert '<a class="govuk-link" href="/audits/7/#actions">C100</a>' in html
    # A blank team stays blank; only the missing closing date is a dash.
    assert [cell["text"] for cell in table.cells[0][2:]] == [
        "",
        "A Worker",
        long_date(dt.date(2026, 3, 3)),
        long_date(dt.date(2026, 4, 1)),
        "Open",
        "\N{EN DASH}",
    ]


def test_a_partner_agency_sees_finalised_audits_without_the_child_or_the_grade():
    audit = SimpleNamespace(
        pk=3,
        child=SimpleNamespace(la_child_id="C9"),
        tool_version=SimpleNamespace(tool=SimpleNamespace(name="Case file audit")),
        audit_date=dt.date(2026, 2, 1),
        auditor_name="An Auditor",
        grade_shown="Good",
    )
    partner = tables.finalised([audit], partner=True)
    assert [c.label for c in partner.columns] == ["Audit", "Tool", "Date", "Auditor"]
    assert partner.cells[0][0]["text"] == "Audit 3"
    council = tables.finalised([audit], partner=False)
    assert council.cells[0][0]["text"] == "Audit 3 of C9" and council.cells[0][4]["text"] == "Good"


def _action(pk: int, status: str, closed_on=None):
    return SimpleNamespace(
        pk=pk,
        description=f"Action {pk}",
        owner_name="A Worker",
        due_date=dt.date(2026, 4, 1),
        status=status,
        closed_on=closed_on,
        get_status_display=lambda: status.capitalize(),
    )


def test_an_open_action_is_closed_from_its_row_saying_what_was_done_and_a_closed_one_is_not():
    actions = [_action(7, "open"), _action(8, "closed", dt.date(2026, 3, 3))]
    table = tables.audit_actions(
        actions, True, lambda a: f"/plan/add/?source_id={a.pk}" if a.pk == 7 else None
    )
    html = render_to_string("web/_table.html", {"table": table})
    open_row, closed_row = html.split('<tr class="govuk-table__row">')[2:]
    assert '<form method="post" action="/audits/actions/7/close/"' in open_row
    assert '<label class="govuk-label" for="close-7">What was done</label>' in open_row
    assert 'name="note"' in open_row and 'id="close-7"' in open_row
    assert '>Close<span class="govuk-visually-hidden"> Action 7</span></button>' in open_row
    assert '<a class="govuk-link" href="/plan/add/?source_id=7">Raise a plan action</a>' in open_row
    assert f"Closed {long_date(dt.date(2026, 3, 3))}" in closed_row
    assert "<form" not in closed_row and "Raise" not in closed_row
    # Someone who may not close it sees the status alone.
    assert "<form" not in render_to_string(
        "web/_table.html", {"table": tables.audit_actions(actions, False, lambda a: None)}
    )
