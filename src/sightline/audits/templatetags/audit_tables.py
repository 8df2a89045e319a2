"""An analysis table (audits.analysis.Table) as the one GOV.UK table (web/tables.py): a missing
figure as a dash, a suppressed count said to be one."""

from django import template

from sightline.web.tables import DASH, Column, Table

register = template.Library()

SUPPRESSED = ("1-5", "suppressed")


def _shown(value):
    if value is None:
        return DASH
    if isinstance(value, str) and value in SUPPRESSED:
        return "1-5 (suppressed)"
    return value


@register.filter
def govuk_table(table) -> Table:
    return Table(
        table.caption,
        [Column(header) for header in table.headers],
        [[row[0], *(_shown(value) for value in row[1:])] for row in table.rows],
        id=f"table-{table.key}",
        row_headers=True,
        scroll=True,
    )
