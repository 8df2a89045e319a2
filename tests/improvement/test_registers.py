"""The improvement registers' rules and bad input: a clear error, nothing saved."""

from datetime import date, timedelta

import pytest
from lxml import html as lxml_html

from sightline.accounts.roles import Role
from sightline.accounts.selectors import viewer_for
from sightline.improvement.models import (
    AgencyResponse,
    Challenge,
    DisputeResolution,
    Inspection,
    PlanAction,
    Priority,
    ProgressUpdate,
)
from sightline.improvement.registers import DISPUTES
from sightline.registers.access import can_see, visible_rows
from sightline.registers.models import ChangeRecord
from sightline.web.selectors import as_at
from sightline.workforce.models import Allocation, Worker

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _action_post(**changes):
    owner = Worker.objects.filter(role="TM", leave_date__isnull=True).first()
    data = {
        "priority": Priority.objects.first().pk,
        "title": "New tracker",
        "detail": "",
        "owner": owner.pk,
        "agency": "council",
        "start_date": "2025-06-01",
        "due_date": "2025-09-30",
        "status": "in_progress",
        "completed_on": "",
        "evidence": "",
        "source": "clinic",
        "source_label": "Performance clinic, May 2025",
        "impact": "indicator:assessments_45wd",
        "measured_for": "council",
    }
    data.update(changes)
    return data


