"""A built report as a download from a page: the workbook of its tables or the CSV of every
figure, logged as an export. The Quality of Practice page and the clinic pages share it."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from sightline.accesslog.services import log_export
from sightline.web.exports import XLSX_TYPE, who

from . import render
from .assembly import Report


def report_response(request, report: Report, fmt: str) -> HttpResponse:
    """The report's figures: the workbook (every table) or the CSV of every figure."""
    if fmt == "xlsx":
        response = HttpResponse(render.xlsx(report, who(request.user)), content_type=XLSX_TYPE)
    elif fmt == "csv":
        response = HttpResponse(render.csv(report), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("No such format")
    log_export(request.user, f"{report.file_stem}.{fmt} from {request.path}")
    response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.{fmt}"'
    return response
