"""What follows the synthetic council's audits: actions, safeguarding concerns, moderation,
themed and multi-agency audits, practice observations and calibration sessions, drawn from the
audit history's own random stream in the order the history asks for them (generator/audits.py)."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

from sightline.audits.domain.moderation import choose_for_moderation

COHORT_OF_TEAM = {
    "CLA": "cla",
    "CARE_LEAVERS": "care_leaver",
    "DISABILITY": "disabled",
    "PRE_BIRTH": "pre_birth",
}
THEMES = ["chronologies", "core-groups", "private-fostering", "supervision", "strategy-meetings"]
ACTIONS = [
    "Update the chronology with the significant events of the last six months",
    "Hold a safety planning meeting with the family network",
    "Record the child's views in their own words before the next review",
    "Make the plan SMART, with a contingency",
    "Record management oversight of the decision to step down",
    "Share the words and pictures explanation with the child",
]


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


class FollowUps:
    """The parts of AuditHistory after the audits themselves; it supplies rng, the records and
    the helpers these use."""

    def actions(self, audit_id: int, day: date, grade: int) -> None:
        for _ in range(self.rng.choice([0, 1, 1, 2]) + (grade <= 2)):
            due = day + timedelta(days=self.rng.choice([28, 42, 56]))
            closed = due + timedelta(days=self.rng.randint(-20, 25))
            is_closed = closed <= self.ref and self.rng.random() < 0.85
            self.data.add(
                "audits.AuditAction",
                audit_id=audit_id,
                description=self.rng.choice(ACTIONS),
                owner_id=None,
                owner_name="The allocated social worker",
                due_date=due,
                status="closed" if is_closed else "open",
                created_on=day,
                closed_on=max(closed, day) if is_closed else None,
                closure_note="Done and checked at supervision." if is_closed else "",
            )

    def concern(self, audit_id, team_id, day, auditor_id) -> None:
        recent = day > self.ref - timedelta(days=20)
        self.data.add(
            "audits.SafeguardingConcern",
            audit_id=audit_id,
            team_id=team_id,
            description="A new partner is living in the home and is not known to the plan.",
            raised_by=self.name(auditor_id),
            raised_at=at(day, 11),
            response="" if recent else "Visited the same day; the partner was checked and the plan updated.",
            responded_by="" if recent else "Team manager",
            responded_at=None if recent else at(day + timedelta(days=1)),
        )

    def moderate(self, finished, seed, pool) -> None:
        moderators = pool["moderators"]
        if not moderators:
            return
        chosen = choose_for_moderation([(a, g) for a, g, _, _ in finished], seed)
        for n, (audit_id, _grade, truth, day) in enumerate(f for f in finished if f[0] in chosen):
            moderator = moderators[n % len(moderators)]
            when = day + timedelta(days=self.rng.randint(10, 30))
            submitted = when <= self.ref
            grade = max(1, min(4, truth + (self.rng.choice([-1, 1]) if self.rng.random() < 0.15 else 0)))
            self.data.add(
                "audits.Moderation",
                audit_id=audit_id,
                moderator_id=moderator["id"],
                moderator_name=self.name(moderator["id"]),
                section_grades={},
                overall_grade=grade if submitted else None,
                comment="",
                assigned_at=at(day + timedelta(days=3)),
                moderation_date=when if submitted else None,
                submitted_at=at(when) if submitted else None,
            )

    def themed(self, index, quarter, progress, pool) -> None:
        version, definition = self.versions[THEMES[index % len(THEMES)]]
        picks = self.rng.sample(
            self.candidates(quarter.start + timedelta(days=20)), max(4, round(10 * self.spec.size))
        )
        for c in picks:
            auditor = self.rng.choice(
                [a for a in pool["auditors"] if a["team_id"] != c.team_id] or pool["auditors"]
            )
            day = min(quarter.start + timedelta(days=self.rng.randint(30, 85)), self.ref)
            self.audit(
                version,
                definition,
                c.child_id,
                c.team_id,
                c.cohort,
                auditor["id"],
                day,
                progress,
                "finalised",
                auditor["id"] in pool["optimists"],
            )

    def multi_agency(self, quarter, progress, pool) -> None:
        version, definition = self.versions["multi-agency"]
        found = [c for c in self.candidates(quarter.start + timedelta(days=20)) if c.cohort in {"cin", "cla"}]
        for c in self.rng.sample(found, min(len(found), max(2, round(4 * self.spec.size)))):
            auditor = self.rng.choice(pool["auditors"])
            day = min(quarter.start + timedelta(days=self.rng.randint(40, 88)), self.ref)
            self.audit(
                version,
                definition,
                c.child_id,
                c.team_id,
                c.cohort,
                auditor["id"],
                day,
                progress,
                "finalised",
                False,
            )

    def observations(self, quarter, progress) -> None:
        """Observation forms for some of the quarter's practice observations (the workforce's
        own rows, so each form is one of the observations counted per worker): the team
        manager observing a practitioner's direct work with a child they hold."""
        version, definition = self.versions["observation"]
        last = min(quarter.end, self.ref)
        held = defaultdict(list)
        for a in self.allocations:
            held[a["worker_id"]].append(a)
        found = []
        for o in self.data.rows("workforce.PracticeObservation"):
            if not quarter.start <= o["observation_date"] <= last:
                continue
            day = o["observation_date"]
            children = [
                a
                for a in held[o["worker_id"]]
                if a["start_date"] <= day
                and (a["end_date"] is None or a["end_date"] >= day)
                and a["child_id"] not in self.restricted
                and self.teams[a["team_id"]]["kind"] not in {"FRONT_DOOR", "IRO"}
            ]
            if children:
                found.append((o, children))
        for o, children in self.rng.sample(found, min(len(found), max(4, round(12 * self.spec.size)))):
            a = self.rng.choice(children)
            kind = self.teams[a["team_id"]]["kind"]
            self.audit(
                version,
                definition,
                a["child_id"],
                a["team_id"],
                COHORT_OF_TEAM.get(kind, "cin"),
                o["observer_id"],
                o["observation_date"],
                progress,
                "finalised",
                False,
                practitioner_id=o["worker_id"],
                observation_id=o["id"],
            )

    def calibration(self, quarter, pool) -> None:
        day = min(quarter.end - timedelta(days=10), self.ref)
        session = self.data.add(
            "audits.CalibrationSession",
            title=f"Calibration session {quarter.label}",
            held_on=day,
            notes="Auditors graded the same anonymised cases.",
        )
        cases = [self.rng.choice([2, 2, 3, 3, 1, 4]) for _ in range(4)]
        for auditor in pool["auditors"][:8]:
            optimist = auditor["id"] in pool["optimists"]
            for n, truth in enumerate(cases):
                grade = min(4, truth + 1) if optimist and self.rng.random() < 0.7 else truth
                if not optimist and self.rng.random() < 0.15:
                    grade = max(1, min(4, grade + self.rng.choice([-1, 1])))
                self.data.add(
                    "audits.CalibrationGrade",
                    session_id=session,
                    rater_id=auditor["id"],
                    rater_name=self.name(auditor["id"]),
                    case_label=f"Case {chr(65 + n)}",
                    grade=grade,
                )
