"""The report page: who may read it, the committee version for elected members, the quarter chosen."""

import pytest

from sightline.accounts.roles import Role

pytestmark = pytest.mark.django_db
URL = "/reports/quality-of-practice/"


def test_the_director_reads_the_last_quarter_with_every_section(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    page = client.get(URL).content.decode()
    assert "January to March 2026" in page
    for heading in ["KPQ 1: Referrals and children seen", "Case-file audits", "Quality Improvement Plan"]:
        assert heading in page
    assert page.count('role="img"') >= 10 and "the figures are in the table below" in page
    assert "Committee paper for elected members" in page


def test_an_elected_member_gets_the_committee_version_whatever_they_ask(signed_in):
    client, _ = signed_in(Role.ELECTED_MEMBER)
    page = client.get(URL, {"version": "board"}).content.decode()
    assert "committee version: counts of 1 to 5 suppressed" in page
    assert 'name="version"' not in page.split("<main")[1].split("</form>")[0]


def test_a_partner_agency_may_not_read_it_and_a_bad_quarter_is_explained(signed_in, client):
    partner, _ = signed_in(Role.PARTNER_AGENCY)
    assert partner.get(URL).status_code == 403
    client.logout()
    analyst, _ = signed_in(Role.PERFORMANCE_ANALYST)
    response = analyst.get(URL, {"quarter": "2027-Q1"})
    assert response.status_code == 400 and "has not ended in the records" in response.content.decode()
