"""Statistical process control on the indicator pages: the MDC icons, the XmR table, rebasing.

The contacts series is counted here from the records, month by month, and analysed with the
SPC package directly, so the page's icon must agree with an independent count.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from sightline.accounts.roles import Role
from sightline.domain.dates import long_date
from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.performance.models import SpcRebase
from sightline.records.models import Contact
from sightline.spc import ASSURANCE_LABELS, VARIATION_LABELS, analyse
from sightline.web.selectors import as_at

pytestmark = pytest.mark.django_db


def _months(end: date, count: int) -> list[date]:
    firsts = []
    year, month = end.year, end.month
    for _ in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def test_the_contacts_page_shows_the_variation_of_the_counted_months(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    months = _months(as_at(), 24)
    counts = []
    for first in months:
        period = Period.month(first)
        counts.append(Contact.objects.filter(contact_date__range=(period.start, period.end)).count())
    expected = analyse(months, counts, polarity=perf.definition("contacts")["polarity"])
    page = client.get("/indicators/contacts/").content.decode()
    assert f'aria-label="{VARIATION_LABELS[expected.variation]}"' in page
    assert f"<strong>Variation:</strong> {VARIATION_LABELS[expected.variation]}." in page
    assert 'id="trend-table"' in page and "Process limits" in page


def test_a_polar_indicator_with_a_target_shows_its_assurance(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    definition = next(
        d for d in perf.definitions() if d["polarity"] and d["target"] is not None and d["unit"] == "%"
    )
    points = perf.series(definition["id"], end=as_at(), months=24)
    expected = analyse(
        [m for m, _ in points],
        [r.value for _, r in points],
        polarity=definition["polarity"],
        target=definition["target"],
    )
    page = client.get(f"/indicators/{definition['id']}/").content.decode()
    if expected.variation:
        assert VARIATION_LABELS[expected.variation] in page
    if expected.assurance:
        assert f"<strong>Assurance:</strong> {ASSURANCE_LABELS[expected.assurance]}." in page


def test_an_analyst_recalculates_the_limits_from_a_date_with_a_reason(signed_in):
    client, user = signed_in(Role.PERFORMANCE_ANALYST)
    first = _months(as_at(), 6)[0]
    response = client.post(
        "/indicators/contacts/",
        {
            "starts_on-day": first.day,
            "starts_on-month": first.month,
            "starts_on-year": first.year,
            "reason": "New front door model",
        },
    )
    assert response.status_code == 302
    rebase = SpcRebase.objects.get(indicator_id="contacts")
    assert (rebase.starts_on, rebase.reason, rebase.recorded_by) == (first, "New front door model", user)
    page = client.get("/indicators/contacts/").content.decode()
    assert f"From {long_date(first)}: New front door model" in page
    assert "Trial limits" in page  # six months since the change
    export = client.get("/indicators/contacts/?table=trend&format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    assert rows[0][-3:] == ["Mean", "Process limits", "Signal"]
    means = {row[0]: row[4] for row in rows[1:]}
    assert means[f"{first:%Y-%m}"] != means[f"{_months(as_at(), 7)[0]:%Y-%m}"]  # new limits from the date


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"starts_on": "2025-02-01", "reason": "  "}, "Say why the limits are recalculated"),
        ({"starts_on": "next week", "reason": "x"}, "Date the process changed must be a real date"),
        (
            {"starts_on-day": "31", "starts_on-month": "2", "starts_on-year": "2025", "reason": "x"},
            "Date the process changed must be a real date",
        ),
        ({"starts_on-day": "", "starts_on-month": "", "starts_on-year": "", "reason": "x"}, "Enter the date"),
        ({"starts_on-day": "1", "starts_on-year": "2025", "reason": "x"}, "must include a month"),
        ({"starts_on": "2099-01-01", "reason": "x"}, "on or before the date the data runs to"),
        ({"starts_on": "2025-02-01", "reason": "r" * 301}, "in 300 characters or fewer, not 301"),
    ],
)
def test_a_rebase_without_a_reason_or_a_good_date_is_refused_and_says_why(signed_in, posted, message):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    response = client.post("/indicators/contacts/", posted)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SpcRebase.objects.exists()


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.DIRECTOR, Role.ELECTED_MEMBER])
def test_only_the_performance_and_qa_teams_recalculate_limits(signed_in, role):
    client, _ = signed_in(role)
    assert "Recalculate the limits" not in client.get("/indicators/contacts/").content.decode()
    assert client.post("/indicators/contacts/", {"starts_on": "2025-02-01", "reason": "x"}).status_code == 403
    assert not SpcRebase.objects.exists()
