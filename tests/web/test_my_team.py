"""'My team' and 'my caseload': a team manager's and a practitioner's home.

Which children belong on the list is worked out here from the allocation records and the
access rule asked child by child (accounts.roles.can_view_child), statuses from the episode
records; what is due next from the engine's drift list (its one definition of due), the
figures from the engine at team level.
"""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from openpyxl import load_workbook

from sightline.accounts import roles
from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.accounts.selectors import child_scope, viewer_for
from sightline.domain.sheets import OFFICIAL_SENSITIVE
from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.records.models import Child, CPPlan, LookedAfterEpisode
from sightline.records.services import bump_data_version
from sightline.web.indicators import fmt_value
from sightline.web.selectors import as_at
from sightline.workforce.models import Allocation, Worker

from .conftest import child_allocated_to

pytestmark = pytest.mark.django_db


def _held(**where) -> dict[int, set[int]]:
    """Children with a current allocation other than an IRO's, with the workers holding them."""
    on = as_at()
    current = Allocation.objects.filter(start_date__lte=on, **where).exclude(end_date__lt=on)
    found: dict[int, set[int]] = {}
    for child_id, worker_id in current.exclude(role="IRO").values_list("child_id", "worker_id"):
        found.setdefault(child_id, set()).add(worker_id)
    return found


def _may_open(user, child_ids) -> set[int]:
    viewer, on = viewer_for(user), as_at()
    return {
        c.pk
        for c in Child.objects.filter(pk__in=child_ids)
        if roles.can_view_child(viewer, child_scope(c, on))
    }


def _la_ids(child_ids) -> set[str]:
    return set(Child.objects.filter(pk__in=child_ids).values_list("la_child_id", flat=True))


def _download(client, query: str = "") -> list[dict]:
    response = client.get(f"/?format=csv&{query}")
    assert response.status_code == 200, response.content[:300]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def _days_overdue(when: str) -> int:
    found = re.fullmatch(r"Overdue by (\d+) days?", when)
    return int(found.group(1)) if found else 0


@pytest.fixture
def manager(signed_in, locality):
    client, user = signed_in(Role.TEAM_MANAGER)
    return client, user, locality


@pytest.fixture
def practitioner(signed_in, locality):
    client, user = signed_in(Role.PRACTITIONER)
    worker_id = StaffProfile.objects.get(user=user).worker_id
    assert _held(worker_id=worker_id), "the test practitioner holds no case"
    return client, user, worker_id


def test_a_team_managers_home_lists_exactly_the_teams_children_they_may_open(manager):
    client, user, team = manager
    expected = _may_open(user, _held(team=team))
    assert len(expected) >= 10, "the test council's team holds too few children to test"
    rows = _download(client)
    assert {row["Child"] for row in rows} == _la_ids(expected)
    assert len(rows) == len(expected)
    page = client.get("/").content.decode()
    assert "My team" in page and f"{len(expected)} children in all" in page


def test_a_restricted_child_of_the_team_is_left_out_and_counted(manager):
    client, _, team = manager
    child_id = min(_held(team=team, role="SW"))
    Child.objects.filter(pk=child_id).update(restricted=True)
    la_id = Child.objects.get(pk=child_id).la_child_id
    assert la_id not in {row["Child"] for row in _download(client)}
    page = html.unescape(client.get("/").content.decode())
    assert "1 more is allocated here but has a restricted record" in page
    assert f'href="/children/{child_id}/"' not in page


def test_the_list_shows_new_data_once_its_version_changes(manager):
    client, _, team = manager
    child_id = min(_held(team=team, role="SW"))
    assert "Zebedee Quill" not in _every_page(client)  # the list as it was, kept for this version
    Child.objects.filter(pk=child_id).update(first_name="Zebedee", last_name="Quill")
    bump_data_version()
    assert "Zebedee Quill" in _every_page(client)


def _every_page(client) -> str:
    """Every page of the list, one after another."""
    pages, number = [], 1
    while True:
        page = html.unescape(client.get(f"/?page={number}").content.decode())
        pages.append(page)
        if f"page={number + 1}" not in page:
            return "".join(pages)
        number += 1