def test_a_plan_action_is_added_with_its_measure(signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    response = client.post("/improvement/actions/add/", _action_post())
    action = PlanAction.objects.get(title="New tracker")
    assert response["Location"] == f"/improvement/actions/{action.pk}/"
    assert (action.measure, action.measure_key, action.measure_level) == (
        "indicator",
        "assessments_45wd",
        "council",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Assessments completed within 45 working days" in page and "impact-table" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due_date": "2025-05-01"}, "Plan action: the due date cannot be before the date it started."),
        ({"owner": ""}, "Choose the action&#x27;s owner: every action has a named owner."),
        (
            {"status": "complete", "completed_on": "2025-09-01"},
            "An action is closed only with evidence of completion.",
        ),
        ({"status": "complete", "evidence": "Done"}, "Give the date the action was completed."),
        ({"completed_on": "2025-09-01"}, "Only a complete action has a completion date"),
        ({"source_label": ""}, "Say where the action comes from"),
        ({"start_date": "31/31/2025"}, "Started must be a real date"),
        ({"due_date-day": "31", "due_date-month": "9", "due_date-year": "2025"}, "Due must be a real date"),
        ({"due_date-day": "30", "due_date-month": "9", "due_date-year": ""}, "Due must include a year"),
        (
            {"status": "complete", "evidence": "Done", "completed_on-day": "", "completed_on-month": ""},
            "Give the date the action was completed.",
        ),
    ],
)
def test_bad_plan_actions_are_refused_with_a_clear_error(changes, message, signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    before = PlanAction.objects.count()
    response = client.post("/improvement/actions/add/", _action_post(**changes))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem: nothing was saved" in page
    assert message in page, page[page.find("govuk-error-summary") :][:800]
    assert PlanAction.objects.count() == before and not ChangeRecord.objects.exists()


def test_a_plan_actions_dates_are_typed_in_three_boxes_and_shown_in_them_to_change(signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    boxes = {"start_date-day": "2", "start_date-month": "6", "start_date-year": "2025"}
    boxes |= {"due_date-day": "30", "due_date-month": "9", "due_date-year": "2025"}
    data = {k: v for k, v in _action_post(title="Boxed dates").items() if k not in {"start_date", "due_date"}}
    response = client.post("/improvement/actions/add/", {**data, **boxes})
    action = PlanAction.objects.get(title="Boxed dates")
    assert response.status_code == 302
    assert (action.start_date, action.due_date) == (date(2025, 6, 2), date(2025, 9, 30))
    form = lxml_html.fromstring(client.get(f"/improvement/actions/{action.pk}/change/").content)
    shown = {box.get("name"): box.get("value") for box in form.xpath('//form[@id="register-form"]//input')}
    assert {name: shown.get(name) for name in boxes} == boxes
    legend = form.xpath('//legend[following-sibling::div[@id="id_completed_on-hint"]]')[0].text_content()
    assert legend.strip() == "Completed (optional)"


def test_the_owner_updates_their_action_and_closes_it_with_evidence(signed_in):
    client, user = signed_in(Role.TEAM_MANAGER)
    worker = viewer_for(user).worker_id
    action = PlanAction.objects.filter(status="in_progress").first()
    PlanAction.objects.filter(pk=action.pk).update(owner_id=worker)
    data = _action_post(
        title=action.title,
        status="complete",
        completed_on="2026-01-15",
        evidence="Audit in January",
        start_date=action.start_date.isoformat(),
        due_date=action.due_date.isoformat(),
        source=action.source,
        source_label=action.source_label,
    )
    assert client.post(f"/improvement/actions/{action.pk}/change/", data).status_code == 302
    action.refresh_from_db()
    assert action.status == "complete" and action.evidence == "Audit in January"
    entry = ChangeRecord.objects.get(object_id=action.pk, action="changed")
    assert (
        entry.user == user and {"field": "Status", "old": "In progress", "new": "Complete"} in entry.changes
    )


def test_someone_elses_action_cannot_be_changed_by_a_practitioner(signed_in):
    client, _ = signed_in(Role.PRACTITIONER)
    action = PlanAction.objects.first()
    assert client.get(f"/improvement/actions/{action.pk}/change/").status_code == 403
    assert client.post(f"/improvement/actions/{action.pk}/change/", _action_post()).status_code == 403


def test_a_partner_cannot_touch_another_agencys_row(signed_in):
    client, _ = signed_in(Role.PARTNER_AGENCY, agency="health")
    police = AgencyResponse.objects.filter(agency="police").first()
    updates = ProgressUpdate.objects.count()
    post = {"update_date": "2026-03-01", "progress": "Done by police?", "evidence": ""}
    assert client.post(f"/improvement/agency-actions/{police.pk}/updates/", post).status_code == 404
    assert (
        client.post(
            f"/improvement/agency-actions/{police.pk}/change/", {"lead": "x", "status": "complete"}
        ).status_code
        == 404
    )
    police.refresh_from_db()
    assert police.status != "complete" or police.lead != "x"
    assert ProgressUpdate.objects.count() == updates


def test_a_partner_adds_an_update_to_their_own_row(signed_in):
    client, user = signed_in(Role.PARTNER_AGENCY, agency="health")
    ours = AgencyResponse.objects.filter(agency="health").first()
    bad = client.post(f"/improvement/agency-actions/{ours.pk}/updates/", {"update_date": "", "progress": ""})
    assert "There is a problem: nothing was saved" in bad.content.decode()
    future = (date.today() + timedelta(days=3)).isoformat()
    bad = client.post(
        f"/improvement/agency-actions/{ours.pk}/updates/", {"update_date": future, "progress": "x"}
    )
    assert "An update cannot be dated in the future." in bad.content.decode()
    response = client.post(
        f"/improvement/agency-actions/{ours.pk}/updates/",
        {
            "update_date": "2026-03-02",
            "progress": "Guidance issued to all health visitors",
            "evidence": "Audit",
        },
    )
    assert response.status_code == 302
    assert ours.updates.filter(progress="Guidance issued to all health visitors", added_by=user).exists()
    assert ChangeRecord.objects.filter(object_id=ours.pk, action="note").exists()
    # Their form changes the lead and status only: the agency and the action stay as the council set them.
    client.post(
        f"/improvement/agency-actions/{ours.pk}/change/",
        {"lead": "Named nurse", "status": "complete", "agency": "police"},
    )
    ours.refresh_from_db()
    assert (ours.lead, ours.status, ours.agency) == ("Named nurse", "complete", "health")


def test_only_the_challenger_closes_a_challenge(signed_in, client, make_user):
    qa = make_user(Role.QA_LEAD, username="qa-chair")
    client.login(username="qa-chair", password=PASSWORD)
    data = {
        "raised_on": "2026-01-05",
        "challenger_name": "Independent chair",
        "forum": "Board",
        "raised_with": "Head of service",
        "challenge": "Why are visits late?",
        "response_due": "2026-02-05",
        "response": "",
        "responded_on": "",
        "status": "open",
        "closed_on": "",
    }
    client.post("/improvement/challenges/add/", data)
    challenge = Challenge.objects.get(challenge="Why are visits late?")
    assert challenge.challenger == qa
    director = make_user(Role.DIRECTOR, username="another-keeper")
    client.logout()
    client.login(username=director.username, password=PASSWORD)
    closing = {**data, "status": "closed", "closed_on": "2026-03-01", "response": "Plan in place"}
    page = client.post(f"/improvement/challenges/{challenge.pk}/change/", closing).content.decode()
    assert "Only the challenger (Independent chair) can close this challenge." in page
    challenge.refresh_from_db()
    assert challenge.status == "open"
    client.logout()
    client.login(username="qa-chair", password=PASSWORD)
    assert client.post(f"/improvement/challenges/{challenge.pk}/change/", closing).status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == "closed"


def test_escalations_follow_the_child_for_every_role(make_user):
    on = as_at()
    for role in [
        Role.PRACTITIONER,
        Role.TEAM_MANAGER,
        Role.HEAD_OF_SERVICE,
        Role.IRO,
        Role.AUDITOR,
        Role.QA_LEAD,
    ]:
        viewer = viewer_for(make_user(role, username=f"esc-{role.value}"))
        listed = set(
            visible_rows(DISPUTES, viewer, DisputeResolution.objects.all(), on).values_list("pk", flat=True)
        )
        allowed = {d.pk for d in DisputeResolution.objects.all() if can_see(DISPUTES, viewer, d, on)}
        assert listed == allowed, role
    assert len(listed) == DisputeResolution.objects.filter(child__restricted=False).count()  # the QA lead


def test_an_iro_raises_an_escalation_with_the_local_timescale(signed_in):
    client, _ = signed_in(Role.IRO)
    on = as_at()
    child_id = (
        Allocation.objects.filter(role="SW", start_date__lte=on)
        .exclude(end_date__lt=on)
        .filter(child__restricted=False)
        .values_list("child_id", flat=True)
        .first()
    )
    from sightline.records.models import Child

    child = Child.objects.get(pk=child_id)
    iro = Worker.objects.filter(role="IRO", leave_date__isnull=True).first()
    data = {
        "child_ref": child.la_child_id,
        "iro": iro.pk,
        "stage": 1,
        "issue": "drift",
        "detail": "Drift in plan",
        "raised_with": "Team manager",
        "raised_on": "2026-03-02",
        "response_due": "",
        "resolved_on": "",
        "outcome": "",
        "resolution": "",
    }
    bad = client.post("/improvement/iro-escalations/add/", {**data, "child_ref": "NOBODY"}).content.decode()
    assert "There is no child NOBODY that you may open." in bad
    bad = client.post(
        "/improvement/iro-escalations/add/", {**data, "resolved_on": "2026-02-01", "outcome": "resolved"}
    )
    assert "IRO escalation: it cannot be closed before it was raised." in bad.content.decode()
    assert not DisputeResolution.objects.filter(detail="Drift in plan").exists()
    response = client.post("/improvement/iro-escalations/add/", data)
    assert response.status_code == 302, response.content.decode()[
        response.content.decode().find("error-summary") :
    ][:600]
    made = DisputeResolution.objects.get(detail="Drift in plan")
    assert made.response_due == date(2026, 3, 9) and made.child == child
    assert (
        made.team_id
        == Allocation.objects.filter(child=child, role="SW")
        .exclude(end_date__lt=date(2026, 3, 2))
        .filter(start_date__lte=date(2026, 3, 2))
        .first()
        .team_id
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"start_date": "2026-05-04", "end_date": "2026-05-15", "overall": "good"},
            "Inspection: Ofsted gives no overall effectiveness grade from April 2026.",
        ),
        (
            {"kind": "focused", "help_and_protection": "good"},
            "Focused, monitoring and joint visits give no judgements",
        ),
        ({"end_date": "2025-01-01"}, "Inspection: it cannot end before it began."),
    ],
)
def test_bad_inspections_are_refused(changes, message, signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    data = {
        "kind": "standard",
        "start_date": "2025-06-02",
        "end_date": "2025-06-13",
        "published_on": "",
        "lead_inspector": "",
        "focus": "",
        "overall": "",
        "help_and_protection": "",
        "children_in_care": "",
        "care_leavers": "",
        "leadership": "",
        "summary": "",
    }
    before = Inspection.objects.count()
    page = client.post("/improvement/inspections/add/", {**data, **changes}).content.decode()
    assert "There is a problem: nothing was saved" in page and message in page
    assert Inspection.objects.count() == before
    assert client.post("/improvement/inspections/add/", data).status_code == 302


def test_a_challenge_with_its_dates_out_of_order_is_refused(signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    data = {
        "raised_on": "2026-01-05",
        "challenger_name": "Chair",
        "forum": "Board",
        "raised_with": "Director",
        "challenge": "Out of order",
        "response_due": "2025-12-01",
        "response": "",
        "responded_on": "",
        "status": "open",
        "closed_on": "",
    }
    page = client.post("/improvement/challenges/add/", data).content.decode()
    assert "Challenge: the response cannot be due before the challenge was raised." in page
    assert not Challenge.objects.filter(challenge="Out of order").exists()


def test_the_error_summary_names_a_date_once_and_links_to_its_day_box(signed_in):
    client, _ = signed_in(Role.QA_LEAD)
    bad = {"due_date-day": "31", "due_date-month": "9", "due_date-year": "2025"}
    response = client.post("/improvement/actions/add/", _action_post(**bad))
    summary = lxml_html.fromstring(response.content).find_class("govuk-error-summary")[0]
    links = {a.text_content().strip(): a.get("href") for a in summary.iter("a")}
    assert links["Due must be a real date"] == "#id_due_date-day"
    assert not any(text.startswith("Due: ") for text in links)
