"""The kit's pages on a register over teams: list, filters, paging, export, detail, add, change, history."""

import csv
import io

import pytest
from openpyxl import load_workbook

from sightline.accounts.roles import Role
from sightline.registers.models import ChangeRecord
from sightline.workforce.models import Team

pytestmark = [pytest.mark.django_db, pytest.mark.urls("registers.kit")]

LIST = "/kit/kit-teams/"


def test_the_list_pages_filters_and_searches(signed_in, teams):
    client, _ = signed_in(Role.PRACTITIONER)
    first = client.get(LIST).content.decode()
    assert "7 teams." in first and "Team 00" in first and "Team 05" not in first  # 5 a page, by name
    assert "Page 1 of 2" in first
    second = client.get(LIST + "?page=2").content.decode()
    assert "Team 05" in second and "Team 06" in second and "Team 00" not in second
    # A page past the last is a 400 saying how many pages there are, not the last page again.
    past = client.get(LIST + "?page=3")
    assert past.status_code == 400 and "Page: there are only 2 pages, not 3." in past.content.decode()
    one = client.get(f"{LIST}?service={teams[-1].service.pk}&page=2")
    assert one.status_code == 400 and "there is only 1 page, not 2" in one.content.decode()
    south = teams[-1].service
    only_south = client.get(f"{LIST}?service={south.pk}").content.decode()
    assert "3 teams match." in only_south and "Team 03" not in only_south
    kind = client.get(f"{LIST}?service={south.pk}&kind=CLA").content.decode()
    assert "Team 04" in kind and "Team 06" in kind and "Team 05" not in kind
    assert "Team 02" in client.get(LIST + "?q=team 02").content.decode()
    # An unknown filter value is a 400 naming the filter, not a quietly unfiltered list.
    refused = client.get(LIST + "?service=99999&kind=NOPE")
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "“99999” is not one of" in text and "“NOPE” is not one of" in text


def test_export_has_the_filtered_rows_with_typed_cells(signed_in, teams):
    client, _ = signed_in(Role.QA_LEAD)
    south = teams[-1].service
    response = client.get(f"{LIST}?service={south.pk}&format=csv")
    assert response["Content-Disposition"] == 'attachment; filename="kit-teams.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Name", "Service", "Kind", "Limit"]
    assert [r[0] for r in rows[1:]] == ["Team 04", "Team 05", "Team 06"]
    assert rows[1][2] == "Children looked after"
    book = load_workbook(io.BytesIO(client.get(f"{LIST}?format=xlsx").content))
    sheet = book.active
    assert sheet.max_row == 8 and sheet.cell(2, 4).value == 18  # a number stays a number


def test_change_is_recorded_field_by_field(signed_in, teams):
    client, user = signed_in(Role.QA_LEAD)
    team = teams[0]
    page = client.get(f"/kit/kit-teams/{team.pk}/change/").content.decode()
    assert 'name="caseload_limit"' in page and 'value="18"' in page
    response = client.post(
        f"/kit/kit-teams/{team.pk}/change/",
        {"name": "Team 00", "service": team.service_id, "kind": "LOCALITY", "caseload_limit": 16},
    )
    assert response.status_code == 302 and response["Location"] == f"/kit/kit-teams/{team.pk}/"
    entry = ChangeRecord.objects.get(object_id=team.pk)
    assert entry.user == user and entry.action == "changed"
    assert {c["field"]: (c["old"], c["new"]) for c in entry.changes} == {
        "Kind": ("Children looked after", "Locality (CIN and CP)"),
        "Caseload limit": ("18", "16"),
    }
    detail = client.get(f"/kit/kit-teams/{team.pk}/").content.decode()
    assert "Change history" in detail and "Caseload limit" in detail and "“18”" in detail


