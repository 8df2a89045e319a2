"""What each register contributes to the monthly clinic pack and the quarterly report.

Every app that holds evidence (audits, improvement, feedback, workforce, practice reviews,
inspections, dispute resolution...) registers one or more report sections here; the
reports app renders them as HTML, tagged PDF and XLSX in the order given. A section whose
source holds nothing for the period returns `Section.empty(...)`, so a report reads
"No data yet" cleanly until the register has been used.

Plain Python (no Django imports), so the contract can be tested on its own. Apps register
their sections in their AppConfig.ready() by importing their `report.py`:

    from sightline.reports.sections import ReportContext, Section, Table, register

    @register("audits.quarterly", title="Case-file audits", kinds={"quarterly"}, order=30)
    def audits_quarter(ctx: ReportContext) -> Section:
        ...
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sightline.accounts.roles.base import small_count

MONTHLY = "monthly"  # a performance clinic pack (team, service, council)
QUARTERLY = "quarterly"  # the Quality of Practice report to the Quality Improvement Board
KINDS = frozenset({MONTHLY, QUARTERLY})


@dataclass(frozen=True)
class ReportContext:
    """The period and the unit a report is for, and who it is for."""

    kind: str
    start: date
    end: date
    label: str  # as a person says it: "March 2026", "October to December 2025"
    level: str = "council"  # council | service | team
    unit_id: int | None = None
    viewer: Any = None  # sightline.accounts.roles.Viewer
    suppress_small_numbers: bool = False  # the committee-paper version for elected members

    def count(self, n: int | None) -> int | str | None:
        """A count as this version may show it: 1 to 5 suppressed on the committee paper."""
        return small_count(n) if self.suppress_small_numbers else n


@dataclass(frozen=True)
class Table:
    """A table with its caption; cells are str, int, float, date or None."""

    caption: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


@dataclass(frozen=True)
class Chart:
    """A chart drawn as SVG beside its data table (the table is always shown too).

    kind: "bar" | "line" | "stacked_bar"; categories along x; each series one list of values
    (None for a gap) in the order of `categories`; `unit` as the axis says it ("%", "days").
    """

    title: str
    kind: str
    categories: Sequence[str]
    series: dict[str, Sequence[float | None]]
    unit: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: Sequence[str] = ()
    tables: Sequence[Table] = ()
    charts: Sequence[Chart] = ()
    empty_message: str | None = None  # set when the source holds nothing for the period
    extra: dict = field(default_factory=dict)  # anything a renderer may use (e.g. SPC icons)

    @classmethod
    def empty(cls, key: str, title: str, message: str = "No data yet.") -> Section:
        return cls(key=key, title=title, empty_message=message)

    @property
    def is_empty(self) -> bool:
        return self.empty_message is not None


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    kinds: frozenset[str]
    order: int
    build: Callable[[ReportContext], Section]


_REGISTRY: dict[str, SectionSpec] = {}


def register(key: str, *, title: str, kinds: set[str] | frozenset[str], order: int):
    """Declare a report section; the key is unique and the kinds known."""
    unknown = set(kinds) - KINDS
    if unknown:
        raise ValueError(f"Report section {key}: unknown kinds {sorted(unknown)}")

    def decorate(build: Callable[[ReportContext], Section]):
        if key in _REGISTRY and _REGISTRY[key].build is not build:
            raise ValueError(f"Report section {key} is registered twice")
        _REGISTRY[key] = SectionSpec(key, title, frozenset(kinds), order, build)
        return build

    return decorate


def sections_for(kind: str) -> list[SectionSpec]:
    """The registered sections of a kind of report, in their order."""
    return sorted((s for s in _REGISTRY.values() if kind in s.kinds), key=lambda s: (s.order, s.key))


def build_all(ctx: ReportContext) -> list[Section]:
    return [spec.build(ctx) for spec in sections_for(ctx.kind)]
