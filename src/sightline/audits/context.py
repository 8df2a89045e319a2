"""Template context for every page: whether to show Audits in the menu, and the safeguarding
concerns awaiting this viewer's response (shown as an alert until a response is recorded).

A team manager's alerts are asked on every page they open: they are kept in Django's cache under
the content version (raising or answering a concern is a write to this app, which raises it) and
the manager's teams and the restricted children named to them, the only things they depend on
(`web.fragments.kept`)."""

from sightline.accounts import roles


def audits(request):
    if not request.user.is_authenticated:
        return {}
    viewer = getattr(request, "viewer", None)
    if viewer is None:
        from sightline.accounts.selectors import viewer_for

        viewer = request.viewer = viewer_for(request.user)
    alerts = _alerts(viewer) if viewer.role is roles.Role.TEAM_MANAGER else []
    return {"viewer_sees_audits": True, "audit_concern_alerts": alerts}


def _alerts(viewer: roles.Viewer) -> list[dict]:
    from sightline.web import fragments

    from .selectors import open_concerns

    def build() -> list[dict]:
        return [
            {
                "pk": concern.pk,
                "raised_at": concern.raised_at,
                "raised_by": concern.raised_by,
                "audit": {"child": {"la_child_id": concern.audit.child.la_child_id}},
                "team": str(concern.team) if concern.team else "",
            }
            for concern in open_concerns(viewer)[:5]
        ]

    key = (sorted(viewer.team_ids), sorted(viewer.named_restricted_child_ids))
    return fragments.kept("audit-alerts", key, build, figures=False)
