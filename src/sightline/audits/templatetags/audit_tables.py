"""An analysis table (audits.analysis.Table) as the one GOV.UK table (web/tables.py): a missing
figure as a dash; a suppressed count reads as roles.suppress gave it."""

from django import template

from sightline.web.tables import DASH, Column, Table

register = template.Library()


def _shown(value):
    return DASH if value is None else value


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
