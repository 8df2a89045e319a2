"""CSV and XLSX downloads of any table a page shows, logged as exports."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from sightline.accesslog.services import log_export

FORMATS = {"csv", "xlsx"}


def table_response(
    request, name: str, headers: Sequence[str], rows: Iterable[Sequence], fmt: str
) -> HttpResponse:
    """The table as a download; `name` becomes the file name and the access-log entry."""
    rows = [list(row) for row in rows]
    log_export(request.user, f"{name}.{fmt} ({len(rows)} rows) from {request.path}")
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        sheet.title = name[:31]
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(
                [value if isinstance(value, int | float) or value is None else str(value) for value in row]
            )
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