def test_a_practitioners_home_lists_the_children_allocated_to_them(practitioner):
    client, user, worker_id = practitioner
    expected = _may_open(user, _held(worker_id=worker_id))
    rows = _download(client)
    assert {row["Child"] for row in rows} == _la_ids(expected)
    page = client.get("/").content.decode()
    assert "My caseload" in page and "Headline figures" in page
    assert 'href="/">My caseload</a>' in page and 'href="/?view=council">Council dashboard</a>' in page
    viewer = viewer_for(user)
    (team_id,) = viewer.team_ids
    assert f'href="/teams/{team_id}/"' in page  # the team page, which a practitioner may open


def test_the_list_is_overdue_first_then_due_soonest_with_what_the_engine_says_is_next(manager):
    client, _, _ = manager
    rows = _download(client)
    ranks = [0 if r["When"].startswith("Overdue") else 1 if r["When"].startswith("Due") else 2 for r in rows]
    assert ranks == sorted(ranks) and 0 in ranks and 1 in ranks
    overdue = [_days_overdue(r["When"]) for r in rows if r["When"].startswith("Overdue")]
    assert overdue == sorted(overdue, reverse=True)
    due = [r["Due"] for r in rows if r["When"].startswith("Due")]
    assert due == sorted(due)
    on = as_at()
    ids = dict(Child.objects.values_list("la_child_id", "pk"))
    for row in rows[:5] + rows[-5:]:
        items = perf.drift(on, child_id=ids[row["Child"]])
        if not items:
            assert row["What is due next"] == "Nothing due" and row["Items overdue"] == "0"
            continue
        assert row["Due"] == f"{items[0]['due_date']:%Y-%m-%d}"
        assert row["What is due next"].startswith(items[0]["kind_label"])
        assert int(row["Items overdue"]) == sum(1 for i in items if i["status"] == "overdue")


def test_due_and_overdue_are_told_apart_in_words_and_tags(manager):
    client, _, _ = manager
    table = client.get("/").content.decode().split('id="children-table"')[1].split("</table>")[0]
    assert "Overdue by" in table and 'govuk-tag--red">Overdue</strong>' in table
    cells = re.findall(
        r"(Overdue by \d+ days?|Due today|Due in \d+ days?) <strong[^>]*>(\w+)</strong>", table
    )
    assert cells and all(words.startswith(tag) for words, tag in cells)


def test_filters_narrow_the_list(manager):
    client, user, team = manager
    on = as_at()
    everyone = _download(client)
    overdue = _download(client, "show=overdue")
    assert overdue and all(r["When"].startswith("Overdue by") for r in overdue)
    due = _download(client, "show=due")
    assert all(r["When"].startswith("Due") for r in due)
    assert len(overdue) + len(due) <= len(everyone)
    looked_after = set(
        LookedAfterEpisode.objects.filter(decom__lte=on)
        .exclude(dec__lt=on)
        .values_list("child_id", flat=True)
    )
    on_plan = set(
        CPPlan.objects.filter(cpp_start_date__lte=on)
        .exclude(cpp_end_date__lt=on)
        .values_list("child_id", flat=True)
    )
    expected = _la_ids(_may_open(user, (set(_held(team=team)) & on_plan) - looked_after))
    assert expected, "the team holds no child on a plan"
    assert {r["Child"] for r in _download(client, "status=cp")} == expected
    assert {r["Child"] for r in _download(client, "status=cla")} == _la_ids(
        _may_open(user, set(_held(team=team)) & looked_after)
    )
    worker_id = next(iter(_held(team=team, role="SW")[min(_held(team=team, role="SW"))]))
    held = {c for c, workers in _held(team=team, role="SW").items() if worker_id in workers}
    assert {r["Child"] for r in _download(client, f"worker={worker_id}")} == _la_ids(_may_open(user, held))
    page = client.get(f"/?worker={worker_id}").content.decode()
    assert f'href="?worker={worker_id}#children"' in page


