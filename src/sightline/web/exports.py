"""CSV and XLSX downloads of any table a page shows, logged as exports.

Written by `domain.sheets` (the one writer of every spreadsheet): text made inert, Excel cells
typed, header frozen, and an "About" sheet with the title, period, level, when, who and the
protective marking. The CSV has the same columns and no extra rows, so it loads as it is.

Every download is declared once (`web.export_registry`): what it holds decides its marking
here, not in the view. A list of children or of named staff is OFFICIAL-SENSITIVE; counts and
rates are OFFICIAL, unless the figures are a named worker's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone

from sightline.accesslog.services import log_export
from sightline.domain.sheets import OFFICIAL, OFFICIAL_SENSITIVE, About, Table, csv_text, xlsx_bytes

from .selectors import as_at

FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHILD_LEVEL = "child-level"  # a row per child, or rows naming children
WORKER_LEVEL = "worker-level"  # rows naming members of staff (owners, auditors, users)
AGGREGATE = "aggregate"  # counts, rates and figures by council, service, team or group
HOLDS = (CHILD_LEVEL, WORKER_LEVEL, AGGREGATE)
__all__ = [
    "AGGREGATE",
    "CHILD_LEVEL",
    "FORMATS",
    "OFFICIAL",
    "OFFICIAL_SENSITIVE",
    "WORKER_LEVEL",
    "Export",
    "marking_for",
    "table_response",
    "who",
]


def marking_for(holds: str, *, names_worker: bool = False) -> str:
    """The protective marking of a download: OFFICIAL for aggregates, unless they are one named
    worker's figures or broken down by worker; OFFICIAL-SENSITIVE for child- or worker-level lists."""
    if holds not in HOLDS:
        raise ValueError(f"{holds!r} is not one of {HOLDS}")
    return OFFICIAL if holds == AGGREGATE and not names_worker else OFFICIAL_SENSITIVE


@dataclass(frozen=True)
class Export:
    """One kind of download: where it is offered and what it holds.

    `url` is the URL name of the page offering it ("<register>-list" for every register), `query`
    the parameters that ask for this table of the page, `identifiers` the columns whose values
    stay text in Excel (IDs, references, codes).
    """

    key: str
    url: str
    holds: str
    what: str
    query: tuple[tuple[str, str], ...] = ()
    identifiers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        marking_for(self.holds)

    @property
    def marking(self) -> str:
        return marking_for(self.holds)


def who(user) -> str:
    """The person a download is made for, as the council knows them."""
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    username = getattr(user, "username", "") or ""
    return f"{name} ({username})" if name and username else name or username


def title_of(name: str) -> str:
    """A file name ("overdue-audits") as a title ("Overdue audits")."""
    text = name.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def as_at_label() -> str:
    return f"As at {as_at():%-d %B %Y}"


def table_response(
    request,
    export: Export,
    name: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    fmt: str,
    *,
    title: str = "",
    period: str = "",
    level: str = "Council",
    names_worker: bool = False,
    identifiers: Iterable[str] = (),
    notes: Sequence[tuple[str, str]] = (),
) -> HttpResponse:
    """The table as a download; `name` becomes the file name and the access-log entry.

    The marking follows from what the export holds (`names_worker`: aggregates for a named
    worker, or by worker); the period is the data's date unless the page covers another.
    """
    rows = [list(row) for row in rows]
    log_export(request.user, f"{name}.{fmt} ({len(rows)} rows) from {request.path}")
    title = title or title_of(name)
    if fmt == "xlsx":
        about = About(
            title=title,
            marking=marking_for(export.holds, names_worker=names_worker),
            period=period or as_at_label(),
            level=level,
            generated_at=timezone.localtime(),
            generated_by=who(request.user),
            notes=list(notes),
        )
        table = Table(title, headers, rows, frozenset(export.identifiers) | set(identifiers))
        response = HttpResponse(xlsx_bytes([table], about), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_text(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
