"""Every download Sightline offers from its pages, declared once: the page, the table, what it
holds (which decides its protective marking, `web.exports.marking_for`) and its identifier
columns. A view passes its entry to `table_response` (or the reports' `report_response`); a test
walks every entry on the synthetic council and another finds every call in the code here.

Not here: the national returns (the DfE's and Ofsted's own formats, built by a job) and the
practice review's summary of progress (a web page or Word document, not a table).
"""

from __future__ import annotations

from .exports import AGGREGATE, CHILD_LEVEL, WORKER_LEVEL, Export

CHILD = ("Child",)

INDICATORS = Export(
    "indicators",
    "indicators",
    AGGREGATE,
    "Every indicator with the council's figure, rating, target and England",
)
INDICATOR_BREAKDOWN = Export(
    "indicator-breakdown",
    "indicator",
    AGGREGATE,
    "An indicator by the level below (service, team or worker): value, numerator, denominator, rating",
    (("table", "breakdown"),),
)
INDICATOR_TREND = Export(
    "indicator-trend",
    "indicator",
    AGGREGATE,
    "An indicator month by month with its mean, process limits and signals",
    (("table", "trend"),),
)
INDICATOR_CHILDREN = Export(
    "indicator-children",
    "indicator",
    CHILD_LEVEL,
    "The children behind an indicator's figure (counted, not counted, missing)",
    (("table", "children"),),
    CHILD,
)
INDICATOR_WHO = Export(
    "indicator-who",
    "indicator",
    AGGREGATE,
    "An indicator by ethnicity, sex, age or disability, with 95% intervals",
    (("table", "who"),),
)
CHRONOLOGY = Export("chronology", "child", CHILD_LEVEL, "A child's chronology: every event, dated")
TEAM_CASELOADS = Export(
    "team-caseloads",
    "team",
    WORKER_LEVEL,
    "A team's workers: role, agency, children held, caseload limit, last supervision",
    (("table", "caseloads"),),
)
TEAM_DRIFT = Export(
    "team-drift",
    "team",
    CHILD_LEVEL,
    "What is due and overdue for a team's children",
    (("table", "drift"),),
    CHILD,
)
MY_TEAM = Export(
    "my-team",
    "home",
    CHILD_LEVEL,
    "A team manager's home: the team's children, their status, worker and what is due next",
    identifiers=CHILD,
)
MY_CASELOAD = Export(
    "my-caseload",
    "home",
    CHILD_LEVEL,
    "A practitioner's home: the children allocated to them and what is due next",
    identifiers=CHILD,
)
DEMAND = Export("demand", "demand", AGGREGATE, "Contacts and referrals by month beside a year earlier")
ACCESS_LOG = Export(
    "access-log",
    "access-log",
    CHILD_LEVEL,
    "Who opened, listed or downloaded what, and the children's records they opened",
    identifiers=("User", "Child"),
)
DISPROPORTIONALITY = Export(
    "disproportionality",
    "inequality",
    AGGREGATE,
    "Rates per 10,000 by ethnicity, sex or age, with ratios to White British and the council",
    (("table", "disproportionality"),),
)
INEQUALITY_EXCEPTIONS = Export(
    "inequality-exceptions",
    "inequality",
    AGGREGATE,
    "Groups of children whose figure is significantly and substantially different",
    (("table", "exceptions"),),
)
REGISTER_ROWS = Export(
    "register-rows",
    "<register>-list",
    WORKER_LEVEL,
    "A register's rows as filtered: the staff, children and agencies they name",
)
REGISTER_COUNTS = Export(
    "register-counts",
    "<register>-list",
    AGGREGATE,
    "A register's rows counted by each filter (what elected members see), small numbers suppressed",
)
AUDIT_PROGRAMME = Export(
    "audit-programme",
    "audit-programme",
    CHILD_LEVEL,
    "An audit programme's audits: child, team, auditor, due date, status, grade",
    identifiers=CHILD,
)
OVERDUE_AUDITS = Export(
    "overdue-audits", "audits-overdue", CHILD_LEVEL, "Planned audits past their due date", identifiers=CHILD
)
AUDIT_ACTIONS = Export(
    "audit-actions",
    "audit-actions",
    CHILD_LEVEL,
    "Actions raised by audits, with their child",
    identifiers=CHILD,
)
AUDIT_ANALYSIS = Export(
    "audit-analysis",
    "audit-analysis",
    AGGREGATE,
    "Audit grades by quarter, team, cohort and section; weakest questions; Signs of Safety; completion",
)
AUDIT_AGREEMENT = Export(
    "audit-agreement",
    "audit-agreement",
    WORKER_LEVEL,
    "Moderation: agreement by quarter and per auditor and moderator, over-optimism, calibration",
)
CLOSING_THE_LOOP = Export(
    "closing-the-loop",
    "improvement-loop",
    WORKER_LEVEL,
    "Actions raised from one source, their owners, and whether the measure changed",
)
IRO_ESCALATIONS = Export(
    "iro-escalations-by-team",
    "improvement-escalations-by-team",
    AGGREGATE,
    "IRO escalations raised by team and month",
)
QUALITY_OF_PRACTICE = Export(
    "quality-of-practice",
    "quality-of-practice",
    WORKER_LEVEL,
    "The Quality of Practice report's tables and every figure (the board's: names auditors, owners)",
)
QUALITY_OF_PRACTICE_COMMITTEE = Export(
    "quality-of-practice-committee",
    "quality-of-practice",
    AGGREGATE,
    "The Quality of Practice report for committee: counts of 1 to 5 suppressed",
    (("version", "committee"),),
)
CLINIC_PACK = Export(
    "clinic-pack",
    "clinic",
    WORKER_LEVEL,
    "A performance clinic's pack: the figures, the briefing and the actions (names their owners)",
)
CLINIC_PACK_COMMITTEE = Export(
    "clinic-pack-committee",
    "clinic",
    AGGREGATE,
    "A performance clinic's pack for committee: counts of 1 to 5 suppressed",
    (("version", "committee"),),
)

EXPORTS: tuple[Export, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Export))
BY_KEY = {e.key: e for e in EXPORTS}
assert len(BY_KEY) == len(EXPORTS), "two exports share a key"
