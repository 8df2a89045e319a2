"""The clinics' sections of the monthly pack: the data exceptions and the briefing at the pack's level."""

from __future__ import annotations

from sightline.reports.sections import MONTHLY, ReportContext, Section, Table, register

from . import domain, selectors


def _clinic(ctx: ReportContext):
    return selectors.clinic_for(ctx.level, domain.first_of_month(ctx.start), ctx.unit_id)


@register("clinics.exceptions", title="Data exceptions", kinds={MONTHLY}, order=10)
def exceptions_section(ctx: ReportContext) -> Section:
    title = "Data exceptions"
    clinic = _clinic(ctx)
    if clinic is None:
        return Section.empty("clinics.exceptions", title, "No clinic is scheduled for this month yet.")
    rows = [
        (e.title, e.value_display, e.target_display, e.detail, e.commentary) for e in clinic.exceptions.all()
    ]
    if not rows:
        return Section.empty(
            "clinics.exceptions",
            title,
            "No exceptions: every indicator shows common-cause variation on target.",
        )
    table = Table(
        f"Data exceptions, {ctx.label}", ["Indicator", "This month", "Target", "Signal", "Commentary"], rows
    )
    return Section(key="clinics.exceptions", title=title, tables=[table])


@register("clinics.briefing", title="Performance exceptions briefing", kinds={MONTHLY}, order=12)
def briefing_section(ctx: ReportContext) -> Section:
    title = "Performance exceptions briefing"
    clinic = _clinic(ctx)
    if clinic is None or clinic.status == domain.DRAFT:
        return Section.empty("clinics.briefing", title, "The briefing has not been submitted yet.")
    paragraphs = [f"{clinic} ({domain.STATUS_LABELS[clinic.status].lower()})."]
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
    below = [selectors.summary(c) for c in selectors.below(clinic)]
    if below:
        tables.append(
            Table(
                "The briefings presented to this clinic",
                ["Briefing", "Status", "Exceptions", "Worried about"],
                [(str(s["clinic"]), s["status"], s["exceptions"], s["worried_about"]) for s in below],
            )
        )
    return Section(key="clinics.briefing", title=title, paragraphs=paragraphs, tables=tables)
