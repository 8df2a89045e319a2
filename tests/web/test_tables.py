"""The one GOV.UK table include: captions, numeric columns right-aligned, header scopes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django import forms
from django.template.loader import render_to_string

import sightline
from sightline.domain.dates import long_date
from sightline.web.tables import Action, Cell, Group, Item, Table, Tag, columns, written


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
    assert f'<td class="govuk-table__cell">{long_date(dt.date(2026, 3, 3))}</td>' in html
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


def test_what_a_person_wrote_keeps_its_line_breaks_each_line_escaped():
    cell = written("Met the family.\r\n\r\nAgreed a <plan>\nReviewed")
    assert cell.text == "Met the family."
    assert cell.lines == ("", "Agreed a <plan>", "Reviewed")
    html = _render(Table("Updates", columns("Done"), [(cell,)], missing="-"))
    assert 'cell">Met the family.<br><br>Agreed a &lt;plan&gt;<br>Reviewed</td>' in html
    # Lines after a link sit below it, outside it; a cell whose first line is blank is not "missing".
    html = _render(Table("Link", columns("A"), [(Cell("Open", "/a/", lines=("second",)),)]))
    assert '<a class="govuk-link" href="/a/">Open</a><br>second</td>' in html
    assert '<td class="govuk-table__cell"><br>x</td>' in _render(
        Table("Blank first", columns("A"), [(written("\nx"),)], missing="-")
    )
    assert written(None).text == "" and written(None).lines == ()


def test_a_value_keeps_its_text_and_links_before_its_own_small_form():
    cell = Cell(
        "Open",
        items=(Item("Raise a plan action", href="/plan/add/?source_id=7"),),
        action=Action("Close", "/actions/7/close/", context="Ring the school"),
    )
    html = _render(Table("Actions", columns("Status"), [(cell,)], missing="-"))
    text, form = html.split('<td class="govuk-table__cell">', 1)[1].split("<form", 1)
    assert text.strip() == (
        'Open<ul class="govuk-list govuk-body-s"><li>'
        '<a class="govuk-link" href="/plan/add/?source_id=7">Raise a plan action</a></li></ul>'
    )
    assert 'action="/actions/7/close/"' in form
    # A form alone in its cell is not a missing value.
    alone = _render(Table("Alone", columns("A"), [(Cell(action=Action("Close", "/x/")),)], missing="-"))
    assert '<td class="govuk-table__cell"><form method="post" action="/x/"' in alone


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


class _Targets(forms.Form):
    target = forms.CharField(
        label="Target for Visits", widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-4"})
    )
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")])
    note = forms.CharField(label="Commentary", widget=forms.Textarea(attrs={"rows": 2}))


def test_a_cell_may_hold_a_form_field_labelled_for_screen_readers_its_errors_shown_govuk_style():
    form = _Targets({"target": "", "kind": "b", "note": "x"}, auto_id="f-%s")
    assert not form.is_valid()
    html = _render(
        Table(
            "Targets",
            columns("Indicator", "Target", "Kind", "Note"),
            [
                (
                    "Visits",
                    Cell(field=form["target"]),
                    Cell(field=form["kind"], label="Kind of target for Visits"),
                    Cell(field=form["note"], label_shown=True),
                )
            ],
            row_headers=True,
        )
    )
    target = html.split('<td class="govuk-table__cell">', 2)[1].split("</td>", 1)[0]
    assert '<div class="govuk-form-group sightline-row-field govuk-form-group--error">' in target
    assert (
        '<label class="govuk-label govuk-visually-hidden" for="f-target">Target for Visits</label>' in target
    )
    assert (
        '<p class="govuk-error-message" id="f-target-error">'
        '<span class="govuk-visually-hidden">Error:</span> This field is required.</p>' in target
    )
    # The widget keeps its own width class, is marked wrong and is described by its error.
    assert 'class="govuk-input govuk-input--width-4 govuk-input--error"' in target
    assert 'aria-describedby="f-target-error"' in target and 'name="target"' in target
    # A select and a textarea get their GOV.UK classes; the posted value stays chosen.
    assert 'for="f-kind">Kind of target for Visits</label>' in html
    assert '<select name="kind" class="govuk-select"' in html and '<option value="b" selected>' in html
    assert '<label class="govuk-label" for="f-note">Commentary</label>' in html
    assert 'class="govuk-textarea"' in html and ">\nx</textarea>" in html
    assert "govuk-form-group--error" not in html.split('for="f-kind"', 1)[1]


def test_a_cell_may_hold_its_own_small_form_with_one_button_told_apart_for_screen_readers():
    form = _Targets(auto_id="close-%s")
    html = _render(
        Table(
            "Actions",
            columns("Action", "Close"),
            [
                (
                    "Ring the school",
                    Cell(
                        field=form["target"],
                        label="What was done",
                        action=Action(
                            "Close", "/actions/7/close/", (("next", "/audits/3/"),), "Ring the school"
                        ),
                    ),
                ),
                ("Visit", Cell(action=Action("Reopen", "/actions/8/open/", style=""))),
            ],
        )
    )
    first = html.split('<form method="post" action="/actions/7/close/" class="sightline-row-form">', 1)[1]
    first = first.split("</form>", 1)[0]
    assert '<input type="hidden" name="next" value="/audits/3/">' in first
    assert 'for="close-target">What was done</label>' in first and 'name="target"' in first
    assert (
        '<button type="submit" class="govuk-button govuk-button--secondary sightline-small-button" '
        'data-module="govuk-button">Close<span class="govuk-visually-hidden"> Ring the school</span></button>'
        in first
    )
    assert 'class="govuk-button sightline-small-button" data-module="govuk-button">Reopen</button>' in html
    with pytest.raises(ValueError, match="button style"):
        Action("Close", "/x/", style="primary")


def test_a_group_of_rows_shares_one_header_spanning_them():
    table = Table(
        "Rule hits per child",
        columns("Child", "Rule", "Field"),
        [
            Group("C1", [("100", "DOB"), ("204", "UPN")]),
            Group(Cell("C2", "/c2/"), [("300", "Sex")]),
            ("C3", "1", "x"),
        ],
        row_headers=True,
    )
    html = _render(table)
    rows = html.split('<tr class="govuk-table__row">')[2:]
    assert rows[0].startswith('<th scope="rowgroup" rowspan="2" class="govuk-table__header">C1</th>')
    assert rows[1].startswith('<td class="govuk-table__cell">204</td>')
    assert rows[2].startswith(
        '<th scope="rowgroup" rowspan="1" class="govuk-table__header">'
        '<a class="govuk-link" href="/c2/">C2</a></th>'
    )
    assert rows[3].startswith('<th scope="row" class="govuk-table__header">C3</th>')
    with pytest.raises(ValueError, match="row 2 has 3 cells for 2 columns after its group's header"):
        Table("Odd", columns("Child", "Rule", "Field"), [Group("C1", [("1", "a"), ("2", "b", "c")])])
    with pytest.raises(ValueError, match="has no rows"):
        Table("Odd", columns("Child", "Rule"), [Group("C1", [])])


SRC = Path(sightline.__file__).parent
# The pages' one table include, and the report documents' own (web pages and print, reports/).
INCLUDES = {"templates/web/_table.html", "reports/templates/reports/_table.html"}
# Templates still writing their own tables: none. A new page declares its table (web/tables.py)
# and includes web/_table.html; extend the include, in a small general way, for what it lacks.
STILL_HAND_WRITTEN: set[str] = set()


def test_no_template_but_the_include_writes_a_table():
    writing = {
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.html")
        if "<table" in path.read_text(encoding="utf-8").lower()
    }
    assert writing - INCLUDES - STILL_HAND_WRITTEN == set(), "declare the table (web/tables.py) instead"
    assert STILL_HAND_WRITTEN - writing == set(), "moved to the include: take it off STILL_HAND_WRITTEN"
    assert writing >= INCLUDES
def test_a_moment_is_shown_in_english_time_by_the_table_and_the_template_filters():
    from datetime import UTC

    from django.template import Context, Template

    from sightline.domain.dates import long_datetime
    from sightline.web.tables import shown

    summer = dt.datetime(2026, 6, 1, 13, 5, 9, tzinfo=UTC)  # 2:05pm British Summer Time
    local = dt.datetime(2026, 6, 1, 14, 5, 9)
    assert shown(summer) == long_datetime(local) and shown(local.date()) == long_date(local.date())
    template = Template(
        '{% load sightline_tags %}{{ at|long_datetime }}|{{ at|long_datetime:"seconds" }}|{{ at|long_date }}'
        '|{{ none|long_date|default:"Not recorded" }}'
    )
    rendered = template.render(Context({"at": summer, "none": None}))
    day = long_date(local.date())
    with_seconds = long_datetime(local, seconds=True)
    assert rendered.split("|") == [long_datetime(local), with_seconds, day, "Not recorded"]
