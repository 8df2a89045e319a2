"""The indicator catalogue: every indicator reachable, searchable, with the engine's figure."""

from __future__ import annotations

import csv
import io
import re

import pytest

from sightline.accounts.roles import Role
from sightline.indicators.definitions import all_definitions
from sightline.performance import selectors as perf
from sightline.web.indicators import figure, parse_period
from sightline.web.selectors import as_at

LINK = re.compile(r'href="/indicators/([\w.-]+)/"')


def _linked(page: str) -> list[str]:
    return LINK.findall(page)


def test_every_indicator_is_listed_once_and_opens(signed_in):
    client, _ = signed_in(Role.TEAM_MANAGER)
    page = client.get("/indicators/").content.decode()
    registered = [d.id for d in all_definitions()]
    assert sorted(_linked(page)) == sorted(registered)
    assert f"{len(registered)} indicators." in page
    for indicator_id in registered:
        assert client.get(f"/indicators/{indicator_id}/").status_code == 200, indicator_id
    assert 'href="/indicators/"' in client.get("/").content.decode()  # in the menu


def test_the_figures_are_the_engines(signed_in):
    from sightline.accounts.roles import Viewer

    client, _ = signed_in(Role.DIRECTOR)
    page = client.get("/indicators/?format=csv")
    rows = list(csv.DictReader(io.StringIO(page.content.decode("utf-8-sig"))))
    _, _, period = parse_period({}, as_at())
    by_title = {d["title"]: d for d in perf.definitions()}
    assert len(rows) == len(by_title)
    for row in rows:
        definition = by_title[row["Indicator"]]
        expected = figure(definition, perf.value(definition["id"], period), Viewer(role=Role.DIRECTOR))
        assert row["Council figure"] == expected["display"], row["Indicator"]
        assert row["Rating"] == expected["rag_label"]


def test_search_keeps_the_indicators_with_every_word(signed_in):
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    page = client.get("/indicators/?q=Care+LEAVERS").content.decode()
    found = _linked(page)
    titles = {d["id"]: d for d in perf.definitions()}
    groups = {i: g["title"] for g in perf.kpqs(include_cohorts=True) for i in g["indicators"]}
    assert 0 < len(found) < len(titles)
    for indicator_id in found:
        d = titles[indicator_id]
        text = " ".join([d["title"], d["numerator"], d["denominator"], groups[indicator_id]]).lower()
        assert "care" in text and "leavers" in text, indicator_id
    # And none left out: every indicator named for care leavers is found.
    named = {i for i, d in titles.items() if "care leavers" in d["title"].lower()}
    assert named and named <= set(found)
    assert f"{len(found)} of {len(titles)} indicators match" in page
    nothing = client.get("/indicators/?q=zebra+crossing").content.decode()
    assert _linked(nothing) == [] and "No indicator matches" in nothing


def test_an_elected_member_sees_small_numbers_suppressed_as_elsewhere(signed_in):
    client, _ = signed_in(Role.ELECTED_MEMBER)
    rows = list(
        csv.DictReader(io.StringIO(client.get("/indicators/?format=csv").content.decode("utf-8-sig")))
    )
    suppressed = [r for r in rows if "suppressed" in r["Council figure"]]
    director_client, _ = signed_in(Role.DIRECTOR, username="director-2")
    theirs = {
        r["Indicator"]: r["Council figure"]
        for r in csv.DictReader(
            io.StringIO(director_client.get("/indicators/?format=csv").content.decode("utf-8-sig"))
        )
    }
    for row in rows:
        if row not in suppressed:
            assert row["Council figure"] == theirs[row["Indicator"]]
    assert all("suppressed" not in v for v in theirs.values())


@pytest.mark.parametrize("query", ["x" * 101])
def test_a_bad_search_is_a_400(signed_in, query):
    client, _ = signed_in(Role.DIRECTOR)
    assert client.get("/indicators/", {"q": query}).status_code == 400
    assert client.get("/indicators/?format=pdf").status_code == 400
