"""The drill-down's Who tab in headless Chromium: the table comes before the dot-and-whisker chart,
the chart draws the table's groups with their intervals, a group of 1 to 5 children is "1-5 (suppressed)" to a
councillor (no child-level access) and its exact count to the director, and axe finds nothing
serious. Expected counts come from the records (the ORM), not from the engine."""

from __future__ import annotations

import pytest

from sightline.accounts.roles import Role, Viewer, sees_child_level_data
from sightline.domain.codes import ETHNIC_GROUP, ETHNIC_GROUP_OF
from sightline.indicators.population import PopulationTable
from sightline.performance import selectors as perf
from sightline.performance import services
from sightline.records.models import CINEpisode
from sightline.web.inequality import SMALL
from sightline.web.selectors import as_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from browsing import check, sign_in, user  # noqa: E402  (skips the module without chromium)

TABLE_ROWS = """() => [...document.querySelectorAll('#who-table tbody tr')].map(tr => [
  tr.querySelector('th').innerText.trim(),
  ...[...tr.querySelectorAll('td')].map(td => td.innerText.trim())])"""
PLOTTED = """() => { const gd = document.querySelector('[data-chart="chart-who"]');
  const dots = gd.data[0];
  return {y: dots.y, x: dots.x, plus: dots.error_x.array, minus: dots.error_x.arrayminus,
          whiskers: gd.querySelectorAll('path.xerror').length,
          points: gd.querySelectorAll('.scatterlayer .point').length}; }"""
TABLE_BEFORE_CHART = """() => !!(document.getElementById('who-table').compareDocumentPosition(
  document.querySelector('[data-chart="chart-who"]')) & Node.DOCUMENT_POSITION_FOLLOWING)"""


def _referrals_by_group(period) -> dict[str, int]:
    labels = dict(ETHNIC_GROUP)
    counts: dict[str, int] = {}
    referrals = CINEpisode.objects.filter(cin_referral_date__range=(period.start, period.end))
    for code in referrals.values_list("child__ethnicity", flat=True):
        label = labels[ETHNIC_GROUP_OF.get(code, "UNKNOWN")]
        counts[label] = counts.get(label, 0) + 1
    return counts


def _open_who(page, live_server) -> tuple[dict[str, list[str]], dict]:
    page.goto(f"{live_server.url}/indicators/referrals/?period=month&by=ethnicity#who")
    page.wait_for_selector('[data-chart="chart-who"] .main-svg', timeout=15_000)
    assert page.evaluate(TABLE_BEFORE_CHART)
    rows = {r[0]: r[1:] for r in page.evaluate(TABLE_ROWS)}
    return rows, page.evaluate(PLOTTED)


def test_the_who_tab_in_the_browser_for_a_councillor_and_the_director(page, live_server, live_council):
    assert not sees_child_level_data(Viewer(role=Role.ELECTED_MEMBER))
    period = perf.default_period("month", as_at())
    counts = _referrals_by_group(period)
    small = sorted(label for label, n in counts.items() if 1 <= n <= 5)
    assert small, f"the test council's month has no group of 1 to 5 referrals: {counts}"

    estimate = PopulationTable.from_rows(live_council.meta["population_estimate"])
    services.set_population(None, estimate, "ONS (synthetic)")
    labels = dict(ETHNIC_GROUP)
    population: dict[str, int] = {}
    for r in live_council.meta["population_estimate"]:
        label = labels[ETHNIC_GROUP_OF.get(r["ethnicity"], "UNKNOWN")]
        population[label] = population.get(label, 0) + r["population"] * (r["age"] <= 17)
    user("councillor", Role.ELECTED_MEMBER)
    sign_in(page, live_server, "councillor")
    rows, plotted = _open_who(page, live_server)
    # Value, interval, numerator, children in the population, differs.
    for label in small:
        assert rows[label][0] == SMALL and rows[label][2] == SMALL, (label, rows[label])
        assert rows[label][3] == f"{population[label]:,}"  # the published estimate is not "1-5"
    hidden = {label for label, cells in rows.items() if cells[2] in (SMALL, "suppressed")}
    assert hidden >= set(small) and len(hidden) != 1  # one hidden group alone could be found by subtraction
    shown = [label for label in rows if label not in hidden]
    assert plotted["y"] == shown
    assert plotted["points"] == len(shown) and plotted["whiskers"] == len(shown)
    for i, label in enumerate(plotted["y"]):
        value, interval = rows[label][0], rows[label][1]
        low, high = (float(v.replace(",", "")) for v in interval.split(" to "))
        assert float(value.replace(",", "")) == pytest.approx(plotted["x"][i], abs=0.05)
        assert plotted["x"][i] - plotted["minus"][i] == pytest.approx(low, abs=0.05)
        assert plotted["x"][i] + plotted["plus"][i] == pytest.approx(high, abs=0.05)
    check(page, "indicator-who-councillor")

    user("director", Role.DIRECTOR)
    sign_in(page, live_server, "director")
    rows, plotted = _open_who(page, live_server)
    on_page = {label: int(cells[2].replace(",", "")) for label, cells in rows.items()}
    # Every group with a population is listed, those with no referral in the month as 0.
    assert {label: n for label, n in on_page.items() if n} == counts
    assert all(label not in counts for label, n in on_page.items() if n == 0)
    assert set(small) <= set(plotted["y"]) and len(plotted["y"]) == len(rows)
    check(page, "indicator-who-director")
