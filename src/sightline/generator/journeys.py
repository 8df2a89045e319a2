"""Children's journeys through social care, generated whole at the moment of referral.

Each referral draws its pathway (no further action, assessment, s47 and conference, CP plan,
CIN plan, becoming looked after, leaving care) as a chain of states; each state writes its
records and returns when it ends and what follows. Anything dated after the reference date is
not written and what is still running at that date stays open, as it would in a live system.
Timeliness is drawn per step with a minority late, so indicators and drift lists have
something to find.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sightline.domain.calendar import WorkingDayCalendar
from sightline.domain.dates import age_on

from .care import PLACE_CHANGE_REASONS, LookedAfter
from .dataset import Dataset
from .identity import birthday, la_child_id, person_name, postcode, upn
from .spec import CouncilSpec

AREAS = ("North", "South", "Central", "East")
ETHNICITY_WEIGHTS = {
    "WBRI": 70,
    "WOTH": 5,
    "WROM": 1,
    "WIRT": 1,
    "MWBC": 3,
    "MWBA": 1,
    "MWAS": 2,
    "MOTH": 2,
    "AIND": 2,
    "APKN": 5,
    "ABAN": 1,
    "AOTH": 1,
    "BCRB": 1,
    "BAFR": 2,
    "BOTH": 1,
    "CHNE": 0.5,
    "OOTH": 1,
    "REFU": 0.3,
    "NOBT": 0.7,
}
SOURCE_WEIGHTS = {
    "6": 29,
    "2A": 19,
    "3A": 3,
    "3B": 3,
    "3C": 1,
    "3D": 2,
    "3E": 3,
    "3F": 4,
    "1A": 4,
    "1B": 1,
    "1C": 1,
    "1D": 1,
    "4": 2,
    "5A": 4,
    "5B": 2,
    "5C": 1,
    "5D": 1,
    "2B": 1,
    "7": 2,
    "8": 8,
    "9": 3,
    "10": 4,
}
NEED_WEIGHTS = {"N1": 58, "N3": 3, "N4": 12, "N5": 12, "N6": 2, "N7": 1, "N8": 5, "N9": 2, "N0": 5}
FACTOR_POOL = [
    "3A",
    "3B",
    "3C",
    "4B",
    "4A",
    "2B",
    "1B",
    "16A",
    "17A",
    "18B",
    "19B",
    "5B",
    "6B",
    "14A",
    "15A",
    "11A",
    "24A",
    "10A",
    "13A",
    "21",
]
CATEGORY_WEIGHTS = {"NEG": 50, "EMO": 36, "PHY": 7, "SAB": 4, "MUL": 3}
# CP plan length bands for plans ending (days, weight), shaped like the national figures.
PLAN_BANDS = [((20, 90), 12), ((91, 182), 20), ((183, 365), 39), ((366, 730), 25), ((731, 1100), 4)]
PARTICIPATION = {"PN1": 58, "PN2": 5, "PN3": 3, "PN4": 5, "PN5": 10, "PN6": 12, "PN7": 7}


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@dataclass
class ChildState:
    id: int
    dob: date | None
    area: str
    expected: date | None = None
    busy_until: date | None = None  # last day of the open episode; date.max while open
    cp_plans: int = 0
    referrals: list[date] = field(default_factory=list)
    home_from_care: date | None = None  # the last period of care ended with a return home


@dataclass
class Segment:
    """A stretch of time a child's case sits with one kind of team (for the allocation pass)."""

    child_id: int
    team_kind: str
    role: str
    start: date
    end: date | None
    area: str


