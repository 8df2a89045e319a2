"""The audit pages' posted forms (audits/posts.py): a worker number that is no worker or no number,
a due date no calendar holds, a grade that is not one of the four or a reason longer than is kept
is a message naming the field, nothing is written, and nothing is a 500."""

import pytest
from django.contrib.messages import get_messages

from sightline.accounts.roles import Role
from sightline.audits.models import Audit, AuditAction, AuditProgramme, AuditTool, ProgrammeMember
from sightline.workforce.models import Allocation

from .helpers import complete
from .test_journey import auditors, client_for, make_programme, staff

pytestmark = pytest.mark.django_db

HUGE = "9" * 30


def said(response) -> list[str]:
    assert response.status_code in {200, 302}, response.status_code
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def lead_client(client, council):
    client_for(client, staff(Role.QA_LEAD, username="posts-lead"))
    client.get("/audits/programmes/")  # ships the default tools
    return client


def test_a_new_programme_with_bad_values_is_refused_naming_each(lead_client):
    pool = auditors(2)
    before = AuditProgramme.objects.count()
    good = {
        "quarter": "2026-Q1",
        "tool": AuditTool.objects.get(key="collaborative").pk,
        "planned": "3",
        "due_date": "2026-04-30",
        "auditors": [w.pk for w in pool],
    }
    for bad, expected in (
        ({"tool": "x"}, "Audit tool: Choose the audit tool."),
        ({"planned": "²"}, "Audits to draw:"),
        ({"planned": HUGE}, "Audits to draw:"),
        ({"auditors": ["x"]}, "Auditors:"),
        ({"auditors": [HUGE]}, "Auditors:"),
        ({"moderators": ["99999999"]}, "Moderators: There is no worker numbered 99999999."),
        ({"quota": "²"}, "Audits per auditor:"),
        ({"due_date": "2026-02-30"}, "Due date must be a real date"),
        (
            {"due_date-day": "30", "due_date-month": "2", "due_date-year": "2026"},
            "Due date must be a real date",
        ),
        (
            {"due_date-day": "30", "due_date-month": "", "due_date-year": "2026"},
            "Due date must include a month",
        ),
        ({"due_date": ""}, "Enter due date"),
        ({"quarter": "soon"}, "Quarter: “soon” is not a quarter"),
        ({"moderation_share": "lots"}, "Share moderated:"),
        ({"auditors": []}, "Auditors: Choose the auditors in the pool."),
    ):
        messages = said(lead_client.post("/audits/programmes/", {**good, **bad}))
        assert any(m.startswith(expected) for m in messages), (bad, messages)
    assert AuditProgramme.objects.count() == before
    # The same form with good values makes the programme, with its pool.
    pk = make_programme(lead_client, pool, planned=3)
    assert ProgrammeMember.objects.filter(programme_id=pk, role=ProgrammeMember.Role.AUDITOR).count() == 2


def test_adding_a_child_or_a_moderator_with_a_worker_that_is_no_worker(lead_client):
    pool = auditors(3)
    pk = make_programme(lead_client, pool, planned=1)
    child = Allocation.objects.filter(end_date__isnull=True, child__restricted=False).first().child
    for auditor, expected in (("x", "Auditor: Choose a worker"), (HUGE, "Auditor:"), ("0", "Auditor:")):
        response = lead_client.post(
            f"/audits/programmes/{pk}/add/",
            {"la_child_id": child.la_child_id, "reason": "Complaint", "auditor": auditor},
        )
        assert any(m.startswith(expected) for m in said(response)), auditor
    long_reason = {"la_child_id": child.la_child_id, "reason": "r" * 301, "auditor": pool[0].pk}
    assert any(
        m.startswith("Reason:") for m in said(lead_client.post(f"/audits/programmes/{pk}/add/", long_reason))
    )
    assert not Audit.objects.filter(programme_id=pk, child=child).exists()
    members = ProgrammeMember.objects.filter(programme_id=pk).count()
    for moderator in ("x", HUGE, "99999999"):
        response = lead_client.post(f"/audits/programmes/{pk}/moderation/", {"moderator": moderator})
        assert any(m.startswith("Moderator:") for m in said(response)), moderator
    assert ProgrammeMember.objects.filter(programme_id=pk).count() == members


