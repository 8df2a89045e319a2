"""Visits to the child (by plan, by calendar) and missing episodes.

A part of `Journeys` (a mixin): its methods draw from the journeys' one random generator and
write to its dataset, calling the other parts and the shared helpers through `self`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from .identity import birthday
from .state import ChildState


class Visits:
    def visits(
        self,
        child: ChildState,
        kind: str,
        start: date,
        stop: date,
        interval: tuple[int, int],
        late: tuple[int, int],
    ) -> None:
        """Visits every `interval` working days, a minority at the `late` interval."""
        rng = self.rng
        day = self.wd(start, rng.randint(1, interval[1]))
        alone_age = self.age(child, start) >= 4
        while day <= min(stop, self.ref):
            self.visit(child, day, kind, alone=alone_age and rng.random() < 0.65)
            on_time = rng.random() < self.spec.p_visit_on_time
            day = self.wd(day, rng.randint(*interval) if on_time else rng.randint(*late))

    def visit(self, child: ChildState, day: date, kind: str, alone: bool = False) -> None:
        seen = self.rng.random() < 0.97
        self.data.add(
            "records.Visit",
            child_id=child.id,
            visit_date=day,
            kind=kind,
            seen=seen,
            seen_alone=seen and alone,
            worker_id=None,
        )

    def calendar_visits(
        self,
        child: ChildState,
        kind: str,
        start: date,
        stop: date,
        first_within: int,
        every: tuple[int, int],
        late: tuple[int, int],
    ) -> None:
        """Visits on calendar-day intervals (CPR reg 28, private fostering regulations)."""
        rng = self.rng
        day = self.days(
            start, rng.randint(1, first_within) if rng.random() < 0.9 else first_within + rng.randint(1, 10)
        )
        while day <= min(stop, self.ref):
            self.visit(child, day, kind, alone=self.age(child, day) >= 4 and rng.random() < 0.6)
            on_time = rng.random() < self.spec.p_visit_on_time
            day = self.days(day, rng.randint(*every) if on_time else rng.randint(*late))

    def missing(self, child: ChildState, start: date, stop: date, rate_per_year: float) -> None:
        """Missing episodes between start and stop: back by stop, and one at a time (DfE rule 574)."""
        rng = self.rng
        span = max(1, (stop - start).days)
        count = min(30, int(rng.expovariate(1 / (rate_per_year * span / 365))) + 1)
        drawn = []
        for _ in range(count):
            day = self.days(start, rng.randrange(0, span))
            began = datetime.combine(
                day, time(rng.randrange(14, 23), rng.choice([0, 15, 30, 45])), tzinfo=UTC
            )
            back = began + timedelta(hours=rng.choice([3, 6, 12, 20, 30, 48, 70]))
            if back.date() > self.ref:
                continue
            offered = rng.random() < 0.9
            interview = None
            if offered:
                hours = (
                    rng.randrange(12, 72) if rng.random() < self.spec.p_rhi_in_72h else rng.randrange(73, 240)
                )
                interview = back + timedelta(hours=hours)
                interview = interview if interview.date() <= self.ref else None
            drawn.append(
                {
                    "child_id": child.id,
                    "missing": "M" if rng.random() < 0.8 else "A",
                    "mis_start": began,
                    "mis_end": back,
                    "rhi_offered": offered,
                    "rhi_accepted": offered and interview is not None and rng.random() < 0.62,
                    "rhi_date": interview,
                }
            )
        # Kept apart from the draws so the random stream is the same whatever is dropped.
        # Back on the day care ends at 18 would read, to the DfE, as still missing when care
        # ended, whose reason must then be E8 (SSDA903 rule 580): such a draw is dropped too.
        eighteen = birthday(child.dob, 18) if child.dob else None
        returned = None
        for row in sorted(drawn, key=lambda r: r["mis_start"]):
            back = row["mis_end"].date()
            overlaps = returned is not None and row["mis_start"] < returned
            if back > stop or back == stop == eighteen or overlaps:
                continue
            returned = row["mis_end"]
            self.data.add("records.MissingEpisode", **row)
