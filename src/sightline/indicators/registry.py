"""Indicator definitions: small declarative records, registered in display order.

A definition says what it measures and on what rule it rests; its `facts` function turns
the frames into one row per child event (or per worker) with the columns the engine
aggregates:

- `date` (Date): the event date that places the row in a period and attributes it to the
  team and worker allocated that day; for stock ("as at") indicators, the as-at date;
- `child_id` (Int64, may be null for worker rows); `team_id` / `worker_id` when the row
  belongs to a worker rather than a child (the engine then does not look up allocations);
- `num`, `den` (Boolean): in the numerator / the denominator;
- `value` (Float64) for medians, means and ratios, with `weight` for ratios;
- any other columns are detail shown in the child-level list.

Definitions check themselves when declared: an unknown unit, aggregate, polarity or KPQ,
a duplicate id or a target without a tolerance raises at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .citations import plain_source
from .groups import BREAKDOWNS

KPQS: dict[int, tuple[str, str]] = {
    1: (
        "Referrals and children seen",
        "Are referrals allocated in a timely manner and are children seen in accordance with timescales?",
    ),
    2: (
        "Assessments",
        "Does every child have an assessment of need without drift and delay which results in the "
        "right outcome?",
    ),
    3: (
        "Child protection",
        "Are the right children in the child protection process and are they receiving a robust and timely "
        "child protection response?",
    ),
    4: ("Caseloads", "Are social work caseloads manageable and do they meet our quality standards?"),
    5: ("Visits", "Are children seen often enough and alone?"),
    6: ("Abuse types", "How do we respond to different abuse types"),
    7: ("Care proceedings", "Do children involved in care proceedings receive good and timely outcomes?"),
    8: (
        "Children in care",
        "Are the right children in care and are they there for the right amount of time?",
    ),
    9: ("Outcomes in care", "Do we achieve good outcomes for our children in care and care leavers?"),
    10: (
        "Supervision",
        "Are supervision taking place in a timely manner and are staff being effectively managed?",
    ),
}
KPQ_SOURCE = "Durham County Council, Quality Assurance Framework, appendix 2 (Key Performance Questions)"
COHORTS: dict[str, tuple[str, str]] = {
    "prebirth": (
        "Pre-birth",
        "Are unborn babies referred early and assessed before birth? (Durham pre-birth model)",
    ),
    "private_fostering": (
        "Private fostering",
        "Are privately fostered children visited within the regulations?",
    ),
    "homeless_16_17": (
        "Homeless 16-17-year-olds",
        "Are homeless 16- and 17-year-olds assessed and accommodated?",
    ),
    "disabled": ("Disabled children", "Do disabled children get timely assessment and help?"),
    # Not a cohort but the QAF's evidence from children and families (seed 004 §4.3).
    "feedback": (
        "Feedback from children and families",
        "What did children and families think and feel about the help they had, and what went wrong?",
    ),
}

UNITS = {"%", "count", "per 10k", "days", "working days", "weeks", "months", "ratio"}
AGGREGATES = {"percent", "count", "rate", "median", "mean", "ratio", "yoy"}
POLARITIES = {"higher", "lower", None}
KINDS = {"flow", "stock"}
# The national returns an indicator can be answered from alone (`supported_by_returns`).
CIN = "CIN census"
SSDA903 = "SSDA903"
RETURNS = {CIN, SSDA903, None}


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    kpq: int | str
    numerator: str
    denominator: str
    unit: str
    aggregate: str
    polarity: str | None
    source: str
    kind: str
    facts: Callable = field(repr=False, compare=False)
    target: float | None = None
    tolerance: float | None = None
    benchmark: str | None = None
    national: str | None = None
    headline: bool = False
    date_label: str = "event date"
    scale: float = 1.0
    base: str | None = None  # for "yoy": the count indicator compared with a year earlier
    as_at_dates: bool = False  # stock facts take a tuple of as-at dates and return a `date` column
    # The return that alone gives the same answer (CIN or SSDA903; tested by a round trip), if any.
    supported_by_returns: str | None = None
    # Breakdowns that define who is counted (the age band of care leavers aged 19-21, the
    # disability of the disabled-children cohort): comparing groups that way is true by
    # definition, so it is never an exception and the Who tab says it does not apply.
    defined_by: tuple[str, ...] = ()
    order: int = 0

    def __post_init__(self) -> None:
        problems = self._problems()
        if problems:
            raise ValueError(f"Indicator {self.id}: " + "; ".join(problems))

    def _problems(self) -> list[str]:
        problems = []
        if self.unit not in UNITS:
            problems.append(f"unit {self.unit!r} not in {sorted(UNITS)}")
        if self.aggregate not in AGGREGATES:
            problems.append(f"aggregate {self.aggregate!r} not in {sorted(AGGREGATES)}")
        if self.polarity not in POLARITIES:
            problems.append(f"polarity {self.polarity!r}")
        if self.kind not in KINDS:
            problems.append(f"kind {self.kind!r}")
        if self.kpq not in KPQS and self.kpq not in COHORTS:
            problems.append(f"kpq {self.kpq!r} is neither 1-10 nor a cohort ({', '.join(COHORTS)})")
        if (self.target is None) != (self.tolerance is None):
            problems.append("target and tolerance go together")
        if self.target is not None and self.polarity is None:
            problems.append("a target needs a polarity")
        if self.aggregate == "percent" and self.unit != "%":
            problems.append("a percentage has unit %")
        if self.aggregate == "yoy" and not self.base:
            problems.append("a year-on-year indicator names its base count")
        if self.supported_by_returns not in RETURNS:
            problems.append(f"supported_by_returns {self.supported_by_returns!r} is not a return")
        if not self.source:
            problems.append("no source")
        problems += [f"defined_by {b!r} is not a breakdown" for b in self.defined_by if b not in BREAKDOWNS]
        return problems

    @property
    def question(self) -> str:
        return (KPQS.get(self.kpq) or COHORTS[self.kpq])[1]

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "kpq": self.kpq,
            "question": self.question,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "unit": self.unit,
            "aggregate": self.aggregate,
            "polarity": self.polarity,
            "source": plain_source(self.source),
            "kind": self.kind,
            "target": self.target,
            "tolerance": self.tolerance,
            "benchmark": self.benchmark,
            "national": self.national,
            "headline": self.headline,
            "date_label": self.date_label,
            "defined_by": self.defined_by,
        }


class Registry:
    def __init__(self) -> None:
        self._items: dict[str, Indicator] = {}

    def add(self, **spec) -> Callable:
        """Decorator: register the decorated facts function under the given definition."""

        def wrap(function: Callable) -> Callable:
            self.register(Indicator(facts=function, order=len(self._items), **spec))
            return function

        return wrap

    def register(self, indicator: Indicator) -> Indicator:
        if indicator.id in self._items:
            raise ValueError(f"Indicator {indicator.id} is declared twice.")
        if indicator.base and indicator.base not in self._items:
            raise ValueError(f"Indicator {indicator.id}: base {indicator.base} is not declared before it.")
        self._items[indicator.id] = indicator
        return indicator

    def __getitem__(self, indicator_id: str) -> Indicator:
        try:
            return self._items[indicator_id]
        except KeyError:
            raise KeyError(f"There is no indicator {indicator_id!r}.") from None

    def __contains__(self, indicator_id: str) -> bool:
        return indicator_id in self._items

    def __iter__(self):
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)


# What a module's facts are computed from, as it declares in `FACTS_FROM` (read by `delta`, which
# recomputes after a refresh only what a change can reach; a module that does not say is
# recomputed in full). EACH_CHILD: a child's rows from that child's own records alone (and any
# rows of no child from the workforce tables); WORKFORCE: from the tables no child is in.
EACH_CHILD = "each child's own records"
WORKFORCE = "the workforce tables"

REGISTRY = Registry()
indicator = REGISTRY.add
