"""Template context for every page: whether to show Audits in the menu, and the safeguarding
concerns awaiting this viewer's response (shown as an alert until a response is recorded)."""

from sightline.accounts import roles


def audits(request):
    if not request.user.is_authenticated:
        return {}
    viewer = getattr(request, "viewer", None)
    if viewer is None:
        from sightline.accounts.selectors import viewer_for

        viewer = request.viewer = viewer_for(request.user)
    from .selectors import open_concerns

    alerts = list(open_concerns(viewer)[:5]) if viewer.role is roles.Role.TEAM_MANAGER else []
    return {"viewer_sees_audits": True, "audit_concern_alerts": alerts}
