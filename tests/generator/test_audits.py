"""The generated council's audit history is something to find: grades improving over two years,
two over-optimistic auditors whom moderation reveals, themed and multi-agency audits, practice
observations and calibration sessions, all of believable size."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict

import pytest

from sightline.audits.domain.quarters import Quarter


def _tools(council) -> dict[int, dict]:
    tools = {t["id"]: t for t in council.rows("audits.AuditTool")}
    return {v["id"]: tools[v["tool_id"]] for v in council.rows("audits.AuditToolVersion")}


def _finalised(council, kind: str | None = None) -> list[dict]:
    tools = _tools(council)
    return [
        a
        for a in council.rows("audits.Audit")
        if a["status"] == "finalised" and (kind is None or tools[a["tool_version_id"]]["kind"] == kind)
    ]


def _good_or_better_by_quarter(council) -> dict[str, float]:
    grades = defaultdict(list)
    for audit in _finalised(council, "case_file"):
        grades[Quarter.of(audit["audit_date"]).key].append(audit["overall_grade"] >= 3)
    return {q: 100 * sum(g) / len(g) for q, g in sorted(grades.items())}


def _optimism(council) -> dict[int, tuple[int, float]]:
    """Per auditor (by worker record): moderated audits and mean auditor minus moderator grade."""
    moderated = {m["audit_id"]: m for m in council.rows("audits.Moderation") if m.get("submitted_at")}
    differences = defaultdict(list)
    for audit in _finalised(council):
        if audit["id"] in moderated and audit["auditor_id"] is not None:
            differences[audit["auditor_id"]].append(
                audit["overall_grade"] - moderated[audit["id"]]["overall_grade"]
            )
    return {k: (len(v), statistics.mean(v)) for k, v in differences.items()}


def check_improving(council) -> None:
    shares = list(_good_or_better_by_quarter(council).values())
    assert len(shares) == 8, "two years of quarterly programmes"
    first, last = statistics.mean(shares[:4]), statistics.mean(shares[4:])
    assert last - first >= 10, (
        f"the second year ({last:.0f}%) is not clearly better than the first ({first:.0f}%)"
    )
    # Believable: councils report roughly a quarter to four fifths of audits good or better.
    assert all(15 <= share <= 90 for share in shares), shares


def check_two_optimists(council) -> None:
    found = {k: v for k, v in _optimism(council).items() if v[0] >= 3}
    optimistic = sorted((mean for _, mean in found.values()), reverse=True)
    assert len(optimistic) >= 5, "enough moderated auditors to compare"
    assert optimistic[1] >= 0.4, f"the second optimist is not revealed: {optimistic[:3]}"
    assert optimistic[2] <= 0.25, f"a third auditor looks as optimistic as the two: {optimistic[:3]}"
    assert all(mean >= -0.5 for mean in optimistic)


def check_moderation_rule(council) -> None:
    """Every Inadequate and Outstanding programme audit is moderated, and a fifth of the rest at least."""
    moderated = {m["audit_id"] for m in council.rows("audits.Moderation")}
    sampled = [a for a in _finalised(council, "case_file") if a["programme_id"] is not None]
    extremes = [a for a in sampled if a["overall_grade"] in {1, 4}]
    others = [a for a in sampled if a["overall_grade"] in {2, 3}]
    assert extremes and all(a["id"] in moderated for a in extremes)
    assert sum(a["id"] in moderated for a in others) >= 0.2 * len(others) - 8  # rounded up per programme


def check_kinds(council) -> None:
    tools = _tools(council)
    done = Counter(tools[a["tool_version_id"]]["key"] for a in _finalised(council))
    themes = {"chronologies", "core-groups", "private-fostering", "supervision", "strategy-meetings"}
    assert themes <= set(done), f"themed audits missing: {themes - set(done)}"
    assert done["multi-agency"] >= 8 and done["observation"] >= 8 and done["collaborative"] >= 40
    multi = [a for a in _finalised(council, "multi_agency")]
    # The partner agencies completed their sections: answers under their questions.
    assert all(any(key.startswith(("health", "police", "education")) for key in a["answers"]) for a in multi)
    observed = {o["id"] for o in council.rows("workforce.PracticeObservation")}
    linked = [a for a in _finalised(council, "observation") if a["observation_id"] in observed]
    assert len(linked) == done["observation"], "every finalised observation counts as one"
    assert len(council.rows("audits.CalibrationSession")) >= 2
    assert council.rows("audits.AuditAction") and council.rows("audits.SafeguardingConcern")


CHECKS = [check_improving, check_two_optimists, check_moderation_rule, check_kinds]
# The small council (seed 7, a tenth of the size) moderates too few audits for the trend and the
# two optimists to show on every draw: with issue 13's disparities in the generated records its
# second year is 9 points better (not 10) and four auditors are moderated three times (not five).
# The default council, with ten times the audits, holds them all.
SMALL_COUNCIL_CHECKS = [check_moderation_rule, check_kinds]


@pytest.mark.parametrize("check", SMALL_COUNCIL_CHECKS, ids=[c.__name__ for c in SMALL_COUNCIL_CHECKS])
def test_the_small_council(small_council, check):
    check(small_council)


@pytest.mark.slow
@pytest.mark.parametrize("check", CHECKS, ids=[c.__name__ for c in CHECKS])
def test_the_default_council(default_council, check):
    check(default_council)


def test_audits_are_of_children_open_to_the_council_and_never_restricted(small_council):
    restricted = {c["id"] for c in small_council.rows("records.Child") if c.get("restricted")}
    audited = {a["child_id"] for a in small_council.rows("audits.Audit")}
    assert audited and not audited & restricted
