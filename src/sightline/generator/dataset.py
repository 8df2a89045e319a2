"""Rows of a generated council, grouped by model label, with explicit ids."""

from __future__ import annotations

from collections import defaultdict
from itertools import count


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
