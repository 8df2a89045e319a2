"""The clinics' sections of the monthly pack: the data exceptions and the briefing at the pack's level."""

from __future__ import annotations

from sightline.reports.sections import MONTHLY, QUARTERLY, ReportContext, Section, Table, register

from . import domain, selectors
from .models import Clinic

# The committee paper gives no manager's own words: they can name people (a worker, a family).
BOARD_ONLY = "The managers' own words are in the board version of this pack."


def _clinic(ctx: ReportContext):
    return selectors.clinic_for(ctx.level, domain.first_of_month(ctx.start), ctx.unit_id)


@register("clinics.exceptions", title="Data exceptions", kinds={MONTHLY}, order=10)
def exceptions_section(ctx: ReportContext) -> Section:
    title = "Data exceptions"
    clinic = _clinic(ctx)
    if clinic is None:
        return Section.empty("clinics.exceptions", title, "No clinic is scheduled for this month yet.")
    committee = ctx.suppress_small_numbers
    rows = [
        (e.title, e.value_display, e.target_display, e.detail, *(() if committee else (e.commentary,)))
        for e in clinic.exceptions.all()
    ]
    if not rows:
        return Section.empty(
            "clinics.exceptions",
            title,
            "No exceptions: every indicator shows common-cause variation on target.",
        )
    headers = ["Indicator", "This month", "Target", "Signal", *(() if committee else ("Commentary",))]
    table = Table(f"Data exceptions, {ctx.label}", headers, rows)
    paragraphs = [BOARD_ONLY] if committee else []
    return Section(key="clinics.exceptions", title=title, paragraphs=paragraphs, tables=[table])


@register("clinics.briefing", title="Performance exceptions briefing", kinds={MONTHLY}, order=12)
def briefing_section(ctx: ReportContext) -> Section:
    title = "Performance exceptions briefing"
    clinic = _clinic(ctx)
    if clinic is None or clinic.status == domain.DRAFT:
        return Section.empty("clinics.briefing", title, "The briefing has not been submitted yet.")
    paragraphs = [f"{clinic} ({domain.STATUS_LABELS[clinic.status].lower()})."]
    below = [selectors.summary(c) for c in selectors.below(clinic)]
    if ctx.suppress_small_numbers:
        rows = [(str(s["clinic"]), s["status"], ctx.count(s["exceptions"])) for s in below]
        tables = [Table("The briefings presented to this clinic", ["Briefing", "Status", "Exceptions"], rows)]
        return Section("clinics.briefing", title, [*paragraphs, BOARD_ONLY], tables if rows else [])
    # The answers as a table of question and answer, so the pack's workbook and CSV carry the
    # managers' own words as well as the page and the PDF.
    answers = []
    for name in (
        "working_well",
        "worried_about",
        "most_proud_of",
        "inequality",
        "staff_morale",
        "leadership_priorities",
    ):
        text = getattr(clinic, name)
        if text:
            label = str(clinic._meta.get_field(name).verbose_name)
            answers.append((f"{label[:1].upper()}{label[1:]}", text))
    tables = [Table("The briefing", ["Question", "Answer"], answers)] if answers else []
    if below:
        tables.append(
            Table(
                "The briefings presented to this clinic",
                ["Briefing", "Status", "Exceptions", "Worried about"],
                [(str(s["clinic"]), s["status"], s["exceptions"], s["worried_about"]) for s in below],
            )
        )
    return Section(key="clinics.briefing", title=title, paragraphs=paragraphs, tables=tables)


QUARTER_KEY = "clinics.quarter"
QUARTER_TITLE = "In managers' own words: the performance clinics"
# The briefing questions the quarterly report quotes, from the council's own clinics.
QUOTED = ("worried_about", "working_well", "leadership_priorities")


@register(QUARTER_KEY, title=QUARTER_TITLE, kinds={QUARTERLY}, order=50)
def quarter_section(ctx: ReportContext) -> Section:
    """The quarter's clinics: how many met and were signed off at each level, and what the
    council's own clinics (heads of service, senior management, the chief executive) said.
    The committee version gives the counts only: managers' words can name people."""
    clinics = list(
        Clinic.objects.filter(month__range=(domain.first_of_month(ctx.start), ctx.end))
        .select_related("team", "service")
        .prefetch_related("exceptions")
        .order_by("month", "meets_on", "unit_key")
    )
    if not clinics:
        return Section.empty(QUARTER_KEY, QUARTER_TITLE, "No performance clinic was held in the quarter.")
    counts = []
    for level in domain.LEVELS:
        held = [c for c in clinics if c.level == level]
        if held:
            signed = sum(c.status == domain.SIGNED_OFF for c in held)
            exceptions = sum(len(c.exceptions.all()) for c in held)
            counts.append(
                (domain.LEVEL_LABELS[level], *(ctx.count(n) for n in (len(held), signed, exceptions)))
            )
    tables = [
        Table(
            f"Performance clinics, {ctx.label}",
            ["Clinic", "Clinics", "Briefings signed off", "Data exceptions"],
            counts,
        )
    ]
    signed_off = sum(c.status == domain.SIGNED_OFF for c in clinics)
    paragraphs = [
        f"{ctx.count(len(clinics))} clinics met in the quarter; "
        f"{ctx.count(signed_off)} of their briefings were signed off."
    ]
    if ctx.suppress_small_numbers:
        paragraphs.append("The managers' briefings are quoted in the board version of this report.")
        return Section(key=QUARTER_KEY, title=QUARTER_TITLE, paragraphs=paragraphs, tables=tables)
    words = [
        (f"{c.month:%B %Y}", domain.LEVEL_LABELS[c.level], _label(c, name), getattr(c, name))
        for c in clinics
        if c.level in domain.COUNCIL_LEVELS and c.status != domain.DRAFT
        for name in QUOTED
        if getattr(c, name)
    ]
    if words:
        tables.append(
            Table("What the council's clinics said", ["Month", "Clinic", "Question", "Answer"], words)
        )
    else:
        paragraphs.append("No briefing of the council's own clinics has been submitted for the quarter yet.")
    return Section(key=QUARTER_KEY, title=QUARTER_TITLE, paragraphs=paragraphs, tables=tables)


def _label(clinic: Clinic, name: str) -> str:
    label = str(clinic._meta.get_field(name).verbose_name)
    return f"{label[:1].upper()}{label[1:]}"
