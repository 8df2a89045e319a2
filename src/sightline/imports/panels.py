"""The imports app's panel on a child's record: the DfE validation errors their records have now."""

from __future__ import annotations

from . import selectors


def child_panel(request, child) -> dict | None:
    issues = selectors.child_issues(child.pk)
    return {"issues": issues} if issues else None
