"""Every page's query parameters: a bad value for any of them is a 400 page naming the
parameter and what is wrong with it, never a 500 and never a quiet fall back to a default."""

from __future__ import annotations

import pytest

from sightline.accounts.roles import Role
from sightline.domain.dates import long_date
from sightline.records.models import Child
from sightline.web import params
from sightline.web.selectors import as_at

from .conftest import child_allocated_to

HUGE = "9" * 30
LONG = "x" * 400
UNIT_RANGE = "Service, team or worker: Ensure this value"


def _bad_values(indicator: str, child: int, team: int) -> list[tuple[str, str, str]]:
    """(path with query, what the message must say)"""
    dates = [
        ("end=0001-01-01", "Period ending: Give a date from 1 January 2000"),
        ("end=2099-01-01", "Period ending: The data runs to"),
        ("end=31-03-2026", "Period ending must be a real date"),
        ("end=2026-02-31", "Period ending must be a real date"),
        ("end-day=31&end-month=2&end-year=2026", "Period ending must be a real date"),
        ("end-day=31&end-month=3&end-year=26", "Period ending must include a year of 4 numbers"),
        ("end-day=31&end-month=3", "Period ending must include a year"),
        ("end-day=31", "Period ending must include a month and year"),
        ("end-day=x&end-month=3&end-year=2026", "Period ending must be a real date"),
        ("end-day=1&end-month=1&end-year=2099", "Period ending: The data runs to"),
        ("period=fortnight", "Period: “fortnight” is not one of"),
    ]
    rows = [("/", query, says) for query, says in dates]
    rows += [(f"/indicators/{indicator}/", query, says) for query, says in dates]
    rows += [
        (f"/indicators/{indicator}/", "level=galaxy", "Level: “galaxy” is not one of"),
        (f"/indicators/{indicator}/", f"level=team&unit={HUGE}", UNIT_RANGE),
        (f"/indicators/{indicator}/", "level=team&unit=-1", UNIT_RANGE),
        (f"/indicators/{indicator}/", "level=team&unit=abc", "Service, team or worker: Give"),
        (f"/indicators/{indicator}/", "level=team&unit=999999", "There is no team numbered 999999"),
        (f"/indicators/{indicator}/", "level=team", "Choose which team to show"),
        (f"/indicators/{indicator}/", "unit=3", "The council level has no unit"),
        (f"/indicators/{indicator}/", "list=everyone", "Children listed: “everyone” is not one of"),
        (f"/indicators/{indicator}/", "table=pie&format=csv", "Table: “pie” is not one of"),
        (f"/indicators/{indicator}/", "table=trend&format=pdf", "Download format: “pdf” is not one of"),
        (f"/indicators/{indicator}/", "format=csv", "Say which table to download"),
        ("/children/", "page=abc", "Page: Give a page number"),
        ("/children/", "page=0", "Page: Ensure this value is greater than or equal to 1"),
        ("/children/", f"page={HUGE}", "Page: Ensure this value"),
        ("/children/", "page=99999", "Page: there"),
        ("/children/", f"q={LONG}", "Search: Ensure this value has at most 100 characters"),
        (f"/children/{child}/", "all=2", "Show: “2” is not one of"),
        (f"/children/{child}/", f"reason={LONG}", "Reason: Ensure this value has at most 300 characters"),
        (f"/children/{child}/", "format=doc", "Download format: “doc” is not one of"),
        (f"/teams/{team}/", "table=x&format=csv", "Table: “x” is not one of"),
        (f"/teams/{team}/", "format=csv", "Say which table to download: caseloads or drift"),
        (f"/teams/{team}/", "table=drift&format=doc", "Download format: “doc” is not one of"),
        (f"/teams/{team}/", "show=late", "Show: “late” is not one of"),
        (f"/teams/{team}/", "kind=picnic", "What is due: “picnic” is not one of"),
        (f"/teams/{team}/", "worker=x", "Worker: Give the number of a worker"),
        (f"/teams/{team}/", "worker=999999", "No item in this team's drift list is allocated to worker"),
        (f"/teams/{team}/", "page=99999", "Page: there"),
        ("/access-log/", "flagged=yes", "Show: “yes” is not one of"),
        ("/access-log/", "page=x", "Page: Give a page number"),
        ("/access-log/", f"user={LONG}", "User: Ensure this value has at most 150 characters"),
        ("/access-log/", "format=pdf", "Download format: “pdf” is not one of"),
        ("/demand/", "format=pdf", "Download format: “pdf” is not one of"),
        ("/audits/analysis/", "team=abc", "Team: Give the number of a team"),
        ("/audits/analysis/", f"team={HUGE}", "Team: Ensure this value"),
        ("/audits/analysis/", "team=999999", "Team: There is no team numbered 999999"),
        ("/audits/analysis/", "from=last-year", "From: “last-year” is not a quarter"),
        ("/audits/analysis/", "to=2025-Q9", "To: “2025-Q9” is not a quarter"),
        ("/audits/analysis/", "cohort=everyone", "Cohort: “everyone” is not one of"),
        ("/audits/analysis/", "kind=quiz", "Audit tool: “quiz” is not one of"),
        ("/audits/analysis/", "format=csv&table=pie", "Table: “pie” is not one of"),
        ("/audits/analysis/", "format=pdf", "Download format: “pdf” is not one of"),
        ("/audits/agreement/", "team=x", "Team: Give the number of a team"),
        ("/audits/agreement/", "from=2025", "From: “2025” is not a quarter"),
        ("/audits/", "page=x", "Page: Give a page number"),
        ("/audits/actions/", "status=maybe", "Status: “maybe” is not one of"),
        ("/audits/actions/", "page=0", "Page: Ensure this value is greater than or equal to 1"),
        ("/audits/tools/collaborative/", "version=x", "Version: Give a version number"),
        ("/audits/tools/collaborative/", "version=999", "has no version 999"),
        ("/improvement/challenges/", "status=lost", "Status: “lost” is not one of"),
        ("/improvement/challenges/", "page=x", "Page: Give a page number"),
        ("/improvement/challenges/", f"q={LONG}", "Search: Ensure this value has at most 100 characters"),
        ("/clinics/", "month=March", "Month: Give the month as year-month"),
        # A page past the last names how many there are, on every list that pages.
        ("/audits/", "page=99999", "Page: there"),
        ("/audits/actions/", "page=99999", "Page: there"),
        ("/access-log/", "page=99999", "Page: there"),
        ("/improvement/challenges/", "page=99999", "Page: there"),
    ]
    return rows


