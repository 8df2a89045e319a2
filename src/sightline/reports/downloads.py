"""A built report as a download from a page: the workbook of its tables or the CSV of every
figure, logged as an export. The Quality of Practice page and the clinic pages share it."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from sightline.accesslog.services import log_export
from sightline.web.exports import XLSX_TYPE, Export, marking_for, who

from . import render
from .assembly import Report


def report_response(request, export: Export, report: Report, fmt: str) -> HttpResponse:
    """The report's figures: the workbook (every table) or the CSV of every figure. `export` is
    the registered download (the board's or the committee paper), whose marking the file carries."""
    if fmt == "xlsx":
        marking = marking_for(export.holds)
        response = HttpResponse(render.xlsx(report, who(request.user), marking), content_type=XLSX_TYPE)
    elif fmt == "csv":
        response = HttpResponse(render.csv(report), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("No such format")
    log_export(request.user, f"{report.file_stem}.{fmt} from {request.path}")
    response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.{fmt}"'
    return response
