"""A report put together: its period, the unit it is for, who it is for, and its sections in order.

The quarterly Quality of Practice report goes to the Quality Improvement Board; its committee
version (for elected members) is the same report built with small numbers suppressed. The
monthly clinic pack is whatever sections are registered for the month, at team, service or
council level. Every registered section is asked; one whose source holds nothing says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.text import slugify

from sightline.audits.domain.quarters import MONTHS, Quarter
from sightline.domain.dates import month_end
from sightline.performance import selectors as perf
from sightline.workforce.models import Service, Team

from .sections import MONTHLY, QUARTERLY, ReportContext, Section, build_all, sections_for

LEVELS = ("team", "service", "council")
# Sections the report is expected to hold whose register has not arrived yet: each shows as
# "No data yet" until an app registers a section under that key's prefix.
EXPECTED = {
    QUARTERLY: [
        ("feedback.", "Feedback from children, families and partners", 40),
        ("workforce.", "The workforce", 45),
        ("clinics.", "In managers' own words: the performance clinics", 50),
    ],
    MONTHLY: [],
}


class ReportError(ValueError):
    """A report that cannot be built as asked (an unknown quarter, a period past the data)."""


@dataclass(frozen=True)
class Report:
    title: str
    council: str
    ctx: ReportContext
    sections: list[Section]
    as_at: date
    committee: bool = False
    unit: str = ""  # the team's or service's name (a clinic pack below the council's)

    @property
    def subtitle(self) -> str:
        version = " (committee version: counts of 1 to 5 suppressed)" if self.committee else ""
        return f"{self.ctx.label}{version}"

    @property
    def file_stem(self) -> str:
        # Named as a person would find it again: the unit's name, never its id in Sightline.
        name = "quality-of-practice" if self.ctx.kind == QUARTERLY else f"clinic-pack-{self.ctx.level}"
        if self.unit:
            name += f"-{slugify(self.unit)}"
        period = self.ctx.start.strftime("%Y-%m") if self.ctx.kind == MONTHLY else _quarter_key(self.ctx)
        return f"{name}-{period}{'-committee' if self.committee else ''}"


def _quarter_key(ctx: ReportContext) -> str:
    return Quarter.of(ctx.start).key


def latest_quarter(on: date) -> Quarter:
    """The last quarter ended by `on` (the one a board sees next)."""
    quarter = Quarter.of(on)
    return quarter if quarter.end <= on else quarter.previous()


def parse_quarter(text: str | None, on: date) -> Quarter:
    if not text:
        return latest_quarter(on)
    try:
        quarter = Quarter.parse(text)
    except ValueError as error:
        raise ReportError(str(error)) from None
    if quarter.end > on:
        raise ReportError(
            f"{quarter.label} has not ended in the records, which run to {on:%-d %B %Y}: "
            f"the latest quarter is {latest_quarter(on).key}."
        )
    return quarter


def parse_month(text: str | None, on: date) -> date:
    if not text:
        return date(on.year, on.month, 1)
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ReportError(f"{text!r} is not a month (write it as 2026-03)")
    first = date(int(match[1]), int(match[2]), 1)
    if first > on:
        raise ReportError(f"The records run to {on:%-d %B %Y}: there is nothing yet for {text.strip()}.")
    return first


def unit_name(level: str, unit_id: int | None) -> str:
    if level not in LEVELS:
        raise ReportError(f"The level is one of {', '.join(LEVELS)}, not {level!r}.")
    if level == "council":
        return perf.council_name()
    if unit_id is None:
        raise ReportError(f"A {level} pack needs the {level} (--unit ID).")
    model = Team if level == "team" else Service
    found = model.objects.filter(pk=unit_id).first()
    if found is None:
        raise ReportError(f"There is no {level} {unit_id}.")
    return found.name


def _sections(ctx: ReportContext) -> list[Section]:
    built = build_all(ctx)
    orders = {spec.key: spec.order for spec in sections_for(ctx.kind)}
    for prefix, title, order in EXPECTED.get(ctx.kind, []):
        if not any(key.startswith(prefix) for key in orders):
            built.append(Section.empty(f"{prefix}pending", title))
            orders[f"{prefix}pending"] = order
    return sorted(built, key=lambda s: (orders.get(s.key, 999), s.key))


# Every figure of a report from one engine, its versions asked once (not at every figure).
@perf.one_engine()
def quality_of_practice(quarter: Quarter, *, viewer=None, committee: bool = False) -> Report:
    ctx = ReportContext(
        QUARTERLY,
        quarter.start,
        quarter.end,
        f"{quarter.label} ({quarter.financial_label})",
        viewer=viewer,
        suppress_small_numbers=committee,
    )
    return Report(
        "Quality of Practice report",
        perf.council_name(),
        ctx,
        _sections(ctx),
        perf.reference_date(),
        committee,
    )


@perf.one_engine()
def clinic_pack(
    month: date, level: str, unit_id: int | None = None, *, viewer=None, committee: bool = False
) -> Report:
    name = unit_name(level, unit_id)
    ctx = ReportContext(
        MONTHLY,
        month,
        month_end(month),
        f"{MONTHS[month.month - 1]} {month.year}",
        level=level,
        unit_id=unit_id if level != "council" else None,
        viewer=viewer,
        suppress_small_numbers=committee,
    )
    return Report(
        f"Performance clinic pack: {name}",
        perf.council_name(),
        ctx,
        _sections(ctx),
        perf.reference_date(),
        committee,
        name if level != "council" else "",
    )
