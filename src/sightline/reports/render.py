"""A report as an HTML page, a tagged PDF (WeasyPrint, PDF/UA-1: tags, language and title) and a
workbook of its tables. The page and the PDF share one template of the report's body, so they
say the same; charts are SVG with their figures in a table beside them."""

from __future__ import annotations

import io
from datetime import date, datetime

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from .assembly import Report
from .sections import Chart, Section, Table
from .svg import chart_svg

DASH = "\N{EN DASH}"
LANGUAGE = "en-GB"


def cell(value) -> str:
    """A cell as a person reads it: dates in words, figures rounded, blanks as a dash."""
    if value is None or value == "":
        return DASH
    if isinstance(value, datetime):
        return f"{value:%-d %B %Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _table(table: Table, svgs: dict | None = None) -> dict:
    """Cells as text, with an icon where the section gives one (`extra["cell_svgs"]`)."""
    svgs = svgs or {}
    return {
        "caption": table.caption,
        "headers": list(table.headers),
        "rows": [
            [{"text": cell(v), "svg": svgs.get((r, c), "")} for c, v in enumerate(row)]
            for r, row in enumerate(table.rows)
        ],
    }


def chart_table(chart: Chart) -> Table:
    """A chart's figures: one row per series, one column per category."""
    return Table(
        f"{chart.title}: the figures" + (f" ({chart.unit})" if chart.unit else ""),
        ["", *chart.categories],
        [[name, *values] for name, values in chart.series.items()],
    )


def _section(section: Section, index: int) -> dict:
    icons = section.extra.get("cell_svgs", {})
    return {
        "key": section.key,
        "anchor": f"section-{index}",
        "title": section.title,
        "empty_message": section.empty_message,
        "paragraphs": list(section.paragraphs),
        "tables": [_table(t, icons.get(n)) for n, t in enumerate(section.tables)],
        "charts": [
            {"svg": chart_svg(c, f"chart-{index}-{n}"), "title": c.title, "table": _table(chart_table(c))}
            for n, c in enumerate(section.charts)
        ],
    }


def context(report: Report) -> dict:
    return {
        "report": report,
        "language": LANGUAGE,
        "sections": [_section(s, i) for i, s in enumerate(report.sections, start=1)],
    }


def html_document(report: Report) -> str:
    """The standalone document the PDF is drawn from (print styles inline, nothing fetched)."""
    return render_to_string("reports/print.html", context(report))


def pdf(report: Report) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html_document(report), base_url=None)
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def _sheet_name(title: str, used: set[str]) -> str:
    base = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28].strip() or "Section"
    name, n = base, 2
    while name.lower() in used:
        name, n = f"{base[:25]} ({n})", n + 1
    used.add(name.lower())
    return name


def _xlsx_value(value):
    if value is None or isinstance(value, int | float | date):
        return value
    return str(value)


def _write_table(sheet, table: Table) -> None:
    sheet.append([table.caption])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append(list(table.headers))
    for c in sheet[sheet.max_row]:
        c.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_xlsx_value(v) for v in row])
    sheet.append([])


def xlsx(report: Report) -> bytes:
    """Every table of the report (and every chart's figures), one sheet per section."""
    book = Workbook()
    contents = book.active
    contents.title = "Contents"
    contents.append([report.title, report.council, report.subtitle])
    contents.append(["Section", "Sheet"])
    used = {"contents"}
    for section in report.sections:
        sheet = book.create_sheet(_sheet_name(section.title, used))
        contents.append([section.title, sheet.title])
        sheet.append([section.title])
        sheet.cell(1, 1).font = Font(bold=True, size=14)
        if section.is_empty:
            sheet.append([section.empty_message])
            continue
        for paragraph in section.paragraphs:
            sheet.append([paragraph])
        sheet.append([])
        for table in [*section.tables, *(chart_table(c) for c in section.charts)]:
            _write_table(sheet, table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
