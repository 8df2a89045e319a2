"""Improvement and learning for the demo council: two years of plan actions from their sources
(an inspection, a focused visit, a practice review, the challenge log, clinics), the challenges,
one local child safeguarding practice review with six recommendations across four agencies,
and IRO escalations about children with an IRO. Plain Python, deterministic for a seed, with
its own random stream so the rest of the council is unchanged by it.

Impact measures are real indicators; whether an action's measure improved is whatever the
engine finds in the generated records, so some do and some do not.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sightline.domain.dates import add_months

from .dataset import Dataset
from .escalations import escalations
from .spec import CouncilSpec

PRIORITIES = [
    (
        "Timely assessment and the child's voice",
        "Assessments in time, analysed, with the child seen and heard.",
    ),
    ("Purposeful child protection planning", "Plans that progress: core groups, reviews and visits on time."),
    ("Stable homes for children in care", "Health, education and reviews for children in care."),
    ("Care leavers in touch and in suitable homes", "Pathway planning and personal advisers in touch."),
    ("Management oversight and a stable workforce", "Supervision, caseloads and learning from audit."),
]
# (indicator, priority number) pairs the plan measures its actions by.
MEASURES = [
    ("assessments_45wd", 1),
    ("seen_after_referral", 1),
    ("assessment_child_seen", 1),
    ("icpc_15wd", 2),
    ("rcpc_in_time", 2),
    ("core_group_10wd", 2),
    ("cla_reviews_in_time", 3),
    ("iha_in_time", 3),
    ("rhi_72h", 3),
    ("care_leavers_17_18_in_touch", 4),
    ("care_leavers_19_21_suitable", 4),
    ("supervision_reflective", 5),
]
ACTIONS = {
    1: [
        "Daily assessment tracker reviewed at the locality huddle",
        "Assessment quality workshops for every team",
        "Direct work toolkit so every assessment records the child's own words",
    ],
    2: [
        "Core group chairs' checklist with a ten-day first meeting",
        "Review conference diary booked at the ICPC",
        "Visiting schedules on the team dashboard",
    ],
    3: [
        "Health assessment requests sent on the day a child comes into care",
        "Return home interview offer within 72 hours through the missing team",
        "IRO midway checks on every plan",
    ],
    4: [
        "Personal advisers allocated at 16",
        "Staying close offer for 18 to 21 year olds",
        "Suitable accommodation panel each month",
    ],
    5: [
        "Reflective supervision model for all managers",
        "Caseload dashboard reviewed weekly by heads of service",
        "Audit findings fed back to practitioners within a month",
    ],
}
INSPECTION_RECS = [
    "The quality of assessments, so that they consistently analyse risk and need.",
    "The timeliness of initial child protection conferences and core group meetings.",
    "Management oversight and supervision that challenges drift in children's plans.",
    "The consistency of pathway planning for care leavers.",
]
VISIT_RECS = [
    "The timeliness of return home interviews for children who go missing.",
    "The recording of children's views in their plans.",
]
FINDINGS = [
    (
        "Assessing the capacity of parents",
        "Parenting assessments did not test whether change could be sustained.",
    ),
    ("Multi-agency involvement with family court processes", "Agencies were not all heard in proceedings."),
    (
        "Working with parents where substance use and domestic abuse is a concern",
        "Cannabis use and its effect on parenting were not explored.",
    ),
    ("Management oversight", "Supervision did not challenge the plan when visits were missed."),
]
# (finding number, recommendation, agencies responsible)
REVIEW_RECS = [
    (1, "Parenting assessments use the regional framework and are quality assured.", ["council", "health"]),
    (1, "Pre-birth assessments are shared with midwifery before 29 weeks.", ["health", "council"]),
    (2, "Agencies' evidence is gathered for legal planning meetings.", ["council", "police", "health"]),
    (
        3,
        "Practitioners are trained on the impact of parental cannabis use.",
        ["health", "education", "council"],
    ),
    (3, "Domestic abuse notifications reach schools the next working day.", ["police", "education"]),
    (4, "Supervision records the manager's view of visiting and drift.", ["council", "health"]),
]
# Who each agency is in a sentence, what it reports at each update, and the evidence it gives.
AGENCY_NAMES = {
    "council": "Children's social care",
    "health": "The NHS trust",
    "police": "The police",
    "education": "Schools, through the education safeguarding team,",
}
STEPS = [
    "has agreed how it will meet the recommendation on",
    "has started work on",
    "has completed its work on",
]
EVIDENCE = {
    "council": "Audit of 40 cases: 75% good or better.",
    "health": "Training records: 95% of practitioners attended.",
    "police": "Dip sample of 30 notifications: 92% shared the next day.",
    "education": "Safeguarding leads' forum minutes and attendance.",
}
# A short topic for each review recommendation, for the agencies' updates.
TOPICS = [
    "parenting assessments",
    "sharing pre-birth assessments",
    "evidence for legal planning meetings",
    "training on parental cannabis use",
    "domestic abuse notifications to schools",
    "recording oversight of visits",
]
ACTION_EVIDENCE = [
    "Seen in the themed audit of the following quarter.",
    "Minutes of the locality meetings and the team's figures since.",
    "Guidance issued, and a dip sample of 20 cases a month after.",
    "Training attendance (over 90% of the teams) and the practice observations that followed.",
    "The dashboard in use at every weekly huddle; reviewed at the performance clinic.",
]
CHALLENGES = [
    "Why has the timeliness of initial child protection conferences fallen for three months?",
    "What is the plan to reduce caseloads in the locality teams?",
    "How do we know care leavers' accommodation is suitable, not just recorded as such?",
    "Why are return home interviews still below the standard after the last action plan?",
    "What assurance is there that children's views shape their plans?",
    "How is learning from the practice review reaching frontline teams?",
]


def build_improvement(spec: CouncilSpec, data: Dataset) -> None:
    rng = random.Random(f"improvement-{spec.seed}")
    ref = spec.reference_date
    workers = data.rows("workforce.Worker")
    teams = {t["id"]: t for t in data.rows("workforce.Team")}
    managers = [w for w in workers if w["role"] in {"TM", "HOS"} and w["leave_date"] is None]
    north = [w for w in managers if teams[w["team_id"]]["name"] == "Locality North" and w["role"] == "TM"]
    heads = [w for w in managers if w["role"] == "HOS"]
    for number, (title, description) in enumerate(PRIORITIES, start=1):
        data.add(
            "improvement.Priority",
            number=number,
            title=title,
            description=description,
            lead_id=heads[(number - 1) % len(heads)]["id"] if heads else None,
        )
    sources = _inspections(rng, data, ref) + _review(rng, data, ref) + _challenges(rng, data, ref)
    sources += _audit_findings(rng, data)
    _plan_actions(rng, data, ref, sources, managers, north)
    escalations(rng, data, ref, teams)


def _inspections(rng: random.Random, data: Dataset, ref: date) -> list[tuple]:
    out = []
    grades = {
        "overall": "ri",
        "help_and_protection": "ri",
        "children_in_care": "good",
        "care_leavers": "good",
        "leadership": "good",
    }
    start = add_months(ref, -25)
    ilacs = data.add(
        "improvement.Inspection",
        kind="standard",
        start_date=start,
        end_date=start + timedelta(days=11),
        published_on=start + timedelta(days=45),
        lead_inspector="Lead inspector",
        focus="",
        summary="Services require improvement for children who need help and protection.",
        **grades,
    )
    for number, text in enumerate(INSPECTION_RECS, start=1):
        rec = data.add("improvement.InspectionRecommendation", inspection_id=ilacs, number=number, text=text)
        out.append(
            (
                "ofsted",
                "improvement.inspectionrecommendation",
                rec,
                "improvement.inspection",
                ilacs,
                f"ILACS standard inspection, {start:%B %Y}, recommendation {number}: {text}",
                start + timedelta(days=60),
                [1, 2, 5, 4][number - 1],
            )
        )
    visit = add_months(ref, -11)
    fv = data.add(
        "improvement.Inspection",
        kind="focused",
        start_date=visit,
        end_date=visit + timedelta(days=2),
        published_on=visit + timedelta(days=30),
        lead_inspector="Lead inspector",
        focus="Children in care who go missing",
        summary="",
        overall="",
        help_and_protection="",
        children_in_care="",
        care_leavers="",
        leadership="",
    )
    for number, text in enumerate(VISIT_RECS, start=1):
        rec = data.add("improvement.InspectionRecommendation", inspection_id=fv, number=number, text=text)
        out.append(
            (
                "ofsted",
                "improvement.inspectionrecommendation",
                rec,
                "improvement.inspection",
                fv,
                f"Focused visit, {visit:%B %Y}, recommendation {number}: {text}",
                visit + timedelta(days=40),
                [3, 1][number - 1],
            )
        )
    return out


def _review(rng: random.Random, data: Dataset, ref: date) -> list[tuple]:
    started = add_months(ref, -20)
    review = data.add(
        "improvement.PracticeReview",
        kind="lcspr",
        reference="LCSPR 24-01",
        name="Oliver",
        partnership="Sightline Demo Safeguarding Children Partnership",
        started_on=started,
        completed_on=add_months(started, 6),
        introduction="The partnership commissioned a local child safeguarding practice review after a "
        "serious incident involving Oliver, a baby.\n\nAgencies involved have each reported the progress "
        "made since; it is "
        "summarised below by the review's findings.",
    )
    finding_ids = {
        n: data.add("improvement.Finding", review_id=review, number=n, heading=h, text=t)
        for n, (h, t) in enumerate(FINDINGS, start=1)
    }
    out = []
    published = add_months(started, 6)
    for number, (finding, text, agencies) in enumerate(REVIEW_RECS, start=1):
        rec = data.add(
            "improvement.Recommendation", finding_id=finding_ids[finding], number=number, text=text
        )
        for agency in agencies:
            due = add_months(published, rng.choice([4, 6, 9]))
            updates = rng.randint(1, 3) if due < ref or rng.random() < 0.6 else 0
            status = (
                "complete"
                if due < ref and rng.random() < 0.7
                else ("in_progress" if updates else "not_started")
            )
            response = data.add(
                "improvement.AgencyResponse",
                recommendation_id=rec,
                agency=agency,
                lead=f"{agency.replace('_', ' ').title()} safeguarding lead",
                action=text,
                due_date=due,
                status=status,
            )
            for k in range(updates):
                day = min(ref, published + timedelta(days=60 + 75 * k + rng.randrange(20)))
                step = STEPS[min(k, 1) if k < updates - 1 or status != "complete" else 2]
                data.add(
                    "improvement.ProgressUpdate",
                    response_id=response,
                    update_date=day,
                    progress=f"{AGENCY_NAMES[agency]} {step} {TOPICS[number - 1]}.",
                    evidence=EVIDENCE[agency] if k == updates - 1 else "",
                    added_by_id=None,
                    added_by_name="",
                )
        if number <= 4:
            out.append(
                (
                    "practice_review",
                    "improvement.recommendation",
                    rec,
                    "improvement.practicereview",
                    review,
                    f"LCSPR 24-01 (Oliver), recommendation {number}: {text}",
                    published + timedelta(days=14),
                    [1, 1, 2, 3][number - 1],
                )
            )
    return out


def _challenges(rng: random.Random, data: Dataset, ref: date) -> list[tuple]:
    out = []
    for k, text in enumerate(CHALLENGES):
        raised = add_months(ref, -22 + 4 * k) + timedelta(days=rng.randrange(20))
        due = raised + timedelta(days=28)
        answered = due - timedelta(days=rng.randrange(-10, 14)) if due < ref - timedelta(days=10) else None
        closed = answered + timedelta(days=30) if answered and answered + timedelta(days=30) < ref else None
        status = "closed" if closed else ("responded" if answered else "open")
        pk = data.add(
            "improvement.Challenge",
            raised_on=raised,
            challenger_name="Chair of the Quality Improvement Board",
            challenger_id=None,
            forum="Quality Improvement Board",
            raised_with="Head of children's social care",
            challenge=text,
            response_due=due,
            response="An action has been added to the improvement plan and is reported monthly."
            if answered
            else "",
            responded_on=answered,
            status=status,
            closed_on=closed,
        )
        out.append(
            (
                "challenge",
                "improvement.challenge",
                pk,
                "improvement.challenge",
                pk,
                f"Challenge from the board's chair, {raised:%-d %B %Y}: {text}",
                raised + timedelta(days=10),
                [2, 5, 4, 3, 1, 5][k],
            )
        )
    return out


def _audit_findings(rng: random.Random, data: Dataset) -> list[tuple]:
    """A few audit actions, each from a different quarter's programme, raised as plan actions:
    the finding was common enough for the board to act on it across the service."""
    programmes = {p["id"]: p for p in data.rows("audits.AuditProgramme")}
    audits = {a["id"]: a for a in data.rows("audits.Audit")}
    chosen: dict[int, dict] = {}
    for action in data.rows("audits.AuditAction"):
        programme = audits[action["audit_id"]].get("programme_id")
        if programme is not None and programme not in chosen:
            chosen[programme] = action
    picked = sorted(chosen.items())[:: max(1, len(chosen) // 4)][:4]
    return [
        (
            "audit",
            "audits.auditaction",
            action["id"],
            "audits.auditprogramme",
            programme,
            f"Audit finding, {_programme_name(programmes[programme])}: {action['description']}",
            action["created_on"] + timedelta(days=20),
            1 + k % 5,
        )
        for k, (programme, action) in enumerate(picked)
    ]


def _programme_name(programme: dict) -> str:
    return f"{programme['name']} ({programme['quarter']})"  # as AuditProgramme.__str__ says it


def _plan_actions(rng, data, ref, sources, managers, north) -> None:
    extra = [
        (
            "clinic",
            "",
            None,
            "",
            None,
            "Performance clinic",
            add_months(ref, -24) + timedelta(days=30 * k),
            1 + k % 5,
        )
        for k in range(8)
    ]
    created = datetime.combine(add_months(ref, -24), datetime.min.time(), tzinfo=UTC)
    for index, (kind, model, pk, origin_model, origin_id, label, start, priority) in enumerate(
        sources + extra
    ):
        for _ in range(2 if index % 3 == 0 else 1):
            start = min(start + timedelta(days=rng.randrange(0, 30)), ref - timedelta(days=20))
            due = min(start + timedelta(days=rng.choice([60, 90, 120, 180])), ref + timedelta(days=150))
            owner = north[index % len(north)] if north and index % 4 == 0 else rng.choice(managers)
            status, completed = _outcome(rng, start, due, ref)
            measure = [m for m, p in MEASURES if p == priority]
            indicator = rng.choice(measure) if measure and rng.random() < 0.7 else ""
            titles = ACTIONS[priority]
            data.add(
                "improvement.PlanAction",
                priority_id=priority,
                title=titles[rng.randrange(len(titles))],
                detail="",
                owner_id=owner["id"],
                agency="council",
                start_date=start,
                due_date=due,
                status=status,
                completed_on=completed,
                evidence=rng.choice(ACTION_EVIDENCE) if completed else "",
                source=kind,
                source_label=label[:300],
                source_model=model,
                source_id=pk,
                origin_model=origin_model,
                origin_id=origin_id,
                measure="indicator" if indicator else "",
                measure_key=indicator,
                measure_level="council",
                measure_unit_id=None,
                created_at=created,
            )


def _outcome(rng: random.Random, start: date, due: date, ref: date) -> tuple[str, date | None]:
    if due >= ref:
        return ("in_progress" if rng.random() < 0.7 else "not_started"), None
    roll = rng.random()
    if roll < 0.55:
        return "complete", min(due - timedelta(days=rng.randrange(0, 30)), ref)
    if roll < 0.75:
        return "complete", min(due + timedelta(days=rng.randrange(5, 60)), ref)  # closed late
    if roll < 0.93:
        return "in_progress", None  # overdue
    return "withdrawn", None
