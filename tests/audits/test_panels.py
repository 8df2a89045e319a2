"""The team page's audits panel (audits/panels.py): the team's finalised audits of the last year, through
the one table include, and nothing of the panel in the page's title."""

from __future__ import annotations

import re
from datetime import timedelta

from sightline.accounts.roles import Role
from sightline.audits import selectors
from sightline.audits.domain.grades import grade_label
from sightline.web.selectors import as_at


def test_the_team_page_lists_the_teams_finalised_audits_and_keeps_its_title_to_the_team(signed_in, locality):
    client, _ = signed_in(Role.QA_LEAD)
    audits = list(selectors.team_audits(locality, as_at() - timedelta(days=365)))
    assert audits, "the generated council has finalised audits of the team's children"
    page = client.get(f"/teams/{locality.pk}/").content.decode()
    assert re.search(r"<title>\s*Locality North\b[^<]*</title>", page)
    table = page.split('<table class="govuk-table" id="team-audits">', 1)[1].split("</table>", 1)[0]
    first = audits[0]
    assert f'<a class="govuk-link" href="/audits/{first.pk}/">Audit of {first.child.la_child_id}</a>' in table
    assert f'<td class="govuk-table__cell">{grade_label(first.overall_grade)}</td>' in table
    assert table.count('<tr class="govuk-table__row">') == 1 + min(len(audits), 20)
