"""Every improvement page for every role: who reads, who adds, who sees counts only, who nothing."""

import pytest

from sightline.accounts.roles import Role
from sightline.improvement.models import (
    AgencyResponse,
    Challenge,
    Finding,
    Inspection,
    InspectionRecommendation,
    PlanAction,
    PracticeReview,
    Priority,
    Recommendation,
)

pytestmark = pytest.mark.django_db

REGISTERS = {
    "priorities": Priority,
    "actions": PlanAction,
    "challenges": Challenge,
    "reviews": PracticeReview,
    "findings": Finding,
    "recommendations": Recommendation,
    "agency-actions": AgencyResponse,
    "inspections": Inspection,
    "inspection-recommendations": InspectionRecommendation,
}
KEEPERS = {Role.QA_LEAD, Role.PERFORMANCE_ANALYST, Role.DIRECTOR, Role.ADMINISTRATOR}
STAFF = [r for r in Role if r not in {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY}]


@pytest.mark.parametrize("role", STAFF)
def test_council_staff_read_every_register_and_keepers_add(role, signed_in):
    client, _ = signed_in(role)
    assert client.get("/improvement/").status_code == 200
    for key, model in REGISTERS.items():
        row = model.objects.order_by("pk").first()
        assert client.get(f"/improvement/{key}/").status_code == 200, key
        assert client.get(f"/improvement/{key}/{row.pk}/").status_code == 200, key
        assert client.get(f"/improvement/{key}/?format=csv").status_code == 200, key
        assert client.get(f"/improvement/{key}/add/").status_code == (200 if role in KEEPERS else 403), key
        if key != "actions":  # owners and their managers change actions: test_registers
            changed = client.get(f"/improvement/{key}/{row.pk}/change/").status_code
            assert changed == (200 if role in KEEPERS else 403), key
    inspection = Inspection.objects.first()
    assert client.get(f"/improvement/loop/improvement.inspection/{inspection.pk}/").status_code == 200
    review = PracticeReview.objects.first()
    assert client.get(f"/improvement/reviews/{review.pk}/progress/").status_code == 200
    assert client.get("/improvement/iro-escalations/").status_code == 200
    assert client.get("/improvement/iro-escalations/by-team/").status_code == 200
    expected = 200 if role in KEEPERS | {Role.IRO} else 403
    assert client.get("/improvement/iro-escalations/add/").status_code == expected


def test_elected_members_see_counts_only(signed_in):
    client, _ = signed_in(Role.ELECTED_MEMBER)
    assert client.get("/improvement/").status_code == 200
    for key, model in {**REGISTERS, "iro-escalations": None}.items():
        page = client.get(f"/improvement/{key}/")
        assert page.status_code == 200 and "Counts only" in page.content.decode(), key
        if model is not None:
            assert client.get(f"/improvement/{key}/{model.objects.first().pk}/").status_code == 404, key
        assert client.get(f"/improvement/{key}/add/").status_code == 403, key
        if model is not None:
            assert client.get(f"/improvement/{key}/{model.objects.first().pk}/change/").status_code == 404, (
                key
            )
    response = AgencyResponse.objects.first()
    assert (
        client.post(f"/improvement/agency-actions/{response.pk}/updates/", {"progress": "x"}).status_code
        == 404
    )
    assert (
        client.get(f"/improvement/loop/improvement.inspection/{Inspection.objects.first().pk}/").status_code
        == 403
    )
    assert (
        client.get(f"/improvement/reviews/{PracticeReview.objects.first().pk}/progress/").status_code == 404
    )
    by_team = client.get("/improvement/iro-escalations/by-team/").content.decode()
    assert "1-5 (suppressed)" in by_team and "/children/" not in by_team


def test_partner_agencies_see_only_their_agencys_rows(signed_in):
    client, _ = signed_in(Role.PARTNER_AGENCY, agency="health")
    page = client.get("/improvement/agency-actions/").content.decode()
    ours = AgencyResponse.objects.filter(agency="health")
    theirs = AgencyResponse.objects.exclude(agency="health")
    table = page[page.index('id="register-table"') :]
    assert f"{ours.count()} agency action" in page and "Police" not in table and "Health (NHS)" in table
    assert client.get(f"/improvement/agency-actions/{ours.first().pk}/").status_code == 200
    assert client.get(f"/improvement/agency-actions/{theirs.first().pk}/").status_code == 404
    assert (
        client.get(f"/improvement/actions/{PlanAction.objects.first().pk}/").status_code == 404
    )  # council's
    assert "0 actions." in client.get("/improvement/actions/").content.decode()
    for key in ["priorities", "challenges", "reviews", "inspections", "iro-escalations"]:
        assert client.get(f"/improvement/{key}/").status_code == 403, key
    assert client.get("/improvement/agency-actions/add/").status_code == 403
    assert client.get(f"/improvement/agency-actions/{ours.first().pk}/change/").status_code == 200
    assert client.get(f"/improvement/agency-actions/{theirs.first().pk}/change/").status_code == 404
    assert client.get(f"/improvement/actions/{PlanAction.objects.first().pk}/change/").status_code == 404
    assert (
        client.get(f"/improvement/reviews/{PracticeReview.objects.first().pk}/progress/").status_code == 404
    )
    assert client.get("/improvement/iro-escalations/by-team/").status_code == 403


def test_pages_need_sign_in(client, council):
    for url in ["/improvement/", "/improvement/actions/", "/improvement/iro-escalations/by-team/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], url
