"""The feedback and workforce sections of the monthly clinic pack and the quarterly report."""

from datetime import date, timedelta

import pytest

from sightline.feedback.models import Complaint, Compliment
from sightline.reports.sections import MONTHLY, QUARTERLY, ReportContext, sections_for
from sightline.web.selectors import as_at

pytestmark = pytest.mark.django_db


def _build(key, ctx):
    return next(s for s in sections_for(ctx.kind) if s.key == key).build(ctx)


def test_both_reports_carry_the_feedback_and_workforce_sections():
    for kind in (MONTHLY, QUARTERLY):
        keys = {s.key for s in sections_for(kind)}
        assert {"feedback.complaints", "feedback.compliments", "workforce.health"} <= keys
    assert "feedback.survey" in {s.key for s in sections_for(QUARTERLY)}


def _quarter(on):
    start = date(on.year, (on.month - 1) // 3 * 3 + 1, 1)
    return ReportContext(kind=QUARTERLY, start=start, end=on, label="the quarter")


def test_the_complaints_section_counts_the_generated_complaints_and_lists_the_overdue(council):
    on = as_at()
    ctx = _quarter(on)
    section = _build("feedback.complaints", ctx)
    received = Complaint.objects.filter(received_on__range=(ctx.start, ctx.end))
    assert f"{received.count()} complaints received" in section.paragraphs[0]
    stage_table = section.tables[0]
    assert sum(r[1] for r in stage_table.rows) == received.count()
    overdue = Complaint.objects.filter(responded_on__isnull=True, due_on__lt=on)
    if overdue.exists():
        listed = {r[0] for r in section.tables[-1].rows}
        assert listed == set(overdue.values_list("reference", flat=True))
    members = _build("feedback.complaints", ReportContext(**{**ctx.__dict__, "suppress_small_numbers": True}))
    assert all("Reference" not in t.headers for t in members.tables)


def test_compliment_quotes_in_the_report_have_no_names(council):
    on = as_at()
    row = Compliment.objects.filter(worker__isnull=False).first()
    Compliment.objects.create(
        received_on=on - timedelta(days=1),
        team=row.team,
        worker=row.worker,
        from_whom="carer",
        from_name="Philippa Quarrington",
        quote=f"Philippa says {row.worker.first_name} was wonderful",
    )
    section = _build("feedback.compliments", _quarter(on))
    text = repr(section.tables) + " ".join(section.paragraphs)
    assert "was wonderful" in text
    assert (
        "Philippa" not in text and "Quarrington" not in text and f" {row.worker.first_name} was" not in text
    )


def test_the_workforce_section_reads_the_engine(council):
    section = _build("workforce.health", _quarter(as_at()))
    titles = [r[0] for r in section.tables[0].rows]
    assert "Social worker vacancy rate (FTE)" in titles
    values = dict((r[0], r[1]) for r in section.tables[0].rows)
    assert values["Social worker vacancy rate (FTE)"].endswith("%")
