"""Direction of travel worded against a hand-built council: figures worked out by hand for
February and March 2026, compared by each indicator's polarity."""

from __future__ import annotations

from datetime import date, timedelta

from tests.indicators.builders import contact, referral
from tests.indicators.helpers import engine

from sightline.indicators.definitions import REGISTRY
from sightline.indicators.periods import Period
from sightline.web.direction import travel, when
from sightline.web.indicators import fmt_value

FEBRUARY, MARCH = Period.month(date(2026, 2, 1)), Period.month(date(2026, 3, 1))
MINIMUM = 5


def _contacts(month: int, on_time: int, late: int, first: int) -> list[dict]:
    """`on_time` contacts decided the day they came in, `late` ones ten days later."""
    day = date(2026, month, 3)
    rows = [contact(first + i, first + i, day, day) for i in range(on_time)]
    return rows + [
        contact(first + on_time + i, first + on_time + i, day, day + timedelta(days=10)) for i in range(late)
    ]


def _referrals(month: int, fresh: int, again: int, first: int) -> list[dict]:
    """`fresh` first referrals in the month, and `again` for children referred in June 2025."""
    rows = [referral(first + i, first + i, date(2026, month, 4)) for i in range(fresh + again)]
    return rows + [referral(first + 500 + i, first + fresh + i, date(2025, 6, 2)) for i in range(again)]


def _compare(indicator_id: str, suppressed=(False, False), **tables):
    built = engine(**tables)
    definition = REGISTRY[indicator_id].as_dict()
    now, before = built.value(indicator_id, MARCH), built.value(indicator_id, FEBRUARY)
    return travel(
        definition,
        now,
        before,
        minimum=MINIMUM,
        shown=lambda v: fmt_value(v, definition["unit"]),
        suppressed=suppressed,
    )


def test_a_rise_where_higher_is_better_is_better():
    # February 5 of 10 decided in time (50.0%); March 9 of 10 (90.0%).
    found = _compare("contact_decision_timely", contact=_contacts(2, 5, 5, 1) + _contacts(3, 9, 1, 100))
    assert (found.text, found.verdict, found.colour) == ("Up from 50.0% in February 2026", "better", "green")


def test_a_fall_where_lower_is_better_is_better_and_a_rise_worse():
    # February 3 of 10 referrals were re-referrals (30.0%); March 1 of 10 (10.0%).
    fell = _compare("rereferrals_12m", referral=_referrals(2, 7, 3, 1) + _referrals(3, 9, 1, 100))
    assert (fell.text, fell.verdict) == ("Down from 30.0% in February 2026", "better")
    rose = _compare("rereferrals_12m", referral=_referrals(2, 9, 1, 1) + _referrals(3, 7, 3, 100))
    assert (rose.text, rose.verdict, rose.colour) == ("Up from 10.0% in February 2026", "worse", "red")


def test_the_same_figure_is_no_change_and_a_small_move_much_the_same():
    same = _compare("contact_decision_timely", contact=_contacts(2, 6, 4, 1) + _contacts(3, 6, 4, 100))
    assert (same.text, same.verdict) == ("No change from 60.0% in February 2026", "no change")
    # 100 referrals then 101: one more in a hundred is within the tolerance.
    close = _compare("referrals", referral=_referrals(2, 100, 0, 1) + _referrals(3, 101, 0, 1000))
    assert (close.text, close.verdict) == ("Much the same as 100 in February 2026", "no change")


def test_a_count_that_is_neither_better_nor_worse_says_only_which_way():
    found = _compare("referrals", referral=_referrals(2, 10, 0, 1) + _referrals(3, 20, 0, 100))
    assert (found.text, found.verdict, found.label, found.colour) == (
        "Up from 10 in February 2026",
        "",
        "",
        "",
    )


def test_too_few_or_suppressed_figures_are_not_compared():
    # March has 3 contacts: below the 5 a figure needs to be rated, so no direction is claimed.
    few = _compare("contact_decision_timely", contact=_contacts(2, 5, 5, 1) + _contacts(3, 3, 0, 100))
    assert (few.text, few.verdict) == (
        "Not compared with February 2026: too few cases to compare",
        "not compared",
    )
    hidden = _compare(
        "contact_decision_timely", (False, True), contact=_contacts(2, 5, 5, 1) + _contacts(3, 9, 1, 100)
    )
    assert (hidden.text, hidden.verdict) == (
        "Not compared with February 2026: too few to show",
        "not compared",
    )
    empty = _compare("contact_decision_timely", contact=_contacts(3, 9, 1, 100))
    assert (empty.text, empty.verdict) == ("Not compared: no figure for February 2026", "not compared")


def test_periods_are_named_as_a_sentence_names_them():
    assert when(Period.quarter(date(2026, 1, 1))) == "in January to March 2026"
    assert when(Period.year(date(2025, 4, 1))) == "in 2025-26"
    assert when(Period.rolling_12(date(2025, 3, 31))) == "in the 12 months to March 2025"
    assert when(Period.as_at(date(2026, 2, 28))) == "on 28 February 2026"
