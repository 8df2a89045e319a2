"""CSV and XLSX downloads of any table a page shows, logged as exports.

Written by `domain.sheets` (the one writer of every spreadsheet): text made inert, Excel cells
typed, header frozen, and an "About" sheet with the title, period, level, when, who and the
protective marking. The CSV has the same columns and no extra rows, so it loads as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone

from sightline.accesslog.services import log_export
from sightline.domain.sheets import OFFICIAL, OFFICIAL_SENSITIVE, About, Table, csv_text, xlsx_bytes

FORMATS = {"csv", "xlsx"}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
__all__ = ["FORMATS", "OFFICIAL", "OFFICIAL_SENSITIVE", "table_response", "who"]


def who(user) -> str:
    """The person a download is made for, as the council knows them."""
    name = user.get_full_name() if hasattr(user, "get_full_name") else ""
    username = getattr(user, "username", "") or ""
    return f"{name} ({username})" if name and username else name or username


def title_of(name: str) -> str:
    """A file name ("overdue-audits") as a title ("Overdue audits")."""
    text = name.replace("-", " ").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def table_response(
    request,
    name: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    fmt: str,
    *,
    title: str = "",
    period: str = "",
    level: str = "",
    marking: str = OFFICIAL_SENSITIVE,
    notes: Sequence[tuple[str, str]] = (),
) -> HttpResponse:
    """The table as a download; `name` becomes the file name and the access-log entry.

    `marking` is OFFICIAL-SENSITIVE unless the caller says the table holds no child's or
    worker's details (counts and rates: OFFICIAL).
    """
    rows = [list(row) for row in rows]
    log_export(request.user, f"{name}.{fmt} ({len(rows)} rows) from {request.path}")
    title = title or title_of(name)
    if fmt == "xlsx":
        about = About(
            title=title,
            marking=marking,
            period=period,
            level=level,
            generated_at=timezone.localtime(),
            generated_by=who(request.user),
            notes=list(notes),
        )
        response = HttpResponse(xlsx_bytes([Table(title, headers, rows)], about), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_text(headers, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
