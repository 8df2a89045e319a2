"""The Returns pages' tables: a job named by what it does, its status as a tag, a validation's
rule hits grouped under each child."""

from __future__ import annotations

from django.template.loader import render_to_string

from sightline.jobs.models import Job
from sightline.web import returns_tables


def test_a_job_is_named_by_what_it_does():
    asked = {"collection": "903", "year": 2026, "reference_date": "2026-03-31"}
    export = Job(kind="export", parameters=asked)
    assert returns_tables.what(export) == "Export: SSDA903 2026 at 2026-03-31"
    annex = Job(kind="export", parameters={"collection": "annex_a", "year": 2026})
    assert returns_tables.what(annex) == "Export: Annex A 2026"
    upload = Job(kind="import", parameters={})
    assert returns_tables.what(upload) == "Import"  # its files uncounted (the job's own page)
    upload.inputs = 2
    assert returns_tables.what(upload) == "Import of 2 files"
    upload.inputs = 1
    assert returns_tables.what(upload) == "Import of 1 file"


def test_a_jobs_status_tag_says_how_it_ended():
    def tag(status, outcome=None):
        shown = returns_tables.status_tag(Job(kind="import", status=status, result={"outcome": outcome}))
        return shown.text, shown.colour

    assert tag("queued") == ("Queued", "grey")
    assert tag("running") == ("Running", "blue")
    assert tag("failed") == ("Failed", "red")
    assert tag("done", "rejected") == ("Rejected", "orange")
    assert tag("done", "unreadable") == ("Unreadable", "orange")
    assert tag("done", "imported") == ("Done", "green")


def test_each_childs_rule_hits_sit_under_the_child_and_a_child_without_hits_is_left_out():
    issue = {"rule_code": "8500", "file": "cin.xml", "table": "Header", "field": "UPN", "row_id": "4"}
    table = returns_tables.child_hits(
        [
            {"child_id": "C1", "issues": [issue, {**issue, "rule_code": "8510"}]},
            {"child_id": "", "issues": [issue]},
            {"child_id": "C3", "issues": []},
        ]
    )
    html = render_to_string("web/_table.html", {"table": table})
    assert '<th scope="rowgroup" rowspan="2" class="govuk-table__header">C1</th>' in html
    assert '<th scope="rowgroup" rowspan="1" class="govuk-table__header">(no child)</th>' in html
    assert "C3" not in html
    assert html.count('<tr class="govuk-table__row">') == 1 + 3  # the header row and one per hit
