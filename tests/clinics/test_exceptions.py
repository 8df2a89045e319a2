"""Data exceptions: special-cause concern and missed targets pre-populate a briefing; common-cause
variation on target does not. Checked on hand-built series and on the council's own teams, where
the expected exceptions are worked out from the engine's series with the SPC package directly."""

from __future__ import annotations

from datetime import date

import pytest

from sightline.clinics import domain
from sightline.clinics.exceptions import ExceptionContext, Finding, find_all, indicator_findings, register
from sightline.clinics.models import Clinic
from sightline.performance import selectors as perf
from sightline.reports.sections import MONTHLY, ReportContext, build_all
from sightline.spc import analyse

pytestmark = pytest.mark.django_db

MONTHS = [date(2024 + (3 + i) // 12, (3 + i) % 12 + 1, 1) for i in range(24)]
DEFINITION = {
    "id": "seen",
    "title": "Seen in time",
    "polarity": "higher",
    "target": None,
    "tolerance": None,
    "unit": "%",
}


def test_a_unit_whose_indicator_shows_special_cause_concern_gets_an_exception(council):
    # 17 months alternating 80 and 82 (mean 81), then seven at 70: all below the mean, a shift,
    # and lower is worse for this indicator, so the latest month is special-cause concern.
    values = [80, 82] * 8 + [80] + [70] * 7
    found = indicator_findings([DEFINITION], {"seen": list(zip(MONTHS, values, strict=True))}, {})
    assert [f.indicator_id for f in found] == ["seen"]
    assert found[0].variation == "concern_low" and "a shift" in found[0].detail


def test_a_unit_with_only_common_cause_variation_gets_none(council):
    values = [80, 82] * 12  # mean 81, moving ranges all 2: no signal of any kind
    assert indicator_findings([DEFINITION], {"seen": list(zip(MONTHS, values, strict=True))}, {}) == []


def test_common_cause_but_beyond_the_target_s_tolerance_is_a_missed_target(council):
    values = [80, 82] * 12
    definition = {**DEFINITION, "target": 90, "tolerance": 2}  # 82 is 8 short, beyond 2
    found = indicator_findings([definition], {"seen": list(zip(MONTHS, values, strict=True))}, {})
    assert len(found) == 1 and found[0].variation == "common_cause"
    assert "Missed the target of 90" in found[0].detail
    near = {**DEFINITION, "target": 83, "tolerance": 2}  # 1 short: amber, not an exception
    assert indicator_findings([near], {"seen": list(zip(MONTHS, values, strict=True))}, {}) == []


def _expected(team_id: int, month: date) -> set[str]:
    """The indicators the team's briefing should open with, from the engine's series and the SPC package."""
    expected = set()
    for d in perf.definitions():
        if not d["polarity"] or d["aggregate"] == "yoy":
            continue
        points = perf.series(d["id"], end=domain.month_end(month), months=24, level="team", unit_id=team_id)
        result = analyse(
            [m for m, _ in points], [r.value for _, r in points], polarity=d["polarity"], target=d["target"]
        )
        if (result.variation or "").startswith("concern") or points[-1][1].rag == "red":
            expected.add(d["id"])
    return expected


def test_the_council_s_team_briefings_open_with_exactly_their_exceptions(scheduled, month):
    teams = list(scheduled.filter(level="team").order_by("unit_key"))
    counts = {c.pk: c.exceptions.filter(source="indicators").count() for c in teams}
    busiest = max(teams, key=lambda c: counts[c.pk])
    quietest = min(teams, key=lambda c: counts[c.pk])
    for clinic in {busiest, quietest}:
        found = set(clinic.exceptions.filter(source="indicators").values_list("indicator_id", flat=True))
        assert found == _expected(clinic.team_id, month), clinic
    concerns = [e for c in teams for e in c.exceptions.all() if e.variation.startswith("concern")]
    assert concerns, "some team shows special-cause concern somewhere"
    assert counts[quietest.pk] < counts[busiest.pk]


def test_registered_providers_add_their_findings_and_a_failing_one_is_left_out(scheduled, month):
    @register("tests.complaints", title="Complaints", order=40)
    def complaints(ctx: ExceptionContext):
        return (
            [Finding(title="Complaints about delay", detail=f"{ctx.level} {ctx.unit_id}")]
            if ctx.level == "team"
            else []
        )

    @register("tests.broken", title="Broken", order=41)
    def broken(ctx):
        raise RuntimeError("the register is unreachable")

    try:
        team = scheduled.filter(level="team").first()
        found = find_all(ExceptionContext(month, "team", team.team_id))
        assert ("tests.complaints", f"team {team.team_id}") in {(p.key, f.detail) for p, f in found}
        assert "tests.broken" not in {p.key for p, _ in found}
    finally:
        from sightline.clinics import exceptions

        exceptions._PROVIDERS.pop("tests.complaints")
        exceptions._PROVIDERS.pop("tests.broken")


def test_the_monthly_pack_s_sections(scheduled, month):
    clinic = max(scheduled.filter(level="team"), key=lambda c: c.exceptions.count())
    ctx = ReportContext(
        kind=MONTHLY,
        start=month,
        end=domain.month_end(month),
        label=f"{month:%B %Y}",
        level="team",
        unit_id=clinic.team_id,
    )
    sections = {s.key: s for s in build_all(ctx)}
    table = sections["clinics.exceptions"].tables[0]
    assert [row[0] for row in table.rows] == [e.title for e in clinic.exceptions.all()]
    assert sections["clinics.briefing"].is_empty  # still a draft
    assert Clinic.objects.filter(month=month, level="chief_executive").count() == 1