@pytest.fixture
def admin(signed_in, locality):
    client, _ = signed_in(Role.ADMINISTRATOR)
    return client, child_allocated_to(locality), locality


def test_every_bad_parameter_is_a_400_naming_it(admin):
    client, child, team = admin
    client.get("/audits/tools/")  # the default audit tools are made when first listed
    failures = []
    for path, query, says in _bad_values("contacts", child.pk, team.pk):
        response = client.get(f"{path}?{query}")
        text = response.content.decode()
        if response.status_code != 400 or says not in text.replace("&#x27;", "'").replace("&quot;", '"'):
            failures.append(f"{path}?{query[:60]}: {response.status_code}, expected “{says}”")
    assert not failures, "\n".join(failures)


def test_good_parameters_still_answer(admin):
    client, child, team = admin
    end = as_at().isoformat()
    day = as_at()
    for url in [
        f"/?end={end}&period=quarter",
        f"/?end-day={day.day}&end-month={day.month}&end-year={day.year}&period=quarter",
        f"/inequality/?end={day:%d/%m/%Y}",
        f"/inequality/?end-day=0{day.day}&end-month=0{day.month}&end-year={day.year}&period=month",
        f"/indicators/contacts/?end={end}&period=year&level=team&unit={team.pk}&list=numerator",
        "/indicators/contacts/?level=council&table=trend&format=csv",
        "/children/?page=1&q=",
        f"/children/{child.pk}/?all=1",
        f"/teams/{team.pk}/?table=drift&format=xlsx",
        f"/teams/{team.pk}/?table=drift&format=csv&show=overdue&kind=visit&page=1",
        "/access-log/?flagged=1",
        "/demand/?format=csv",
        f"/audits/analysis/?from=2025-Q1&to=2025-Q4&team={team.pk}&cohort=cp&kind=case_file",
        "/audits/analysis/?format=csv",
        "/audits/agreement/?from=2025-Q1",
        "/audits/actions/?status=open&page=1",
        "/audits/tools/collaborative/?version=1",
        "/improvement/challenges/?status=open&q=x",
        "/clinics/?month=2026-03",
    ]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("count", [0, 1, 7, 9])
