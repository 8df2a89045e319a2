"""A clinic's data exceptions through the one table include: the indicator linked at the clinic's
level, a commentary box per row for one who may edit the briefing, the words for anyone else."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string

from sightline.clinics.forms import CommentaryForm
from sightline.clinics.models import Clinic, ClinicException
from sightline.clinics.tables import exceptions


def _found():
    return [
        ClinicException(
            pk=7, indicator_id="cp_visits_in_time", title="CP visits <on time>", value_display="61%"
        ),
        ClinicException(pk=8, title="Audits graded inadequate", commentary="Two re-audits booked."),
    ]


def test_one_who_may_edit_gets_a_labelled_box_per_exception_holding_its_commentary():
    clinic = Clinic(level="team", team_id=4, month=dt.date(2026, 3, 1))
    found = _found()
    html = render_to_string(
        "web/_table.html", {"table": exceptions(clinic, found, CommentaryForm(exceptions=found))}
    )
    assert "Data exceptions, March 2026" in html
    assert '<a class="govuk-link" href="/indicators/cp_visits_in_time/?level=team&amp;unit=4">' in html
    assert (
        '<label class="govuk-label govuk-visually-hidden" for="commentary-7">'
        "Commentary on CP visits &lt;on time&gt;</label>" in html
    )
    assert 'name="commentary-8"' in html and ">\nTwo re-audits booked.</textarea>" in html
    # A figure not given shows a dash.
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">\u2013</td>' in html


def test_anyone_else_reads_the_commentary_and_the_council_level_link():
    clinic = Clinic(level="chief_executive", month=dt.date(2026, 3, 1))
    html = render_to_string("web/_table.html", {"table": exceptions(clinic, _found())})
    assert "<textarea" not in html and "Two re-audits booked.</td>" in html
    assert 'href="/indicators/cp_visits_in_time/?level=council"' in html
    assert '<th scope="row" class="govuk-table__header">Audits graded inadequate</th>' in html
