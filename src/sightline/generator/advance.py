"""The demo council a day (or a few) on: what a day's case recording changes, for the daily SSD loop.

`sightline export ssd --advance-days N` writes the extract the council's system would send N
days after the records' reference date: each day a few dozen children change (visits made,
contacts received, assessments authorised, CIN plans ended). Its own random stream, seeded by
the council's seed and the day, so the generator's recorded digests are untouched and the same
day always brings the same changes.
"""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta

Rows = dict[str, list[dict]]

VISITS_A_DAY = 20
CONTACTS_A_DAY = 8
AUTHORISED_A_DAY = 4
PLANS_ENDED_A_DAY = 2


class _Day:
    def __init__(self, rows: Rows, day: date, seed: int) -> None:
        self.rows = rows
        self.day = day
        self.rng = random.Random(f"sightline-advance-{seed}-{day.isoformat()}")

    def next_id(self, label: str) -> int:
        return max((r["id"] for r in self.rows.get(label, [])), default=0) + 1

    def open_on_day(self, label: str, start: str, end: str) -> list[dict]:
        return [
            r for r in self.rows.get(label, []) if r[start] and r[start] <= self.day and r.get(end) is None
        ]

    def visits(self) -> None:
        episodes = self.open_on_day("records.CINEpisode", "cin_referral_date", "cin_closure_date")
        on_plan = {
            r["child_id"] for r in self.open_on_day("records.CPPlan", "cpp_start_date", "cpp_end_date")
        }
        in_care = {r["child_id"] for r in self.open_on_day("records.LookedAfterEpisode", "decom", "dec")}
        workers = {
            r["child_id"]: r["worker_id"]
            for r in self.open_on_day("workforce.Allocation", "start_date", "end_date")
            if r["role"] == "SW"
        }
        children = sorted({r["child_id"] for r in episodes})
        next_id = self.next_id("records.Visit")
        for child in self.rng.sample(children, min(VISITS_A_DAY, len(children))):
            kind = "CP" if child in on_plan else "CLA" if child in in_care else "CIN"
            self.rows["records.Visit"].append(
                {
                    "id": next_id,
                    "child_id": child,
                    "visit_date": self.day,
                    "kind": kind,
                    "seen": True,
                    "seen_alone": self.rng.random() < 0.4,
                    "worker_id": workers.get(child),
                }
            )
            next_id += 1

    def contacts(self) -> None:
        earlier = self.rows.get("records.Contact", [])
        if not earlier:
            return
        next_id = self.next_id("records.Contact")
        for like in self.rng.sample(earlier, min(CONTACTS_A_DAY, len(earlier))):
            self.rows["records.Contact"].append(
                {**like, "id": next_id, "contact_date": self.day, "decision_date": self.day}
            )
            next_id += 1

    def authorisations(self) -> None:
        waiting = [
            r
            for r in self.rows.get("records.Assessment", [])
            if r["assessment_authorisation_date"] is None and r["assessment_actual_start_date"] <= self.day
        ]
        for row in self.rng.sample(waiting, min(AUTHORISED_A_DAY, len(waiting))):
            row["assessment_authorisation_date"] = self.day

    def plans_ended(self) -> None:
        plans = self.open_on_day("records.CINPlan", "cin_plan_start_date", "cin_plan_end_date")
        for row in self.rng.sample(plans, min(PLANS_ENDED_A_DAY, len(plans))):
            row["cin_plan_end_date"] = self.day


def advance(rows: Rows, days: int, seed: int) -> Rows:
    """A copy of the council's rows (label -> rows, as the database holds them) `days` days on."""
    out = copy.deepcopy(rows)
    council = out["records.Council"][0]
    for _ in range(days):
        today = _Day(out, council["reference_date"] + timedelta(days=1), seed)
        today.visits()
        today.contacts()
        today.authorisations()
        today.plans_ended()
        council["reference_date"] = today.day
    return out
