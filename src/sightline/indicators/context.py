"""What a facts function sees: the frames, the local standards and small shared helpers."""

from __future__ import annotations

from datetime import date

import polars as pl

from .frames import Frames
from .standards import LocalStandards


class Context:
    """What a facts function sees: the frames, the local standards and small shared helpers."""

    def __init__(self, frames: Frames, standards: LocalStandards) -> None:
        self.frames = frames
        self.standards = standards
        self._reference_date = frames.reference_date
        self._read_reference = False
        self._memo: dict = {}

    @property
    def reference_date(self) -> date:
        """The date the records run to; reading it is noted (`reading_reference_date`)."""
        self._read_reference = True
        return self._reference_date

    def reading_reference_date(self, compute):
        """(compute(), whether it read the reference date, itself or through a memo): facts that
        did not cannot change when only the reference date moves (`delta`)."""
        outer, self._read_reference = self._read_reference, False
        try:
            value = compute()
            return value, self._read_reference
        finally:
            self._read_reference = outer or self._read_reference

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]

    def wd(self, start: str | pl.Expr, end: str | pl.Expr) -> pl.Expr:
        return self.frames.working_days(_col(start), _col(end))

    def add_wd(self, start: str | pl.Expr, days: int) -> pl.Expr:
        return self.frames.add_working_days(_col(start), days)

    def memo(self, key: str, build):
        """Share an intermediate frame between definitions (e.g. periods of care)."""
        if key not in self._memo:
            self._memo[key] = self.reading_reference_date(build)
        value, read = self._memo[key]
        self._read_reference |= read
        return value


def _col(value: str | pl.Expr) -> pl.Expr:
    return pl.col(value) if isinstance(value, str) else value
