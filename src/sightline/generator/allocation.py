"""Allocating cases to workers over time, after every journey is known.

Segments (a child's case sitting with a kind of team for a stretch of time) are taken in date
order; each goes to the worker in the right team with the most room that day: open cases against
the worker's capacity (FTE, a protected caseload in the ASYE year, and a personal share drawn once:
managers weigh experience and complexity, so caseloads per FTE spread and a minority run over the
team's limit, as in the seeds). When a
worker leaves, their cases move to a colleague, sometimes after a gap in which the child is
unallocated. Allocations of one role never overlap for a child: a new one ends the old.
"""

from __future__ import annotations

import heapq
import random
from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta

from .dataset import Dataset
from .journeys import AREAS, Segment
from .workforce import Workforce


class Allocator:
    def __init__(self, rng: random.Random, data: Dataset, workforce: Workforce, ref: date) -> None:
        self.rng, self.data, self.workforce, self.ref = rng, data, workforce, ref
        self.open_cases: dict[int, list[date]] = defaultdict(list)  # worker -> heap of end dates
        self.last: dict[tuple[int, str], dict] = {}  # (child, role) -> latest allocation row
        self.capacity: dict[int, float] = {}  # worker -> relative share of the team's cases
        self.holders: dict[tuple[int, date], list[int]] = {}  # (team, day) -> post holders that day

    def team_for(self, segment: Segment) -> int:
        teams = self.workforce.team_ids[segment.team_kind]
        if len(teams) == 1:
            return teams[0]
        return teams[AREAS.index(segment.area) % len(teams)]

    def load(self, worker_id: int, day: date) -> int:
        heap = self.open_cases[worker_id]
        while heap and heap[0] < day:
            heapq.heappop(heap)
        return len(heap)

    def capacity_of(self, worker_id: int) -> float:
        if worker_id not in self.capacity:
            worker = self.data.rows("workforce.Worker")[worker_id - 1]
            share = self.rng.uniform(0.88, 1.15) * (0.8 if worker["newly_qualified"] else 1.0)
            self.capacity[worker_id] = float(worker["fte"]) * share
        return self.capacity[worker_id]

    def holders_on(self, team_id: int, day: date) -> list[int]:
        """`Workforce.holders_on`, kept per team and day: the posts are settled before allocation
        starts, and a team's holders are asked for on the same day many times (issue 19)."""
        key = (team_id, day)
        holders = self.holders.get(key)
        if holders is None:
            holders = self.holders[key] = self.workforce.holders_on(team_id, day)
        return holders

    def pick_worker(self, team_id: int, day: date) -> int:
        """The holder with the lowest (open cases + 1) / capacity, ties broken by a random draw.

        The same as `min(holders, key=lambda w: ((load + 1) / capacity, random()))` and in the
        same order of draws (a worker's capacity is drawn the first time they are weighed, before
        their tie-break), without a call per holder: the team's holders grow with the council.
        """
        holders = self.holders_on(team_id, day)
        if not holders:
            return self.workforce.managers[team_id]
        draw, capacity, open_cases = self.rng.random, self.capacity, self.open_cases
        best, best_share, best_tie = 0, 0.0, 0.0
        for worker in holders:
            heap = open_cases[worker]
            while heap and heap[0] < day:
                heapq.heappop(heap)
            share = (len(heap) + 1) / (capacity[worker] if worker in capacity else self.capacity_of(worker))
            tie = draw()
            if not best or share < best_share or (share == best_share and tie < best_tie):
                best, best_share, best_tie = worker, share, tie
        return best

    def leave_date(self, worker_id: int) -> date | None:
        return self.data.rows("workforce.Worker")[worker_id - 1]["leave_date"]

    def run(self, segments: list[Segment]) -> None:
        for segment in sorted(segments, key=lambda s: (s.start, s.child_id, s.role)):
            self.place(segment)

    def place(self, segment: Segment) -> None:
        team_id = self.team_for(segment)
        start = segment.start
        previous = self.last.get((segment.child_id, segment.role))
        if previous is not None and (previous["end_date"] is None or previous["end_date"] >= start):
            # The case moves on: the old allocation ends the day before the new one starts.
            start = max(start, previous["start_date"] + timedelta(days=1))
            previous["end_date"] = start - timedelta(days=1)
        end = segment.end
        if end is not None and end < start:
            return
        while end is None or start <= end:
            worker = self.pick_worker(team_id, start)
            leaves = self.leave_date(worker)
            stop = end
            if leaves is not None and (stop is None or leaves < stop):
                stop = leaves
            row_id = self.data.add(
                "workforce.Allocation",
                child_id=segment.child_id,
                worker_id=worker,
                team_id=team_id,
                role=segment.role,
                start_date=start,
                end_date=stop if stop is not None and stop <= self.ref else None,
            )
            self.last[(segment.child_id, segment.role)] = self.data.rows("workforce.Allocation")[row_id - 1]
            heapq.heappush(self.open_cases[worker], stop or date.max)
            if stop == end or stop is None:
                return
            gap = 1 if self.rng.random() < 0.7 else self.rng.randint(2, 25)
            start = stop + timedelta(days=gap)
            if start > self.ref:
                return

    def assign_workers(self) -> None:
        """Visits and reviews get the worker (or IRO) allocated on the day."""
        by_child: dict[tuple[int, str], list[dict]] = defaultdict(list)
        for row in self.data.rows("workforce.Allocation"):
            by_child[(row["child_id"], row["role"])].append(row)
        starts = {key: [r["start_date"] for r in rows] for key, rows in by_child.items()}

        def holder(child_id: int, role: str, day: date) -> int | None:
            rows = by_child.get((child_id, role))
            if not rows:
                return None
            index = bisect_right(starts[(child_id, role)], day) - 1
            if index < 0:
                return None
            row = rows[index]
            return row["worker_id"] if row["end_date"] is None or row["end_date"] >= day else None

        for visit in self.data.rows("records.Visit"):
            role = "PA" if visit["kind"] == "CL" else "SW"
            visit["worker_id"] = holder(visit["child_id"], role, visit["visit_date"])
        for review in self.data.rows("records.LookedAfterReview"):
            review["iro_id"] = holder(review["child_id"], "IRO", review["review_date"])
