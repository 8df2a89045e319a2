"""The committee papers (the Quality of Practice report's and the clinic pack's) are marked OFFICIAL
on a promise: they name no member of staff and no child, and a count of 1 to 5 is never shown.

Checked on the synthetic council with the demo's accounts and its clinic cycle (briefings,
commentary, the actions the clinics raised), every user and worker named as a person would be:
the page, the PDF's words and the workbook and CSV, for the council and for a service and a team."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from pypdf import PdfReader

from sightline.accounts.roles import SMALL_NUMBER_MAX, SUPPRESSED_SMALL
from sightline.clinics import domain
from sightline.clinics.models import Clinic, ClinicException
from sightline.improvement.models import Challenge, PlanAction, Priority
from sightline.records.demo import create_demo_accounts
from sightline.records.models import Child
from sightline.reports import assembly, render
from sightline.web.selectors import as_at
from sightline.workforce.models import Worker

pytestmark = pytest.mark.django_db
# Columns of figures that are not counts of people or things (a percentage, a score, a number).
NOT_COUNTS = re.compile(r"%|average|mean|ratio|per 10,000|interval|number|value|england|target", re.I)
MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"


@pytest.fixture
def demo_council(council):
    """The demo's accounts and clinics, each user named as the worker they are (or as a person),
    and a challenge and an overdue action that name people in the board's version."""
    from django.conf import settings

    on = as_at()
    settings.SIGHTLINE_ALLOW_DEMO_USERS = True
    try:
        create_demo_accounts(on)
    finally:
        del settings.SIGHTLINE_ALLOW_DEMO_USERS
    for n, user in enumerate(get_user_model().objects.select_related("profile__worker")):
        worker = getattr(getattr(user, "profile", None), "worker", None)
        user.first_name, user.last_name = (
            (worker.first_name, worker.last_name) if worker else (f"Rosalind{n}", "Featherstonehaugh")
        )
        user.save(update_fields=["first_name", "last_name"])
    director = get_user_model().objects.get(username="director")
    managers = list(Worker.objects.filter(role="TM").select_related("team").order_by("pk"))
    Challenge.objects.create(
        raised_on=on - timedelta(days=40),
        challenger_name=director.get_full_name(),
        forum="Quality Improvement Board",
        raised_with=str(managers[0]),
        challenge="Why are repeat referrals rising in the north?",
        response_due=on - timedelta(days=10),
    )
    priority = Priority.objects.order_by("number").first() or Priority.objects.create(
        number=9, title="Timely assessments"
    )
    for manager in managers:
        PlanAction.objects.create(
            priority=priority,
            title=f"Weekly review of {manager.team.name}'s assessments past 45 working days",
            owner=manager,
            start_date=on - timedelta(days=120),
            due_date=on - timedelta(days=60),
            source="other",
            source_label="Service plan",
        )
    # Managers' own words can name people: a briefing and a commentary that do.
    month = Clinic.objects.filter(status=domain.SIGNED_OFF).latest("month").month
    named = str(managers[-1])
    Clinic.objects.filter(month=month).update(worried_about=f"{named}'s caseload has reached 31 children.")
    ClinicException.objects.filter(clinic__month=month).update(commentary=f"{named} is reviewing the cases.")
    return on


def _people() -> set[str]:
    workers = {f"{w.first_name} {w.last_name}" for w in Worker.objects.all()}
    users = {u.get_full_name() for u in get_user_model().objects.all()}
    return {name for name in workers | users if name.strip()}


def _children() -> tuple[set[str], set[str]]:
    """The children's identifiers (LA child ID, UPN) and their names."""
    ids, names = set(), set()
    for la_id, upn, first, last in Child.objects.values_list("la_child_id", "upn", "first_name", "last_name"):
        ids |= {la_id, upn} - {""}
        names.add(f"{first} {last}")
    return ids, names


def _leaks(text: str, people: set[str], children: tuple[set[str], set[str]]) -> list[str]:
    flat = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    ids, names = children
    tokens = set(re.findall(r"\b[A-Z]\d{6,12}\b", flat))
    return (
        [f"names {name!r}" for name in sorted(people) if name in flat]
        + [f"identifies child {said!r}" for said in sorted(tokens & ids)]
        + [f"names child {name!r}" for name in sorted(names) if name in flat]
    )


