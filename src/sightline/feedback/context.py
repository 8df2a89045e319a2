"""Template context for every page: whether to show Feedback and Workforce in the menu."""

from sightline.accounts import roles


def feedback(request):
    if not request.user.is_authenticated:
        return {}
    viewer = getattr(request, "viewer", None)
    if viewer is None:
        from sightline.accounts.selectors import viewer_for

        viewer = request.viewer = viewer_for(request.user)
    from .registers import COMPLAINTS

    return {
        "viewer_sees_feedback": roles.register_access(viewer, COMPLAINTS.rules) != "none",
        "viewer_sees_workforce": roles.sees_workforce(viewer),
    }
