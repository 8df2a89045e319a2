"""The imports app's panel on a child's record: the DfE validation errors their records have now."""

from __future__ import annotations

from django.utils import timezone

from sightline.web.tables import Table, columns

from . import selectors


def child_panel(request, child) -> dict | None:
    issues = selectors.child_issues(child.pk)
    if not issues:
        return None
    table = Table(
        "Validation errors on this child's records",
        columns("Return", "Rule", "What it says", "Since"),
        [
            (
                "CIN census" if issue.kind == "cin" else "SSDA903",
                issue.rule_code,
                issue.rule_description,
                timezone.localdate(issue.first_seen),
            )
            for issue in issues
        ],
    )
    return {"issues": issues, "table": table}
