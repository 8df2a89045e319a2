"""The web layer's reads, against the records counted here in Python."""

from datetime import timedelta

import pytest

from sightline.records.models import CINEpisode
from sightline.web.selectors import as_at, unallocated_children
from sightline.workforce.models import Allocation, Team

pytestmark = pytest.mark.django_db


def _open(start, end, on) -> bool:
    return start <= on and (end is None or end >= on)


def test_a_teams_unallocated_children_are_those_it_held_with_an_open_case_and_no_worker(council, locality):
    on = as_at()
    # Two of the team's open cases lose their social worker a week ago (the synthetic council
    # allocates every open case).
    current = Allocation.objects.filter(team=locality, role="SW", start_date__lt=on - timedelta(days=7))
    current = current.exclude(end_date__lt=on).filter(
        child__cinepisodes__referral_nfa=False, child__cinepisodes__cin_closure_date__isnull=True
    )
    taken_off = list(current.order_by("pk")[:2])
    assert len(taken_off) == 2
    for allocation in taken_off:
        allocation.end_date = on - timedelta(days=7)
        allocation.save()
    open_case = {
        e.child_id
        for e in CINEpisode.objects.all()
        if not e.referral_nfa and _open(e.cin_referral_date, e.cin_closure_date, on)
    }
    allocations = list(Allocation.objects.all())
    allocated = {a.child_id for a in allocations if a.role == "SW" and _open(a.start_date, a.end_date, on)}
    for team in Team.objects.all():
        held = {a.child_id for a in allocations if a.team_id == team.pk and a.end_date and a.end_date < on}
        expected = sorted((held & open_case) - allocated)
        found = unallocated_children(on, team)
        assert sorted(child.pk for child, _ in found) == expected, team.name
        for child, ended in found:
            ends = [
                a.end_date
                for a in allocations
                if a.child_id == child.pk and a.role == "SW" and a.end_date and a.end_date < on
            ]
            assert ended == max(ends, default=None)
    every = {child.pk for child, _ in unallocated_children(on)}
    assert every == open_case - allocated
    listed = dict((child.pk, end) for child, end in unallocated_children(on, locality))
    assert {a.child_id for a in taken_off} <= set(listed)
    assert all(listed[a.child_id] == on - timedelta(days=7) for a in taken_off)
