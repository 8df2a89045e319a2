"""The XmR rules on hand-built series; every expected figure is worked out in the comments.

The rules are NHSRplotthedots' (ptd_spc_standard.R, ptd_calculate_point_type.R,
ptd_calculate_assurance_type.R): limits mean ± 2.66 x mean moving range, near a limit beyond
two-thirds of that, the outside > trend > two-of-three > shift order for a point's direction.
"""

from __future__ import annotations

from datetime import date

import pytest

from sightline.spc import OUTSIDE, SHIFT, TREND, TWO_OF_THREE, Rebase, analyse


def months(count: int, start: date = date(2024, 1, 1)) -> list[date]:
    return [
        date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
        for i in range(count)
    ]


def flagged(result, signal: str) -> list[int]:
    return [i for i, p in enumerate(result.points) if signal in p.signals]


# 10, 12, 11, 13, 12, 14, 12, 10: mean 94 / 8 = 11.75; moving ranges 2, 1, 2, 1, 2, 2, 2 = 12 / 7;
# limits 11.75 ± 2.66 x 12/7 = 11.75 ± 4.56: 7.19 and 16.31. Nothing special.
BASIC = [10, 12, 11, 13, 12, 14, 12, 10]


def test_limits_are_the_mean_plus_and_minus_2_66_mean_moving_ranges():
    result = analyse(months(8), BASIC, polarity="up")
    segment = result.segments[0]
    assert segment.mean == pytest.approx(11.75)
    assert segment.mean_moving_range == pytest.approx(12 / 7)
    assert (segment.lower, segment.upper) == (pytest.approx(7.19), pytest.approx(16.31))
    assert all(p.mean == pytest.approx(11.75) and p.upper == pytest.approx(16.31) for p in result.points)
    assert not any(p.signals for p in result.points)
    assert result.variation == "common_cause"


# Alternating 9, 11 (ten of each), 31 after the tenth, and -11 at the end: the sum is
# 200 + 31 - 11 = 220 over 22 points, mean 10. Moving ranges: 9 x 2, 20 (11 to 31), 22 (31 to 9),
# 9 x 2, 22 (11 to -11) = 100 over 21. Limits 10 ± 2.66 x 100/21 = 10 ± 12.667: -2.667 and 22.667.
# Near a limit: 10 ± 8.444, which 9 and 11 are not. The sides alternate, so no shift or trend.
OUTSIDE_SERIES = [9, 11] * 5 + [31] + [9, 11] * 5 + [-11]


@pytest.mark.parametrize(
    ("polarity", "latest", "spike"),
    [
        ("up", "concern_low", "improvement_high"),
        ("down", "improvement_low", "concern_high"),
        ("neutral", "neutral_low", "neutral_high"),
    ],
)
def test_a_point_outside_the_limits_takes_its_meaning_from_the_polarity(polarity, latest, spike):
    result = analyse(months(22), OUTSIDE_SERIES, polarity=polarity)
    assert result.segments[0].mean == pytest.approx(10)
    assert result.segments[0].upper == pytest.approx(10 + 2.66 * 100 / 21)
    assert flagged(result, OUTSIDE) == [10, 21]
    assert [p.kind for p in result.points if p.signals] == [spike, latest]
    assert result.variation == latest  # the icon shows the latest point
    assert not flagged(result, SHIFT) + flagged(result, TREND) + flagged(result, TWO_OF_THREE)


def test_the_engine_s_higher_and_lower_polarities_are_up_and_down():
    assert analyse(months(22), OUTSIDE_SERIES, polarity="higher").variation == "concern_low"
    assert analyse(months(22), OUTSIDE_SERIES, polarity="lower").variation == "improvement_low"
    assert analyse(months(22), OUTSIDE_SERIES, polarity=None).variation == "neutral_low"
    with pytest.raises(ValueError, match="polarity"):
        analyse(months(22), OUTSIDE_SERIES, polarity="sideways")


# 2, 6, 2, 6, 2, 6, 2 then seven 5s: mean (8 + 18 + 35) / 14 = 4.357; moving ranges 6 x 4, 3, 6 x 0
# = 27 / 13 = 2.077; limits 4.357 ± 5.525 (-1.17, 9.88), near 4.357 ± 3.683 (0.67, 8.04): no point
# near or outside. The 5s are the only run on one side (indices 7 to 13); flat is not a trend.
SHIFT_SERIES = [2, 6, 2, 6, 2, 6, 2] + [5] * 7


