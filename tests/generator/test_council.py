"""The synthetic council: deterministic, calibrated to the seeds, internally consistent."""

import itertools
from collections import Counter, defaultdict
from datetime import date

import pytest

from sightline.generator import CouncilSpec, generate
from sightline.generator.dataset import CORE_TABLES
from sightline.generator.identity import CHECK_LETTERS
from sightline.generator.summary import summarise

# Calibration figures from the issue and seeds (Derby-sized council, figures per 10,000).
POPULATION = 59_000
TARGETS = {"children_in_need": 2_500, "cp_plans": 310, "looked_after": 430}


def test_same_seed_gives_the_same_council(small_council):
    again = generate(CouncilSpec(seed=7, size=0.1))
    assert again.counts() == small_council.counts()
    for label in (
        "records.Child",
        "records.CINEpisode",
        "records.LookedAfterEpisode",
        "workforce.Allocation",
    ):
        assert again.rows(label) == small_council.rows(label)


def test_another_seed_gives_another_council(small_council):
    other = generate(CouncilSpec(seed=8, size=0.1))
    assert other.rows("records.Child")[:50] != small_council.rows("records.Child")[:50]


@pytest.mark.slow
@pytest.mark.parametrize("figure", sorted(TARGETS))
def test_default_size_is_calibrated_to_the_seeds(default_council, figure):
    summary = summarise(default_council)
    assert summary["population"] == POPULATION
    assert abs(summary[figure] - TARGETS[figure]) <= 0.10 * TARGETS[figure], (figure, summary[figure])


@pytest.mark.slow
def test_contacts_stay_in_the_seed_range_and_rise_year_on_year(default_council):
    spec = CouncilSpec()
    monthly = Counter(
        (r["contact_date"].year, r["contact_date"].month) for r in default_council.rows("records.Contact")
    )
    assert min(monthly.values()) >= 1_500
    assert max(monthly.values()) <= 2_700
    by_year = Counter()
    for row in default_council.rows("records.Contact"):
        day = row["contact_date"]
        by_year[day.year if day.month >= 4 else day.year - 1] += 1
    years = sorted(y for y in by_year if date(y, 4, 1) >= spec.history_start)
    totals = [by_year[y] for y in years]
    assert len(totals) == spec.history_years
    assert totals == sorted(totals), totals


def test_timeliness_is_imperfect_so_there_is_drift_to_find(small_council):
    from sightline.domain.calendar import default_calendar

    cal = default_calendar()
    assessments = [r for r in small_council.rows("records.Assessment") if r["assessment_authorisation_date"]]
    late = [
        r
        for r in assessments
        if cal.working_days_between(r["assessment_actual_start_date"], r["assessment_authorisation_date"])
        > 45
    ]
    assert 0.05 < len(late) / len(assessments) < 0.35
    repeat_plans = [r for r in small_council.rows("records.CPPlan") if r["number_of_previous_cpp"] > 0]
    assert repeat_plans
    long_plans = [
        r
        for r in small_council.rows("records.CPPlan")
        if r["cpp_end_date"] and (r["cpp_end_date"] - r["cpp_start_date"]).days > 365
    ]
    assert long_plans
    late_rhi = [
        r
        for r in small_council.rows("records.MissingEpisode")
        if r["rhi_date"] and (r["rhi_date"] - r["mis_end"]).total_seconds() > 72 * 3600
    ]
    assert late_rhi


@pytest.mark.parametrize("council", ["small_council", "default_council"])
def test_records_are_internally_consistent(council, request):
    small_council = request.getfixturevalue(council)
    ref = small_council.meta["reference_date"]
    children = {r["id"]: r for r in small_council.rows("records.Child")}
    episodes = {r["id"]: r for r in small_council.rows("records.CINEpisode")}
    by_child = defaultdict(list)
    for ep in episodes.values():
        by_child[ep["child_id"]].append(ep)
        assert ep["cin_referral_date"] <= ref
        assert ep["cin_closure_date"] is None or ep["cin_closure_date"] <= ref
    for eps in by_child.values():
        eps.sort(key=lambda e: e["cin_referral_date"])
        for a, b in itertools.pairwise(eps):
            assert a["cin_closure_date"] is not None and a["cin_closure_date"] <= b["cin_referral_date"]
    for label, start, end in [
        ("records.Assessment", "assessment_actual_start_date", "assessment_authorisation_date"),
        ("records.CPPlan", "cpp_start_date", "cpp_end_date"),
        ("records.CINPlan", "cin_plan_start_date", "cin_plan_end_date"),
    ]:
        for row in small_council.rows(label):
            ep = episodes[row["episode_id"]]
            assert row["child_id"] == ep["child_id"]
            assert row[start] >= ep["cin_referral_date"], (label, row)
            if ep["cin_closure_date"] is not None and row[end] is not None:
                assert row[end] <= ep["cin_closure_date"], (label, row, ep)
    cla = defaultdict(list)
    for row in small_council.rows("records.LookedAfterEpisode"):
        cla[row["child_id"]].append(row)
        dob = children[row["child_id"]]["date_of_birth"]
        assert dob is not None and row["decom"] >= dob
    for rows in cla.values():
        rows.sort(key=lambda r: r["decom"])
        for a, b in itertools.pairwise(rows):
            assert a["dec"] is not None and a["dec"] <= b["decom"]
            if a["dec"] == b["decom"]:
                assert a["rec"] == "X1" and b["rne"] != "S"