def test_a_page_past_the_last_names_how_many_pages_there_are(count):
    rows = list(range(count))
    pages = max(1, -(-count // 3))
    last = params.page_of(rows, 3, pages)
    assert list(last) == rows[(pages - 1) * 3 :]
    assert list(params.page_of(rows, 3, None)) == rows[:3]
    with pytest.raises(params.ParameterError) as refused:
        params.page_of(rows, 3, pages + 1)
    said = "is only 1 page" if pages == 1 else f"are only {pages} pages"
    assert refused.value.problems == [f"Page: there {said}, not {pages + 1}."]


def test_a_date_after_the_data_is_refused_not_moved(admin):
    client, _, _ = admin
    text = client.get("/indicators/contacts/?end=2099-01-01").content.decode()
    assert f"The data runs to {long_date(as_at())}" in text and "1 January 2099" in text
    assert Child.objects.exists()


class _Tables(params.DownloadForm):
    table = params.choice("Table", {"first": "First", "second": "Second", "third": "Third"})
    team = params.number("Team", "Give the number of a team from the list on the page.")


def test_a_download_from_a_page_of_several_tables_must_say_which_of_them():
    with pytest.raises(params.ParameterError) as raised:
        params.read(_Tables, None, data={"format": "csv"})
    assert raised.value.problems == ["Table: Say which table to download: first, second or third."]
    assert params.read(_Tables, None, data={"format": "csv", "table": "second"})["table"] == "second"
    assert params.read(params.DownloadForm, None, data={"format": "csv"})["format"] == "csv"


def test_a_number_from_the_pages_links_says_what_to_give():
    for value, says in (
        ("north", "Give the number of a team"),
        ("0", "greater than or equal to 1"),
        (HUGE, "less"),
    ):
        with pytest.raises(params.ParameterError) as raised:
            params.read(_Tables, None, data={"team": value})
        assert len(raised.value.problems) == 1 and raised.value.problems[0].startswith("Team: ")
        assert says in raised.value.problems[0]


def test_a_nul_character_posted_or_asked_is_a_400_naming_the_field_and_nothing_is_saved(signed_in):
    """PostgreSQL cannot store a NUL: a rebase reason, a concern or an answer holding one was a
    ValueError there (a 500); Django's forms refuse it, and so now does every hand-read field."""
    from sightline.performance.models import SpcRebase

    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    first = as_at().replace(day=1).isoformat()
    response = client.post("/indicators/contacts/", {"starts_on": first, "reason": "New\x00model"})
    assert response.status_code == 400
    assert "reason: remove the NUL character" in response.content.decode()
    assert not SpcRebase.objects.exists()
    response = client.get("/indicators/contacts/?period=month\x00")
    assert response.status_code == 400 and "period: remove the NUL" in response.content.decode()
    # Without the NUL the same post is recorded.
    client.post("/indicators/contacts/", {"starts_on": first, "reason": "New model"})
    assert SpcRebase.objects.get().reason == "New model"
