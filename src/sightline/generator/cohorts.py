"""The cohorts the seeds single out: private fostering and pre-birth work.

A part of `Journeys` (a mixin): its methods draw from the journeys' one random generator and
write to its dataset, calling the other parts and the shared helpers through `self`.
"""

from __future__ import annotations

import math
from datetime import date

from .identity import birthday, person_name
from .state import ChildState, pick


class Cohorts:
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
            factors=self.factors(child, on),
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
            # The enquiry starts about 20 working days before the birth, never before the referral
            # (DfE CIN rule 2889: a late referral in pregnancy starts its enquiry on the day).
            enquiry = max(episode["cin_referral_date"], self.wd(born, -20))
            day = self.section47(child, episode_id, enquiry)[0] or born
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
