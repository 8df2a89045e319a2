"""A report as an HTML page, a tagged PDF (WeasyPrint, PDF/UA-1: tags, language and title) and a
workbook of its tables. The page and the PDF share one template of the report's body, so they
say the same; charts are SVG with their figures in a table beside them."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.template.loader import render_to_string
from django.utils import timezone

from sightline.domain import sheets

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
        ["Series", *chart.categories],
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
    # Captions as headings before their tables in print: WeasyPrint's tagging fails on a page
    # holding only a table's caption (Kozea/WeasyPrint#2761).
    return render_to_string("reports/print.html", {**context(report), "print": True})


def pdf(report: Report) -> bytes:
    from weasyprint import HTML

    document = HTML(string=html_document(report), base_url=None)
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


FIGURES_HEADERS = ["Section", "Table", "Row", "Column", "Value"]


def _tables_of(section: Section) -> list[Table]:
    return [*section.tables, *(chart_table(c) for c in section.charts)]


def figures(report: Report) -> list[list]:
    """Every figure of the report, one a row (section, table, row, column, value): the CSV, and
    the workbook's first sheet, for an analyst to filter or chart."""
    rows = []
    for section in report.sections:
        if section.is_empty:
            rows.append([section.title, "", "", "", section.empty_message])
            continue
        found = [
            [section.title, table.caption, row[0], header or "", value]
            for table in _tables_of(section)
            for row in table.rows
            if row
            for header, value in zip(table.headers[1:], row[1:], strict=False)
        ]
        rows += found or [[section.title, "", "", "", "None in the period."]]
    return rows


def about(report: Report, generated_by: str = "", marking: str | None = None) -> sheets.About:
    """The workbook's About sheet; the marking is the registered download's (`web.exports`), or
    for the command line the version's: the committee paper OFFICIAL, the board's OFFICIAL-SENSITIVE."""
    if marking is None:
        marking = sheets.OFFICIAL if report.committee else sheets.OFFICIAL_SENSITIVE
    return sheets.About(
        title=f"{report.title}: {report.council}",
        marking=marking,
        period=report.ctx.label,
        level=report.ctx.level.capitalize() + (f": {report.unit}" if report.unit else ""),
        generated_at=timezone.localtime(),
        generated_by=generated_by,
        notes=[("Version", "Committee paper: counts of 1 to 5 suppressed" if report.committee else "Board")],
    )


_FIGURES_OF = re.compile(r": the figures( \([^)]*\))?$")
_LAST_MONTHS = re.compile(r": the last \d+ months$")
_PARENTHESES = re.compile(r" \([^)]*\)")
_AS_AT = re.compile(r" (at|on|to) \d{1,2} [A-Z][a-z]+ \d{4}")
# Said shorter, as council staff say it, when a caption is too long for a tab (in this order).
SHORTER = [
    (re.compile(r" by month$"), ""),
    (re.compile(r" within the local standard"), " in time"),
    (re.compile(r" per 10,000 children"), " per 10,000"),
    (re.compile(r"^Assessments identifying (.+)$"), r"\1 at assessment"),
    (re.compile(r" significantly and substantially different"), " that differ"),
    (re.compile(r"^Case-holding workers above the team's caseload limit"), "Workers over caseload limit"),
    (re.compile(r"^Newly qualified social workers still with us after"), "NQSWs retained"),
    (re.compile(r" aged (\d)"), r" \1"),
    (re.compile(r" in education, employment or training"), " in EET"),
]


def sheet_title(section: Section, caption: str, period: str) -> str:
    """A table's caption as a sheet's name says it: without the report's period or date (the
    About sheet gives them) or "the figures", a KPQ's headline table as "KPQ 1 headline
    indicators", and shorter when it is long (`sheets.sheet_name` cuts what is still too long)."""
    text = caption
    for said in (f", {period}", f" in {period}", f" ({period})", period):
        text = text.replace(said, "")
    text = _LAST_MONTHS.sub(" by month", _FIGURES_OF.sub("", _AS_AT.sub("", text).strip()))
    if text.endswith(": headline indicators") and section.title.startswith("KPQ"):
        text = f"{section.title.partition(':')[0]} headline indicators"
    most = sheets.SHEET_NAME_MAX
    text = _PARENTHESES.sub("", text) if len(text) > most else text
    for long, short in SHORTER:
        text = long.sub(short, text) if len(text) > most else text
    text = text.partition(": ")[0] if len(text) > most else text
    text = text.replace(": ", ", ").rstrip(" ,:")
    return (text[:1].upper() + text[1:]) or caption


def xlsx(report: Report, generated_by: str = "", marking: str | None = None) -> bytes:
    """About, every figure in one sheet, then each table of each section on its own sheet,
    named for what it holds (the About sheet lists every sheet with its table's full caption)."""
    tables = [sheets.Table("All figures", FIGURES_HEADERS, figures(report))]
    for section in report.sections:
        for table in [] if section.is_empty else _tables_of(section):
            name = sheet_title(section, table.caption, report.ctx.label)
            tables.append(sheets.Table(table.caption, table.headers, table.rows, sheet=name))
    return sheets.xlsx_bytes(tables, about(report, generated_by, marking))


def csv(report: Report) -> str:
    return sheets.csv_text(FIGURES_HEADERS, figures(report))