def test_an_action_with_a_bad_owner_or_due_date_is_refused(lead_client):
    pool = auditors(2)
    pk = make_programme(lead_client, pool, planned=2)
    lead_client.post(f"/audits/programmes/{pk}/sample/")
    audit = Audit.objects.filter(programme_id=pk).first()
    complete(audit)
    good = {"description": "Update the plan", "owner": pool[1].pk, "due-day": "30", "due-month": "4"}
    good["due-year"] = "2026"
    for bad, expected in (
        ({"owner": "abc"}, "Owner: Choose a worker"),
        ({"owner": HUGE}, "Owner:"),
        ({"due-year": HUGE}, "Due date must be a real date"),
        ({"due-year": "10000"}, "Due date must be a real date"),
        ({"due-year": "26"}, "Due date must include a year of 4 numbers"),
        ({"due-day": "31", "due-month": "2"}, "Due date must be a real date"),
        ({"due-month": "x"}, "Due date must be a real date"),
        ({"due-day": ""}, "Due date must include a day"),
        ({"due-day": "", "due-month": "", "due-year": ""}, "Enter due date"),
        ({"owner": "", "owner_name": "n" * 151}, "Owner's name:"),
    ):
        response = lead_client.post(f"/audits/{audit.pk}/actions/", {**good, **bad})
        assert any(m.startswith(expected) for m in said(response)), (bad, said(response))
    assert not AuditAction.objects.filter(audit=audit).exists()
    assert lead_client.post(f"/audits/{audit.pk}/actions/", good).status_code == 302
    assert AuditAction.objects.filter(audit=audit).count() == 1


def test_a_grade_that_is_not_one_of_the_four_is_said_and_nothing_submitted(lead_client):
    pool = auditors(2)
    pk = make_programme(lead_client, pool, moderators=[pool[1]], planned=2)
    lead_client.post(f"/audits/programmes/{pk}/sample/")
    audit = Audit.objects.filter(programme_id=pk).first()
    complete(audit, grade=4)
    lead_client.post(f"/audits/{audit.pk}/finalise/")
    lead_client.post(f"/audits/programmes/{pk}/moderation/")
    audit.refresh_from_db()
    moderator = staff(Role.AUDITOR, audit.moderation.moderator, username="posts-moderator")
    client = client_for(lead_client, moderator)
    for grade in ("²", "7", HUGE):
        response = client.post(f"/audits/{audit.pk}/moderate/", {"overall_grade": grade})
        assert response.status_code == 200
        assert "Overall grade: Choose one of the four grades." in said(response)
    audit.moderation.refresh_from_db()
    assert not audit.moderation.submitted
    client.post(f"/audits/{audit.pk}/moderate/", {"overall_grade": "3"})
    audit.moderation.refresh_from_db()
    assert audit.moderation.submitted and audit.moderation.overall_grade == 3


def test_a_tool_edit_with_a_bad_row_count_or_a_long_reason_is_refused(lead_client):
    tool = AuditTool.objects.get(key="collaborative")
    versions = tool.versions.count()
    for bad, expected in (
        ({"rows": "x"}, "Questions:"),
        ({"rows": "999999999"}, "Questions: Ensure this value is less than or equal to 500."),
        ({"rows": "0", "reason": "r" * 301}, "Reason:"),
    ):
        response = lead_client.post(f"/audits/tools/{tool.key}/edit/", bad)
        assert any(m.startswith(expected) for m in said(response)), (bad, said(response))
    assert tool.versions.count() == versions


def test_saving_a_grade_or_practitioner_int_cannot_read_is_refused_by_name(lead_client):
    pool = auditors(2)
    pk = make_programme(lead_client, pool, planned=1)
    lead_client.post(f"/audits/programmes/{pk}/sample/")
    audit = Audit.objects.filter(programme_id=pk).first()
    practitioner = audit.practitioner_id
    for field, value in (("overall_grade", "²"), ("practitioner", "²"), ("practitioner", HUGE)):
        response = lead_client.post(
            f"/audits/{audit.pk}/save/",
            {"field": field, "value": value},
            headers={"X-Requested-With": "fetch"},
        )
        assert response.status_code == 400 and response.json()["problems"], (field, value)
    audit.refresh_from_db()
    assert audit.overall_grade is None and audit.practitioner_id == practitioner
