"""An audit tool's definition: sections of questions, and the rule for the overall grade.

A definition is plain data (stored as JSON on each tool version):

    {"overall_rule": "limited_judgement",
     "sections": [{"key": "voice", "title": "...", "graded": true, "agency": null,
                   "questions": [{"key": "voice_seen", "text": "...", "kind": "yes_no",
                                  "guidance": "...", "mandatory": true, "element": "..."}]}]}

`agency` names the partner agency that completes a section of a multi-agency audit (a code
of sightline.domain.agencies; null for the council's auditor). `element` tags a question
that records use of a Signs of Safety element, for the "elements over time" analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from sightline.domain.agencies import AGENCIES

from .grades import GRADES, KINDS, good_or_better, grade_label, valid_answer

RULES: dict[str, str] = {
    "limited_judgement": "The auditor's judgement, but not Good or better while any section is Inadequate",
    "auditor_judgement": "The auditor's judgement",
    "lowest_section": "The lowest section grade",
    "median_section": "The median section grade (rounded down)",
}
SOS_ELEMENTS: dict[str, str] = {
    "mapping": "Three-column mapping (worries, working well, next steps)",
    "danger_statement": "Danger statements",
    "safety_goal": "Safety goals",
    "scaling": "Safety scaling",
    "safety_plan": "Safety plan",
    "network": "Safety network",
    "words_pictures": "Words and pictures",
}


class DefinitionError(ValueError):
    """A tool definition that cannot be used; the message says where."""


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: str
    guidance: str = ""
    mandatory: bool = False
    element: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    questions: tuple[Question, ...]
    graded: bool = True
    agency: str | None = None


@dataclass(frozen=True)
class Definition:
    sections: tuple[Section, ...]
    overall_rule: str = "limited_judgement"

    @classmethod
    def from_data(cls, data: dict) -> Definition:
        """Read and check a stored definition: unique keys, known kinds, rules and agencies."""
        rule = data.get("overall_rule", "limited_judgement")
        if rule not in RULES:
            raise DefinitionError(f"Unknown rule for the overall grade: {rule!r}")
        sections, seen, section_keys = [], set(), set()
        for s_index, s in enumerate(data.get("sections") or [], start=1):
            title = str(s.get("title") or "").strip()
            if not title:
                raise DefinitionError(f"Section {s_index} has no title")
            agency = s.get("agency") or None
            if agency is not None and agency not in AGENCIES:
                raise DefinitionError(f"Section {title!r}: unknown agency {agency!r}")
            questions = []
            for q_index, q in enumerate(s.get("questions") or [], start=1):
                text = str(q.get("text") or "").strip()
                key = str(q.get("key") or "").strip()
                if not text or not key:
                    raise DefinitionError(f"Section {title!r}, question {q_index} has no text")
                if q.get("kind") not in KINDS:
                    raise DefinitionError(f"Question {text!r}: unknown kind of answer {q.get('kind')!r}")
                if key in seen:
                    raise DefinitionError(f"Question {text!r}: its key {key!r} is used twice")
                element = q.get("element") or ""
                if element and element not in SOS_ELEMENTS:
                    raise DefinitionError(f"Question {text!r}: unknown Signs of Safety element {element!r}")
                seen.add(key)
                questions.append(
                    Question(
                        key, text, q["kind"], str(q.get("guidance") or ""), bool(q.get("mandatory")), element
                    )
                )
            key = str(s.get("key") or "").strip()
            if not key or key in section_keys:
                raise DefinitionError(f"Section {title!r} needs a key of its own")
            section_keys.add(key)
            sections.append(Section(key, title, tuple(questions), bool(s.get("graded", True)), agency))
        if not sections:
            raise DefinitionError("A tool needs at least one section")
        return cls(tuple(sections), rule)

    def to_data(self) -> dict:
        return {
            "overall_rule": self.overall_rule,
            "sections": [
                {
                    "key": s.key,
                    "title": s.title,
                    "graded": s.graded,
                    "agency": s.agency,
                    "questions": [
                        {
                            "key": q.key,
                            "text": q.text,
                            "kind": q.kind,
                            "guidance": q.guidance,
                            "mandatory": q.mandatory,
                            "element": q.element,
                        }
                        for q in s.questions
                    ],
                }
                for s in self.sections
            ],
        }

    def questions(self) -> list[tuple[Section, Question]]:
        return [(s, q) for s in self.sections for q in s.questions]

    def question(self, key: str) -> Question | None:
        return next((q for _, q in self.questions() if q.key == key), None)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def agencies(self) -> list[str]:
        return [s.agency for s in self.sections if s.agency]

    def sections_for_agency(self, agency: str | None) -> list[Section]:
        """The sections one party completes: the council's auditor (None) or a partner agency."""
        return [s for s in self.sections if s.agency == agency]


def overall_grade(
    definition: Definition, section_grades: dict[str, int], judgement: int | None
) -> int | None:
    """The overall grade the tool's rule gives (None until it can be given)."""
    graded = [section_grades[s.key] for s in definition.sections if s.graded and s.key in section_grades]
    rule = definition.overall_rule
    if rule == "lowest_section":
        return min(graded) if graded else None
    if rule == "median_section":
        return int(median(graded) // 1) if graded else None
    return judgement


def finalise_problems(
    definition: Definition,
    answers: dict[str, dict],
    section_grades: dict[str, int],
    judgement: int | None,
) -> list[str]:
    """Why an audit cannot be finalised yet, each as a person would read it (empty: it can)."""
    problems = []
    for section, question in definition.questions():
        value = str((answers.get(question.key) or {}).get("value") or "")
        if not valid_answer(question.kind, value):
            problems.append(
                f"{section.title}: the answer to \u201c{question.text}\u201d is not one it accepts"
            )
        elif question.mandatory and not value:
            who = f" (for {AGENCIES[section.agency]})" if section.agency else ""
            problems.append(f"{section.title}{who}: \u201c{question.text}\u201d is not answered")
    for section in definition.sections:
        if section.graded and section_grades.get(section.key) not in GRADES:
            problems.append(f"{section.title}: the section has no grade")
    if definition.overall_rule in {"limited_judgement", "auditor_judgement"}:
        if judgement not in GRADES:
            problems.append("The overall grade is not given")
        elif definition.overall_rule == "limited_judgement" and good_or_better(judgement):
            worst = [s.title for s in definition.sections if s.graded and section_grades.get(s.key) == 1]
            if worst:
                problems.append(
                    f"The overall grade cannot be {grade_label(judgement)} while a section is Inadequate "
                    f"({', '.join(worst)})"
                )
    return problems
