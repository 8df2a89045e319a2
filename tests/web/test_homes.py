"""The home dashboard's council view: each headline figure beside the period before, in words,
and the council's statistical neighbours when it names them.

The figures expected are counted here from the records (the ORM), not taken from the engine.
"""

from __future__ import annotations

import html
import re

import pytest

from sightline.accounts.roles import Role
from sightline.indicators.periods import Period
from sightline.records.models import CINEpisode, Contact
from sightline.web.selectors import as_at

pytestmark = pytest.mark.django_db


def _expected(now: int, before: int, month: Period) -> str:
    """The words for a count with no better or worse, worked out from the two counts."""
    said = f"{before:,} in {month.start:%B %Y}"
    if now == before:
        return f"No change from {said}"
    if abs(now - before) < 0.02 * before:
        return f"Much the same as {said}"
    return f"{'Up' if now > before else 'Down'} from {said}"


def _row(page: str, indicator_id: str) -> str:
    found = re.search(rf'href="/indicators/{indicator_id}/\?period=month">.*?</tr>', page, re.S)
    assert found is not None, f"no row for {indicator_id}"
    return html.unescape(found.group(0))


def test_home_says_how_each_headline_figure_moved_since_the_month_before(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    page = client.get("/").content.decode()
    month = Period.month(as_at())
    before = month.previous()
    counts = [
        CINEpisode.objects.filter(cin_referral_date__range=(p.start, p.end)).count() for p in (month, before)
    ]
    row = _row(page, "referrals")
    assert _expected(*counts, before) in row
    assert "Better" not in row and "Worse" not in row  # referrals are neither
    assert page.count("Direction of travel") >= 10


def test_a_drill_down_headline_says_how_it_moved(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    month = Period.month(as_at())
    counts = [
        Contact.objects.filter(contact_date__range=(p.start, p.end)).count()
        for p in (month, month.previous())
    ]
    page = client.get("/indicators/contacts/?period=month").content.decode()
    said = html.unescape(re.search(r'<p class="govuk-body" id="direction">(.*?)</p>', page, re.S).group(1))
    assert _expected(*counts, month.previous()) in said
    if "Up from" in said or "Down from" in said:  # an arrow is decoration beside the words, unread
        assert '<span aria-hidden="true">' in said


def test_elected_members_are_not_told_of_a_move_in_a_suppressed_figure(council):
    from sightline.accounts.roles import Viewer
    from sightline.performance import selectors as perf
    from sightline.web.indicators import compared

    month = Period.month(as_at())
    small = [
        (perf.definition(d["id"]), r)
        for d in perf.definitions()
        if d["unit"] == "count"
        for r in perf.breakdown(d["id"], month, "team")
        if r.value is not None and 1 <= r.value <= 5
    ]
    assert small, "the test council has no team-level count of 1 to 5 this month"
    definition, result = small[0]
    member = compared(definition, month, Viewer(role=Role.ELECTED_MEMBER), "team", result.unit_id)
    staff = compared(definition, month, Viewer(role=Role.DIRECTOR), "team", result.unit_id)
    assert member["suppressed"] and member["travel"].verdict == "not compared"
    assert "too few to show" in member["travel"].text
    assert not staff["suppressed"] and "too few to show" not in staff["travel"].text


def test_statistical_neighbours_named_by_the_council_are_beside_england_on_the_home(signed_in):
    from sightline.indicators.benchmarks import AREA_CODES, latest
    from sightline.performance import selectors as perf
    from sightline.performance import services

    code, area = next(iter(AREA_CODES.items()))
    client, user = signed_in(Role.ADMINISTRATOR)
    before = client.get("/").content.decode()
    assert "Statistical neighbours" not in before
    services.change_standard(user, "statistical_neighbours", code)
    page = html.unescape(client.get("/").content.decode())
    assert "Statistical neighbours" in page
    compared = [
        d
        for kpq in perf.kpqs()
        for d in map(perf.definition, kpq["headline"])
        if latest(d["benchmark"], area)
    ]
    assert compared, "no headline indicator has a published figure for the neighbour"
    row = _row(page, compared[0]["id"])
    assert f"{area.title()} " in row and latest(compared[0]["benchmark"], area)["year"] in row
