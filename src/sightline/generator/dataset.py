"""Rows of a generated council, grouped by model label, with explicit ids."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from itertools import count

# The record model's and the workforce tables, as generated when the digests in the tests and
# bench/generate.py were recorded: other apps' demo data (audits...) is outside them.
CORE_TABLES = (
    "records.AdoptionMilestones",
    "records.Assessment",
    "records.CINEpisode",
    "records.CINPlan",
    "records.CPPlan",
    "records.CareLeaverContact",
    "records.CareProceedings",
    "records.Child",
    "records.ChildProtectionConference",
    "records.Contact",
    "records.CoreGroup",
    "records.EarlyHelpAssessment",
    "records.HealthCheck",
    "records.LookedAfterEpisode",
    "records.LookedAfterOutcome",
    "records.LookedAfterReview",
    "records.MissingEpisode",
    "records.PersonalEducationPlan",
    "records.PreBirthReferral",
    "records.PreviousPermanence",
    "records.PrivateFosteringArrangement",
    "records.Section47Enquiry",
    "records.SocialWorkerEpisode",
    "records.StrategyDiscussion",
    "records.Visit",
    "workforce.Allocation",
    "workforce.PracticeObservation",
    "workforce.Service",
    "workforce.Supervision",
    "workforce.Team",
    "workforce.Worker",
)


class Dataset:
    """Append-only tables of plain dict rows. `add` assigns the next id of that table."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict]] = defaultdict(list)
        self._ids: dict[str, count] = defaultdict(lambda: count(1))
        self.meta: dict = {}

    def add(self, label: str, **row) -> int:
        row["id"] = next(self._ids[label])
        self.tables[label].append(row)
        return row["id"]

    def rows(self, label: str) -> list[dict]:
        return self.tables.get(label, [])

    def counts(self) -> dict[str, int]:
        return {label: len(rows) for label, rows in self.tables.items()}

    def digest(self, labels: Iterable[str] | None = None) -> str:
        """SHA-256 of the rows of `labels` (every table by default): tables by label, rows in order,
        fields by name. Equal digests mean the same council, which is how generation is checked to
        stay the same for a seed (`bench/generate.py`, tests/generator)."""
        digest = hashlib.sha256()
        for label in sorted(self.tables if labels is None else labels):
            for row in self.tables.get(label, []):
                digest.update(repr(sorted(row.items())).encode())
        return digest.hexdigest()
