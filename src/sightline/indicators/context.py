"""What a facts function sees: the frames, the local standards and small shared helpers."""

from __future__ import annotations

from datetime import date

import polars as pl

from .frames import Frames
from .standards import LocalStandards

# Noted among a computation's reads when it read the reference date (no frame has this name).
REFERENCE_DATE = "<reference date>"


class Context:
    """What a facts function sees: the frames, the local standards and small shared helpers."""

    def __init__(self, frames: Frames, standards: LocalStandards) -> None:
        self.frames = frames
        self.standards = standards
        self._reference_date = frames.reference_date
        self._reads: set[str] = set()
        self._memo: dict = {}

    @property
    def reference_date(self) -> date:
        """The date the records run to; reading it is noted (`reading`)."""
        self._reads.add(REFERENCE_DATE)
        return self._reference_date

    def reading(self, compute) -> tuple[object, frozenset[str]]:
        """(compute(), the frames it read and REFERENCE_DATE if it read the reference date, itself
        or through a memo): facts that read nothing a change touched cannot have changed (`delta`)."""
        outer, self._reads = self._reads, set()
        try:
            value = compute()
            return value, frozenset(self._reads)
        finally:
            self._reads = outer | self._reads

    def __getitem__(self, name: str) -> pl.DataFrame:
        self._reads.add(name)
        return self.frames[name]

    def wd(self, start: str | pl.Expr, end: str | pl.Expr) -> pl.Expr:
        return self.frames.working_days(_col(start), _col(end))

    def add_wd(self, start: str | pl.Expr, days: int) -> pl.Expr:
        return self.frames.add_working_days(_col(start), days)

    def memo(self, key: str, build):
        """Share an intermediate frame between definitions (e.g. periods of care)."""
        if key not in self._memo:
            self._memo[key] = self.reading(build)
        value, reads = self._memo[key]
        self._reads |= reads
        return value


def _col(value: str | pl.Expr) -> pl.Expr:
    return pl.col(value) if isinstance(value, str) else value
