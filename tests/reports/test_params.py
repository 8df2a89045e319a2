"""The report pages' parameters (reports/params.py): each bad value is a 400 page naming the
parameter and what is wrong, never a 500, a 404 or the latest quarter shown instead."""

import html

import pytest

from sightline.accounts.roles import Role
from sightline.reports import assembly, selfeval

pytestmark = pytest.mark.django_db
REPORT = "/reports/quality-of-practice/"
SELF_EVALUATION = "/reports/self-evaluation/"


def _says(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({"quarter": "last"}, "Quarter: “last” is not a quarter; write it as 2025-Q4."),
        ({"quarter": "2025-Q5"}, "Quarter: “2025-Q5” is not a quarter"),
        ({"quarter": "x" * 40}, "Quarter: Ensure this value has at most 20 characters"),
        ({"version": "secret"}, "Version: “secret” is not one of"),
        ({"format": "pdf"}, "Download format: “pdf” is not one of"),
        ({"format": "docx", "version": "x"}, "Version: “x” is not one of"),
    ],
)
def test_a_bad_report_parameter_is_a_400_naming_it(signed_in, query, says):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    response = client.get(REPORT, query)
    assert response.status_code == 400
    assert says in _says(response)


def test_a_quarter_not_yet_ended_names_the_latest_one(signed_in):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    on = assembly.perf.reference_date()
    latest = assembly.latest_quarter(on)
    response = client.get(REPORT, {"quarter": latest.next().key})
    assert response.status_code == 400
    assert f"the latest quarter is {latest.key}" in _says(response)


def test_a_bad_quarter_posted_for_a_pdf_queues_nothing(signed_in):
    from sightline.jobs.models import Job

    client, _ = signed_in(Role.DIRECTOR)
    before = Job.objects.filter(kind="report").count()
    response = client.post(f"{REPORT}pdf/", {"quarter": "soon", "version": "board"})
    assert response.status_code == 400 and "Quarter: “soon” is not a quarter" in _says(response)
    assert Job.objects.filter(kind="report").count() == before


def test_good_report_parameters_still_answer(signed_in):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    latest = assembly.latest_quarter(assembly.perf.reference_date())
    for query in ({}, {"quarter": latest.key, "version": "committee"}, {"version": "board", "format": "csv"}):
        assert client.get(REPORT, query).status_code == 200, query


@pytest.mark.parametrize(
    ("year", "says"),
    [
        ("last", "Year: Give the year the financial year ends in, such as 2026"),
        ("1999", "not 1999"),
        ("9" * 30, "not 9999"),
    ],
)
def test_a_bad_self_evaluation_year_is_a_400_naming_it(signed_in, year, says):
    client, _ = signed_in(Role.HEAD_OF_SERVICE)
    response = client.get(SELF_EVALUATION, {"year": year})
    assert response.status_code == 400 and says in _says(response)


def test_a_year_after_the_latest_names_the_years_there_are(signed_in):
    client, _ = signed_in(Role.HEAD_OF_SERVICE)
    latest = selfeval.latest_year(assembly.perf.reference_date())
    response = client.get(SELF_EVALUATION, {"year": str(latest + 1)})
    assert response.status_code == 400
    assert f"years ending 2000 to {latest}, not {latest + 1}" in _says(response)
    assert client.get(SELF_EVALUATION, {"year": str(latest)}).status_code == 200
