"""One GOV.UK table for every page: a caption, columns and rows, rendered by `web/_table.html`.

Pages used to hand-write the same thead/tbody markup, each with its own idea of which class
right-aligns a number and where `scope` goes. A page declares its columns (label, numeric or
not) and gives rows of values; the include writes the markup. A value is shown as a person
reads it: a date as 3 Mar 2026, a time as 3 Mar 2026 14:05 in English time, None as blank
(or the table's `missing` text); a `Cell` adds a link, tags, a note or a short list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

DASH = "\N{EN DASH}"  # a value that is not there, where a blank would look like a gap
CAPTION_SIZES = ("hidden", "s", "m", "l")
TAG_COLOURS = ("", "grey", "red", "orange", "yellow", "green", "blue")


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Tag:
    """A GOV.UK tag after a cell's text ("Over limit" in red)."""

    text: str
    colour: str = ""
    rating: bool = False  # a RAG rating: one width for all, so a column of ratings lines up

    def __post_init__(self):
        if self.colour not in TAG_COLOURS:
            raise ValueError(f"tag colour {self.colour!r} is not one of {TAG_COLOURS}")


@dataclass(frozen=True)
class Item:
    """One entry of a short list in a cell, its `lead` in bold ("Name" changed from ...)."""

    text: str = ""
    lead: str = ""


@dataclass(frozen=True)
class Cell:
    """A value with what a plain value cannot say: a link, tags after it, a note or a list below it."""

    text: object = ""
    href: str = ""
    tags: tuple[Tag, ...] = ()
    note: str = ""
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table as a page declares it. `row_headers`: the first cell of a row is its header."""

    caption: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[object]]
    id: str = ""
    caption_size: str = "hidden"
    row_headers: bool = False
    empty: str = ""
    missing: str = ""
    scroll: bool = False
    cells: list[list[dict]] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        if self.caption_size not in CAPTION_SIZES:
            raise ValueError(f"caption size {self.caption_size!r} is not one of {CAPTION_SIZES}")
        width = len(self.columns)
        rendered = []
        for number, row in enumerate(self.rows, 1):
            if len(row) != width:
                raise ValueError(f"{self.caption}: row {number} has {len(row)} cells for {width} columns")
            rendered.append(
                [
                    self._cell(value, column, i)
                    for i, (value, column) in enumerate(zip(row, self.columns, strict=True))
                ]
            )
        object.__setattr__(self, "cells", rendered)

    def _cell(self, value: object, column: Column, index: int) -> dict:
        cell = value if isinstance(value, Cell) else Cell(value)
        text = shown(cell.text)
        return {
            "text": self.missing if text == "" and not (cell.tags or cell.items) else text,
            "href": cell.href,
            "tags": cell.tags,
            "note": cell.note,
            "items": cell.items,
            "numeric": column.numeric,
            "header": self.row_headers and index == 0,
        }


def columns(*labels: str, numeric: Iterable[str] = ()) -> list[Column]:
    """Columns by label, those named in `numeric` right-aligned."""
    numeric = set(numeric)
    unknown = numeric - set(labels)
    if unknown:
        raise ValueError(f"numeric columns {sorted(unknown)} are not among the labels")
    return [Column(label, label in numeric) for label in labels]


def shown(value: object) -> object:
    """A value as a table shows it (the template escapes what comes back)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return moment.strftime("%-d %b %Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %b %Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value
