"""An analysis table through the one GOV.UK table: row headers, dashes, suppressed counts said."""

from __future__ import annotations

from django.template.loader import render_to_string

from sightline.audits.analysis import Table
from sightline.audits.templatetags.audit_tables import govuk_table


def test_an_analysis_table_keeps_its_id_row_headers_and_says_what_is_missing_or_suppressed():
    table = Table("by-quarter", "Grades by quarter", ["Quarter", "Audits", "Good or better"])
    table.rows = [["2025-Q4", 12, None], ["2026-Q1", "1-5 (suppressed)", "suppressed"]]
    html = render_to_string("audits/_table.html", {"table": table})
    assert 'id="table-by-quarter"' in html and '<h2 class="govuk-heading-m" id="by-quarter">' in html
    assert '<th scope="row" class="govuk-table__header">2025-Q4</th>' in html
    assert '<td class="govuk-table__cell">12</td><td class="govuk-table__cell">\N{EN DASH}</td>' in html
    assert html.count("1-5 (suppressed)") == 1 and html.count(">suppressed<") == 1
    assert govuk_table(table).cells[1][0]["header"] is True


def test_an_empty_analysis_table_says_there_is_no_data_yet():
    html = render_to_string("audits/_table.html", {"table": Table("none", "Nothing", ["Quarter"])})
    assert "No data yet." in html and "<table" not in html
