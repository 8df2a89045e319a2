"""The audit programme through the web pages: a QA lead plans and samples, an auditor does an
audit with an action and a safeguarding concern, the team manager responds, a moderator
re-grades blind, and the agreement figures and the child's chronology show it."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from lxml import html as lxml_html

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.audits.models import Audit, AuditAction, AuditTool, SafeguardingConcern
from sightline.workforce.models import Worker

from .conftest import PASSWORD
from .helpers import complete

pytestmark = pytest.mark.django_db


def staff(role: Role, worker: Worker | None = None, username: str | None = None, agency: str = ""):
    user = get_user_model().objects.create_user(
        username or f"{role.value}-{worker.pk if worker else 'x'}", password=PASSWORD
    )
    StaffProfile.objects.create(user=user, role=role.value, worker=worker, agency=agency)
    return user


def client_for(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def auditors(n: int = 6) -> list[Worker]:
    """Current workers from different teams, to make up the pool."""
    found, teams = [], set()
    for worker in Worker.objects.filter(leave_date__isnull=True, role__in=["SP", "TM"]).order_by("staff_id"):
        if worker.team_id not in teams:
            found.append(worker)
            teams.add(worker.team_id)
        if len(found) == n:
            break
    return found


def make_programme(client, pool, moderators=(), planned=12):
    tool = AuditTool.objects.get(key="collaborative")
    response = client.post(
        "/audits/programmes/",
        {
            "name": "Test programme",
            "quarter": "2026-Q1",
            "tool": tool.pk,
            "planned": str(planned),
            "due_date": "2026-04-30",
            "auditors": [w.pk for w in pool],
            "moderators": [w.pk for w in moderators],
            "quota": "5",
        },
    )
    assert response.status_code == 302, response.content
    return int(response["Location"].rstrip("/").split("/")[-1])


def test_the_whole_journey(client, council):
    pool = auditors()
    lead = staff(Role.QA_LEAD, username="lead")
    client_for(client, lead)
    assert client.get("/audits/programmes/").status_code == 200  # ships the default tools
    assert AuditTool.objects.count() == 8
    pk = make_programme(client, pool[:4], moderators=[pool[4]])
    assert client.post(f"/audits/programmes/{pk}/sample/").status_code == 302
    audits = list(Audit.objects.filter(programme_id=pk))
    assert len(audits) == 12
    assert all(a.auditor_id and a.auditor.team_id != a.team_id for a in audits)
    page = client.get(f"/audits/programmes/{pk}/").content.decode()
    assert "0 of 12 finalised" in page

    # The auditor sees their audits and those children only.
    audit = next(a for a in audits if a.auditor_id == pool[0].pk)
    auditor = staff(Role.AUDITOR, pool[0])
    client_for(client, auditor)
    hub = client.get("/audits/").content.decode()
    assert f"/audits/{audit.pk}/" in hub
    assert client.get(f"/children/{audit.child_id}/").status_code == 200
    other = next(a for a in audits if a.auditor_id != pool[0].pk)
    assert client.get(f"/audits/{other.pk}/").status_code == 404
    if other.child_id not in {a.child_id for a in audits if a.auditor_id == pool[0].pk}:
        assert client.get(f"/children/{other.child_id}/").status_code == 404

    fetch = {"X-Requested-With": "fetch"}
    # Autosave: one change at a time, refused answers named.
    saved = client.post(
        f"/audits/{audit.pk}/save/",
        {"field": "answer:mapping_current", "value": "yes"},
        headers={"X-Requested-With": "fetch"},
    )
    assert saved.status_code == 200 and saved.json()["saved"]
    refused = client.post(
        f"/audits/{audit.pk}/save/",
        {"field": "answer:mapping_quality", "value": "7"},
        headers={"X-Requested-With": "fetch"},
    )
    assert refused.status_code == 400 and "mapping" in refused.json()["problems"][0].lower()
    audit.refresh_from_db()
    assert audit.status == Audit.Status.IN_PROGRESS and audit.answers["mapping_current"]["value"] == "yes"
    # Without JavaScript the whole form posts.
    client.post(
        f"/audits/{audit.pk}/save/",
        {"practitioner_view": "Helpful to reflect", "family_feedback": "Mum felt heard"},
    )
    audit.refresh_from_db()
    assert audit.practitioner_view == "Helpful to reflect"
    # The date of the audit: GOV.UK's three boxes, saved together by the script or the whole form.
    boxes = {"audit_date-day": "2", "audit_date-month": "4", "audit_date-year": "2026"}
    dated = client.post(
        f"/audits/{audit.pk}/save/", {"field": "audit_date", "value": "", **boxes}, headers=fetch
    )
    assert dated.status_code == 200 and dated.json()["saved"]
    audit.refresh_from_db()
    assert audit.audit_date == date(2026, 4, 2)
    unreal = client.post(
        f"/audits/{audit.pk}/save/", {"field": "audit_date", **boxes, "audit_date-day": "31"}, headers=fetch
    )
    assert unreal.status_code == 400 and unreal.json()["problems"] == [
        "Date of the audit must be a real date"
    ]
    shown = client.post(f"/audits/{audit.pk}/save/", {**boxes, "audit_date-month": ""}, follow=True)
    assert "Date of the audit must include a month" in shown.content.decode()
    page = lxml_html.fromstring(client.get(f"/audits/{audit.pk}/").content)
    assert [page.get_element_by_id(f"f-audit_date-{p}").get("value") for p in ("day", "month", "year")] == [
        "2",
        "4",
        "2026",
    ]
    client.post(f"/audits/{audit.pk}/save/", {**boxes, "audit_date-day": "3"})
    audit.refresh_from_db()
    assert audit.audit_date == date(2026, 4, 3)

    # Finalising with questions unanswered is refused, naming them.
    client.post(f"/audits/{audit.pk}/finalise/")
    audit.refresh_from_db()
    assert audit.status == Audit.Status.IN_PROGRESS
    assert "is not answered" in client.get(f"/audits/{audit.pk}/").content.decode()

    complete(audit, grade=4)
    response = client.post(
        f"/audits/{audit.pk}/actions/",
        {
            "description": "Update the chronology",
            "owner": audit.practitioner_id or pool[1].pk,
            "due-day": "30",
            "due-month": "4",
            "due-year": "2026",
        },
    )
    assert response.status_code == 302 and AuditAction.objects.filter(audit=audit).count() == 1
    client.post(
        f"/audits/{audit.pk}/concern/", {"description": "Dad back in the home, not known to the plan"}
    )
    concern = SafeguardingConcern.objects.get(audit=audit)
    assert client.post(f"/audits/{audit.pk}/finalise/").status_code == 302
    audit.refresh_from_db()
    assert audit.status == Audit.Status.FINALISED and audit.overall_grade == 4

    # The team manager is alerted on their home page and must record a response to clear it.
    manager_worker = Worker.objects.filter(team_id=concern.team_id, role="TM").first()
    manager = staff(Role.TEAM_MANAGER, manager_worker, username="manager")
    StaffProfile.objects.get(user=manager).teams.add(concern.team_id)
    client_for(client, manager)
    home = client.get("/").content.decode()
    assert "Safeguarding concern from an audit" in home and f"/audits/concerns/{concern.pk}/" in home
    client.post(f"/audits/concerns/{concern.pk}/", {"response": "   "})
    concern.refresh_from_db()
    assert concern.is_open
    client.post(f"/audits/concerns/{concern.pk}/", {"response": "Visited today; plan updated with dad"})
    concern.refresh_from_db()
    assert not concern.is_open
    assert f"/audits/concerns/{concern.pk}/" not in client.get("/").content.decode()

    # Moderation: every Outstanding is chosen; the moderator does not see the first grades.
    client_for(client, lead)
    client.post(f"/audits/programmes/{pk}/moderation/")
    audit.refresh_from_db()
    assert audit.moderation.moderator_id == pool[4].pk
    moderator = staff(Role.AUDITOR, pool[4])
    client_for(client, moderator)
    blind = client.get(f"/audits/{audit.pk}/moderate/").content.decode()
    assert "Outstanding</option>" in blind and "selected" not in blind.split('id="moderation-form"')[1]
    audit_page = client.get(f"/audits/{audit.pk}/").content.decode()
    assert "Overall grade: <strong>" not in audit_page
    client.post(f"/audits/{audit.pk}/moderate/", {"overall_grade": "3", "section:mapping": "3"})
    audit.refresh_from_db()
    assert audit.moderation.submitted and audit.moderation.overall_grade == 3
    assert "Overall grade: <strong>Outstanding" in client.get(f"/audits/{audit.pk}/").content.decode()

    # Agreement figures move: one moderated audit, graded one lower.
    client_for(client, lead)
    agreement = client.get("/audits/agreement/?from=2026-Q2&to=2026-Q2").content.decode()
    assert 'id="moderated-count">1<' in agreement and 'id="exact-agreement">0.0%<' in agreement
    assert f"{pool[0]}" in agreement.split('id="optimism"')[1]
    # The audit is in the child's chronology.
    chronology = client.get(f"/children/{audit.child_id}/").content.decode()
    assert "Collaborative case-file audit" in chronology and "moderated Good" in chronology


def test_a_finalised_audit_changes_only_by_a_new_version_with_a_reason(client, council):
    pool = auditors(3)
    lead = staff(Role.QA_LEAD, username="lead2")
    client_for(client, lead)
    client.get("/audits/programmes/")
    pk = make_programme(client, pool, planned=3)
    client.post(f"/audits/programmes/{pk}/sample/")
    audit = Audit.objects.filter(programme_id=pk).first()
    complete(audit)
    client.post(f"/audits/{audit.pk}/finalise/")
    refused = client.post(
        f"/audits/{audit.pk}/save/",
        {"field": "overall_comment", "value": "x"},
        headers={"X-Requested-With": "fetch"},
    )
    assert refused.status_code == 403
    client.post(f"/audits/{audit.pk}/new-version/", {"reason": ""})
    assert not Audit.objects.filter(previous=audit).exists()
    response = client.post(f"/audits/{audit.pk}/new-version/", {"reason": "Evidence of a later visit found"})
    fresh = Audit.objects.get(previous=audit)
    assert response["Location"] == f"/audits/{fresh.pk}/"
    audit.refresh_from_db()
    assert audit.status == Audit.Status.SUPERSEDED and fresh.version == 2 and fresh.answers == audit.answers


def test_manual_additions_need_a_reason_and_an_auditor_from_another_team(client, council):
    pool = auditors(3)
    lead = staff(Role.QA_LEAD, username="lead3")
    client_for(client, lead)
    client.get("/audits/programmes/")
    pk = make_programme(client, pool, planned=1)
    from sightline.web.selectors import as_at
    from sightline.workforce.models import Allocation

    allocation = Allocation.objects.filter(role="SW", end_date__isnull=True, child__restricted=False).first()
    child = allocation.child
    same_team = Worker.objects.filter(team_id=allocation.team_id).first()
    client.post(f"/audits/programmes/{pk}/add/", {"la_child_id": child.la_child_id, "reason": ""})
    assert not Audit.objects.filter(programme_id=pk, child=child).exists()
    client.post(
        f"/audits/programmes/{pk}/add/",
        {"la_child_id": child.la_child_id, "reason": "Complaint", "auditor": same_team.pk},
    )
    assert not Audit.objects.filter(programme_id=pk, child=child).exists()
    other = next(w for w in pool if w.team_id != allocation.team_id)
    client.post(
        f"/audits/programmes/{pk}/add/",
        {"la_child_id": child.la_child_id, "reason": "Complaint", "auditor": other.pk},
    )
    added = Audit.objects.get(programme_id=pk, child=child)
    assert added.source == "manual" and added.added_reason == "Complaint" and as_at()


def test_a_partner_agency_completes_only_its_own_section(client, council):
    lead = staff(Role.QA_LEAD, username="lead4")
    client_for(client, lead)
    client.get("/audits/tools/")
    tool = AuditTool.objects.get(key="multi-agency")
    from sightline.audits.services import latest_version
    from sightline.records.models import Child

    child = Child.objects.filter(restricted=False).first()
    audit = Audit.objects.create(
        tool_version=latest_version(tool), child=child, updated_at=date(2026, 3, 1).isoformat() + "T00:00:00Z"
    )
    other = Audit.objects.create(
        tool_version=latest_version(AuditTool.objects.get(key="collaborative")),
        child=child,
        updated_at="2026-03-01T00:00:00Z",
    )
    health = staff(Role.PARTNER_AGENCY, username="nurse", agency="health")
    client_for(client, health)
    page = client.get(f"/audits/{audit.pk}/").content.decode()
    assert "health_response" in page and "police_response" not in page and "council_response" not in page
    assert f'href="/children/{child.pk}/"' not in page
    assert client.get(f"/audits/{other.pk}/").status_code == 404
    ok = client.post(
        f"/audits/{audit.pk}/save/",
        {"field": "answer:health_response", "value": "3"},
        headers={"X-Requested-With": "fetch"},
    )
    assert ok.status_code == 200
    no = client.post(
        f"/audits/{audit.pk}/save/",
        {"field": "answer:police_response", "value": "3"},
        headers={"X-Requested-With": "fetch"},
    )
    assert no.status_code == 400
    assert client.post(f"/audits/{audit.pk}/finalise/").status_code == 403
    assert client.get("/audits/analysis/").status_code == 403


def test_two_auditors_of_the_same_name_are_told_apart_in_the_pool_and_the_choices(client, council):
    from sightline.records.services import bump_data_version

    pool = auditors(2)
    Worker.objects.filter(pk__in=[w.pk for w in pool]).update(first_name="Alex", last_name="Morgan")
    bump_data_version()
    client_for(client, staff(Role.QA_LEAD, username="lead-namesakes"))
    client.get("/audits/programmes/")
    pk = make_programme(client, pool, planned=1)
    page = client.get(f"/audits/programmes/{pk}/").content.decode()
    for worker in pool:
        shown = f"Alex Morgan ({worker.staff_id})"
        assert f"{shown} (auditor" in page  # the pool
        assert f'<option value="{worker.pk}">{shown}</option>' in page  # the choice of auditor
    assert "Alex Morgan (auditor" not in page and ">Alex Morgan<" not in page
    bump_data_version()
