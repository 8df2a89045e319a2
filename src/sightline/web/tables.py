"""One GOV.UK table for every page: a caption, columns and rows, rendered by `web/_table.html`.

Pages used to hand-write the same thead/tbody markup, each with its own idea of which class
right-aligns a number and where `scope` goes. A page declares its columns (label, numeric or
not) and gives rows of values; the include writes the markup. A value is shown as a person
reads it: a date as 3 March 2026, a time as 3 March 2026 at 2:05pm in English time (both from
`domain.dates`, full months in tables too), None as blank
(or the table's `missing` text); a `Cell` adds a link, more lines, tags, a note or a short list, a form
field (an input per row, its label visually hidden and its errors shown GOV.UK style) or a
small form of its own with one button (`Action`); a `Group` of rows shares one header cell
spanning them (a child, then the rule hits against them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.forms import BoundField, Select, Textarea
from django.utils import timezone
from django.utils.safestring import SafeString

from sightline.domain.dates import long_date, long_datetime

DASH = "\N{EN DASH}"  # a value that is not there, where a blank would look like a gap
CAPTION_SIZES = ("hidden", "s", "m", "l")
TAG_COLOURS = ("", "grey", "red", "orange", "yellow", "green", "blue")
BUTTON_STYLES = ("", "secondary", "warning")


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
    """One entry of a short list in a cell, its `lead` in bold ("Name" changed from ...), the
    entry a link when it has an `href` ("Raise a plan action" from the row)."""

    text: str = ""
    lead: str = ""
    href: str = ""


@dataclass(frozen=True)
class Action:
    """A small form of its own in a cell, posting `fields` (hidden) and the cell's field, if any,
    to `url` with one button. `context` follows the button's text for screen readers only, so
    each row's "Close" says what it closes."""

    text: str
    url: str
    fields: tuple[tuple[str, object], ...] = ()
    context: str = ""
    style: str = "secondary"

    def __post_init__(self):
        if self.style not in BUTTON_STYLES:
            raise ValueError(f"button style {self.style!r} is not one of {BUTTON_STYLES}")


@dataclass(frozen=True)
class Cell:
    """A value with what a plain value cannot say: a link, tags after it, a note or a list below
    it; `lines` more lines after the text, each on its own (`written` keeps what a person typed);
    and a bound form `field` (labelled by `label`, else the field's own label, visually hidden
    unless `label_shown`), alone or in the cell's own `action` form, after all of those."""

    text: object = ""
    href: str = ""
    tags: tuple[Tag, ...] = ()
    note: str = ""
    items: tuple[Item, ...] = ()
    field: BoundField | None = None
    label: str = ""
    label_shown: bool = False
    action: Action | None = None
    lines: tuple[str, ...] = ()


def written(text: str | None, **more) -> Cell:
    """What a person wrote, its own line breaks kept (as `linebreaksbr` did in a template)."""
    first, *rest = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return Cell(first, lines=tuple(rest), **more)


@dataclass(frozen=True)
class Group:
    """Rows sharing one header cell in the first column, spanning them all; each of `rows` gives
    the other columns. The header is the rows' `rowgroup` header for assistive technology."""

    header: object
    rows: Sequence[Sequence[object]]


@dataclass(frozen=True)
class Table:
    """A table as a page declares it. `row_headers`: the first cell of a row is its header.
    A row may be a `Group` of rows under one header."""

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
        rendered = []
        number = 0
        for row in self.rows:
            if isinstance(row, Group):
                if not row.rows:
                    raise ValueError(f"{self.caption}: the group {row.header!r} has no rows")
                header = {**self._cell(row.header, self.columns[0], 0), "header": True}
                header.update(scope="rowgroup", rowspan=len(row.rows))
                for i, values in enumerate(row.rows):
                    number += 1
                    self._check(number, values, len(self.columns) - 1, " after its group's header")
                    cells = [
                        self._cell(v, c, j)
                        for j, (v, c) in enumerate(zip(values, self.columns[1:], strict=True), 1)
                    ]
                    rendered.append([header, *cells] if i == 0 else cells)
                continue
            number += 1
            self._check(number, row, len(self.columns))
            rendered.append(
                [self._cell(v, c, i) for i, (v, c) in enumerate(zip(row, self.columns, strict=True))]
            )
        object.__setattr__(self, "cells", rendered)

    def _check(self, number: int, row: Sequence[object], width: int, where: str = "") -> None:
        if len(row) != width:
            raise ValueError(f"{self.caption}: row {number} has {len(row)} cells for {width} columns{where}")

    def _cell(self, value: object, column: Column, index: int) -> dict:
        cell = value if isinstance(value, Cell) else Cell(value)
        text = shown(cell.text)
        header = self.row_headers and index == 0
        return {
            "text": self.missing if text == "" and not _holds_more(cell) else text,
            "href": cell.href,
            "lines": cell.lines,
            "tags": cell.tags,
            "note": cell.note,
            "items": cell.items,
            "numeric": column.numeric,
            "header": header,
            "scope": "row" if header else "",
            "rowspan": 0,
            "field": _field(cell) if cell.field is not None else None,
            "action": cell.action,
        }


def _holds_more(cell: Cell) -> bool:
    """A cell with no text that is not "missing": it holds tags, lines, a list or a form."""
    return bool(cell.tags or cell.items or cell.lines or cell.field is not None or cell.action)


_CONTROL_CLASS = {Select: "govuk-select", Textarea: "govuk-textarea"}


def _field(cell: Cell) -> dict:
    """What the include needs to write a bound field GOV.UK style: its label, errors and widget,
    the widget marked wrong and described by its errors when it has any."""
    bound = cell.field
    widget = bound.field.widget
    base = next((css for kind, css in _CONTROL_CLASS.items() if isinstance(widget, kind)), "govuk-input")
    css = widget.attrs.get("class") or base
    error_id = f"{bound.id_for_label}-error"
    attrs = {"class": css}
    if bound.errors:
        attrs["class"] = f"{css} {base}--error"
        attrs["aria-describedby"] = " ".join(filter(None, (widget.attrs.get("aria-describedby"), error_id)))
    return {
        "id": bound.id_for_label,
        "label": cell.label or bound.label,
        "label_shown": cell.label_shown,
        "errors": list(bound.errors),
        "error_id": error_id,
        "control": SafeString(bound.as_widget(attrs=attrs)),
    }


def columns(*labels: str, numeric: Iterable[str] = ()) -> list[Column]:
    """Columns by label, those named in `numeric` right-aligned."""
    numeric = set(numeric)
    unknown = numeric - set(labels)
    if unknown:
        raise ValueError(f"numeric columns {sorted(unknown)} are not among the labels")
    return [Column(label, label in numeric) for label in labels]


def local(moment: datetime) -> datetime:
    """A moment in English time (a naive one is taken as already local)."""
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def shown(value: object) -> object:
    """A value as a table shows it (the template escapes what comes back)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return long_datetime(local(value))
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return value
