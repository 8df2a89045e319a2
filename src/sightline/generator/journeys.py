"""Children's journeys through social care, generated whole at the moment of referral.

Each referral draws its pathway (no further action, assessment, s47 and conference, CP plan,
CIN plan, becoming looked after, leaving care) as a chain of states; each state writes its
records and returns when it ends and what follows. Anything dated after the reference date is
not written and what is still running at that date stays open, as it would in a live system.
Timeliness is drawn per step with a minority late, so indicators and drift lists have
something to find.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from datetime import date, timedelta

from sightline.domain.calendar import WorkingDayCalendar
from sightline.domain.dates import age_on

from .care import PLACE_CHANGE_REASONS, LookedAfter
from .cohorts import Cohorts
from .dataset import Dataset
from .factors import factor_rng
from .front_door import FrontDoor
from .identity import birthday, la_child_id, person_name, postcode, upn
from .plans import Plans
from .spec import CouncilSpec
from .state import (
    AREAS,
    ETHNICITY_WEIGHTS,
    OVER_REPRESENTED_IN_CARE,
    PARTICIPATION,
    SLOWER_ASSESSMENT_CODES,
    ChildState,
    Segment,
    pick,
)
from .visits import Visits

__all__ = ["AREAS", "ChildState", "Journeys", "Segment"]


# Entry to care by age at the decision (about 45% of those assessed are 13 or over).
TEENAGE_CARE_FACTOR = 1.5
YOUNGER_CARE_FACTOR = 0.7


class Journeys(FrontDoor, Plans, Visits, Cohorts):
    """One council's children and their journeys, drawn in date order from one random generator."""

    def __init__(
        self, spec: CouncilSpec, rng: random.Random, data: Dataset, calendar: WorkingDayCalendar
    ) -> None:
        self.spec, self.rng, self.data, self.cal = spec, rng, data, calendar
        self.factor_rng = factor_rng(spec.seed)
        self.ref = spec.reference_date
        self.children: dict[int, ChildState] = {}
        self.pool: list[int] = []
        self.segments: list[Segment] = []
        self.number = 0
        # Every referral in date order, for re-referrals: (day, child id).
        self.referral_days: list[date] = []
        self.referral_children: list[int] = []

    def wd(self, start: date, days: int) -> date:
        return self.cal.add_working_days(start, days)

    def live(self, day: date | None) -> date | None:
        """A date if it has happened by the reference date, else None (still open)."""
        return day if day is not None and day <= self.ref else None

    def days(self, start: date, n: float) -> date:
        return start + timedelta(days=int(n))

    def segment(self, child: ChildState, kind: str, start: date, end: date | None, role: str = "SW") -> None:
        if start <= self.ref and (end is None or end >= start):
            self.segments.append(Segment(child.id, kind, role, start, self.live(end), child.area))

    def cap(self, child: ChildState, end: date) -> date:
        """Child in need work ends by the day before the child turns 18."""
        if child.dob is None:
            return end
        return min(end, birthday(child.dob, 18) - timedelta(days=1))

    def age(self, child: ChildState, day: date) -> int:
        return age_on(child.dob or child.expected or day, day)

    def new_child(self, on: date, age: int | None = None, *, unborn_due: date | None = None) -> ChildState:
        rng = self.rng
        self.number += 1
        sex = rng.choice("MF") if unborn_due is None else "U"
        first, last = person_name(rng, sex)
        if unborn_due is None:
            if age is None:
                age = rng.choices(range(18), weights=[9, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 7, 8, 8, 7, 5])[
                    0
                ]
            # A 17-year-old is referred at least ~5 months before turning 18.
            dob = on - timedelta(days=age * 365 + rng.randrange(0, 365 if age < 17 else 200) + 1)
        else:
            dob, first = None, "Unborn"
        school_age = dob is not None and self.age_at(dob, on) >= 5
        child_id = self.data.add(
            "records.Child",
            la_child_id=la_child_id(self.number),
            upn=upn(rng, self.spec.la_code, dob.year + 5) if school_age else "",
            former_upn="",
            upn_unknown="" if school_age else "UN6",
            first_name=first,
            last_name=last,
            sex=sex,
            date_of_birth=dob,
            expected_date_of_birth=unborn_due,
            ethnicity=pick(rng, ETHNICITY_WEIGHTS),
            disabilities=self.disabilities(),
            death_date=None,
            home_postcode=postcode(rng),
            restricted=rng.random() < 0.002,
            mother="",
            mother_child_dob=None,
            uasc=False,
            uasc_ceased_date=None,
        )
        ethnicity = self.data.rows("records.Child")[-1]["ethnicity"]
        state = ChildState(child_id, dob, rng.choice(AREAS), expected=unborn_due, ethnicity=ethnicity)
        # A plan before our records began or in another council (the CIN census NumberOfPreviousCPP),
        # likelier the older the child.
        known_before = self.spec.p_plan_before_records * min(1.0, self.age_at(dob, on) / 5) if dob else 0.0
        if rng.random() < known_before:
            state.cp_plans = 1
        self.children[child_id] = state
        self.pool.append(child_id)
        return state

    def p_assessment_in_time(self, child: ChildState, day: date) -> float:
        """The chance an assessment is in time, lower for older children and one ethnic group."""
        spec = self.spec
        p = spec.p_assessment_in_45
        if child.dob is not None and self.age(child, day) >= 10:
            p -= spec.assessment_gap_older
        if child.ethnicity in SLOWER_ASSESSMENT_CODES:
            p -= spec.assessment_gap_ethnic_group
        return p

    def care_factor(self, child: ChildState, on: date | None = None) -> float:
        """Black and Mixed heritage children's higher chance of coming into care (as in England), and
        teenagers': England's children looked after are a quarter 16 or over (care leavers follow)."""
        factor = (
            self.spec.care_entry_factor_over_represented
            if child.ethnicity in OVER_REPRESENTED_IN_CARE
            else 1.0
        )
        if on is not None and child.dob is not None:
            factor *= TEENAGE_CARE_FACTOR if self.age(child, on) >= 13 else YOUNGER_CARE_FACTOR
        return factor

    @staticmethod
    def age_at(dob: date, day: date) -> int:
        return age_on(dob, day)

    def disabilities(self) -> list[str]:
        if self.rng.random() < 0.9:
            return ["NONE"]
        return sorted(
            self.rng.sample(["LD", "COMM", "AUT", "BEH", "MOB", "HEAR", "VIS", "PC"], self.rng.randint(1, 2))
        )

    def known_child(self, on: date) -> ChildState | None:
        """A child already known, favouring the recently known; None if none is under 18."""
        window = max(50, int(15_000 * self.spec.size))
        # An index into the last `window` entries: the same draw as choosing from a slice of them
        # (`choice` is `seq[randbelow(len(seq))]`), without copying the slice on every contact.
        first = max(0, len(self.pool) - window)
        for _ in range(4):
            child = self.children[self.pool[self.rng.randrange(first, len(self.pool))]]
            if child.dob is not None and self.age(child, on) < 17 and not child.adopted:
                return child
        return None

    def recently_referred(self, on: date) -> ChildState | None:
        """A child referred in the last 12 months whose case has closed (a re-referral), if one is found."""
        first = bisect_left(self.referral_days, on - timedelta(days=365))
        if first >= len(self.referral_days):
            return None
        for _ in range(6):
            child = self.children[self.referral_children[self.rng.randrange(first, len(self.referral_days))]]
            closed = child.busy_until is not None and child.busy_until < on
            if closed and child.dob is not None and self.age(child, on) < 17 and not child.adopted:
                return child
        return None

    def run_states(
        self, child: ChildState, episode_id: int, state: str, day: date
    ) -> tuple[date | None, str]:
        reason = "RC8"
        for _ in range(8):
            if day > self.ref:
                return None, reason
            if child.dob is not None and day >= birthday(child.dob, 18):
                return day, "RC6" if self.rng.random() < 0.3 else "RC7"
            if state == "close":
                return day, reason
            step = {
                "cin": self.cin_plan,
                "cin_disabled": self.cin_plan,
                "cp": self.cp_plan,
                "cla": self.looked_after,
            }[state]
            end, state, reason = step(child, episode_id, day, state)
            if end is None:
                return None, reason
            day = end
        return day, "RC7"

    def looked_after(self, child: ChildState, episode_id: int, start: date, _state: str):
        return LookedAfter(self, child, episode_id).run(start)

    def pick_reason(self) -> str:
        return pick(self.rng, PLACE_CHANGE_REASONS)

    def pick_participation(self) -> str:
        return pick(self.rng, PARTICIPATION)
