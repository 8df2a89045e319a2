"""A briefing from draft to sign-off through the pages, who may do each step, the roll-up to the
service and the chief executive, and actions that become improvement-plan actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils.html import escape
from lxml import html as lxml_html

from sightline.accounts.roles import Role
from sightline.clinics import domain, services
from sightline.clinics.models import Clinic, ClinicAction
from sightline.improvement.models import PlanAction, Priority
from sightline.web.selectors import as_at
from sightline.workforce.models import Team, Worker

pytestmark = pytest.mark.django_db


def _team_clinic(scheduled, team):
    return scheduled.get(level="team", team=team)


def test_a_team_briefing_from_draft_to_sign_off_rolls_up(signed_in, scheduled, locality):
    clinic = _team_clinic(scheduled, locality)
    client, manager = signed_in(Role.TEAM_MANAGER)
    page = client.get(f"/clinics/{clinic.pk}/").content.decode()
    assert "Submit the briefing" in page and 'id="exceptions"' in page
    # Submitting without the two questions answered is refused, saying which.
    response = client.post(f"/clinics/{clinic.pk}/", {"step": "submit", "working_well": "Visits"})
    assert response.status_code == 400 and "what are we worried about" in response.content.decode()
    exception = clinic.exceptions.first()
    if exception:  # a box per exception, named for screen readers by its indicator
        assert (
            f'<label class="govuk-label govuk-visually-hidden" for="commentary-{exception.pk}">'
            f"Commentary on {escape(exception.title)}</label>" in page
        )
        assert f'name="commentary-{exception.pk}"' in page
    posted = {
        "step": "submit",
        "working_well": "Visits to children on plans are on time.",
        "worried_about": "Two vacancies from April.",
        "staff_morale": "Steady.",
    }
    if exception:
        posted[f"commentary-{exception.pk}"] = "Known: the new duty rota."
    assert client.post(f"/clinics/{clinic.pk}/", posted).status_code == 302
    clinic.refresh_from_db()
    assert (clinic.status, clinic.submitted_by) == ("submitted", manager)
    if exception:
        exception.refresh_from_db()
        assert exception.commentary == "Known: the new duty rota."
    # The team manager cannot review or sign off their own briefing.
    assert client.post(f"/clinics/{clinic.pk}/", {"step": "review"}).status_code == 403

    client, _ = signed_in(Role.QA_LEAD)
    assert client.post(f"/clinics/{clinic.pk}/", {"step": "review"}).status_code == 302
    client, head = signed_in(Role.HEAD_OF_SERVICE)
    assert client.post(f"/clinics/{clinic.pk}/", {"step": "sign_off"}).status_code == 302
    clinic.refresh_from_db()
    assert (clinic.status, clinic.signed_off_by) == ("signed_off", head)

    service = scheduled.get(level="service", service=locality.service)
    page = client.get(f"/clinics/{service.pk}/").content.decode()
    below = page.split('id="below-table"')[1].split("</table>")[0]
    assert "Locality North" in below and "Signed off" in below and escape(posted["worried_about"]) in below

    client, _ = signed_in(Role.DIRECTOR)
    chief = scheduled.get(level="chief_executive")
    page = client.get(f"/clinics/{chief.pk}/").content.decode()
    teams = page.split('id="teams-table"')[1].split("</table>")[0]
    row = teams.split("Locality North")[1].split("</tr>")[0]
    assert "Signed off" in row and escape(posted["worried_about"]) in row
    assert "Senior management team clinic" in page.split('id="below-table"')[1]


def test_a_draft_is_not_shown_above_until_submitted(signed_in, scheduled, locality):
    clinic = _team_clinic(scheduled, locality)
    services.save_briefing(clinic, {"worried_about": "Private note"})
    client, _ = signed_in(Role.DIRECTOR)
    service = scheduled.get(level="service", service=locality.service)
    assert "Private note" not in client.get(f"/clinics/{service.pk}/").content.decode()


def test_who_opens_which_clinic(signed_in, scheduled, locality):
    own = _team_clinic(scheduled, locality)
    other_service = Team.objects.exclude(service=locality.service).first()
    other = _team_clinic(scheduled, other_service)
    chief = scheduled.get(level="chief_executive")
    client, _ = signed_in(Role.TEAM_MANAGER)
    assert client.get(f"/clinics/{own.pk}/").status_code == 200
    assert client.get(f"/clinics/{other.pk}/").status_code == 403
    assert client.get(f"/clinics/{chief.pk}/").status_code == 403
    listed = client.get("/clinics/").content.decode()
    assert "Locality North team clinic" in listed and other_service.name not in listed
    client, _ = signed_in(Role.HEAD_OF_SERVICE)
    assert client.get(f"/clinics/{chief.pk}/").status_code == 200
    assert client.get(f"/clinics/{other.pk}/").status_code == 403
    for role in (Role.PRACTITIONER, Role.ELECTED_MEMBER, Role.PARTNER_AGENCY, Role.AUDITOR, Role.IRO):
        client, _ = signed_in(role, username=f"{role.value}-x")
        assert client.get(f"/clinics/{own.pk}/").status_code == 403
        assert client.get("/clinics/").status_code == 403


def test_a_head_of_service_may_not_sign_off_a_briefing_that_is_not_reviewed(signed_in, scheduled, locality):
    clinic = _team_clinic(scheduled, locality)
    client, _ = signed_in(Role.HEAD_OF_SERVICE)
    assert client.post(f"/clinics/{clinic.pk}/", {"step": "sign_off"}).status_code == 403
    clinic.refresh_from_db()
    assert clinic.status == "draft"


def test_a_returned_briefing_needs_a_reason_and_opens_again_to_its_writer(signed_in, scheduled, locality):
    clinic = _team_clinic(scheduled, locality)
    services.save_briefing(clinic, {"working_well": "a", "worried_about": "b"})
    services.move(clinic, None, "submit")
    client, _ = signed_in(Role.QA_LEAD)
    response = client.post(f"/clinics/{clinic.pk}/", {"step": "return", "note": " "})
    assert response.status_code == 400 and "Say why" in response.content.decode()
    assert (
        client.post(
            f"/clinics/{clinic.pk}/", {"step": "return", "note": "Figures for March missing"}
        ).status_code
        == 302
    )
    client, _ = signed_in(Role.TEAM_MANAGER)
    page = client.get(f"/clinics/{clinic.pk}/").content.decode()
    assert "Returned to draft: Figures for March missing" in page and "Submit the briefing" in page


def test_an_action_raised_at_a_clinic_is_a_plan_action_and_reviewed_next_month(
    signed_in, scheduled, locality, month
):
    clinic = _team_clinic(scheduled, locality)
    client, _ = signed_in(Role.TEAM_MANAGER)
    owner = Worker.objects.filter(team=locality, role="TM", leave_date__isnull=True).first()
    priority = Priority.objects.first()
    due = as_at() + timedelta(days=30)
    posted = {
        "step": "action",
        "text": "Recruit to the two vacancies",
        "owner": owner.pk,
        "due_date": due.isoformat(),
        "priority": priority.pk,
    }
    assert client.post(f"/clinics/{clinic.pk}/", posted).status_code == 302
    action = ClinicAction.objects.get(clinic=clinic)
    plan = action.plan_action
    assert (plan.title, plan.owner, plan.due_date, plan.source) == (
        "Recruit to the two vacancies",
        owner,
        due,
        PlanAction.Source.CLINIC,
    )
    assert (plan.source_model, plan.source_id, plan.origin_model, plan.origin_id) == (
        "clinics.clinicaction",
        action.pk,
        "clinics.clinic",
        clinic.pk,
    )
    assert plan.measure_level == "team" and plan.measure_unit_id == locality.pk
    refused = client.post(f"/clinics/{clinic.pk}/", {**posted, "due_date": "2001-01-01"})
    assert refused.status_code == 400 and "today or later" in refused.content.decode()
    # Typed in GOV.UK's three boxes; a date that is not real is said on the page, naming the field.
    boxes = {k: v for k, v in posted.items() if k != "due_date"}
    later = due + timedelta(days=7)
    by_boxes = {
        **boxes,
        "due_date-day": later.day,
        "due_date-month": later.month,
        "due_date-year": later.year,
    }
    assert client.post(f"/clinics/{clinic.pk}/", by_boxes).status_code == 302
    assert ClinicAction.objects.filter(clinic=clinic, plan_action__due_date=later).count() == 1
    unreal = client.post(f"/clinics/{clinic.pk}/", {**by_boxes, "due_date-day": "31", "due_date-month": "2"})
    assert unreal.status_code == 400
    box_page = lxml_html.fromstring(unreal.content)
    error = box_page.get_element_by_id("id_due_date-error").text_content()
    assert error.strip() == "Error: Due date must be a real date"
    assert [
        b.get("value") for b in box_page.xpath('//form[@id="action-form"]//input[@inputmode="numeric"]')
    ] == [
        "31",
        "2",
        str(later.year),
    ]
    assert ClinicAction.objects.filter(clinic=clinic).count() == 2
    # Next month's clinic for the team shows it with the plan's status.
    plan.status = PlanAction.Status.IN_PROGRESS
    plan.save()
    following = Clinic.objects.create(
        month=domain.next_month(month), level="team", team=locality, meets_on=as_at()
    )
    page = client.get(f"/clinics/{following.pk}/").content.decode()
    table = page.split('id="previous-actions-table"')[1].split("</table>")[0]
    assert "Recruit to the two vacancies" in table and "In progress" in table


def test_scheduling_is_for_the_qa_and_performance_team_and_happens_once(signed_in, council, month):
    client, _ = signed_in(Role.TEAM_MANAGER)
    assert client.post("/clinics/schedule/").status_code == 403
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    assert "Schedule the clinics" in client.get("/clinics/").content.decode()
    assert client.post("/clinics/schedule/").status_code == 302
    count = Clinic.objects.filter(month=month).count()
    assert count == Team.objects.count() + Team.objects.values("service").distinct().count() + 3
    services.schedule_month(month)
    assert Clinic.objects.filter(month=month).count() == count
    assert "Schedule the clinics" not in client.get("/clinics/").content.decode()


def test_each_exception_carries_its_making_data_count_icon(signed_in, scheduled):
    from sightline.spc import VARIATION_LABELS

    exception = next(e for c in scheduled for e in c.exceptions.all() if e.variation.startswith("concern"))
    client, _ = signed_in(Role.DIRECTOR)
    page = client.get(f"/clinics/{exception.clinic_id}/").content.decode()
    table = page.split('id="exceptions-table"')[1].split("</table>")[0]
    assert f'aria-label="{VARIATION_LABELS[exception.variation]}"' in table