def test_seven_points_on_one_side_of_the_mean_are_a_shift():
    result = analyse(months(14), SHIFT_SERIES, polarity="up")
    assert result.segments[0].mean == pytest.approx(61 / 14)
    assert result.segments[0].mean_moving_range == pytest.approx(27 / 13)
    assert flagged(result, SHIFT) == list(range(7, 14))
    assert not flagged(result, TREND) + flagged(result, OUTSIDE) + flagged(result, TWO_OF_THREE)
    assert result.variation == "improvement_high"
    assert analyse(months(14), SHIFT_SERIES, polarity="down").variation == "concern_high"


def test_six_points_make_a_shift_only_when_the_council_sets_six():
    # Six 5s: mean (8 + 18 + 30) / 13 = 4.31, the 5s above it, the 2 before them below.
    series = [2, 6, 2, 6, 2, 6, 2] + [5] * 6
    assert not flagged(analyse(months(13), series), SHIFT)
    assert flagged(analyse(months(13), series, run_length=6), SHIFT) == list(range(7, 13))
    with pytest.raises(ValueError, match="6 or 7"):
        analyse(months(13), series, run_length=5)


def test_a_point_on_the_mean_breaks_a_run():
    # Four 2s, a 1, four 2s, four 0s, a 1, four 0s: 18 over 18 points, mean 1. Either side of each
    # 1 are eight points on one side, but the 1 sits on the mean, so no run reaches seven.
    series = [2, 2, 2, 2, 1, 2, 2, 2, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0]
    result = analyse(months(18), series)
    assert result.segments[0].mean == pytest.approx(1)
    assert not flagged(result, SHIFT)
    assert flagged(analyse(months(18), [2 if v == 1 and i < 9 else v for i, v in enumerate(series)]), SHIFT)


# 13, 11, 13, 11, 13, 11 then 9, 10, ..., 15: mean (72 + 84) / 13 = 12; moving ranges 5 x 2, 2 and
# 6 x 1 = 18 / 12 = 1.5; limits 12 ± 3.99, near 12 ± 2.66 (9.34, 14.66): 9 and 15 are near but never
# two of three on one side; the run below the mean is 11, 9, 10, 11 (four). 9 to 15 rise seven times.
TREND_SERIES = [13, 11, 13, 11, 13, 11, 9, 10, 11, 12, 13, 14, 15]


def test_seven_points_each_higher_than_the_last_are_a_trend():
    result = analyse(months(13), TREND_SERIES, polarity="down")
    assert result.segments[0].mean == pytest.approx(12)
    assert result.segments[0].upper == pytest.approx(15.99)
    assert flagged(result, TREND) == list(range(6, 13))
    assert not flagged(result, SHIFT) + flagged(result, OUTSIDE) + flagged(result, TWO_OF_THREE)
    assert {p.kind for p in result.points[6:]} == {"concern_high"}  # rising, lower is better
    assert analyse(months(13), TREND_SERIES, polarity="up").variation == "improvement_high"
    falling = analyse(months(13), [24 - v for v in TREND_SERIES], polarity="up")
    assert flagged(falling, TREND) == list(range(6, 13)) and falling.variation == "concern_low"


def test_a_level_step_breaks_a_trend():
    series = [13, 11, 13, 11, 13, 11, 9, 10, 11, 11, 13, 14, 15]
    assert not flagged(analyse(months(13), series), TREND)


# Alternating 9, 11 (20 points), then 16, 11, 16 and 4, 9, 4: sum 200 + 43 + 17 = 260 over 26,
# mean 10; moving ranges 19 x 2, 5, 5, 5, 12, 5, 5 = 75 over 25 = 3; limits 10 ± 7.98 (2.02,
# 17.98), near 10 ± 5.32 (4.68, 15.32). 16, 11, 16 are all above with two near: the 16s are
# flagged, not the 11; the same below with the 4s.
TWO_OF_THREE_SERIES = [9, 11] * 10 + [16, 11, 16, 4, 9, 4]


def test_two_of_three_near_a_limit_on_one_side_flags_the_near_points():
    result = analyse(months(26), TWO_OF_THREE_SERIES, polarity="up")
    assert result.segments[0].mean_moving_range == pytest.approx(3)
    assert (result.segments[0].lower, result.segments[0].upper) == (pytest.approx(2.02), pytest.approx(17.98))
    assert flagged(result, TWO_OF_THREE) == [20, 22, 23, 25]
    assert not flagged(result, OUTSIDE) + flagged(result, SHIFT) + flagged(result, TREND)
    assert [p.kind for p in result.points if p.signals] == ["improvement_high"] * 2 + ["concern_low"] * 2
    assert result.variation == "concern_low"


def test_two_near_points_on_opposite_sides_are_not_two_of_three():
    series = [9, 11] * 10 + [16, 4, 11, 9]  # 16 and 4 near, but never three on one side
    assert not flagged(analyse(months(24), series), TWO_OF_THREE)


