"""How many queries each busy page makes (#18 goal 3), on the tests' synthetic council.

The ceilings are the counts the pages reach now: a change that reads the same rows again, or
reads a child's records one query per row, fails here before it slows the pages for 50 staff.
Each page is asked once first, so the indicator engine is built and what is measured is a page
as every later visitor gets it.
"""

from __future__ import annotations

import re

import pytest

from sightline.accounts.roles import Role
from sightline.records.models import CPPlan
from sightline.web.selectors import as_at

from .conftest import child_allocated_to

pytestmark = pytest.mark.django_db

# (director, team manager): the manager's pages also read which children their team holds
# (their home lists them).
CEILINGS = {
    "home": (5, 12),
    "drill-down": (7, 8),
    "child": (12, 13),
    "team": (17, 19),
    "demand": (4, 5),
}
ROLES = (Role.DIRECTOR, Role.TEAM_MANAGER)


def _busy_child(team):
    """A child of the team on a child protection plan today: every badge and most kinds of
    record are read for them."""
    on = as_at()
    planned = CPPlan.objects.filter(cpp_start_date__lte=on, cpp_end_date__isnull=True)
    child = child_allocated_to(team)
    for plan in planned.filter(child__allocations__team=team, child__restricted=False).select_related(
        "child"
    ):
        return plan.child
    return child


def _pages(client, team) -> dict[str, str]:
    home = client.get("/").content.decode()
    indicator = re.search(r'href="(/indicators/[^/"]+/)', home).group(1)
    return {
        "home": "/",
        "drill-down": indicator + "?period=rolling_12",
        "child": f"/children/{_busy_child(team).pk}/",
        "team": f"/teams/{team.pk}/",
        "demand": "/demand/",
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(CEILINGS))
def test_a_page_makes_no_more_queries_than_it_needs(
    signed_in, locality, django_assert_max_num_queries, page, role
):
    client, _ = signed_in(role)
    path = _pages(client, locality)[page]
    assert client.get(path).status_code == 200  # the engine built, the templates compiled
    with django_assert_max_num_queries(CEILINGS[page][ROLES.index(role)]):
        response = client.get(path)
    assert response.status_code == 200
