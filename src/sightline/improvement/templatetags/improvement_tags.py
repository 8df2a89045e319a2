"""A link that raises a plan action from another app's record (an audit's action), for its pages."""

from django import template
from django.utils.html import format_html

from sightline.accounts import roles
from sightline.accounts.selectors import viewer_for

register = template.Library()


@register.simple_tag(takes_context=True)
def raise_plan_action(context, row) -> str:
    """'Raise a plan action' for a row whose kind is a declared source, shown only to those who
    may add plan actions; the plan action keeps the row as its source."""
    from sightline.improvement import sources
    from sightline.improvement.registers import PLAN_ACTIONS
    from sightline.improvement.selectors import raise_url

    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    if sources.kind_for(sources.label_of(row)) is None:
        return ""
    viewer = getattr(request, "viewer", None) or viewer_for(request.user)
    if not roles.can_add_row(viewer, PLAN_ACTIONS.rules):
        return ""
    link = '<a class="govuk-link govuk-body-s sightline-raise-action" href="{}">Raise a plan action</a>'
    return format_html(link, raise_url(row))
