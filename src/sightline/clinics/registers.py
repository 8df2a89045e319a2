"""The briefing's 'what collaborative practice reviews and audits show' and 'complaints and
compliments' answers, pre-populated from the audit and feedback registers' sections of the
month's pack for the same unit, so the briefing and the pack say the same thing. A register that
holds nothing for the unit and month says "No data yet" plainly; the manager edits either."""

from __future__ import annotations

import calendar
from datetime import date

from sightline.reports.sections import MONTHLY, ReportContext, Section, sections_for

# Briefing field -> the pack sections its answer is drawn from, in order.
FIELDS = {
    "practice_reviews": ("audits.monthly",),
    "complaints": ("feedback.complaints", "feedback.compliments"),
}
NO_DATA = "No data yet"


def _text(sections: list[Section]) -> str:
    held = [" ".join(s.paragraphs) for s in sections if not s.is_empty and s.paragraphs]
    if held:
        return "\n\n".join(held)
    said = [s.empty_message.rstrip(".") for s in sections if s.empty_message]
    said = [m[:1].lower() + m[1:] for m in said if not m.startswith(NO_DATA)]
    return f"{NO_DATA}: {'; '.join(said)}." if said else f"{NO_DATA}."


def answers(month: date, level: str, unit_id: int | None) -> dict[str, str]:
    """Each pre-populated field's text for a unit (the engine's level) and month."""
    end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    ctx = ReportContext(MONTHLY, month, end, f"{month:%B %Y}", level=level, unit_id=unit_id)
    specs = {s.key: s for s in sections_for(MONTHLY)}
    return {
        field: _text([specs[key].build(ctx) for key in keys if key in specs])
        for field, keys in FIELDS.items()
    }
