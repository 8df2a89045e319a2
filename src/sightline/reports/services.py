"""Building a report's file: the same for the command line and a background job from the web."""

from __future__ import annotations

from dataclasses import dataclass

from . import assembly, render

FORMATS = ("pdf", "xlsx", "csv", "html")


@dataclass(frozen=True)
class BuiltFile:
    name: str
    content: bytes
    title: str


def build_report(params: dict, viewer=None) -> assembly.Report:
    """params: report ("quality-of-practice" or "clinic"), quarter or month, level, unit, committee."""
    on = assembly.perf.reference_date()
    committee = bool(params.get("committee"))
    if params.get("report") == "quality-of-practice":
        quarter = assembly.parse_quarter(params.get("quarter"), on)
        return assembly.quality_of_practice(quarter, viewer=viewer, committee=committee)
    if params.get("report") == "clinic":
        month = assembly.parse_month(params.get("month"), on)
        unit = params.get("unit")
        return assembly.clinic_pack(
            month,
            params.get("level") or "council",
            int(unit) if unit else None,
            viewer=viewer,
            committee=committee,
        )
    raise assembly.ReportError("The report is quality-of-practice or clinic.")


def build_file(params: dict, viewer=None) -> BuiltFile:
    fmt = params.get("format") or "pdf"
    if fmt not in FORMATS:
        raise assembly.ReportError(f"The format is one of {', '.join(FORMATS)}, not {fmt!r}.")
    report = build_report(params, viewer)
    if fmt == "pdf":
        content = render.pdf(report)
    elif fmt == "xlsx":
        content = render.xlsx(report, params.get("generated_by", ""))
    elif fmt == "csv":
        content = render.csv(report).encode("utf-8")
    else:
        content = render.html_document(report).encode("utf-8")
    return BuiltFile(f"{report.file_stem}.{fmt}", content, f"{report.title}, {report.subtitle}")

