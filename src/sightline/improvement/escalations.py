"""The open-or-closed filter and the timescale column of the IRO escalations register."""

from __future__ import annotations

from django.db.models import Q

from sightline.web.selectors import as_at

from .models import DisputeResolution

DISPUTE_STATES = [("open", "Open"), ("overdue", "Open past its timescale"), ("closed", "Closed")]


def dispute_state_filter(queryset, value, on):
    return queryset.filter(
        {
            "open": Q(resolved_on__isnull=True),
            "overdue": Q(resolved_on__isnull=True, response_due__lt=on),
            "closed": Q(resolved_on__isnull=False),
        }[value]
    )


def timescale_label(escalation: DisputeResolution) -> str:
    within = escalation.within_timescale(as_at())
    if within is None:
        return f"Open, due {escalation.response_due:%-d %B %Y}"
    if escalation.resolved_on is None:
        return "No: open past its timescale"
    return "Yes" if within else "No"
