"""Audits in the child's chronology: each finalised audit with its grade, unless a
moderation is still pending (the moderator must not see the first grade anywhere)."""

from __future__ import annotations

from sightline.web import selectors as web

from .domain.grades import grade_label
from .models import Audit


def audit_events(child):
    audits = (
        Audit.objects.filter(child=child, status=Audit.Status.FINALISED, audit_date__isnull=False)
        .select_related("tool_version__tool", "moderation")
        .order_by("audit_date")
    )
    for audit in audits:
        moderation = getattr(audit, "moderation", None)
        pending = moderation is not None and moderation.submitted_at is None
        grade = (
            "grade withheld until moderation is complete"
            if pending
            else f"graded {grade_label(audit.overall_grade)}"
        )
        detail = f"Auditor {audit.auditor_name or 'not recorded'}; {grade}"
        if moderation is not None and not pending:
            detail += f"; moderated {grade_label(moderation.overall_grade)}"
        yield web.Event(audit.audit_date, "Audit", audit.tool_version.tool.name, detail)


if audit_events not in web.CHRONOLOGY_SOURCES:
    web.CHRONOLOGY_SOURCES.append(audit_events)
