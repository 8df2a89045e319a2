"""The demo council's workforce health rows agree with the workforce they were drawn from."""

from collections import Counter

import pytest


@pytest.fixture(scope="module")
def data(small_council):
    return small_council


def test_every_leaver_has_one_reason_and_no_one_in_post_has_one(data):
    workers = {w["id"]: w for w in data.rows("workforce.Worker")}
    reasons = Counter(d["worker_id"] for d in data.rows("workforce.Departure"))
    assert set(reasons) == {i for i, w in workers.items() if w["leave_date"] is not None}
    assert set(reasons.values()) == {1}


def test_absence_and_training_fall_while_the_worker_is_in_post(data):
    workers = {w["id"]: w for w in data.rows("workforce.Worker")}
    ref = data.meta["reference_date"]
    for a in data.rows("workforce.SicknessAbsence"):
        w = workers[a["worker_id"]]
        assert w["start_date"] <= a["start_date"] <= a["end_date"] <= (w["leave_date"] or ref)
        assert 0 < a["working_days_lost"] <= (a["end_date"] - a["start_date"]).days + 1
    for t in data.rows("workforce.TrainingRecord"):
        w = workers[t["worker_id"]]
        assert w["start_date"] < t["completed_on"] <= (w["leave_date"] or ref)


def test_funded_posts_cover_the_teams_and_survey_shares_are_percentages(data):
    teams_with_social_workers = {w["team_id"] for w in data.rows("workforce.Worker") if w["role"] == "SW"}
    funded = {(e["team_id"], e["role"]) for e in data.rows("workforce.Establishment")}
    assert teams_with_social_workers <= {team for team, role in funded if role == "SW"}
    shares = [r["agree_percent"] for r in data.rows("workforce.StaffSurveyResult")]
    assert shares and all(0 <= s <= 100 for s in shares)
