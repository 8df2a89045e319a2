"""The feedback registers: who reads and adds, bad input refused beside its field with nothing
saved, the timescale set from the council's setting, overdue complaints on the team page, and a
compliment's names in no list, export or count."""

from datetime import date, timedelta

import pytest

from sightline.accounts.roles import Role
from sightline.domain.calendar import default_calendar
from sightline.feedback.models import Complaint, Compliment, SurveyAnswer, SurveyQuestion, SurveyResponse
from sightline.performance.models import LocalStandardSetting
from sightline.web.selectors import as_at
from sightline.workforce.models import Team, Worker

pytestmark = pytest.mark.django_db
KEEPERS = {Role.QA_LEAD, Role.PERFORMANCE_ANALYST, Role.DIRECTOR, Role.ADMINISTRATOR}
STAFF = [r for r in Role if r not in {Role.ELECTED_MEMBER, Role.PARTNER_AGENCY}]
CAL = default_calendar()


def _complaint(team, received, *, stage=1, reference="CMP-1", responded=None, outcome="", child=None):
    due = CAL.add_working_days(received, 10 if stage == 1 else 25)
    return Complaint.objects.create(
        reference=reference,
        stage=stage,
        received_on=received,
        due_on=due,
        responded_on=responded,
        outcome=outcome,
        theme="communication",
        complainant="parent",
        summary="Calls not returned",
        team=team,
        child=child,
    )


@pytest.fixture
def overdue(locality):
    received = as_at() - timedelta(days=40)
    return _complaint(locality, received, reference="CMP-LATE")


@pytest.fixture
def compliment(locality):
    worker = Worker.objects.filter(team=locality, role="SW").first()
    return Compliment.objects.create(
        received_on=as_at() - timedelta(days=3),
        team=locality,
        worker=worker,
        from_whom="parent",
        from_name="Gwendolyn Featherstonehaugh",
        quote=f"Gwendolyn here: {worker.first_name} {worker.last_name} listened to us.",
    )


@pytest.mark.parametrize("role", STAFF)
def test_council_staff_read_and_keepers_add(role, signed_in, overdue, compliment):
    client, _ = signed_in(role)
    assert client.get("/feedback/").status_code == 200
    for key, row in [("complaints", overdue), ("compliments", compliment)]:
        assert client.get(f"/feedback/{key}/").status_code == 200, key
        assert client.get(f"/feedback/{key}/{row.pk}/").status_code == 200, key
        assert client.get(f"/feedback/{key}/?format=xlsx").status_code == 200, key
        assert client.get(f"/feedback/{key}/add/").status_code == (200 if role in KEEPERS else 403), key
    assert client.get("/feedback/survey-responses/").status_code == 200


def test_partner_agencies_see_nothing(signed_in, overdue):
    client, _ = signed_in(Role.PARTNER_AGENCY, agency="Police")
    assert client.get("/feedback/").status_code == 403
    assert client.get("/feedback/complaints/").status_code == 403
    assert client.get(f"/feedback/complaints/{overdue.pk}/").status_code in {403, 404}


def test_elected_members_see_counts_only(signed_in, overdue):
    client, _ = signed_in(Role.ELECTED_MEMBER)
    page = client.get("/feedback/").content.decode()
    assert "CMP-LATE" not in page
    listing = client.get("/feedback/complaints/").content.decode()
    assert "CMP-LATE" not in listing and "suppressed" in listing


def test_overdue_complaint_on_the_team_page_and_the_dashboard(signed_in, overdue, locality):
    _complaint(locality, as_at() - timedelta(days=2), reference="CMP-NEW")
    other = Team.objects.exclude(pk=locality.pk).first()
    _complaint(other, as_at() - timedelta(days=60), reference="CMP-ELSEWHERE")
    client, _ = signed_in(Role.TEAM_MANAGER)
    team_page = client.get(f"/teams/{locality.pk}/").content.decode()
    assert "CMP-LATE" in team_page and "CMP-NEW" not in team_page and "CMP-ELSEWHERE" not in team_page
    client, _ = signed_in(Role.QA_LEAD, username="qa")
    dashboard = client.get("/feedback/").content.decode()
    assert "CMP-LATE" in dashboard and "CMP-ELSEWHERE" in dashboard and "CMP-NEW" not in dashboard


