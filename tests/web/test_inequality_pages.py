"""The drill-down's Who tab and the inequality page, on a loaded council, for each kind of viewer.

Expected counts come straight from the records (the ORM), not from the engine.
"""

import csv
import html
import io
import re

import pytest

from sightline.accounts.roles import Role
from sightline.domain.codes import ETHNIC_GROUP, ETHNIC_GROUP_OF
from sightline.indicators.population import PopulationTable
from sightline.performance import selectors as perf
from sightline.performance import services
from sightline.records.models import CINEpisode
from sightline.web.inequality import SMALL
from sightline.web.selectors import as_at

pytestmark = pytest.mark.django_db
ROW = re.compile(r'<tr class="govuk-table__row">\s*<th scope="row"[^>]*>([^<]+)</th>(.*?)</tr>', re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


def _who_rows(page: str) -> dict[str, list[str]]:
    table = page[page.index('id="who-table"') : page.index("</table>", page.index('id="who-table"'))]
    return {
        html.unescape(label): [html.unescape(c) for c in CELL.findall(cells)]
        for label, cells in ROW.findall(table)
    }


def test_the_who_tab_splits_referrals_by_ethnic_group_as_the_records_do(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    page = client.get("/indicators/referrals/?period=year").content.decode()
    assert 'id="who"' in page and 'id="chart-who"' in page
    rows = _who_rows(page)
    period = perf.default_period("year", as_at())
    referrals = CINEpisode.objects.filter(cin_referral_date__range=(period.start, period.end))
    labels = dict(ETHNIC_GROUP)
    expected: dict[str, int] = {}
    for code in referrals.values_list("child__ethnicity", flat=True):
        label = labels[ETHNIC_GROUP_OF.get(code, "UNKNOWN")]
        expected[label] = expected.get(label, 0) + 1
    assert {label: int(cells[2].replace(",", "")) for label, cells in rows.items()} == expected


def test_the_who_tab_by_age_downloads_as_csv(signed_in):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    response = client.get("/indicators/assessments_45wd/?period=year&by=age&table=who&format=csv")
    assert response.status_code == 200
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0] == [
        "Age band",
        "Value",
        "95% interval",
        "Numerator",
        "Denominator",
        "Differs from the rest",
    ]
    assert [r[0] for r in table[1:]][:2] == ["Under 1", "1 to 4"]


def test_a_figure_about_workers_has_no_groups(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    page = client.get("/indicators/caseload_per_fte/").content.decode()
    assert "counts workers, not children" in page


def test_elected_members_see_small_groups_as_1_to_5_and_one_more_hidden_beside_a_lone_one(signed_in):
    client, _ = signed_in(Role.ELECTED_MEMBER)
    for by in ("ethnicity", "age", "sex", "uasc"):
        rows = _who_rows(client.get(f"/indicators/referrals/?period=month&by={by}").content.decode())
        numerators = [cells[2] for cells in rows.values()]
        small = [n for n in numerators if n == SMALL]
        assert all(n in (SMALL, "suppressed", "0") or int(n.replace(",", "")) > 5 for n in numerators)
        if len(small) == 1:
            assert "suppressed" in numerators
    director, _ = signed_in(Role.DIRECTOR, username="director-2")
    # The same month as the director sees it has real small numbers to hide.
    shown = _who_rows(director.get("/indicators/referrals/?period=month&by=ethnicity").content.decode())
    assert any(1 <= int(cells[2].replace(",", "")) <= 5 for cells in shown.values())


def test_the_inequality_page_needs_the_population_and_then_shows_rates(signed_in, council):
    client, _ = signed_in(Role.DIRECTOR)
    page = client.get("/inequality/").content.decode()
    assert "need the council's population estimate" in page
    services.set_population(
        None, PopulationTable.from_rows(council.meta["population_estimate"]), "ONS (synthetic)"
    )
    page = client.get("/inequality/?period=year").content.decode()
    assert "Children looked after" in page and "Ratio to White British" in page
    assert 'id="exceptions-table"' in page and 'id="chart-ratios"' in page
    response = client.get("/inequality/?period=year&by=sex&table=disproportionality&format=csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:3] == ["Measure", "Sex", "Children"]
    looked_after = [r for r in table[1:] if r[0] == "Children looked after"]
    assert {r[1] for r in looked_after} == {"Male", "Female"}
    cla = perf.value("cla_count", perf.default_period("year", as_at()))
    assert sum(int(r[2].replace(",", "")) for r in looked_after) == cla.numerator


def test_councillors_see_the_inequality_page_with_small_counts_hidden(signed_in, council):
    services.set_population(
        None, PopulationTable.from_rows(council.meta["population_estimate"]), "ONS (synthetic)"
    )
    client, _ = signed_in(Role.ELECTED_MEMBER)
    page = client.get("/inequality/?period=month&by=ethnicity").content.decode()
    counts = [
        html.unescape(CELL.findall(cells)[0])
        for label, cells in ROW.findall(page[page.index('id="disproportionality"') :])
    ]
    assert counts and all(c in (SMALL, "suppressed", "0") or int(c.replace(",", "")) > 5 for c in counts)
    assert SMALL in counts


def test_the_who_tab_says_a_breakdown_that_defines_the_cohort_does_not_apply(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    page = client.get("/indicators/disabled_open_share/?period=year&by=disability").content.decode()
    assert 'id="who-not-applicable"' in page and 'id="chart-who"' not in page
    rows = _who_rows(page)
    assert rows and {cells[-1] for cells in rows.values()} == {"Not applicable"}
    # The same figure by ethnic group is compared as usual.
    page = client.get("/indicators/disabled_open_share/?period=year&by=ethnicity").content.decode()
    assert 'id="who-not-applicable"' not in page
    assert "Not applicable" not in {cells[-1] for cells in _who_rows(page).values()}


def test_a_hidden_row_says_1_to_5_only_of_a_count_that_is_1_to_5(signed_in):
    """A councillor's hidden row: a denominator of 19 beside a numerator of 3 is "suppressed", not "1-5"."""
    pages = (("referral_nfa", "ethnicity"), ("cpp_repeat", "ethnicity"), ("cpp_repeat", "age"))
    urls = [f"/indicators/{indicator}/?period=year&by={by}" for indicator, by in pages]
    councillor, _ = signed_in(Role.ELECTED_MEMBER)
    hidden = [_who_rows(councillor.get(url).content.decode()) for url in urls]
    director, _ = signed_in(Role.DIRECTOR, username="director-2")  # the same client, signed in again
    shown = [_who_rows(director.get(url).content.decode()) for url in urls]
    labelled = 0
    for url, councillors, directors in zip(urls, hidden, shown, strict=True):
        for label, cells in councillors.items():
            counts = [int(directors[label][i].replace(",", "")) for i in (2, 3)]
            for cell, count in zip(cells[2:4], counts, strict=True):
                if cell == SMALL:
                    assert 1 <= count <= 5, (url, label, cells, directors[label])
                elif cell == "suppressed":
                    labelled += 1
    assert labelled, "no hidden row in the year's figures had a count outside 1 to 5 to label"
