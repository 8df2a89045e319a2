"""The team page's drift list: narrowed by what a manager asks, paged, its download the same rows.

Expected rows come from the engine's own drift list (performance.selectors.drift, filtered here
by its own overdue_only and worker_id arguments or by its row fields), with the viewer's access
applied as the page applies it; worker names from the workforce records.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest

from sightline.accounts.roles import Role
from sightline.accounts.selectors import child_filter, viewer_for
from sightline.indicators.drift import KINDS
from sightline.performance import selectors as perf
from sightline.records.services import bump_data_version
from sightline.web import views
from sightline.web.selectors import as_at, team_caseloads
from sightline.workforce.models import Worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(signed_in, locality):
    client, user = signed_in(Role.TEAM_MANAGER)
    keep = child_filter(viewer_for(user), as_at()).keep

    def engine(**kwargs) -> list[dict]:
        return keep(perf.drift(as_at(), team_id=locality.pk, **kwargs))[0]

    return client, f"/teams/{locality.pk}/", engine


def _download(client, url: str, query: str = "") -> list[dict]:
    response = client.get(f"{url}?table=drift&format=csv&{query}")
    assert response.status_code == 200, response.content[:300]
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Child,"))
    return list(csv.DictReader(io.StringIO("\n".join(lines[start:]))))


def _keys(rows) -> Counter:
    """Each child's number of items, from the engine's rows or a download's."""
    return Counter(str(r["la_child_id"] if "la_child_id" in r else r["Child"]) for r in rows)


def _table(page: str) -> str:
    return page.split('id="drift-table"')[1].split("</table>")[0]


def test_overdue_only_and_due_only_split_the_list(manager):
    client, url, engine = manager
    overdue = _download(client, url, "show=overdue")
    due = _download(client, url, "show=due")
    every = _download(client, url)
    assert overdue and due, "the team needs both overdue and due items"
    assert all(r["Status"].startswith("Overdue by ") for r in overdue)
    assert all(r["Status"].startswith("Due ") for r in due)
    assert _keys(overdue) == _keys(engine(overdue_only=True))
    assert len(overdue) + len(due) == len(every) == len(engine())


def test_kind_narrows_to_that_kind(manager):
    client, url, engine = manager
    kind, count = Counter(r["kind"] for r in engine()).most_common(1)[0]
    rows = _download(client, url, f"kind={kind}")
    assert len(rows) == count and all(r["What is due"].startswith(KINDS[kind]) for r in rows)


def test_worker_narrows_to_their_items_named_as_the_records_name_them(manager):
    client, url, engine = manager
    worker_id, count = Counter(r["worker_id"] for r in engine() if r["worker_id"]).most_common(1)[0]
    worker = Worker.objects.get(pk=worker_id)
    rows = _download(client, url, f"worker={worker_id}&show=overdue")
    assert len(rows) == len(engine(worker_id=worker_id, overdue_only=True))
    assert {r["Worker"] for r in rows} <= {f"{worker.first_name} {worker.last_name}"}
    page = client.get(f"{url}?worker={worker_id}").content.decode()
    assert _table(page).count(f'href="?worker={worker_id}#drift"') == min(count, views.DRIFT_PAGE)
    assert f'<option value="{worker_id}" selected>' in page


@pytest.fixture
def pages_of_five(monkeypatch):
    monkeypatch.setattr(views, "DRIFT_PAGE", 5)


def _children(page: str) -> list[str]:
    return re.findall(r'href="/children/\d+/">([^<]+)</a>', _table(page))


def test_drift_list_pages_and_past_the_last_is_a_400(manager, pages_of_five):
    client, url, engine = manager
    rows = engine()
    assert len(rows) > 10, "the team needs more than two pages of items"
    first, second = (client.get(f"{url}?page={n}").content.decode() for n in (1, 2))
    assert _children(first) == [r["la_child_id"] for r in rows[:5]]
    assert _children(second) == [r["la_child_id"] for r in rows[5:10]]
    assert 'href="?page=2#drift"' in first and "Page 2 of" in second
    last = (len(rows) + 4) // 5
    assert client.get(f"{url}?page={last}").status_code == 200
    response = client.get(f"{url}?page={last + 1}")
    assert response.status_code == 400 and f"there are only {last} pages" in response.content.decode()


def test_paging_and_downloads_keep_the_filters(manager, pages_of_five):
    client, url, engine = manager
    kind = Counter(r["kind"] for r in engine()).most_common(1)[0][0]
    page = client.get(f"{url}?kind={kind}&show=overdue").content.decode()
    assert f"format=csv&amp;show=overdue&amp;kind={kind}" in page
    narrowed = [r for r in engine(overdue_only=True) if r["kind"] == kind]
    assert _children(page) == [r["la_child_id"] for r in narrowed[:5]]
    if len(narrowed) > 5:
        assert f'href="?show=overdue&amp;kind={kind}&amp;page=2#drift"' in page


def test_due_and_overdue_are_told_apart_by_words_and_tag(manager):
    client, url, _ = manager
    table = _table(client.get(url).content.decode())
    assert re.search(r'Overdue by \d+ days? <strong class="govuk-tag govuk-tag--red">Overdue</strong>', table)
    due = _table(client.get(f"{url}?show=due").content.decode())
    assert re.search(r'Due (in \d+ days?|today) <strong class="govuk-tag govuk-tag--blue">Due</strong>', due)
    assert "Overdue" not in due


@pytest.mark.parametrize(
    "query, says",
    [
        ("show=late", "Show: “late” is not one of"),
        ("kind=picnic", "What is due: “picnic” is not one of"),
        ("worker=abc", "Worker: Give the number of a worker"),
        ("worker=999999", "No item in this team's drift list is allocated to worker 999999"),
        ("page=0", "Page: Ensure this value is greater than or equal to 1"),
    ],
)
def test_a_bad_filter_is_a_400_naming_it(manager, query, says):
    client, url, _ = manager
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400 and says in response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def namesakes(locality, manager):
    """Two of the team's workers with items in its drift list, given the same name."""
    _, _, engine = manager
    ids = sorted({r["worker_id"] for r in engine() if r["worker_id"]})[:2]
    assert len(ids) == 2, "the team needs two workers with items"
    Worker.objects.filter(pk__in=ids).update(first_name="Alex", last_name="Morgan")
    bump_data_version()
    yield Worker.objects.filter(pk__in=ids).order_by("pk")
    bump_data_version()  # the rename is rolled back; the engine must not keep it


def test_two_workers_of_the_same_name_are_told_apart_on_the_team_page(manager, namesakes, locality):
    client, url, _ = manager
    page = client.get(url).content.decode()
    caseloads = page.split('id="caseloads"')[1].split("</table>")[0]
    holders = {load.worker.pk for load in team_caseloads(locality, as_at())}
    assert holders & {worker.pk for worker in namesakes}, "one of them needs a caseload"
    for worker in namesakes:
        shown = f"Alex Morgan ({worker.staff_id})"
        assert f'href="?worker={worker.pk}#drift">{shown}</a>' in _table(page)
        assert f'<option value="{worker.pk}">{shown}</option>' in page
        assert (f'href="?worker={worker.pk}#drift">{shown}</a>' in caseloads) == (worker.pk in holders)
        rows = _download(client, url, f"worker={worker.pk}")
        assert rows and {r["Worker"] for r in rows} == {shown}
    assert "Alex Morgan<" not in page and "Alex Morgan</" not in page
