"""Statistical process control beside the headline indicators: the Making Data Count variation
and assurance of each indicator's last 24 months, read as the indicator's own page reads them
(`performance.selectors.control_of`: the council's run length and recorded rebases), so the
report's icons match the page's for the same month."""

from __future__ import annotations

from html import escape

from sightline.accounts import roles
from sightline.performance import selectors as perf
from sightline.reports.sections import Table
from sightline.spc import icon_for
from sightline.web.indicators import figure

SPC_MONTHS = 24
DASH = "\N{EN DASH}"


def _with_alt(svg: str, label: str) -> str:
    """The icon's text alternative also as `alt`, which the tagged PDF gives its figure."""
    return svg.replace("<svg ", f'<svg alt="{escape(label)}" ', 1)


def monthly_values(definition: dict, end, level: str, unit_id, viewer) -> list[tuple]:
    """The last 24 months as the viewer is shown them: suppressed months (committee version) are gaps."""
    months = perf.series(definition["id"], end=end, months=SPC_MONTHS, level=level, unit_id=unit_id)
    if not roles.suppresses_small_numbers(viewer):
        return [(month, result.value) for month, result in months]
    return [(month, figure(definition, result, viewer)["value"]) for month, result in months]


def icons_for(definition: dict, end, level: str, unit_id, viewer, values: list[tuple] | None = None):
    values = values if values is not None else monthly_values(definition, end, level, unit_id, viewer)
    return icon_for(perf.control_of(definition, values), size=28)


def with_columns(table: Table, icons: list) -> tuple[Table, dict]:
    """The table with Variation and Assurance columns (short labels) and the icons by cell."""
    width = len(table.headers)
    rows, svgs = [], {}
    for r, (row, found) in enumerate(zip(table.rows, icons, strict=True)):
        cells = []
        for c, icon in enumerate([found.variation, found.assurance]):
            cells.append(icon.short if icon else DASH)
            if icon:
                svgs[(r, width + c)] = _with_alt(icon.svg, icon.label)
        rows.append([*row, *cells])
    return Table(table.caption, [*table.headers, "Variation", "Assurance"], rows), svgs
