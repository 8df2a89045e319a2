"""The team page's panels (web/panels.py): kept rendered under the data and content versions and
the viewer, so a write to what a panel reads shows at once and a kept copy is the one rendered."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache

from sightline.accounts.roles import Role
from sightline.audits import selectors
from sightline.audits.domain.grades import grade_label
from sightline.web.selectors import as_at


def _audits_table(client, team) -> str:
    page = client.get(f"/teams/{team.pk}/").content.decode()
    return page.split('<table class="govuk-table" id="team-audits">', 1)[1].split("</table>", 1)[0]


def test_a_kept_panel_shows_a_write_at_once_and_is_the_panel_rendered_afresh(signed_in, locality):
    client, _ = signed_in(Role.QA_LEAD)
    first = selectors.team_audits(locality, as_at() - timedelta(days=365)).first()
    kept = _audits_table(client, locality)
    assert _audits_table(client, locality) == kept  # from the cache, the same
    cache.clear()
    assert _audits_table(client, locality) == kept  # rendered afresh, the same
    other = next(grade for grade in (1, 2, 3, 4) if grade != first.overall_grade)
    first.overall_grade = other
    first.save()
    assert f'<td class="govuk-table__cell">{grade_label(other)}</td>' in _audits_table(client, locality)


def test_a_panel_kept_for_one_viewer_is_kept_apart_from_anothers(signed_in, client, locality):
    cache.clear()
    signed_in(Role.QA_LEAD)
    client.get(f"/teams/{locality.pk}/")
    kept = _panel_keys()
    assert len(kept) == 1
    signed_in(Role.HEAD_OF_SERVICE)
    client.get(f"/teams/{locality.pk}/")
    assert len(_panel_keys()) == 2  # the second viewer's own copy, not the first's


def _panel_keys() -> set[str]:
    """The kept panels' keys (the tests' cache is Django's local-memory one)."""
    return {key for key in cache._cache if ":sightline:panels:" in key}