class Journeys:
    def __init__(
        self, spec: CouncilSpec, rng: random.Random, data: Dataset, calendar: WorkingDayCalendar
    ) -> None:
        self.spec, self.rng, self.data, self.cal = spec, rng, data, calendar
        self.ref = spec.reference_date
        self.children: dict[int, ChildState] = {}
        self.pool: list[int] = []
        self.segments: list[Segment] = []
        self.number = 0
        # Every referral in date order, for re-referrals: (day, child id).
        self.referral_days: list[date] = []
        self.referral_children: list[int] = []

    # ----- small helpers -------------------------------------------------------------
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

    # ----- children ------------------------------------------------------------------
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
        state = ChildState(child_id, dob, rng.choice(AREAS), expected=unborn_due)
        # A plan before our records began or in another council (the CIN census NumberOfPreviousCPP),
        # likelier the older the child.
        known_before = self.spec.p_plan_before_records * min(1.0, self.age_at(dob, on) / 5) if dob else 0.0
        if rng.random() < known_before:
            state.cp_plans = 1
        self.children[child_id] = state
        self.pool.append(child_id)
        return state

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
        recent = self.pool[-window:]
        for _ in range(4):
            child = self.children[self.rng.choice(recent)]
            if child.dob is not None and self.age(child, on) < 17:
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
            if closed and child.dob is not None and self.age(child, on) < 17:
                return child
        return None

    # ----- contacts and referrals -----------------------------------------------------
    def contact(self, on: date) -> None:
        rng, spec = self.rng, self.spec
        child = None
        if rng.random() < spec.p_referral * spec.p_rereferral:
            # Contacts about a child referred in the last year are far likelier to be referred again.
            child = self.recently_referred(on)
            if child is not None:
                self.contact_about(child, on, "REF")
                return
        child = self.known_child(on) if rng.random() < spec.p_repeat_child else None
        child = child or self.new_child(on)
        open_case = child.busy_until is not None and child.busy_until >= on
        draw = rng.random()
        if open_case:
            outcome = "OPEN"
        elif draw < (p_ref := spec.p_referral * (1 - spec.p_rereferral)):
            outcome = "REF"
        elif draw < p_ref + spec.p_early_help:
            outcome = "EH"
        else:
            outcome = "INFO" if draw < 0.78 else "NFA"
        self.contact_about(child, on, outcome)

    def contact_about(self, child: ChildState, on: date, outcome: str) -> None:
        rng = self.rng
        lag = rng.choices([0, 1, 2, 3, 5], weights=[62, 27, 6, 3, 2])[0]
        decided = self.wd(on, lag) if lag else on
        contact_id = self.data.add(
            "records.Contact",
            child_id=child.id,
            contact_date=on,
            source=pick(rng, SOURCE_WEIGHTS),
            outcome=outcome,
            decision_date=self.live(decided),
        )
        if outcome == "REF" and decided <= self.ref:
            self.referral(child, decided, contact_id)
        elif outcome == "EH" and rng.random() < 0.6:
            start = self.days(on, rng.randrange(3, 30))
            if start <= self.ref:
                done = self.live(self.days(start, rng.randrange(15, 60)))
                self.data.add(
                    "records.EarlyHelpAssessment",
                    child_id=child.id,
                    start_date=start,
                    completion_date=done,
                    organisation="Early Help Service",
                )

    def warm_up_referral(self, on: date) -> None:
        child = self.recently_referred(on) if self.rng.random() < self.spec.p_rereferral else None
        if child is not None:
            self.referral(child, on)
            return
        child = self.known_child(on) if self.rng.random() < self.spec.p_repeat_child else None
        child = child or self.new_child(on)
        if child.busy_until is None or child.busy_until < on:
            self.referral(child, on)

    def referral(
        self,
        child: ChildState,
        on: date,
        contact_id: int | None = None,
        *,
        need: str | None = None,
        source: str | None = None,
    ) -> int:
        rng, spec = self.rng, self.spec
        disabled = need == "N2" or (need is None and rng.random() < spec.p_disabled_child)
        need = "N2" if disabled else (need or pick(rng, NEED_WEIGHTS))
        child.referrals.append(on)
        self.referral_days.append(on)
        self.referral_children.append(child.id)
        episode_id = self.data.add(
            "records.CINEpisode",
            child_id=child.id,
            cin_referral_date=on,
            referral_source=source or pick(rng, SOURCE_WEIGHTS),
            primary_need_code=need,
            referral_nfa=False,
            cin_closure_date=None,
            reason_for_closure="",
            contact_id=contact_id,
        )
        episode = self.data.rows("records.CINEpisode")[-1]
        if rng.random() < spec.p_referral_nfa and not disabled:
            episode.update(referral_nfa=True, cin_closure_date=on, reason_for_closure="RC8")
            child.busy_until = on
            return episode_id
        child.busy_until = date.max
        state, day, floor = self.first_steps(child, episode_id, on, disabled)
        end, reason = self.run_states(child, episode_id, state, day)
        if end is not None:
            # The episode stays open until its assessment and enquiry are finished.
            end = max(end, floor) if floor <= self.ref else None
        self.close_episode(child, episode, end, reason)
        return episode_id

    def close_episode(self, child: ChildState, episode: dict, end: date | None, reason: str) -> None:
        if end is not None and child.dob is not None:
            end = min(end, birthday(child.dob, 18) - timedelta(days=1))
        end = self.live(end)
        if end is not None:
            end = max(end, episode["cin_referral_date"])
            episode.update(cin_closure_date=end, reason_for_closure=reason)
            child.busy_until = end
        else:
            child.busy_until = date.max
        self.keep_allocated(child, episode["cin_referral_date"], end)

    def keep_allocated(self, child: ChildState, referral: date, closure: date | None) -> None:
        """The social worker keeps the case until the episode closes, not just until the last plan ends."""
        for segment in reversed(self.segments[-20:]):
            if segment.child_id != child.id or segment.role != "SW":
                continue
            ends_early = segment.end is not None and (closure is None or closure > segment.end)
            if segment.start >= referral and ends_early:
                segment.end = closure
            return

    def first_steps(
        self, child: ChildState, episode_id: int, on: date, disabled: bool
    ) -> tuple[str, date, date]:
        """Assessment, and alongside it a strategy discussion and s47 where drawn."""
        rng, spec = self.rng, self.spec
        start = self.wd(on, rng.choices([0, 1, 2, 3], weights=[55, 30, 10, 5])[0])
        length = rng.randint(8, 45) if rng.random() < spec.p_assessment_in_45 else rng.randint(46, 95)
        authorised = self.wd(start, length)
        kind = "DISABILITY" if disabled else "ASSESSMENT"
        self.segment(child, kind, on, authorised)
        outcome = "NFA"
        next_state, next_day = "close", self.days(authorised, rng.randrange(0, 20))
        floor = authorised
        # A child who has been on a plan before is likelier to need an enquiry and a conference again.
        s47 = not disabled and rng.random() < (spec.p_s47_after_plan if child.cp_plans else spec.p_s47)
        if s47:
            plan_day, s47_end = self.section47(child, episode_id, start)
            floor = max(floor, s47_end)
            if plan_day is not None:
                outcome, next_state, next_day = "S47", "cp", plan_day
            elif rng.random() < 0.45:
                outcome, next_state, next_day = "CIN", "cin", authorised
        if next_state == "close":
            roll = rng.random()
            if roll < spec.p_direct_cla:
                outcome, next_state = "CLA", "cla"
                next_day = self.days(start, rng.randrange(1, 40))
            elif disabled or roll < spec.p_cin_plan_after_assessment:
                outcome, next_state, next_day = (
                    "CIN",
                    "cin_disabled" if disabled else "cin",
                    authorised,
                )
            elif roll < spec.p_cin_plan_after_assessment + 0.2:
                outcome = "EH"
        if start <= self.ref:
            seen = rng.random() < 0.96
            self.data.add(
                "records.Assessment",
                child_id=child.id,
                episode_id=episode_id,
                assessment_actual_start_date=start,
                assessment_authorisation_date=self.live(authorised),
                assessment_internal_review_date=None,
                factors=self.factors(),
                child_seen=seen,
                child_seen_date=self.live(self.days(start, rng.randrange(0, 10))) if seen else None,
                outcome=outcome if authorised <= self.ref else "",
            )
            if seen and start + timedelta(days=3) <= self.ref:
                self.visit(child, self.days(start, rng.randrange(0, 4)), "ASMT")
        return next_state, next_day, floor

    def factors(self) -> list[str]:
        n = self.rng.choices([1, 2, 3, 4], weights=[30, 35, 25, 10])[0]
        chosen = self.rng.sample(FACTOR_POOL[:-1], n)
        return sorted(set(chosen))

    def section47(self, child: ChildState, episode_id: int, start: date) -> tuple[date | None, date]:
        """Strategy discussion, s47 and perhaps an ICPC; returns the CP plan start if one follows."""
        rng, spec = self.rng, self.spec
        if start > self.ref:
            return None, start
        strategy_id = self.data.add(
            "records.StrategyDiscussion",
            child_id=child.id,
            episode_id=episode_id,
            discussion_date=start,
            s47_agreed=True,
        )
        target = self.wd(start, 15)
        icpc = rng.random() < (spec.p_icpc_after_plan if child.cp_plans else spec.p_icpc_given_s47)
        if icpc:
            icpc_day = self.wd(
                start,
                rng.randint(6, 15) if rng.random() < spec.p_icpc_in_15 else rng.randint(16, 32),
            )
            end = icpc_day
            if icpc_day > self.cap(child, icpc_day):
                # The child turns 18 before a conference could sit: the enquiry ends without one.
                icpc, icpc_day, end = False, None, max(start, self.cap(child, icpc_day))
        else:
            icpc_day, end = None, self.wd(start, rng.randint(5, 25))
        s47_id = self.data.add(
            "records.Section47Enquiry",
            child_id=child.id,
            episode_id=episode_id,
            s47_actual_start_date=start,
            initial_cpc_target=target,
            icpc_not_required=not icpc,
            outcome=("ICPC" if icpc else rng.choice(["CIN", "NFA"])) if self.live(end) else "",
            end_date=self.live(end),
            strategy_discussion_id=strategy_id,
        )
        if icpc_day is None or icpc_day > self.ref:
            return None, end
        plan = rng.random() < spec.p_plan_given_icpc
        self.data.add(
            "records.ChildProtectionConference",
            child_id=child.id,
            episode_id=episode_id,
            kind="ICPC",
            conference_date=icpc_day,
            section47_id=s47_id,
            plan_id=None,
            plan_decided=plan,
        )
        return (icpc_day if plan else None), end

    # ----- the state chain -----------------------------------------------------------
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

    def cin_plan(self, child: ChildState, episode_id: int, start: date, state: str):
        rng = self.rng
        median = 900 if state == "cin_disabled" else 180
        length = int(math.exp(rng.gauss(math.log(median), 0.6)))
        end = self.cap(child, self.days(start, max(30, length)))
        roll = rng.random()
        p_cp = self.spec.p_cp_after_cin_stepped_down if child.cp_plans else 0.07
        p_cla = 0.02
        home = child.home_from_care
        if home is not None and (start - home).days <= 60:
            # Back home from care: a minority come back into care within the year (KPQ8 re-entry).
            p_cla = self.spec.p_reentry_after_home
        nxt = "cp" if roll < p_cp else "cla" if roll < p_cp + p_cla else "close"
        if nxt == "cla" and home is not None:
            end = self.cap(child, self.days(start, rng.randint(30, 300)))
        enquiry_end = start
        if nxt == "cp":
            end = self.cap(child, self.days(start, rng.randrange(30, 180)))
            strategy_start = self.wd(end, -12)
            plan_day, enquiry_end = (
                self.section47(child, episode_id, strategy_start) if strategy_start > start else (None, start)
            )
            if plan_day is None or plan_day > self.cap(child, plan_day):
                nxt = "close"
            else:
                end = plan_day
        plan_end = self.live(max(start, end - timedelta(days=1)) if nxt in {"cp", "cla"} else end)
        if end > start:  # not on the day work must end (the day before 18): no time for a plan
            self.data.add(
                "records.CINPlan",
                child_id=child.id,
                episode_id=episode_id,
                cin_plan_start_date=start,
                cin_plan_end_date=plan_end,
            )
        team = "DISABILITY" if state == "cin_disabled" else "LOCALITY"
        self.segment(child, team, start, end)
        self.visits(child, "CIN", start, plan_end or self.ref, interval=(15, 20), late=(21, 45))
        close_after = self.days(end, rng.randrange(0, 45)) if nxt == "close" else end
        # An enquiry that ends without a plan still runs to its end (and any ICPC) before the case closes.
        return max(close_after, enquiry_end), nxt, "RC7"

    def cp_plan(self, child: ChildState, episode_id: int, start: date, _state: str):
        rng, spec = self.rng, self.spec
        band = rng.choices([b for b, _ in PLAN_BANDS], weights=[w for _, w in PLAN_BANDS])[0]
        end = self.cap(child, self.days(start, rng.randint(*band)))
        category = pick(rng, CATEGORY_WEIGHTS)
        latest = category if rng.random() < 0.9 else pick(rng, CATEGORY_WEIGHTS)
        roll = rng.random()
        nxt = "cla" if roll < spec.p_cla_after_plan else "cin" if roll < 0.72 else "close"
        plan_id = self.data.add(
            "records.CPPlan",
            child_id=child.id,
            episode_id=episode_id,
            cpp_start_date=start,
            cpp_end_date=self.live(end),
            initial_category_of_abuse=category,
            latest_category_of_abuse=latest,
            number_of_previous_cpp=child.cp_plans,
        )
        child.cp_plans += 1
        icpc = self.data.rows("records.ChildProtectionConference")[-1]
        if icpc["child_id"] == child.id and icpc["conference_date"] == start:
            icpc["plan_id"] = plan_id
        self.segment(child, "LOCALITY", start, end)
        self.segment(child, "IRO", start, end, role="IRO")
        stop = min(end, self.ref)
        self.review_conferences(child, episode_id, plan_id, start, stop)
        self.core_groups(child, plan_id, start, stop)
        self.visits(child, "CP", start, stop, interval=(5, 10), late=(11, 22))
        if rng.random() < 0.06 and self.age(child, start) >= 11:
            self.missing(child, start, stop, rate_per_year=3)
        return end, nxt, "RC7"

    def review_conferences(self, child, episode_id, plan_id, start, stop) -> None:
        rng = self.rng
        due = self.days(start, 91)
        while True:
            held = due - timedelta(days=rng.randrange(0, 10))
            if rng.random() > self.spec.p_review_on_time:
                held = due + timedelta(days=rng.randrange(3, 40))
            if held >= stop:
                return
            self.data.add(
                "records.ChildProtectionConference",
                child_id=child.id,
                episode_id=episode_id,
                kind="RCPC",
                conference_date=held,
                section47_id=None,
                plan_id=plan_id,
                plan_decided=True,
            )
            due = self.days(held, 182)

    def core_groups(self, child, plan_id, start, stop) -> None:
        rng = self.rng
        day = self.wd(start, rng.randint(5, 10) if rng.random() < 0.87 else rng.randint(11, 20))
        while day < stop:
            self.data.add("records.CoreGroup", child_id=child.id, plan_id=plan_id, meeting_date=day)
            day = self.days(day, rng.randrange(28, 45) if rng.random() < 0.85 else rng.randrange(46, 80))

    def visits(
        self,
        child: ChildState,
        kind: str,
        start: date,
        stop: date,
        interval: tuple[int, int],
        late: tuple[int, int],
    ) -> None:
        """Visits every `interval` working days, a minority at the `late` interval."""
        rng = self.rng
        day = self.wd(start, rng.randint(1, interval[1]))
        alone_age = self.age(child, start) >= 4
        while day <= min(stop, self.ref):
            self.visit(child, day, kind, alone=alone_age and rng.random() < 0.65)
            on_time = rng.random() < self.spec.p_visit_on_time
            day = self.wd(day, rng.randint(*interval) if on_time else rng.randint(*late))

    def visit(self, child: ChildState, day: date, kind: str, alone: bool = False) -> None:
        seen = self.rng.random() < 0.97
        self.data.add(
            "records.Visit",
            child_id=child.id,
            visit_date=day,
            kind=kind,
            seen=seen,
            seen_alone=seen and alone,
            worker_id=None,
        )

    def calendar_visits(
        self,
        child: ChildState,
        kind: str,
        start: date,
        stop: date,
        first_within: int,
        every: tuple[int, int],
        late: tuple[int, int],
    ) -> None:
        """Visits on calendar-day intervals (CPR reg 28, private fostering regulations)."""
        rng = self.rng
        day = self.days(
            start,
            rng.randint(1, first_within) if rng.random() < 0.9 else first_within + rng.randint(1, 10),
        )
        while day <= min(stop, self.ref):
            self.visit(child, day, kind, alone=self.age(child, day) >= 4 and rng.random() < 0.6)
            on_time = rng.random() < self.spec.p_visit_on_time
            day = self.days(day, rng.randint(*every) if on_time else rng.randint(*late))

    def missing(self, child: ChildState, start: date, stop: date, rate_per_year: float) -> None:
        """Missing episodes between start and stop: back by stop, and one at a time (DfE rule 574)."""
        rng = self.rng
        span = max(1, (stop - start).days)
        count = min(30, int(rng.expovariate(1 / (rate_per_year * span / 365))) + 1)
        drawn = []
        for _ in range(count):
            day = self.days(start, rng.randrange(0, span))
            began = datetime.combine(
                day, time(rng.randrange(14, 23), rng.choice([0, 15, 30, 45])), tzinfo=UTC
            )
            back = began + timedelta(hours=rng.choice([3, 6, 12, 20, 30, 48, 70]))
            if back.date() > self.ref:
                continue
            offered = rng.random() < 0.9
            interview = None
            if offered:
                hours = (
                    rng.randrange(12, 72) if rng.random() < self.spec.p_rhi_in_72h else rng.randrange(73, 240)
                )
                interview = back + timedelta(hours=hours)
                interview = interview if interview.date() <= self.ref else None
            drawn.append(
                {
                    "child_id": child.id,
                    "missing": "M" if rng.random() < 0.8 else "A",
                    "mis_start": began,
                    "mis_end": back,
                    "rhi_offered": offered,
                    "rhi_accepted": offered and interview is not None and rng.random() < 0.62,
                    "rhi_date": interview,
                }
            )
        # Kept apart from the draws so the random stream is the same whatever is dropped.
        returned = None
        for row in sorted(drawn, key=lambda r: r["mis_start"]):
            if row["mis_end"].date() > stop or (returned is not None and row["mis_start"] < returned):
                continue
            returned = row["mis_end"]
            self.data.add("records.MissingEpisode", **row)

    # ----- looked after ----------------------------------------------------------------
    def looked_after(self, child: ChildState, episode_id: int, start: date, _state: str):
        return LookedAfter(self, child, episode_id).run(start)

    def pick_reason(self) -> str:
        return pick(self.rng, PLACE_CHANGE_REASONS)

    def pick_participation(self) -> str:
        return pick(self.rng, PARTICIPATION)

    # ----- other cohorts ------------------------------------------------------------------
    def private_fostering(self, on: date) -> None:
        """A private fostering notification: first visit within 7 working days, then 6-weekly."""
        rng = self.rng
        child = self.new_child(on, age=rng.randint(8, 14))
        end = self.days(on, int(math.exp(rng.gauss(math.log(300), 0.6))))
        if child.dob is not None:
            end = min(end, birthday(child.dob, 16))
        drifting = rng.random() < 0.2
        self.data.add(
            "records.PrivateFosteringArrangement",
            child_id=child.id,
            notification_date=on,
            end_date=self.live(end),
            outcome=rng.choice(["ENDED", "HOME"]) if end <= self.ref else "ONGOING",
        )
        first = self.wd(on, rng.randint(1, 7) if rng.random() < 0.8 else rng.randint(8, 20))
        day = first
        while day <= min(end, self.ref):
            self.visit(child, day, "PF", alone=rng.random() < 0.7)
            year_one = (day - on).days < 365
            gap = rng.randint(30, 42) if year_one else rng.randint(70, 84)
            if drifting or rng.random() > self.spec.p_visit_on_time:
                gap += rng.randint(10, 60)
            day = self.days(day, gap)
        self.segment(child, "PF", on, end)

    def pre_birth(self, on: date) -> None:
        """A pre-birth referral (seed 004's model: refer by 21 weeks, assess by 29 weeks)."""
        rng = self.rng
        gestation = rng.randint(10, 20) if rng.random() < 0.58 else rng.randint(21, 34)
        due = self.days(on, (40 - gestation) * 7)
        child = self.new_child(on, unborn_due=due)
        episode_id = self.referral_unborn(child, on)
        weeks_to_assess = rng.randint(6, 8) if rng.random() < 0.7 else rng.randint(9, 14)
        done = self.days(on, weeks_to_assess * 7)
        outcome = pick(
            self.rng, {"HOME": 20, "CIN": 30, "CP": 25, "CLA": 12, "FAM": 8, "LOSS": 2, "MOVED": 3}
        )
        born = self.days(due, rng.randint(-14, 10))
        self.data.add(
            "records.PreBirthReferral",
            child_id=child.id,
            referral_date=on,
            gestation_weeks_at_referral=gestation,
            assessment_completed_date=self.live(done),
            assessment_completed_week=gestation + weeks_to_assess if done <= self.ref else None,
            outcome_at_birth=outcome if born <= self.ref else "",
        )
        self.data.add(
            "records.Assessment",
            child_id=child.id,
            episode_id=episode_id,
            assessment_actual_start_date=self.wd(on, 1),
            assessment_authorisation_date=self.live(done),
            assessment_internal_review_date=None,
            factors=self.factors(),
            child_seen=False,
            child_seen_date=None,
            outcome="CIN" if done <= self.ref else "",
        )
        self.segment(child, "PRE_BIRTH", on, self.days(born, 90))
        episode = self.data.rows("records.CINEpisode")[episode_id - 1]
        if born > self.ref:
            child.busy_until = date.max
            return
        if outcome not in {"LOSS", "MOVED"}:
            self.born(child, born)
        state = {"CIN": "cin", "CP": "cp", "CLA": "cla"}.get(outcome, "close")
        day = self.days(born, rng.randint(0, 3))
        if state == "cp":
            day = self.section47(child, episode_id, self.wd(born, -20))[0] or born
            state = "cp" if day != born else "cin"
        end, reason = self.run_states(child, episode_id, state, day)
        if end is not None:
            end = max(end, done) if done <= self.ref else None
        self.close_episode(child, episode, end, "RC7" if outcome in {"LOSS", "MOVED"} else reason)

    def referral_unborn(self, child: ChildState, on: date) -> int:
        child.referrals.append(on)
        child.busy_until = date.max
        return self.data.add(
            "records.CINEpisode",
            child_id=child.id,
            cin_referral_date=on,
            referral_source=pick(self.rng, {"3B": 40, "3F": 40, "6": 10, "5A": 10}),
            primary_need_code="N1",
            referral_nfa=False,
            cin_closure_date=None,
            reason_for_closure="",
            contact_id=None,
        )

    def born(self, child: ChildState, born: date) -> None:
        child.dob = born
        row = self.data.rows("records.Child")[child.id - 1]
        row.update(date_of_birth=born, sex=self.rng.choice("MF"))
        row["first_name"] = person_name(self.rng, row["sex"])[0]
