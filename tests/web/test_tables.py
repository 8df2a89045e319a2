"""The one GOV.UK table include: captions, numeric columns right-aligned, header scopes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string

from sightline.web.tables import Cell, Item, Table, Tag, columns


def _render(table: Table) -> str:
    return render_to_string("web/_table.html", {"table": table})


def test_numeric_columns_are_right_aligned_and_every_header_has_its_scope():
    table = Table(
        "Children by team",
        columns("Team", "Children", numeric=["Children"]),
        [("North", 12), ("South", 7)],
        id="by-team",
        row_headers=True,
    )
    html = _render(table)
    assert '<table class="govuk-table" id="by-team">' in html
    assert '<caption class="govuk-table__caption govuk-visually-hidden">Children by team</caption>' in html
    assert '<th scope="col" class="govuk-table__header">Team</th>' in html
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Children</th>' in html
    assert '<th scope="row" class="govuk-table__header">North</th>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">7</td>' in html


def test_a_visible_caption_links_tags_and_values_shown_as_people_read_them():
    table = Table(
        "Caseloads",
        columns("Worker", "Since", "Agency"),
        [(Cell("A <Worker>", "/workers/1/", tags=(Tag("Over limit", "red"),)), dt.date(2026, 3, 3), True)],
        caption_size="s",
        scroll=True,
    )
    html = _render(table)
    # A box that scrolls sideways is reachable from the keyboard, named by its caption.
    assert '<div class="sightline-table-scroll" tabindex="0" role="region" aria-label="Caseloads">' in html
    assert "govuk-table__caption--s" in html
    assert (
        '<a class="govuk-link" href="/workers/1/">A &lt;Worker&gt;</a> '
        '<strong class="govuk-tag govuk-tag--red">Over limit</strong>' in html
    )
    assert '<td class="govuk-table__cell">3 Mar 2026</td>' in html
    assert '<td class="govuk-table__cell">Yes</td>' in html


def test_a_rating_tag_has_the_ratings_width_and_a_short_list_sits_below_the_text():
    table = Table(
        "Ratings",
        columns("Indicator", "Rating", "Changes"),
        [
            (
                "Visits",
                Cell(tags=(Tag("Amber", "yellow", rating=True),)),
                Cell("Edited", items=(Item(" from \u201c<a>\u201d", lead="Name"), Item("Reopened"))),
            )
        ],
        missing="-",
    )
    html = _render(table)
    assert (
        '<td class="govuk-table__cell"> '
        '<strong class="govuk-tag sightline-rag govuk-tag--yellow">Amber</strong></td>' in html
    )
    assert (
        '<td class="govuk-table__cell">Edited<ul class="govuk-list govuk-body-s">'
        "<li><strong>Name</strong> from \u201c&lt;a&gt;\u201d</li><li>Reopened</li></ul></td>" in html
    )
    # A cell holding only a list is not "missing".
    assert '<td class="govuk-table__cell"><ul' in _render(
        Table("List", columns("A"), [(Cell(items=(Item("x"),)),)], missing="-")
    )


def test_an_empty_table_says_so_across_every_column():
    html = _render(Table("Nothing", columns("A", "B", "C"), [], empty="None in the period."))
    assert '<td class="govuk-table__cell" colspan="3">None in the period.</td>' in html


def test_a_missing_value_shows_the_tables_missing_text():
    html = _render(Table("Gaps", columns("A", "B"), [("x", None)], missing="-"))
    assert '<td class="govuk-table__cell">-</td>' in html


def test_a_row_of_the_wrong_width_or_an_unknown_numeric_column_is_refused():
    with pytest.raises(ValueError, match="row 2 has 1 cells for 2 columns"):
        Table("Odd", columns("A", "B"), [("x", 1), ("y",)])
    with pytest.raises(ValueError, match="not among the labels"):
        columns("A", numeric=["B"])
    with pytest.raises(ValueError, match="caption size"):
        Table("Odd", columns("A"), [], caption_size="xl")
