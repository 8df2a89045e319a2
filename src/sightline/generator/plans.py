"""Child in need and child protection plans, review conferences and core groups.

A part of `Journeys` (a mixin): its methods draw from the journeys' one random generator and
write to its dataset, calling the other parts and the shared helpers through `self`.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from .state import CATEGORY_WEIGHTS, PLAN_BANDS, ChildState, pick


class Plans:
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
        into_care = spec.p_cla_after_plan * self.care_factor(child)
        nxt = "cla" if roll < into_care else "cin" if roll < 0.72 else "close"
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