def test_a_compliments_names_never_appear_in_a_list_or_export(signed_in, compliment):
    client, _ = signed_in(Role.QA_LEAD)
    worker = compliment.worker
    for url in ["/feedback/compliments/", "/feedback/compliments/?format=csv"]:
        body = client.get(url).content.decode()
        assert "listened to us" in body, url
        for name in ["Gwendolyn", "Featherstonehaugh", worker.first_name, worker.last_name]:
            assert name not in body, (url, name)
    client, _ = signed_in(Role.ELECTED_MEMBER, username="member")
    body = client.get("/feedback/compliments/?format=csv").content.decode()
    assert "Gwendolyn" not in body and "Featherstonehaugh" not in body
    # Those who keep the register see who said it on the compliment's own page.
    client, _ = signed_in(Role.DIRECTOR, username="director")
    assert "Featherstonehaugh" in client.get(f"/feedback/compliments/{compliment.pk}/").content.decode()


def _form(locality, **changes):
    data = {
        "reference": "CMP-9",
        "stage": "1",
        "received_on": "2025-04-17",
        "extended": "",
        "theme": "delay",
        "complainant": "child",
        "summary": "Missed visits",
        "team": str(locality.pk),
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_complaint_is_due_by_the_councils_setting_across_bank_holidays(signed_in, locality):
    client, _ = signed_in(Role.QA_LEAD)
    response = client.post("/feedback/complaints/add/", _form(locality))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Complaint.objects.get(reference="CMP-9").due_on == date(2025, 5, 6)
    LocalStandardSetting.objects.create(key="complaint_stage1_working_days", value="5")
    client.post("/feedback/complaints/add/", _form(locality, reference="CMP-10"))
    assert Complaint.objects.get(reference="CMP-10").due_on == date(2025, 4, 28)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"responded_on": "2025-04-16", "outcome": "upheld"},
            "responded_on",
            "before the complaint was received",
        ),
        ({"responded_on": "2025-04-30"}, "outcome", "Give the outcome"),
        ({"outcome": "upheld"}, "responded_on", "Give the date of the response"),
        ({"received_on": (date.today() + timedelta(days=3)).isoformat()}, "received_on", "in the future"),
        ({"stage": "2"}, "stage", "has no stage 1 to escalate from"),
        ({"child_ref": "NOBODY"}, "child_ref", "There is no child NOBODY"),
        ({"received_on": "17th April"}, "received_on", "Received must be a real date"),
        (
            {"received_on-day": "31", "received_on-month": "4", "received_on-year": "2025"},
            "received_on",
            "Received must be a real date",
        ),
        ({"received_on-day": "17", "received_on-month": "4"}, "received_on", "Received must include a year"),
    ],
)
def test_bad_complaints_are_refused_beside_their_field(signed_in, locality, changes, field, message):
    client, _ = signed_in(Role.QA_LEAD)
    response = client.post("/feedback/complaints/add/", _form(locality, **changes))
    assert response.status_code == 200
    assert message in response.context["form"].errors.get(field, [""])[0], response.context["form"].errors
    assert not Complaint.objects.filter(reference="CMP-9").exists()


def test_a_survey_response_saves_a_score_per_question(signed_in, locality):
    first = SurveyQuestion.objects.create(number=91, text="I was listened to")
    SurveyQuestion.objects.create(number=92, text="Things got better")
    client, _ = signed_in(Role.QA_LEAD)
    base = {
        "received_on": "2025-06-02",
        "team": str(locality.pk),
        "respondent": "child",
        "comment": "Quite good",
    }
    refused = client.post("/feedback/survey-responses/add/", base)
    assert refused.status_code == 200 and "at least one question" in refused.content.decode()
    assert not SurveyResponse.objects.filter(comment="Quite good").exists()
    assert client.post("/feedback/survey-responses/add/", {**base, "score_91": "4"}).status_code == 302
    answer = SurveyAnswer.objects.get(response__comment="Quite good")
    assert (answer.question, answer.score) == (first, 4)


def test_the_feedback_pages_quarterly_figures_are_the_engines(signed_in):
    from sightline.feedback import selectors
    from sightline.indicators.periods import Period
    from sightline.performance import selectors as perf

    _complaint(Team.objects.first(), as_at() - timedelta(days=5), reference="CMP-ENGINE")
    client, _ = signed_in(Role.QA_LEAD)
    context = client.get("/feedback/").context  # the new complaint is in: saving it marked the change
    by_stage = context["by_stage"]
    last = Period.quarter(as_at())
    assert by_stage.rows[0][-1] == perf.value("complaints_stage1", last).value  # stage 1, last quarter
    assert context["stage1_in_time"].rows[-1][2] == perf.value("complaints_stage1_in_time", last).numerator
    received = Complaint.objects.filter(stage=1, received_on__range=(last.start, last.end)).count()
    assert by_stage.rows[0][-1] == received
    quarters = selectors.recent_quarters(as_at())
    assert len(context["compliments"].rows[0]) == len(quarters) == 6
