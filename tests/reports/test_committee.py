"""The committee paper for elected members names no member of staff, on the page or in the PDF:
overdue plan actions say their owner's team, challenges where they were raised."""

import io
from datetime import date

import pytest
from pypdf import PdfReader

from sightline.accounts.roles import Role
from sightline.audits.domain.quarters import Quarter
from sightline.improvement.models import Challenge, PlanAction, Priority
from sightline.reports import assembly, render
from sightline.workforce.models import Team, Worker

pytestmark = pytest.mark.django_db
QUARTER = "2025-Q4"
OWNER = ("Perpetua", "Quillfeather")
CHALLENGER, ASKED = "Ottoline Brackwater", "Barnaby Thistlewood"


@pytest.fixture
def named_staff(council):
    team = Team.objects.get(name="Locality North")
    owner = Worker.objects.create(
        staff_id="ZQ0001",
        first_name=OWNER[0],
        last_name=OWNER[1],
        role="TM",
        team=team,
        start_date=date(2020, 1, 6),
    )
    priority = Priority.objects.first() or Priority.objects.create(number=9, title="Timely assessments")
    PlanAction.objects.create(
        priority=priority,
        title="Weekly review of assessments past 45 working days",
        owner=owner,
        start_date=date(2025, 9, 1),
        due_date=date(2025, 11, 14),
        source="other",
        source_label="Service plan",
    )
    Challenge.objects.create(
        raised_on=date(2025, 10, 20),
        challenger_name=CHALLENGER,
        forum="Quality Improvement Board",
        raised_with=ASKED,
        challenge="Why are repeat referrals rising in the north?",
        response_due=date(2025, 11, 30),
    )
    workers = [f"{w.first_name} {w.last_name}" for w in Worker.objects.all()]
    return team, [*workers, CHALLENGER, ASKED]


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_board_version_names_the_owner_and_challenger_the_committee_version_neither(
    named_staff, signed_in
):
    team, names = named_staff
    board, _ = signed_in(Role.DIRECTOR)
    shown = _flat(board.get("/reports/quality-of-practice/", {"quarter": QUARTER}).content.decode())
    assert " ".join(OWNER) in shown and CHALLENGER in shown and ASKED in shown

    member, _ = signed_in(Role.ELECTED_MEMBER)
    page = member.get("/reports/quality-of-practice/", {"quarter": QUARTER})
    assert page.status_code == 200
    html = _flat(page.content.decode())
    assert "Weekly review of assessments past 45 working days" in html  # the action is still there
    assert "Quality Improvement Board" in html and team.name in html
    assert [n for n in names if n in html] == []

    report = assembly.quality_of_practice(Quarter.parse(QUARTER), committee=True)
    reader = PdfReader(io.BytesIO(render.pdf(report)))
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Weekly review of assessments" in text
    assert [n for n in names if n in text] == []