def test_bad_filters_are_refused_with_a_message(manager):
    client, _, _ = manager
    for query, said in (
        ("worker=999999", "No child listed here"),
        ("status=x", "Status"),
        ("show=x", "Show"),
    ):
        response = client.get(f"/?{query}")
        assert response.status_code == 400 and said in response.content.decode()


def test_the_list_pages(manager, monkeypatch):
    from sightline.web import my_team_views

    monkeypatch.setattr(my_team_views, "PAGE", 5)
    client, _, _ = manager
    rows = _download(client)
    assert len(rows) > 5
    assert 'rel="next"' in client.get("/").content.decode()
    second = client.get("/?show=due&page=2").content.decode()
    due = _download(client, "show=due")
    assert f">{due[5]['Child']}</a>" in second and 'href="?show=due&amp;page=1#children"' in second
    assert client.get("/?page=999").status_code == 400


def test_the_council_view_is_one_click_away_and_back(manager):
    client, _, _ = manager
    assert 'href="?view=council"' in client.get("/").content.decode()
    council = client.get("/?view=council").content.decode()
    assert "Key Performance Questions" in council and "Back to my team" in council
    assert 'name="view" value="council"' in council  # choosing a period stays on the council view


def test_a_drill_downs_breadcrumb_leads_back_to_the_council_dashboard(manager):
    """The drill-down's trail runs council, service, team: its first step is the council's
    dashboard, not the manager's own home."""
    client, _, _ = manager
    page = client.get("/indicators/referrals/").content.decode()
    trail = page.split('class="govuk-breadcrumbs"')[1].split("</nav>")[0]
    first = html.unescape(re.search(r'href="([^"]+)"', trail).group(1))
    assert "Key Performance Questions" in client.get(first).content.decode()
    assert "Back to my team" in client.get(first).content.decode()


def test_the_menu_leads_to_the_viewers_own_home_and_the_councils_from_every_page(manager):
    client, _, _ = manager
    menu = client.get("/demand/").content.decode().split('id="navigation"')[1].split("</ul>")[0]
    assert 'href="/">My team</a>' in menu and 'href="/?view=council">Council dashboard</a>' in menu


