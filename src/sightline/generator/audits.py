"""Two years of audit history for the synthetic council: a quarterly programme of
collaborative case-file audits whose grades improve over time, a themed audit each quarter,
multi-agency audits, practice observations, moderation that reveals two over-optimistic
auditors, actions, a few safeguarding concerns, and calibration sessions.

Its own random stream (from the council's seed), so adding audits changes no other record.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta

from sightline.audits.domain.defaults import default_tools
from sightline.audits.domain.quarters import Quarter
from sightline.audits.domain.sampling import AuditorSlot, Candidate, draw_sample
from sightline.audits.domain.tools import Definition

from .audit_follow_up import COHORT_OF_TEAM, FollowUps, at
from .dataset import Dataset
from .spec import CouncilSpec

QUARTERS = 8
EVIDENCE = [
    "Seen on the file and discussed with the practitioner.",
    "Recorded in the assessment; the practitioner explained the reasoning.",
    "Not evident on the file; the practitioner described work not yet recorded.",
    "Clear in case notes and the latest plan.",
]


class AuditHistory(FollowUps):
    def __init__(self, spec: CouncilSpec, data: Dataset) -> None:
        self.spec, self.data = spec, data
        self.rng = random.Random(spec.seed * 7919 + 10)
        self.ref = spec.reference_date
        self.teams = {t["id"]: t for t in data.rows("workforce.Team")}
        self.workers = {w["id"]: w for w in data.rows("workforce.Worker")}
        self.restricted = {c["id"] for c in data.rows("records.Child") if c.get("restricted")}
        self.allocations = [a for a in data.rows("workforce.Allocation") if a["role"] == "SW"]
        # Each child's social-work allocations, in the same order: a child's worker on a day is
        # found among its own, not by scanning every allocation (linear generation, issue 19).
        self.by_child: dict[int, list[dict]] = defaultdict(list)
        for a in self.allocations:
            self.by_child[a["child_id"]].append(a)
        self.versions: dict[str, tuple[int, Definition]] = {}
        self.audited: dict[int, date] = {}

    def name(self, worker_id: int | None) -> str:
        w = self.workers.get(worker_id)
        return f"{w['first_name']} {w['last_name']}" if w else ""

    def current(self, worker: dict, day: date) -> bool:
        return worker["start_date"] <= day and (worker["leave_date"] is None or worker["leave_date"] >= day)

    def run(self) -> None:
        self.tools()
        last = Quarter.of(self.ref)
        quarters = [last]
        while len(quarters) < QUARTERS:
            quarters.insert(0, quarters[0].previous())
        pool = self.pool(quarters[0].start)
        for index, quarter in enumerate(quarters):
            self.quarter(index, quarter, pool)
            if index % 2 == 1:
                self.calibration(quarter, pool)

    def tools(self) -> None:
        created = at(self.spec.history_start)
        for tool in default_tools():
            tool_id = self.data.add(
                "audits.AuditTool",
                key=tool["key"],
                name=tool["name"],
                kind=tool["kind"],
                theme=tool["theme"],
                description=tool["description"],
                active=True,
            )
            version = self.data.add(
                "audits.AuditToolVersion",
                tool_id=tool_id,
                number=1,
                definition=tool["definition"],
                reason="Shipped with Sightline",
                created_at=created,
                created_by="",
            )
            self.versions[tool["key"]] = (version, Definition.from_data(tool["definition"]))

    def pool(self, day: date) -> dict:
        """Auditors (senior practitioners and managers across teams), two of them optimistic,
        and two moderators (heads of service)."""
        eligible = sorted(
            (
                w
                for w in self.workers.values()
                if w["role"] in {"SP", "TM"}
                and self.current(w, day)
                and (w["leave_date"] is None or w["leave_date"] >= self.ref)
            ),
            key=lambda w: w["staff_id"],
        )
        size = max(6, min(len(eligible), round(29 * self.spec.size)))
        auditors = self.rng.sample(eligible, min(size, len(eligible)))
        moderators = [w for w in self.workers.values() if w["role"] == "HOS" and w["leave_date"] is None][:2]
        return {"auditors": auditors, "optimists": {a["id"] for a in auditors[:2]}, "moderators": moderators}

    def candidates(self, day: date) -> list[Candidate]:
        out = []
        for a in self.allocations:
            if a["start_date"] <= day and (a["end_date"] is None or a["end_date"] >= day):
                kind = self.teams[a["team_id"]]["kind"]
                if kind in {"FRONT_DOOR", "IRO"} or a["child_id"] in self.restricted:
                    continue
                out.append(Candidate(a["child_id"], a["team_id"], COHORT_OF_TEAM.get(kind, "cin")))
        return out

    def quarter(self, index: int, quarter: Quarter, pool: dict) -> None:
        progress = index / (QUARTERS - 1)
        day = min(quarter.start + timedelta(days=14), self.ref)
        planned = max(8, round(50 * self.spec.size))
        version, definition = self.versions["collaborative"]
        auditors = pool["auditors"]
        quota = -(-planned // len(auditors)) + 1
        seed = self.rng.randrange(2**31)
        programme = self.data.add(
            "audits.AuditProgramme",
            name=f"Collaborative audits {quarter.label}",
            quarter=quarter.key,
            tool_version_id=version,
            planned=planned,
            seed=seed,
            due_date=quarter.end,
            cohorts=[],
            moderation_share=0.2,
            sampled_at=at(day),
            created_at=at(day - timedelta(days=7)),
            created_by="qa-lead",
        )
        for a in auditors:
            self.data.add(
                "audits.ProgrammeMember",
                programme_id=programme,
                worker_id=a["id"],
                role="auditor",
                quota=quota,
            )
        for m in pool["moderators"]:
            self.data.add(
                "audits.ProgrammeMember", programme_id=programme, worker_id=m["id"], role="moderator", quota=0
            )
        recent = {c for c, d in self.audited.items() if (day - d).days < 365}
        slots = [AuditorSlot(a["id"], a["team_id"], quota) for a in auditors]
        sample = draw_sample(self.candidates(day), planned, slots, seed, exclude=recent)
        finished = []
        latest = quarter == Quarter.of(self.ref)
        for n, pick in enumerate(sample.picks):
            audit_day = quarter.start + timedelta(days=self.rng.randint(20, 80))
            status = "finalised"
            if latest and (audit_day > self.ref - timedelta(days=10) or n % 7 == 0):
                status = "in_progress" if n % 2 else "planned"
            if index == QUARTERS - 2 and n in {1, 2}:
                status = "planned"  # two of last quarter's audits still outstanding: the overdue list
            optimist = pick.auditor_id in pool["optimists"]
            audit_id, grade, truth = self.audit(
                version,
                definition,
                pick.child_id,
                pick.team_id,
                pick.cohort,
                pick.auditor_id,
                min(audit_day, self.ref),
                progress,
                status,
                optimist,
                programme=programme,
                due=quarter.end,
            )
            if status == "finalised":
                finished.append((audit_id, grade, truth, audit_day))
        self.moderate(finished, seed, pool)
        self.themed(index, quarter, progress, pool)
        self.multi_agency(quarter, progress, pool)
        self.observations(quarter, progress)

    def true_grade(self, progress: float) -> int:
        """Practice improves over the two years: about a third Good or better at the start,
        two thirds at the end (a trajectory like Durham's)."""
        outstanding = 0.03 + 0.06 * progress
        good = 0.30 + 0.30 * progress
        inadequate = 0.14 - 0.10 * progress
        roll = self.rng.random()
        if roll < outstanding:
            return 4
        if roll < outstanding + good:
            return 3
        if roll < 1 - inadequate:
            return 2
        return 1

    def audit(
        self,
        version,
        definition,
        child_id,
        team_id,
        cohort,
        auditor_id,
        day,
        progress,
        status,
        optimist,
        *,
        programme=None,
        due=None,
        agencies=False,
        practitioner_id=None,
        observation_id=None,
    ) -> tuple[int, int, int]:
        truth = self.true_grade(progress)
        given = min(4, truth + 1) if optimist and self.rng.random() < 0.65 else truth
        answers, sections = {}, {}
        done = status == "finalised"
        for section in definition.sections:
            section_grade = max(1, min(4, given + self.rng.choice([-1, 0, 0, 0, 1])))
            if given >= 3:
                section_grade = max(2, section_grade)
            if section.graded and (done or self.rng.random() < 0.5):
                sections[section.key] = section_grade
            for q in section.questions:
                if not done and self.rng.random() < 0.5:
                    continue
                answers[q.key] = {"value": self.answer(q, section_grade, progress), "evidence": ""}
                if q.kind != "text" and self.rng.random() < 0.4:
                    answers[q.key]["evidence"] = self.rng.choice(EVIDENCE)
        self.audited[child_id] = day
        audit_id = self.data.add(
            "audits.Audit",
            programme_id=programme,
            tool_version_id=version,
            child_id=child_id,
            team_id=team_id,
            cohort=cohort,
            auditor_id=auditor_id,
            auditor_name=self.name(auditor_id),
            practitioner_id=practitioner_id or self.practitioner(child_id, day),
            source="sample",
            added_reason="",
            status=status,
            due_date=due,
            audit_date=day if status != "planned" else None,
            practitioner_participated=True if done else None,
            practitioner_view="Useful to step back and look at the whole file together." if done else "",
            family_feedback=self.rng.choice(
                [
                    "",
                    "Mum said she knows what the worries are now.",
                    "The young person said their worker listens.",
                ]
            )
            if done
            else "",
            answers=answers,
            section_grades=sections,
            overall_grade=given if done else None,
            overall_comment="",
            finalised_at=at(day, 16) if done else None,
            version=1,
            previous_id=None,
            version_reason="",
            updated_at=at(day, 16),
            observation_id=observation_id,
        )
        if done:
            self.actions(audit_id, day, given)
            if self.rng.random() < 0.02 or (
                status == "finalised"
                and day > self.ref - timedelta(days=20)
                and not any(c["responded_at"] is None for c in self.data.rows("audits.SafeguardingConcern"))
            ):
                self.concern(audit_id, team_id, day, auditor_id)
        return audit_id, given, truth

    def answer(self, question, section_grade: int, progress: float) -> str:
        if question.kind == "grade":
            return str(max(1, min(4, section_grade + self.rng.choice([-1, 0, 0, 1]))))
        if question.kind == "yes_no":
            use = (0.3 + 0.55 * progress) if question.element else 0.45 + 0.1 * section_grade
            roll = self.rng.random()
            return "yes" if roll < use else ("partly" if roll < use + 0.15 else "no")
        if question.kind == "scale":
            return str(max(0, min(10, 2 * section_grade + self.rng.randint(-1, 2))))
        return self.rng.choice(EVIDENCE)

    def practitioner(self, child_id: int, day: date) -> int | None:
        for a in self.by_child.get(child_id, ()):
            if a["start_date"] <= day and (a["end_date"] is None or a["end_date"] >= day):
                return a["worker_id"]
        return None


def generate_audits(spec: CouncilSpec, data: Dataset) -> None:
    AuditHistory(spec, data).run()