def test_identifiers_are_synthetic_and_well_formed(small_council):
    ids = [r["la_child_id"] for r in small_council.rows("records.Child")]
    assert len(ids) == len(set(ids))
    for row in small_council.rows("records.Child"):
        upn = row["upn"]
        if upn:
            total = sum(int(d) * w for d, w in zip(upn[1:], range(2, 14), strict=True))
            assert upn[0] == CHECK_LETTERS[total % 23]
        else:
            assert row["upn_unknown"]


def test_caseloads_are_realistic_with_some_over_the_limit(small_council):
    ref = small_council.meta["reference_date"]
    teams = {t["id"]: t for t in small_council.rows("workforce.Team")}
    open_cases = Counter(
        (r["worker_id"], r["team_id"])
        for r in small_council.rows("workforce.Allocation")
        if r["role"] == "SW" and r["start_date"] <= ref and (r["end_date"] is None or r["end_date"] >= ref)
    )
    loads = [n for (_, team_id), n in open_cases.items() if teams[team_id]["kind"] == "LOCALITY"]
    assert loads
    assert any(n > teams[t]["caseload_limit"] for (_, t), n in open_cases.items())
    workers = small_council.rows("workforce.Worker")
    assert any(w["agency"] for w in workers) and any(w["leave_date"] for w in workers)


def _digest_in_subprocess(hash_seed: str) -> str:
    import os
    import subprocess
    import sys

    code = (
        "import hashlib\n"
        "from sightline.generator import CouncilSpec, generate\n"
        "d = generate(CouncilSpec(seed=11, size=0.05))\n"
        "print(hashlib.sha256(repr(sorted(d.tables.items())).encode()).hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()


def test_same_seed_gives_the_same_council_in_another_process():
    """No dependence on set ordering or hash randomisation: two processes agree."""
    assert _digest_in_subprocess("1") == _digest_in_subprocess("2")


def test_most_long_cp_plans_have_an_independent_checkpoint_some_late_or_missing(small_council):
    from sightline.indicators.periods import add_months

    ref = small_council.meta["reference_date"]
    reached, in_time, late_or_missing = 0, 0, 0
    for plan in small_council.rows("records.CPPlan"):
        start, end, review = plan["cpp_start_date"], plan["cpp_end_date"], plan["checkpoint_review_date"]
        if review is not None:
            assert start <= review <= min(end or ref, ref), plan
        if add_months(start, 18) > min(end or ref, ref):
            continue  # did not run to 18 months: a checkpoint is optional
        reached += 1
        if review is not None and add_months(start, 12) <= review <= add_months(start, 18):
            in_time += 1
        else:
            late_or_missing += 1
    assert reached >= 10
    assert 0.6 <= in_time / reached <= 0.95
    assert late_or_missing > 0


def test_repeat_work_re_referrals_repeat_plans_and_returns_to_care(small_council):
    from sightline.indicators.periods import add_months

    referrals = defaultdict(list)
    for row in small_council.rows("records.CINEpisode"):
        referrals[row["child_id"]].append(row["cin_referral_date"])
    total = sum(len(days) for days in referrals.values())
    again = sum(
        1
        for days in referrals.values()
        for before, after in itertools.pairwise(sorted(days))
        if after <= add_months(before, 12)
    )
    assert 0.1 <= again / total <= 0.35, again / total
    plans = defaultdict(list)
    for row in small_council.rows("records.CPPlan"):
        plans[row["child_id"]].append(row)
    repeats = sum(
        1
        for rows in plans.values()
        for index, row in enumerate(rows)
        if index > 0 or row["number_of_previous_cpp"] > 0
    )
    assert 0.1 <= repeats / sum(len(rows) for rows in plans.values()) <= 0.4
    episodes = defaultdict(list)
    for row in small_council.rows("records.LookedAfterEpisode"):
        episodes[row["child_id"]].append(row)
    returned = [
        (before, after)
        for rows in episodes.values()
        for before, after in itertools.pairwise(sorted(rows, key=lambda r: r["decom"]))
        if before["rec"] in {"E4A", "E4B"} and after["decom"] <= add_months(before["dec"], 12)
    ]
    assert returned


# The generated data's digest per seed and size, recorded from the generator before it was made
# linear (issue 19): the same seed gives the same council, byte for byte. Only the record model's
# and workforce tables are in it (`CORE_TABLES`), so a generator module adding its own tables
# (on its own random stream, as the audit history is) leaves it alone; a change to those rows
# must say so and record the new digests here and in bench/generate.py. Recorded again when the
# generator drew modest disparities by age and ethnicity (issue 13: assessment timeliness, entry
# to care) and kept each child's ethnicity on its state; and again when assessment factors were
# drawn at England's shares from their own stream, an adopted child stopped being known again and
# teenagers came into care (and left it as care leavers) more often, as in England.
RECORDED = {
    (1, 0.05): "b1c89149023b158d59b77a037fa180842f6d44fb7aa0db4c045b0ff0c81f3952",
    (2, 0.1): "e68bc44ac174fe738d217108c81b03f42aac8e5513c2cd92ecf0c110468ce36e",
}


@pytest.mark.parametrize(("seed", "size"), sorted(RECORDED))
def test_a_seed_and_size_give_the_recorded_council(seed, size):
    data = generate(CouncilSpec(seed=seed, size=size))
    assert data.digest(CORE_TABLES) == RECORDED[(seed, size)]


def test_the_session_council_is_the_recorded_one(small_council):
    digest = "e5247f93e9d080416b748a7ee8d3381f1bf5ef1d88445f10038df43d8458a958"  # seed 7, size 0.1
    assert small_council.digest(CORE_TABLES) == digest