def test_other_roles_keep_the_council_home(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    page = client.get("/").content.decode()
    assert "Key Performance Questions" in page and "Back to my" not in page and "children-table" not in page
    menu = page.split('id="navigation"')[1].split("</ul>")[0]
    assert 'href="/">Dashboard</a>' in menu and "Council dashboard" not in menu


def test_the_download_is_marked_official_sensitive(manager):
    client, _, _ = manager
    response = client.get("/?format=xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert dict(book["About"].values)["Protective marking"] == OFFICIAL_SENSITIVE


def _figure_rows(page: str, team_id: int) -> dict[str, list[str]]:
    """Each headline figure's cells after its title, by indicator, from the figures table."""
    found = {}
    for definition in perf.definitions():
        href = f'href="/indicators/{definition["id"]}/?period=month&level=team&unit={team_id}"'
        if href in page:
            row = page.split(href)[1].split("</tr>")[0]
            found[definition["id"]] = [
                cell.strip()
                for cell in re.findall(r'<td class="govuk-table__cell[^"]*">(.*?)(?:<br>|</td>)', row, re.S)
            ]
    return found


def test_a_practitioners_own_cases_figures_are_the_engines_worker_level_values(practitioner):
    client, user, worker_id = practitioner
    (team_id,) = viewer_for(user).team_ids
    rows = _figure_rows(html.unescape(client.get("/").content.decode()), team_id)
    month = Period.month(as_at())
    assert len(rows) >= 8
    for indicator_id, cells in rows.items():
        unit = perf.definition(indicator_id)["unit"]
        assert cells[0] == fmt_value(perf.value(indicator_id, month, "team", team_id).value, unit)
        assert cells[2] == fmt_value(perf.value(indicator_id, month, "worker", worker_id).value, unit)
        assert cells[3] == fmt_value(perf.value(indicator_id, month).value, unit)


def test_the_teams_figures_are_the_engines_team_level_values_beside_the_councils(manager):
    client, _, team = manager
    page = html.unescape(client.get("/").content.decode())
    month = Period.month(as_at())
    checked = 0
    for definition in perf.definitions():
        if (
            not definition["headline"]
            or definition["kpq"] not in range(1, 11)
            or definition["aggregate"] == "rate"
        ):
            continue
        mine = perf.value(definition["id"], month, "team", team.pk)
        href = f'href="/indicators/{definition["id"]}/?period=month&level=team&unit={team.pk}"'
        if mine.value is None:
            assert href not in page
            continue
        row = page.split(href)[1].split("</tr>")[0]
        cells = re.findall(r'<td class="govuk-table__cell[^"]*">(.*?)(?:<br>|</td>)', row, re.S)
        council = perf.value(definition["id"], month)
        assert cells[0].strip() == fmt_value(mine.value, definition["unit"]), definition["id"]
        assert cells[2].strip() == fmt_value(council.value, definition["unit"]), definition["id"]
        checked += 1
    assert checked >= 8


@pytest.fixture
def namesakes(manager):
    """The two workers holding the team's children, given the same name."""
    _, _, team = manager
    ids = sorted({w for workers in _held(team=team, role="SW").values() for w in workers})[:2]
    assert len(ids) == 2, "the team needs two workers holding children"
    Worker.objects.filter(pk__in=ids).update(first_name="Alex", last_name="Morgan")
    bump_data_version()
    yield Worker.objects.filter(pk__in=ids).order_by("pk")
    bump_data_version()  # the rename is rolled back; the engine must not keep it


def test_two_workers_of_the_same_name_are_told_apart(manager, namesakes):
    client, _, _ = manager
    page = client.get("/").content.decode()
    for worker in namesakes:
        shown = f"Alex Morgan ({worker.staff_id})"
        assert f'href="?worker={worker.pk}#children">{shown}</a>' in page
        assert f'<option value="{worker.pk}">{shown}</option>' in page
        assert {r["Worker"] for r in _download(client, f"worker={worker.pk}")} == {shown}


def _kinds_held(child_ids, kind: str, status: str = "") -> set[int]:
    """The children with an item of `kind` due or overdue (or of `status` only), from the engine."""
    return {
        row["child_id"]
        for row in perf.drift(as_at())
        if row["child_id"] in child_ids and row["kind"] == kind and (not status or row["status"] == status)
    }


def test_the_list_narrows_to_one_kind_of_item_with_what_is_next_of_that_kind(manager):
    client, user, team = manager
    held = _may_open(user, _held(team=team))
    visits = _kinds_held(held, "visit")
    assert visits and visits != held, "the team needs children with and without a visit due"
    rows = _download(client, "kind=visit")
    assert {r["Child"] for r in rows} == _la_ids(visits)
    assert all(r["What is due next"].startswith("Statutory visit") for r in rows)
    ids = dict(Child.objects.values_list("la_child_id", "pk"))
    for row in rows:
        mine = [i for i in perf.drift(as_at(), child_id=ids[row["Child"]]) if i["kind"] == "visit"]
        assert row["Due"] == f"{mine[0]['due_date']:%Y-%m-%d}"
        assert int(row["Items overdue"]) == sum(1 for i in mine if i["status"] == "overdue")
    overdue = _download(client, "kind=visit&show=overdue")
    assert {r["Child"] for r in overdue} == _la_ids(_kinds_held(held, "visit", "overdue"))
    assert all(r["When"].startswith("Overdue by") for r in overdue)


def test_the_kinds_offered_are_those_on_the_list_in_the_engines_words(manager):
    client, user, team = manager
    held = _may_open(user, _held(team=team))
    present = {row["kind"] for row in perf.drift(as_at()) if row["child_id"] in held}
    page = client.get("/").content.decode()
    select = page.split('id="filter-kind"')[1].split("</select>")[0]
    offered = dict(re.findall(r'<option value="(\w+)">([^<]+)</option>', select))
    assert set(offered) == present and len(present) >= 3
    assert all(offered[kind] == perf.drift_kinds()[kind] for kind in present)
    assert client.get("/?kind=nonsense").status_code == 400


def test_the_kind_is_kept_in_the_paging_links_and_the_download(manager, monkeypatch):
    from sightline.web import my_team_views

    monkeypatch.setattr(my_team_views, "PAGE", 5)
    client, _, _ = manager
    assert len(_download(client, "kind=visit")) > 5
    page = client.get("/?kind=visit&page=2").content.decode()
    assert 'href="?kind=visit&amp;page=1#children"' in page
    assert 'href="?format=csv&amp;kind=visit"' in page
    book = load_workbook(io.BytesIO(client.get("/?format=xlsx&kind=visit&show=overdue").content))
    said = dict(book["About"].values)["Children listed"]
    assert "What is due: Statutory visit" in said and "Show: Something overdue" in said
    assert (
        dict(load_workbook(io.BytesIO(client.get("/?format=xlsx").content))["About"].values)[
            "Children listed"
        ]
        == "Every child"
    )


@pytest.fixture
def two_teams(signed_in, locality):
    """A manager of Locality North and Locality South."""
    from sightline.workforce.models import Team

    client, user = signed_in(Role.TEAM_MANAGER)
    south = Team.objects.get(name="Locality South")
    StaffProfile.objects.get(user=user).teams.add(south)
    return client, user, locality, south


def test_a_manager_of_two_teams_sees_both_or_chooses_one(two_teams):
    client, user, north, south = two_teams
    both = _la_ids(_may_open(user, set(_held(team=north)) | set(_held(team=south))))
    assert {r["Child"] for r in _download(client)} == both
    only_south = _la_ids(_may_open(user, _held(team=south)))
    assert only_south and only_south != both
    assert {r["Child"] for r in _download(client, f"team={south.pk}")} == only_south
    page = client.get("/").content.decode()
    assert f'<option value="{south.pk}">Locality South</option>' in page
    assert f"unit={north.pk}" in page and f"unit={south.pk}" in page  # both teams' figures
    chosen = client.get(f"/?team={south.pk}").content.decode()
    assert f"unit={south.pk}" in chosen and f"unit={north.pk}" not in chosen  # one team's figures
    assert f"{len(only_south)} children in all" in chosen
    book = load_workbook(io.BytesIO(client.get(f"/?format=xlsx&team={south.pk}").content))
    assert dict(book["About"].values)["Children listed"] == "Team: Locality South"


def _hidden_said(client, query: str = "") -> int:
    """How many children the page says are allocated here but restricted (0 when it says none)."""
    page = html.unescape(client.get(f"/?{query}").content.decode())
    found = re.search(r"(\d+) more (?:is|are) allocated here but", page)
    return int(found.group(1)) if found else 0


def test_the_restricted_children_counted_are_those_of_the_team_chosen(two_teams):
    client, user, north, south = two_teams
    Child.objects.filter(pk=child_allocated_to(north, exclude_team=south).pk).update(restricted=True)
    north_held, south_held = set(_held(team=north)), set(_held(team=south))

    def left_out(held: set[int]) -> int:
        return len(held - _may_open(user, held))

    assert left_out(north_held) >= 1 and left_out(north_held | south_held) > left_out(south_held)
    assert _hidden_said(client) == left_out(north_held | south_held)
    assert _hidden_said(client, f"team={north.pk}") == left_out(north_held)
    assert _hidden_said(client, f"team={south.pk}") == left_out(south_held)


def test_a_team_the_manager_does_not_work_in_is_refused_by_name_not_shown(two_teams):
    from sightline.workforce.models import Team

    client, _, _, _ = two_teams
    other = Team.objects.get(name="Locality East")
    for query in (f"team={other.pk}", "team=999999", f"format=csv&team={other.pk}"):
        response = client.get(f"/?{query}")
        said = html.unescape(response.content.decode())
        assert response.status_code == 400
        assert "is not one of your teams: choose Locality North or Locality South" in said
        assert "Locality East" not in said


def test_a_manager_of_one_team_is_offered_no_team_choice(manager):
    client, _, team = manager
    assert 'id="filter-team"' not in client.get("/").content.decode()
    assert client.get(f"/?team={team.pk}").status_code == 200
