"""The analysis and agreement tables, built once from the finalised audits and shared by the
pages, the exports, the report sections and the summary command."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sightline.accounts import roles

from . import selectors
from .domain import analysis as a
from .domain.agreement import agreement, by_pair, krippendorff_alpha, over_optimism
from .domain.grades import GRADE_ORDER, GRADES
from .domain.quarters import Quarter, quarters_between
from .domain.sampling import COHORTS
from .domain.tools import SOS_ELEMENTS
from .models import AuditAction, AuditProgramme, AuditToolVersion, CalibrationGrade

GRADE_HEADERS = [GRADES[g] for g in GRADE_ORDER]


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def definitions_for(rows: list[dict]):
    ids = {r["version_id"] for r in rows}
    versions = AuditToolVersion.objects.filter(pk__in=ids).select_related("tool")
    return {v.pk: selectors.definition_of(v) for v in versions}, {v.pk: v.tool.name for v in versions}


def _count(value, viewer):
    return roles.suppress(value, viewer) if viewer is not None else value


def _pct(d: a.Distribution, viewer):
    if viewer is not None and roles.suppresses_small_numbers(viewer) and d.n <= roles.SMALL_NUMBER_MAX:
        return "suppressed"
    return d.good_or_better_pct


def distribution_table(key, caption, first, dists, viewer) -> Table:
    return Table(
        key,
        caption,
        [first, *GRADE_HEADERS, "Audits", "Good or better %"],
        [
            [
                d.group,
                *[_count(d.counts[g], viewer) for g in GRADE_ORDER],
                _count(d.n, viewer),
                _pct(d, viewer),
            ]
            for d in dists
        ],
    )


def period(on: date, quarters: int = 8) -> tuple[Quarter, Quarter]:
    last = Quarter.of(on)
    first = last
    for _ in range(quarters - 1):
        first = first.previous()
    return first, last


def analysis_tables(first: Quarter, last: Quarter, *, team_id=None, cohort=None, kind=None, viewer=None):
    rows = selectors.finalised_rows(first.start, last.end, team_id)
    rows = [r for r in rows if (not cohort or r["cohort"] == cohort) and (not kind or r["kind"] == kind)]
    definitions, tools = definitions_for(rows)
    quarters = [q.key for q in quarters_between(first, last)]
    by_quarter = a.distribution(rows, lambda r: r["quarter"], quarters)
    tables = [
        distribution_table("quarter", "Overall grades by quarter", "Quarter", by_quarter, viewer),
        distribution_table(
            "team", "Overall grades by team", "Team", a.distribution(rows, lambda r: r["team"]), viewer
        ),
        distribution_table(
            "cohort",
            "Overall grades by cohort",
            "Cohort",
            a.distribution(rows, lambda r: COHORTS.get(r["cohort"], "Not recorded")),
            viewer,
        ),
        distribution_table("section", "Section grades", "Section", a.by_section(rows, definitions), viewer),
    ]
    weakest = a.weakest_questions(rows, definitions, tools)
    tables.append(
        Table(
            "weakest",
            "The weakest questions (lowest share Good or better, at least 5 answers)",
            [
                "Tool",
                "Section",
                "Question",
                "Answered",
                "Good or better %",
                "Mean grade (4 Outstanding, 1 Inadequate)",
            ],
            [
                [
                    w.tool,
                    w.section,
                    w.question,
                    _count(w.answered, viewer),
                    w.good_or_better_pct,
                    w.mean_grade,
                ]
                for w in weakest
            ],
        )
    )
    elements = a.sos_elements(rows, definitions)
    tables.append(
        Table(
            "elements",
            "Signs of Safety elements in use (% of audits; partly counts half)",
            ["Quarter", *SOS_ELEMENTS.values()],
            [[q, *[elements[q][e] for e in SOS_ELEMENTS]] for q in quarters if q in elements],
        )
    )
    actions = AuditAction.objects.filter(created_on__gte=first.start, created_on__lte=last.end)
    if team_id:
        actions = actions.filter(audit__team_id=team_id)
    tables.append(
        Table(
            "actions",
            "Actions raised and closed by quarter",
            ["Quarter", "Raised", "Closed"],
            [
                [q, _count(r, viewer), _count(c, viewer)]
                for q, r, c in a.actions_by_quarter(actions.values_list("created_on", "closed_on"))
            ],
        )
    )
    tables.append(completion_table(first, last, viewer))
    return rows, tables, by_quarter, elements


def completion_table(first: Quarter, last: Quarter, viewer=None) -> Table:
    on = last.end
    table = Table(
        "completion",
        "Completion of the programme",
        ["Programme", "Quarter", "Planned", "Finalised", "Completion %", "Overdue"],
    )
    programmes = AuditProgramme.objects.filter(quarter__gte=first.key, quarter__lte=last.key).order_by(
        "quarter", "name"
    )
    for p, progress in selectors.programmes_progress(programmes, lambda p: max(on, p.due_date)):
        table.rows.append(
            [
                p.name,
                p.quarter,
                _count(progress.planned, viewer),
                _count(progress.finalised, viewer),
                progress.completion_pct,
                _count(progress.overdue, viewer),
            ]
        )
    return table


def agreement_tables(first: Quarter, last: Quarter, team_id=None) -> dict:
    rows = selectors.finalised_rows(first.start, last.end, team_id, answers=False)
    pairs = selectors.moderation_pairs(rows)
    quarters = [q.key for q in quarters_between(first, last)]
    per_quarter = Table(
        "quarters",
        "Moderation by quarter (overall grades)",
        ["Quarter", "Moderated", "Exact agreement %", "Moved down", "Moved up", "Weighted kappa"],
    )
    for q in quarters:
        found = agreement(p for p, r in zip(pairs, _moderated(rows), strict=True) if r["quarter"] == q)
        if found.n:
            per_quarter.rows.append(
                [q, found.n, found.exact_pct, found.moved_down, found.moved_up, _round(found.kappa)]
            )
    pair_table = Table(
        "pairs",
        "Agreement per auditor and moderator",
        ["Auditor", "Moderator", "Moderated", "Exact agreement %", "Weighted kappa"],
    )
    for (auditor, moderator), found in by_pair(pairs).items():
        pair_table.rows.append([auditor, moderator, found.n, found.exact_pct, _round(found.kappa)])
    optimism = Table(
        "optimism",
        "Over-optimism per auditor (mean auditor grade minus moderator grade; above 0 is optimistic)",
        ["Auditor", "Moderated", "Mean difference"],
        [[o.auditor, o.n, o.mean_difference] for o in over_optimism(pairs)],
    )
    calibration = calibration_over_time(rows, quarters)
    sections = section_agreement(rows)
    return {
        "rows": rows,
        "pairs": pairs,
        "overall": agreement(pairs),
        "tables": [per_quarter, optimism, pair_table, calibration, sections, sessions_table(first, last)],
        "calibration": calibration,
    }


def _moderated(rows):
    return [r for r in rows if r["moderated_grade"] is not None and r["grade"] is not None]


def _round(value):
    return round(value, 2) if value is not None else None


def calibration_over_time(rows: list[dict], quarters: list[str]) -> Table:
    """Each auditor's mean difference from the moderator, quarter by quarter."""
    moderated = _moderated(rows)
    auditors = sorted({r["auditor"] for r in moderated})
    table = Table(
        "calibration",
        "Auditor calibration over time (mean auditor minus moderator grade)",
        ["Auditor", *quarters],
    )
    for auditor in auditors:
        cells = []
        for q in quarters:
            diffs = [
                r["grade"] - r["moderated_grade"]
                for r in moderated
                if r["auditor"] == auditor and r["quarter"] == q
            ]
            cells.append(round(sum(diffs) / len(diffs), 2) if diffs else None)
        table.rows.append([auditor, *cells])
    return table


