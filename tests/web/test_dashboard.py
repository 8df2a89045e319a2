"""The KPQ dashboard, the indicator drill-down, exports and the settings page, on a loaded council.

Expected figures are counted here straight from the records (the ORM), not taken from the
engine, so a wiring or attribution fault in the pages shows up as a mismatch.
"""

import csv
import html
import io
import re

import pytest

from sightline.accesslog.models import RecordAccess
from sightline.accounts.roles import Role
from sightline.accounts.selectors import viewer_for, visible_children
from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.performance.models import SettingChange
from sightline.records.models import Child, CINEpisode, Contact
from sightline.web.selectors import as_at
from sightline.workforce.models import Allocation, Service, Team

pytestmark = pytest.mark.django_db


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def _figure(page: str) -> int:
    """The headline figure of a drill-down page."""
    return _number(re.search(r"<strong>([\d,]+)</strong>", page).group(1))


def test_dashboard_shows_all_ten_questions_each_with_a_trend(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    page = client.get("/").content.decode()
    for kpq in perf.kpqs():
        assert f'id="kpq-{kpq["number"]}"' in page
        for indicator_id in kpq["headline"]:
            assert f'href="/indicators/{indicator_id}/?period=month"' in page
    assert len(perf.kpqs()) == 10
    # one small chart per headline indicator, each with one measure on one axis
    headline = sum(len(kpq["headline"]) for kpq in perf.kpqs())
    assert page.count('class="sightline-multiple"') == headline and "yaxis2" not in page
    month = Period.month(as_at())
    referrals = CINEpisode.objects.filter(cin_referral_date__range=(month.start, month.end)).count()
    row = re.search(r'href="/indicators/referrals/[^"]*">Referrals</a>.*?<td[^>]*>([\d,]+)</td>', page, re.S)
    assert row is not None and _number(row.group(1)) == referrals


@pytest.mark.parametrize("kind", ["month", "rolling_12", "year"])
def test_indicator_page_counts_the_periods_contacts(signed_in, kind):
    client, _ = signed_in(Role.DIRECTOR)
    period = perf.default_period(kind, as_at())
    page = client.get(f"/indicators/contacts/?period={kind}").content.decode()
    expected = Contact.objects.filter(contact_date__range=(period.start, period.end)).count()
    assert _figure(page) == expected


ROW = re.compile(r'<th scope="row"[^>]*>(?:<a[^>]*>)?([^<]+)(?:</a>)?</th>\s*<td[^>]*>([^<]+)</td>')


def _breakdown(page: str) -> dict[str, str]:
    """The drill-down table's rows as {unit name: figure}."""
    table = page.split('id="breakdown-table"')[1].split("</table>")[0]
    return {html.unescape(name): value for name, value in ROW.findall(table)}


def test_drill_down_from_council_to_service_to_team_to_worker_to_children(signed_in):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    period = "period=rolling_12"
    council_page = client.get(f"/indicators/referrals/?{period}").content.decode()
    services = _breakdown(council_page)
    year = Period.rolling_12(as_at())
    total = CINEpisode.objects.filter(cin_referral_date__range=(year.start, year.end)).count()
    assert sum(_number(v) for v in services.values()) == total  # every referral lands in one service or none

    service = Service.objects.get(name="Front Door and Early Help")
    service_page = client.get(
        f"/indicators/referrals/?{period}&level=service&unit={service.pk}"
    ).content.decode()
    teams = _breakdown(service_page)
    assert set(teams) <= set(service.teams.values_list("name", flat=True))
    assert sum(_number(v) for v in teams.values()) == _number(services["Front Door and Early Help"])

    team = Team.objects.get(name="Assessment Team North")
    team_page = client.get(f"/indicators/referrals/?{period}&level=team&unit={team.pk}").content.decode()
    workers = _breakdown(team_page)
    assert sum(_number(v) for v in workers.values()) == _number(teams["Assessment Team North"])

    worker_id = int(re.search(r"level=worker&amp;unit=(\d+)", team_page).group(1))
    worker_page = client.get(
        f"/indicators/referrals/?{period}&level=worker&unit={worker_id}&list=numerator"
    ).content.decode()
    listed = set(re.findall(r'href="/children/(\d+)/"', worker_page))
    assert listed, "the worker's referrals list no children"
    # Every listed child was allocated to that worker on the day of a referral in the period.
    for child_id in listed:
        days = CINEpisode.objects.filter(
            child_id=child_id, cin_referral_date__range=(year.start, year.end)
        ).values_list("cin_referral_date", flat=True)
        assert any(
            Allocation.objects.filter(child_id=child_id, worker_id=worker_id, role="SW", start_date__lte=day)
            .exclude(end_date__lt=day)
            .exists()
            for day in days
        ), child_id


def test_contacts_sit_under_the_front_door_team(signed_in):
    """Contacts are the front door's, as councils report them: not the case holder's, nor "Unallocated"."""
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    services = _breakdown(client.get("/indicators/contacts/?period=rolling_12").content.decode())
    year = Period.rolling_12(as_at())
    total = Contact.objects.filter(contact_date__range=(year.start, year.end)).count()
    assert list(services) == ["Front Door and Early Help"]
    assert _number(services["Front Door and Early Help"]) == total
    front_door = Team.objects.get(kind="FRONT_DOOR")
    service = front_door.service
    teams = _breakdown(
        client.get(
            f"/indicators/contacts/?period=rolling_12&level=service&unit={service.pk}"
        ).content.decode()
    )
    assert list(teams) == [front_door.name]


def test_practitioners_child_lists_hold_only_children_they_may_open(signed_in, locality):
    client, user = signed_in(Role.PRACTITIONER)
    page = client.get("/indicators/assessments_45wd/?period=rolling_12&list=denominator").content.decode()
    listed = {int(i) for i in re.findall(r'href="/children/(\d+)/"', page)}
    allowed = set(visible_children(viewer_for(user), as_at()).values_list("pk", flat=True))
    assert listed and listed <= allowed
    assert "outside your access" in page


def test_elected_member_sees_no_children_and_small_numbers_suppressed(signed_in):
    client, _ = signed_in(Role.ELECTED_MEMBER)
    period = Period.month(as_at())
    small = [
        (d["id"], r)
        for d in perf.definitions()
        if d["unit"] == "count"
        for r in perf.breakdown(d["id"], period, "service")
        if r.value is not None and 1 <= r.value <= 5
    ]
    assert small, "the test council has no service-level count of 1 to 5 this month"
    indicator_id, result = small[0]
    page = client.get(f"/indicators/{indicator_id}/?period=month").content.decode()
    assert "/children/" not in page and "Children behind the figure" not in page
    row = re.search(rf">{re.escape(result.unit_name)}</a></th>\s*<td[^>]*>([^<]+)</td>", page)
    assert row is not None and row.group(1) == "1-5 (suppressed)"
    # The hidden row cannot be worked out from the total and the others: either a second row is
    # hidden too, or the total is itself the small number and hidden.
    table = page.split('id="breakdown-table"')[1].split("</table>")[0]
    headline = re.search(r"<strong>([^<]+)</strong>", page).group(1)
    assert len(re.findall(r"suppressed\)?</td>", table)) >= 2 or headline == "1-5 (suppressed)"


def test_one_small_service_count_is_protected_by_a_second_suppressed_row(signed_in):
    client, _ = signed_in(Role.ELECTED_MEMBER)
    period = Period.month(as_at())
    cases = [
        d["id"]
        for d in perf.definitions()
        if d["unit"] == "count"
        and sum(
            1 for r in perf.breakdown(d["id"], period, "service") if r.value is not None and 1 <= r.value <= 5
        )
        == 1
        and sum(1 for r in perf.breakdown(d["id"], period, "service") if r.value and r.value > 5) >= 1
    ]
    assert cases, "the test council has no breakdown with exactly one small count"
    for indicator_id in cases[:3]:
        page = client.get(f"/indicators/{indicator_id}/?period=month").content.decode()
        table = page.split('id="breakdown-table"')[1].split("</table>")[0]
        assert len(re.findall(r"suppressed\)?</td>", table)) == 2, indicator_id
    # No way down to workers, and no child list export.
    worker_page = client.get(f"/indicators/{indicator_id}/?level=worker&unit=1")
    assert "level=worker" not in worker_page.content.decode()
    assert client.get(f"/indicators/{indicator_id}/?table=children&format=csv").status_code == 404


def test_child_list_export_is_a_csv_of_every_row_and_is_logged(signed_in):
    client, user = signed_in(Role.PERFORMANCE_ANALYST)
    response = client.get(
        "/indicators/assessments_45wd/?period=rolling_12&list=missing&table=children&format=csv"
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    # Restricted children (staff and their relatives) open only to users named on them.
    restricted = set(Child.objects.filter(restricted=True).values_list("pk", flat=True))
    everyone = perf.children("assessments_45wd", Period.rolling_12(as_at()), which="missing")
    expected = [e for e in everyone if e["child_id"] not in restricted]
    assert rows[0][0] == "Child" and len(rows) - 1 == len(expected)
    assert {r[0] for r in rows[1:]} == {e["la_child_id"] for e in expected}
    assert RecordAccess.objects.filter(user=user, action=RecordAccess.Action.EXPORT).exists()


def test_unknown_indicator_is_not_found(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    assert client.get("/indicators/no-such-thing/").status_code == 404


def test_team_page_lists_drift_most_overdue_first(signed_in, locality):
    client, _ = signed_in(Role.TEAM_MANAGER)
    page = client.get(f"/teams/{locality.pk}/").content.decode()
    table = page.split('id="drift"')[1].split("</table>")[0]
    overdue = [int(n) for n in re.findall(r"Overdue by (\d+) days?", table)]
    assert overdue, "no drift rows for Locality North"
    assert overdue == sorted(overdue, reverse=True)


def test_settings_change_is_saved_audited_and_applied(signed_in):
    client, user = signed_in(Role.ADMINISTRATOR)
    response = client.post(
        "/settings/", {"form": "targets", "target-assessments_45wd": "99", "tolerance-assessments_45wd": "1"}
    )
    assert response.status_code == 302
    change = SettingChange.objects.get(key="assessments_45wd")
    assert change.username == user.username and change.new_value.startswith("99")
    assert perf.value("assessments_45wd").target == 99
    page = client.get("/settings/").content.decode()
    assert 'id="changes-table"' in page
    table = page[page.index('id="changes-table"') : page.index("</table>", page.index('id="changes-table"'))]
    assert (
        "Target for Assessments completed within 45 working days" in table and "assessments_45wd" not in table
    )


def test_settings_refuse_a_bad_value_and_save_nothing(signed_in):
    client, _ = signed_in(Role.ADMINISTRATOR)
    before = SettingChange.objects.count()
    response = client.post("/settings/", {"form": "standards", "cp_visit_working_days": "many"})
    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert SettingChange.objects.count() == before


def test_settings_say_what_is_wrong_beside_each_field(signed_in):
    client, _ = signed_in(Role.ADMINISTRATOR)
    page = client.post("/settings/", {"form": "standards", "cp_visit_working_days": "many"}).content.decode()
    beside = page.split('id="std-cp_visit_working_days-error"', 1)[1].split("</p>", 1)[0]
    assert "is not a whole number" in beside
    wrong = {"form": "targets", "target-assessments_45wd": "lots", "tolerance-assessments_45wd": "1"}
    page = client.post("/settings/", wrong).content.decode()
    beside = page.split('id="target-assessments_45wd-error"', 1)[1].split("</p>", 1)[0]
    assert "is not a number" in beside
    assert 'id="tolerance-assessments_45wd-error"' not in page


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMINISTRATOR])
def test_only_administrators_open_settings(signed_in, role):
    client, _ = signed_in(role)
    assert client.get("/settings/").status_code == 403
    assert client.post("/settings/", {"form": "standards"}).status_code == 403


def test_warming_builds_the_dashboard_before_any_request(council):
    from sightline.web import indicators, warm

    with indicators._memo_lock:
        indicators._memo.update(engine=None, items={})
    assert warm.warm_caches() is True
    built = {key[3] for key in indicators._memo["items"] if key[0] == "dashboard"}
    assert built == {False, True}  # staff, and elected members with suppression


def test_statistical_neighbours_set_by_the_administrator_appear_beside_england(signed_in):
    from sightline.indicators.benchmarks import AREA_CODES, latest
    from sightline.performance import services

    code, area = next(iter(AREA_CODES.items()))
    client, user = signed_in(Role.ADMINISTRATOR)
    services.change_standard(user, "statistical_neighbours", code)
    definition = next(d for d in perf.definitions() if d["benchmark"] and latest(d["benchmark"], area))
    page = client.get(f"/indicators/{definition['id']}/").content.decode()
    table = page.split('id="comparators-table"')[1].split("</table>")[0]
    assert "England" in table and area.title() in table
    assert latest(definition["benchmark"], area)["year"] in table


def test_warming_compiles_the_pages_templates_and_keeps_the_demand_part(
    council, django_assert_max_num_queries
):
    from django.core.cache import cache
    from django.template import engines

    from sightline.web import fragments, selectors, warm

    cache.clear()
    assert warm.warm_caches() is True
    assert warm.compile_templates() > 50  # the pages' and the apps' own
    # The child page's template is in the cached loader: asked again, none is read from disk.
    loader = engines["django"].engine.template_loaders[0]
    assert any("web/child.html" in str(key) for key in loader.get_template_cache)
    on = selectors.as_at()
    with django_assert_max_num_queries(2):  # the versions (the council row, twice outside a page) alone
        fragments.demand(on)
