"""What the audits say, from plain rows (one per finalised audit, see
sightline.audits.selectors.finalised_rows): grade distributions, the share good or better,
the weakest questions, Signs of Safety elements over time, actions raised and closed.

One definition of each figure: the analysis page, the report sections and the summary
command all call these functions."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from sightline.domain.numbers import is_whole_number

from .grades import GOOD, GRADE, GRADE_ORDER, YES_NO
from .quarters import Quarter
from .tools import SOS_ELEMENTS, Definition


@dataclass(frozen=True)
class Distribution:
    group: str
    counts: dict[int, int]  # grade -> audits

    @property
    def n(self) -> int:
        return sum(self.counts.values())

    @property
    def good_or_better_pct(self) -> float | None:
        good = sum(c for g, c in self.counts.items() if g >= GOOD)
        return round(100 * good / self.n, 1) if self.n else None


def good_or_better_pct(rows: Iterable[dict]) -> float | None:
    return Distribution("all", dict(Counter(r["grade"] for r in rows if r["grade"]))).good_or_better_pct


def distribution(
    rows: Iterable[dict], key: Callable[[dict], str], order: list[str] | None = None
) -> list[Distribution]:
    groups: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        if row["grade"]:
            groups[key(row)][row["grade"]] += 1
    names = order if order is not None else sorted(groups)
    return [Distribution(name, {g: groups[name][g] for g in GRADE_ORDER}) for name in names if name in groups]


def by_section(rows: Iterable[dict], definitions: dict[int, Definition]) -> list[Distribution]:
    """Section grades across audits, by section title (tools sharing a title share a row)."""
    groups: dict[str, Counter] = defaultdict(Counter)
    order: list[str] = []
    for row in rows:
        definition = definitions[row["version_id"]]
        for section in definition.sections:
            grade = row["section_grades"].get(section.key)
            if section.graded and grade:
                if section.title not in groups:
                    order.append(section.title)
                groups[section.title][grade] += 1
    return [Distribution(title, {g: groups[title][g] for g in GRADE_ORDER}) for title in order]


@dataclass(frozen=True)
class QuestionScore:
    tool: str
    section: str
    question: str
    answered: int
    good_or_better_pct: float | None  # graded questions: share Good or Outstanding
    mean_grade: float | None


def weakest_questions(
    rows: Iterable[dict],
    definitions: dict[int, Definition],
    tools: dict[int, str],
    limit: int = 10,
    minimum: int = 5,
) -> list[QuestionScore]:
    """Graded questions with the lowest share Good or better (at least `minimum` answers)."""
    scores: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    graded: dict[int, list[tuple[str, tuple[str, str, str]]]] = {}  # per version, read once
    for row in rows:
        version = row["version_id"]
        if version not in graded:
            graded[version] = [
                (question.key, (tools[version], section.title, question.text))
                for section, question in definitions[version].questions()
                if question.kind == GRADE
            ]
        answers = row["answers"]
        for key, where in graded[version]:
            value = str((answers.get(key) or {}).get("value") or "")
            if is_whole_number(value):
                scores[where].append(int(value))
    out = [
        QuestionScore(
            tool,
            section,
            text,
            len(values),
            round(100 * sum(v >= GOOD for v in values) / len(values), 1),
            round(sum(values) / len(values), 2),
        )
        for (tool, section, text), values in scores.items()
        if len(values) >= minimum
    ]
    return sorted(out, key=lambda s: (s.good_or_better_pct, s.mean_grade, s.question))[:limit]


def sos_elements(
    rows: Iterable[dict], definitions: dict[int, Definition]
) -> dict[str, dict[str, float | None]]:
    """Per quarter, the share of audits whose answer shows each Signs of Safety element in use
    (yes counts fully, partly half); quarters in order, elements as SOS_ELEMENTS lists them."""
    seen: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        definition = definitions[row["version_id"]]
        for _, question in definition.questions():
            if question.element and question.kind == YES_NO:
                value = (row["answers"].get(question.key) or {}).get("value")
                if value in {"yes", "partly", "no"}:
                    seen[row["quarter"]][question.element].append(
                        {"yes": 1.0, "partly": 0.5, "no": 0.0}[value]
                    )
    return {
        quarter: {
            element: round(100 * sum(v) / len(v), 1) if (v := seen[quarter].get(element)) else None
            for element in SOS_ELEMENTS
        }
        for quarter in sorted(seen)
    }


def actions_by_quarter(actions: Iterable[tuple[date, date | None]]) -> list[tuple[str, int, int]]:
    """(quarter, raised, closed) from (created_on, closed_on) pairs."""
    raised, closed = Counter(), Counter()
    for created, done in actions:
        raised[Quarter.of(created).key] += 1
        if done:
            closed[Quarter.of(done).key] += 1
    return [(q, raised[q], closed[q]) for q in sorted(set(raised) | set(closed))]