def section_agreement(rows: list[dict]) -> Table:
    definitions, _ = definitions_for(rows)
    from .domain.agreement import Pair

    per: dict[str, list[Pair]] = {}
    for r in _moderated(rows):
        for section in definitions[r["version_id"]].sections:
            first, second = r["section_grades"].get(section.key), r["moderated_sections"].get(section.key)
            if section.graded and first and second:
                per.setdefault(section.title, []).append(Pair(r["auditor"], first, second, r["moderator"]))
    table = Table(
        "sections",
        "Agreement per section",
        ["Section", "Moderated", "Exact agreement %", "Moved down", "Moved up", "Weighted kappa"],
    )
    for title, pairs in per.items():
        found = agreement(pairs)
        table.rows.append(
            [title, found.n, found.exact_pct, found.moved_down, found.moved_up, _round(found.kappa)]
        )
    return table


def sessions_table(first: Quarter, last: Quarter) -> Table:
    """Krippendorff's ordinal alpha for each calibration session (auditors x cases)."""
    table = Table(
        "sessions",
        "Calibration sessions (Krippendorff's ordinal alpha)",
        ["Session", "Held", "Auditors", "Cases", "Alpha"],
    )
    grades = CalibrationGrade.objects.filter(
        session__held_on__gte=first.start, session__held_on__lte=last.end
    )
    sessions: dict[int, dict] = {}
    for g in grades.select_related("session").order_by("session__held_on"):
        entry = sessions.setdefault(g.session_id, {"session": g.session, "grades": {}})
        entry["grades"][(g.rater_id or g.rater_name, g.case_label)] = g.grade  # names can repeat
    for entry in sessions.values():
        raters = sorted({k[0] for k in entry["grades"]}, key=str)
        cases = sorted({k[1] for k in entry["grades"]})
        matrix = [[entry["grades"].get((r, c)) for c in cases] for r in raters]
        table.rows.append(
            [
                entry["session"].title,
                entry["session"].held_on,
                len(raters),
                len(cases),
                _round(krippendorff_alpha(matrix)),
            ]
        )
    return table
