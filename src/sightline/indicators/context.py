"""What a facts function sees: the frames, the local standards and small shared helpers."""

from __future__ import annotations

import polars as pl

from .frames import Frames
from .standards import LocalStandards


class Context:
    """What a facts function sees: the frames, the local standards and small shared helpers."""

    def __init__(self, frames: Frames, standards: LocalStandards) -> None:
        self.frames = frames
        self.standards = standards
        self.reference_date = frames.reference_date
        self._memo: dict = {}

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.frames[name]

    def wd(self, start: str | pl.Expr, end: str | pl.Expr) -> pl.Expr:
        return self.frames.working_days(_col(start), _col(end))

    def add_wd(self, start: str | pl.Expr, days: int) -> pl.Expr:
        return self.frames.add_working_days(_col(start), days)

    def memo(self, key: str, build):
        """Share an intermediate frame between definitions (e.g. periods of care)."""
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]


def _col(value: str | pl.Expr) -> pl.Expr:
    return pl.col(value) if isinstance(value, str) else value