def _small_figures(figures: list[list]) -> list[str]:
    """Counts of 1 to 5 among the downloads' figures (Section, Table, Row, Column, Value)."""
    return [
        f"{section} / {table} / {row} / {column}: {value}"
        for section, table, row, column, value in figures
        if isinstance(value, int)
        and not isinstance(value, bool)
        and 1 <= value <= SMALL_NUMBER_MAX
        and not NOT_COUNTS.search(f"{column} {table}")
    ]


def _small_words(report: assembly.Report) -> list[str]:
    """Counts of 1 to 5 said in a section's words ('3 complaints received'), dates left aside."""
    found = []
    for section in report.sections:
        for paragraph in section.paragraphs:
            said = re.sub(rf"\b\d{{1,2}} ({MONTH_NAMES})\b", "", paragraph)
            said = said.replace(SUPPRESSED_SMALL, "")
            # Stages, KPQs and months are no count; nor are groups of children (each is many).
            said = re.sub(r"\bstage [1-5]\b|\b1 to 5\b|\bKPQ \d+\b|\b\d+ months?\b|\b\d+ groups\b", "", said)
            if re.search(r"(?<![\d.,:])\b[1-5]\b(?![\d.,]*%)(?!\.\d)", said):
                found.append(f"{section.title}: {paragraph}")
    return found


def _workbook_text(content: bytes) -> str:
    """Every cell of the workbook but the About sheet's 'Generated by': the person who made the
    file, which every download records (web.exports.who), is not the paper's content."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    return " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        if not (sheet.title == "About" and row and row[0] == "Generated by")
        for value in row
    )


def _problems(report, downloads: dict[str, bytes], people, children) -> list[str]:
    problems = [f"{report.file_stem} small figure {s}" for s in _small_figures(render.figures(report))]
    problems += [f"{report.file_stem} says a small count: {s}" for s in _small_words(report)]
    for what, content in downloads.items():
        text = _workbook_text(content) if what == "xlsx" else content.decode("utf-8-sig", "replace")
        problems += [f"{report.file_stem} {what} {leak}" for leak in _leaks(text, people, children)]
    return problems


def test_the_committee_papers_name_nobody_and_suppress_small_counts(demo_council, client):
    people, children = _people(), _children()
    assert len(people) > 50 and len(children[0]) > 100
    client.force_login(get_user_model().objects.get(username="director"))
    problems = []

    quarter = assembly.latest_quarter(demo_council)
    report = assembly.quality_of_practice(quarter, committee=True)
    asked = {"quarter": quarter.key, "version": "committee"}
    downloads = {
        fmt: client.get("/reports/quality-of-practice/", {**asked, "format": fmt}) for fmt in ("xlsx", "csv")
    }
    page = client.get("/reports/quality-of-practice/", asked)
    assert page.status_code == 200 and all(r.status_code == 200 for r in downloads.values())
    pdf = PdfReader(io.BytesIO(render.pdf(report)))
    downloads = {
        "page": page.content,
        "pdf": " ".join(p.extract_text() for p in pdf.pages).encode(),
        **{fmt: response.content for fmt, response in downloads.items()},
    }
    problems += _problems(report, downloads, people, children)

    month = Clinic.objects.filter(status=domain.SIGNED_OFF).latest("month").month  # the demo's last cycle
    for level in ("team", "service", "smt"):  # the smt clinic downloads the council's pack
        clinic = Clinic.objects.filter(month=month, level=level).order_by("pk").first()
        assert clinic is not None and clinic.status == domain.SIGNED_OFF, level
        pack_level, unit = {"team": ("team", clinic.team_id), "service": ("service", clinic.service_id)}.get(
            level, ("council", None)
        )
        pack = assembly.clinic_pack(month, pack_level, unit, committee=True)
        got = {
            fmt: client.get(f"/clinics/{clinic.pk}/", {"format": fmt, "version": "committee"})
            for fmt in ("xlsx", "csv")
        }
        assert all(r.status_code == 200 for r in got.values()), level
        downloads = {"html": render.html_document(pack).encode(), **{f: r.content for f, r in got.items()}}
        problems += _problems(pack, downloads, people, children)
    assert not problems, "\n".join(problems[:40])


def test_the_check_finds_a_name_a_child_and_a_small_count():
    """The checks above can fail: each finds what it looks for."""
    assert _leaks("Owner: Alex Morgan; child <td>C0000123</td>", {"Alex Morgan"}, ({"C0000123"}, set())) == [
        "names 'Alex Morgan'",
        "identifies child 'C0000123'",
    ]
    assert _small_figures([["Complaints", "By stage", "Stage 1", "Received", 3]])
    assert not _small_figures([["Complaints", "By stage", "Stage 1", "Received", "1-5 (suppressed)"]])
