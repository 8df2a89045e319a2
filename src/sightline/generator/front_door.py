"""Contacts, referrals and the first steps after them: assessment, strategy discussion, s47.

A part of `Journeys` (a mixin): its methods draw from the journeys' one random generator and
write to its dataset, calling the other parts and the shared helpers through `self`.
"""

from __future__ import annotations

from datetime import date, timedelta

from .factors import assessment_factors
from .identity import birthday
from .state import NEED_WEIGHTS, SOURCE_WEIGHTS, ChildState, pick


class FrontDoor:
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
        in_time = rng.random() < self.p_assessment_in_time(child, start)
        length = rng.randint(8, 45) if in_time else rng.randint(46, 95)
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
            if roll < spec.p_direct_cla * self.care_factor(child, start):
                outcome, next_state = "CLA", "cla"
                next_day = self.days(start, rng.randrange(1, 40))
            elif disabled or roll < spec.p_cin_plan_after_assessment:
                outcome, next_state, next_day = ("CIN", "cin_disabled" if disabled else "cin", authorised)
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
                factors=self.factors(child, start),
                child_seen=seen,
                child_seen_date=self.live(self.days(start, rng.randrange(0, 10))) if seen else None,
                outcome=outcome if authorised <= self.ref else "",
            )
            if seen and start + timedelta(days=3) <= self.ref:
                self.visit(child, self.days(start, rng.randrange(0, 4)), "ASMT")
        return next_state, next_day, floor

    def factors(self, child: ChildState, on: date) -> list[str]:
        """England's shares of factors (generator/factors.py), from the factors' own random stream."""
        return assessment_factors(self.factor_rng, self.age(child, on) if child.dob else None)

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
                start, rng.randint(6, 15) if rng.random() < spec.p_icpc_in_15 else rng.randint(16, 32)
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