@pytest.mark.parametrize(
    ("polarity", "target", "assurance"),
    [
        ("up", 6, "pass"),  # below the lower limit 7.19: every month above it
        ("up", 17, "fail"),  # above the upper limit 16.31
        ("up", 12, "hit_and_miss"),
        ("down", 17, "pass"),
        ("down", 6, "fail"),
        ("down", 16.3, "hit_and_miss"),
        ("neutral", 6, None),
        ("up", None, None),
    ],
)
def test_assurance_against_a_target(polarity, target, assurance):
    assert analyse(months(8), BASIC, polarity=polarity, target=target).assurance == assurance


def test_screening_leaves_very_large_moving_ranges_out_only_when_asked():
    # 10, 12 x 4 then 10, 40: moving ranges 8 x 2 and 30 = 46 / 9 = 5.11; 30 ≥ 3.267 x 5.11 = 16.7,
    # so screened the mean moving range is 16 / 8 = 2. Mean (50 + 48 + 40) / 10 = 13.8.
    series = [10, 12, 10, 12, 10, 12, 10, 12, 10, 40]
    plain = analyse(months(10), series)
    screened = analyse(months(10), series, screen_outliers=True)
    assert plain.segments[0].mean_moving_range == pytest.approx(46 / 9)
    assert plain.segments[0].upper == pytest.approx(13.8 + 2.66 * 46 / 9)
    assert screened.segments[0].mean_moving_range == pytest.approx(2)
    assert screened.segments[0].upper == pytest.approx(13.8 + 5.32)


# Twenty points alternating 9, 11, then ten alternating 19, 21 from January 2026.
STEP = [9, 11] * 10 + [19, 21] * 5


def test_limits_are_never_recalculated_without_a_recorded_date():
    result = analyse(months(30), STEP, polarity="up")
    assert len(result.segments) == 1
    assert result.segments[0].mean == pytest.approx(400 / 30)
    assert flagged(result, SHIFT) == list(range(30))  # 20 below the mean, then 10 above


def test_a_recorded_rebase_recalculates_from_its_date_with_trial_limits_under_12_points():
    # The step comes in September 2025 (index 20). A date mid-month starts the new limits at the
    # first point on or after it: October 2025, so the first segment keeps September's 19.
    later = analyse(months(30), STEP, rebases=[Rebase(date(2025, 9, 15), "New model")])
    assert (later.segments[0].end, later.segments[0].points, later.segments[1].start) == (
        date(2025, 9, 1),
        21,
        date(2025, 10, 1),
    )
    result = analyse(
        months(30), STEP, polarity="up", target=14, rebases=[Rebase(date(2025, 9, 1), "New model")]
    )
    first, second = result.segments
    assert (first.points, first.mean, first.mean_moving_range) == (20, pytest.approx(10), pytest.approx(2))
    assert (second.start, second.points, second.mean) == (date(2025, 9, 1), 10, pytest.approx(20))
    assert second.reason == "New model" and second.trial and not first.trial
    assert (second.lower, second.upper) == (pytest.approx(14.68), pytest.approx(25.32))
    assert not any(p.signals for p in result.points)
    assert result.points[25].mean == pytest.approx(20) and result.points[5].mean == pytest.approx(10)
    assert result.assurance == "pass"  # against the latest limits: 14 is below 14.68
    assert [w for w in result.warnings if "Trial limits" in w and "September 2025" in w]


def test_a_rebase_needs_a_reason():
    with pytest.raises(ValueError, match="need a reason"):
        analyse(months(30), STEP, rebases=[Rebase(date(2025, 9, 1), "  ")])


def test_gaps_stay_in_place_and_out_of_the_limits():
    values = list(BASIC)
    values.insert(3, None)
    result = analyse(months(9), values)
    assert result.points[3].value is None and result.points[3].kind is None
    assert result.segments[0].points == 8
    assert result.segments[0].mean == pytest.approx(11.75)
    # The moving ranges skip the gap: 2, 1, 2 (11 to 13), 1, 2, 2, 2 as before.
    assert result.segments[0].mean_moving_range == pytest.approx(12 / 7)


def test_a_single_point_has_no_limits_and_no_variation():
    result = analyse(months(1), [5])
    assert result.variation is None and result.assurance is None
    assert result.points[0].upper is None
    assert "Too few points" in result.warnings[0]


def test_dates_out_of_order_and_unequal_lengths_are_refused():
    with pytest.raises(ValueError, match="in order"):
        analyse([date(2024, 2, 1), date(2024, 1, 1)], [1, 2])
    with pytest.raises(ValueError, match="2 dates but 1 values"):
        analyse(months(2), [1])
