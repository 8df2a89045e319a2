"""The month's pack downloaded from a clinic's page as Excel and CSV, at team, service and
council level: what the files hold (the exceptions and the managers' own words), that they name
no Sightline id or option value, the committee paper's suppression, and who may not have one."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from sightline.accesslog.models import RecordAccess
from sightline.accounts.roles import Role
from sightline.clinics import services
from sightline.clinics.models import Clinic
from sightline.workforce.models import Team
from web.test_exports import check_workbook

pytestmark = pytest.mark.django_db
HEADERS = ["Section", "Table", "Row", "Column", "Value"]


def _figures(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content))["All figures"].iter_rows(min_row=2, values_only=True))


def _about(content: bytes) -> dict:
    return dict(load_workbook(io.BytesIO(content))["About"].values)


def _cells(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    return [
        str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v is not None
    ]


def _submit(clinic: Clinic, user, **words) -> None:
    services.save_briefing(clinic, {"working_well": "Visits on time.", **words})
    services.move(clinic, user, "submit")


def _assert_no_ids_or_option_values(content: bytes, clinics) -> None:
    """No unit key, no stored option value (statuses, levels, signals) and no provider key."""
    raw = {c.unit_key for c in clinics} | set(Clinic.Status.values) | set(Clinic.Level.values)
    for clinic in clinics:
        for e in clinic.exceptions.all():
            raw |= {e.source, e.variation, e.assurance} - {""}
    for cell in _cells(content):
        assert cell not in raw, cell
        assert not any(value in cell for value in raw if "_" in value or ":" in value), cell


def test_a_team_manager_downloads_the_team_s_pack_with_its_exceptions_and_words(
    signed_in, scheduled, locality, month
):
    clinic = scheduled.get(level="team", team=locality)
    client, manager = signed_in(Role.TEAM_MANAGER)
    _submit(clinic, manager, worried_about="Two vacancies from April.")
    page = client.get(f"/clinics/{clinic.pk}/").content.decode()
    assert "this team's pack" in page and 'href="?format=xlsx"' in page

    response = client.get(f"/clinics/{clinic.pk}/", {"format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="clinic-pack-team-locality-north-{month:%Y-%m}.xlsx"'
    )
    header, count, marking = check_workbook(response.content, manager.username)
    assert header == HEADERS and marking == "OFFICIAL-SENSITIVE"
    about = _about(response.content)
    assert about["Title"].startswith("Performance clinic pack: Locality North") and about["Level"] == (
        "Team: Locality North"
    )
    figures = _figures(response.content)
    sections = list(dict.fromkeys(row[0] for row in figures))
    assert sections[:2] == ["Data exceptions", "Performance exceptions briefing"]
    assert {"Case-file audits", "Quality Improvement Plan", "Complaints"} <= set(sections)
    exceptions = list(clinic.exceptions.all())
    assert exceptions, "the test council's Locality North has exceptions this month"
    signals = {row[2]: row[4] for row in figures if row[0] == "Data exceptions" and row[3] == "Signal"}
    assert signals == {e.title: e.detail for e in exceptions}
    briefing = [row[4] for row in figures if row[0] == "Performance exceptions briefing"]
    assert any("Two vacancies from April." in str(text) for text in briefing)
    _assert_no_ids_or_option_values(response.content, [clinic])

    written = list(csv.reader(io.StringIO(client.get(f"/clinics/{clinic.pk}/", {"format": "csv"}).text)))
    assert written[0] == HEADERS and len(written) - 1 == count
    assert [row[0] for row in written[1:]] == [row[0] for row in figures]
    assert (
        RecordAccess.objects.filter(
            user=manager, action="export", what__startswith="clinic-pack-team-locality-north"
        ).count()
        == 2
    )


def test_the_service_pack_carries_its_teams_briefings_and_the_council_s_the_chief_executive_s(
    signed_in, scheduled, locality, month
):
    team_clinic = scheduled.get(level="team", team=locality)
    service_clinic = scheduled.get(level="service", service=locality.service)
    client, head = signed_in(Role.HEAD_OF_SERVICE)
    _submit(team_clinic, head, worried_about="Two vacancies from April.")
    _submit(service_clinic, head, worried_about="Agency reliance in the south.")
    response = client.get(f"/clinics/{service_clinic.pk}/", {"format": "csv"})
    assert response.status_code == 200
    slug = locality.service.name.lower().replace(" ", "-").replace("'", "")
    assert f'filename="clinic-pack-service-{slug}-{month:%Y-%m}.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    presented = [r for r in rows if r["Table"] == "The briefings presented to this clinic"]
    team_rows = {r["Column"]: r["Value"] for r in presented if r["Row"] == str(team_clinic)}
    assert team_rows["Status"] == "Submitted" and team_rows["Worried about"] == "Two vacancies from April."
    assert any("Agency reliance in the south." in r["Value"] for r in rows)
    teams = set(Team.objects.filter(service=locality.service).values_list("name", flat=True))
    assert {r["Row"] for r in presented} == {f"{name} team clinic, {month:%B %Y}" for name in teams}

    chief = scheduled.get(level="chief_executive")
    smt = scheduled.get(level="smt")
    client, _ = signed_in(Role.DIRECTOR)
    content = client.get(f"/clinics/{chief.pk}/", {"format": "xlsx"}).content
    assert _about(content)["Level"] == "Council"
    signals = {
        row[2]: row[4] for row in _figures(content) if row[0] == "Data exceptions" and row[3] == "Signal"
    }
    assert signals == {e.title: e.detail for e in chief.exceptions.all()}
    _assert_no_ids_or_option_values(content, [chief])
    # The senior management team's page offers the same council pack.
    again = client.get(f"/clinics/{smt.pk}/", {"format": "csv"})
    assert f'filename="clinic-pack-council-{month:%Y-%m}.csv"' in again["Content-Disposition"]


def _csv_rows(response) -> list[tuple]:
    return [tuple(row) for row in list(csv.reader(io.StringIO(response.text)))[1:]]


def test_the_committee_paper_suppresses_counts_of_one_to_five_and_names_no_one(signed_in, scheduled):
    chief = scheduled.get(level="chief_executive")
    client, director = signed_in(Role.DIRECTOR)
    board = _csv_rows(client.get(f"/clinics/{chief.pk}/", {"format": "csv"}))
    asked = {"format": "csv", "version": "committee"}
    committee = _csv_rows(client.get(f"/clinics/{chief.pk}/", asked))
    small = {row[:4] for row in board if row[4] in {"1", "2", "3", "4", "5"}}
    assert small, "the council's pack has small counts to suppress"
    assert not [row for row in committee if row[4] in {"1", "2", "3", "4", "5"}]
    hidden = {row[:4] for row in committee if row[4] == "1-5 (suppressed)"}
    assert small & {row[:4] for row in committee} <= hidden
    owners = {row[4] for row in board if row[3] == "Owner"}
    workbook = client.get(f"/clinics/{chief.pk}/", {**asked, "format": "xlsx"})
    assert check_workbook(workbook.content, director.username)[2] == "OFFICIAL"
    assert workbook["Content-Disposition"].endswith('-committee.xlsx"')
    assert owners and not owners & set(_cells(workbook.content))


def test_a_viewer_who_may_not_open_a_unit_s_clinic_gets_no_pack(signed_in, scheduled, locality):
    own = scheduled.get(level="team", team=locality)
    other_team = Team.objects.exclude(service=locality.service).first()
    other = scheduled.get(level="team", team=other_team)
    other_service = scheduled.get(level="service", service=other_team.service)
    chief = scheduled.get(level="chief_executive")
    client, _ = signed_in(Role.TEAM_MANAGER)
    for clinic in (other, other_service, chief):
        for fmt in ("xlsx", "csv"):
            assert client.get(f"/clinics/{clinic.pk}/", {"format": fmt}).status_code == 403
    assert client.get(f"/clinics/{own.pk}/", {"format": "pdf"}).status_code == 400
    client, _ = signed_in(Role.HEAD_OF_SERVICE)
    assert client.get(f"/clinics/{other.pk}/", {"format": "xlsx"}).status_code == 403
    assert client.get(f"/clinics/{other_service.pk}/", {"format": "csv"}).status_code == 403
    for role in (Role.ELECTED_MEMBER, Role.PARTNER_AGENCY, Role.PRACTITIONER):
        client, _ = signed_in(role, username=f"{role.value}-x")
        assert (
            client.get(f"/clinics/{own.pk}/", {"format": "xlsx", "version": "committee"}).status_code == 403
        )
    assert not RecordAccess.objects.filter(action="export").exists()