def test_a_bad_value_is_refused_beside_its_field_and_nothing_is_saved(signed_in, teams):
    client, _ = signed_in(Role.QA_LEAD)
    team = teams[0]
    response = client.post(
        f"/kit/kit-teams/{team.pk}/change/",
        {"name": "", "service": team.service_id, "kind": "LOCALITY", "caseload_limit": 60},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem: nothing was saved" in page
    assert "A caseload limit above 40 children is not a limit." in page
    assert "Name: This field is required." in page
    team.refresh_from_db()
    assert team.caseload_limit == 18 and team.kind == "CLA"
    assert not ChangeRecord.objects.exists()


def test_a_duplicate_the_database_refuses_reads_as_a_plain_message(signed_in, teams):
    client, _ = signed_in(Role.QA_LEAD)
    response = client.post(
        "/kit/kit-teams/add/",
        {"name": "Team 01", "service": teams[0].service_id, "kind": "CLA", "caseload_limit": 18},
    )
    page = response.content.decode()
    assert "Team with this Name already exists." in page and "IntegrityError" not in page
    assert Team.objects.filter(name="Team 01").count() == 1


def test_adding_records_every_field(signed_in, teams):
    client, _ = signed_in(Role.ADMINISTRATOR)
    response = client.post(
        "/kit/kit-teams/add/",
        {"name": "Team new", "service": teams[0].service_id, "kind": "CLA", "caseload_limit": 15},
    )
    team = Team.objects.get(name="Team new")
    assert response["Location"] == f"/kit/kit-teams/{team.pk}/"
    entry = ChangeRecord.objects.get(object_id=team.pk)
    assert entry.action == "created" and {c["field"] for c in entry.changes} == {
        "Name",
        "Service",
        "Kind",
        "Caseload limit",
    }


@pytest.mark.parametrize(
    "role, reads, adds",
    [
        (Role.PRACTITIONER, True, False),
        (Role.TEAM_MANAGER, True, False),
        (Role.IRO, True, False),
        (Role.AUDITOR, True, False),
        (Role.HEAD_OF_SERVICE, True, False),
        (Role.QA_LEAD, True, True),
        (Role.PERFORMANCE_ANALYST, True, True),
        (Role.DIRECTOR, True, True),
        (Role.ADMINISTRATOR, True, True),
    ],
)
def test_council_roles_read_and_only_keepers_write(role, reads, adds, signed_in, teams):
    client, _ = signed_in(role)
    team = teams[0]
    assert client.get(LIST).status_code == 200
    assert client.get(f"/kit/kit-teams/{team.pk}/").status_code == 200
    expected = 200 if adds else 403
    assert client.get("/kit/kit-teams/add/").status_code == expected
    assert client.get(f"/kit/kit-teams/{team.pk}/change/").status_code == expected
    posted = client.post(
        f"/kit/kit-teams/{team.pk}/change/",
        {"name": "Renamed", "service": team.service_id, "kind": "CLA", "caseload_limit": 18},
    )
    team.refresh_from_db()
    assert (team.name == "Renamed") is adds and (posted.status_code == 403) is not adds


def test_elected_members_see_counts_with_small_numbers_suppressed(signed_in, teams):
    client, _ = signed_in(Role.ELECTED_MEMBER)
    page = client.get(LIST).content.decode()
    assert "Team 00" not in page and "Counts only" in page
    assert "1-5 (suppressed)" in page  # 4 teams in North, 3 in South
    assert client.get(f"/kit/kit-teams/{teams[0].pk}/").status_code == 404
    assert client.get("/kit/kit-teams/add/").status_code == 403
    rows = list(csv.reader(io.StringIO(client.get(LIST + "?format=csv").content.decode())))
    assert ["All", "Total", "7"] in rows and all("Team 0" not in cell for row in rows for cell in row)


def test_partner_agencies_see_nothing_of_a_register_without_agency_rows(signed_in, teams):
    client, _ = signed_in(Role.PARTNER_AGENCY, agency="health")
    assert client.get(LIST).status_code == 403
    assert client.get(f"/kit/kit-teams/{teams[0].pk}/").status_code == 404
    assert client.get(LIST + "?format=csv").status_code == 403


def test_pages_need_sign_in(client, teams):
    for url in [LIST, "/kit/kit-teams/add/", f"/kit/kit-teams/{teams[0].pk}/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"]
