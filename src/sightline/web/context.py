"""Template context every page needs: the council, the data date, what the viewer may see."""

from sightline.accounts import roles
from sightline.accounts.selectors import viewer_for
from sightline.performance import engine_cache

from . import selectors


def sightline(request):
    council = selectors.council()
    context = {
        "council_name": council.name if council else None,
        "data_as_at": council.reference_date if council else None,
        # New data arrived and the figures are being rebuilt: pages show the previous ones, saying so.
        "figures_refreshing": engine_cache.refreshing(),
        "figures_as_at": engine_cache.served_reference_date(),
    }
    if request.user.is_authenticated:
        viewer = getattr(request, "viewer", None) or viewer_for(request.user)
        context.update(
            viewer_sees_children=roles.sees_child_level_data(viewer),
            viewer_sees_teams=roles.sees_team_pages(viewer),
            viewer_is_admin=roles.can_change_settings(viewer),
            viewer_manages_returns=roles.can_manage_returns(viewer),
            viewer_sees_clinics=roles.sees_clinics(viewer),
            viewer_reads_reports=roles.can_read_board_reports(viewer),
            viewer_role_label=viewer.role.label,
            # A team manager's and a practitioner's home is their own; the council's is beside it.
            viewer_home=roles.home_of(viewer),
        )
    return context
