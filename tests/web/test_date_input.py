"""The GOV.UK date input: three boxes read as one date, older single-date links still read, and
GOV.UK's messages naming the field; rendered as a fieldset with a legend, a hint and the boxes."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from lxml import html as lxml_html

from sightline.web.date_input import HINT, DateField


class _Form(forms.Form):
    end = DateField(label="Period ending")


class _Required(forms.Form):
    due = DateField(label="Due date", required=True)


def _clean(data: dict, form_class=_Form):
    form = form_class(data)
    return form, (form.cleaned_data if form.is_valid() else None)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"end-day": "31", "end-month": "3", "end-year": "2026"}, date(2026, 3, 31)),
        ({"end-day": " 07 ", "end-month": "03", "end-year": "2026"}, date(2026, 3, 7)),
        ({"end-day": "29", "end-month": "2", "end-year": "2024"}, date(2024, 2, 29)),
        # The single date older links and bookmarks give.
        ({"end": "2026-03-31"}, date(2026, 3, 31)),
        ({"end": "31/03/2026"}, date(2026, 3, 31)),
        # The boxes win over a single date when both are there.
        ({"end": "2026-03-31", "end-day": "1", "end-month": "4", "end-year": "2025"}, date(2025, 4, 1)),
        ({}, None),
        ({"end-day": "", "end-month": "", "end-year": ""}, None),
        ({"end": ""}, None),
    ],
)
def test_three_boxes_or_one_older_date_read_as_one_date(data, expected):
    form, cleaned = _clean(data)
    assert cleaned == {"end": expected}, form.errors


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"end-day": "31", "end-month": "2", "end-year": "2026"}, "Period ending must be a real date"),
        ({"end-day": "0", "end-month": "3", "end-year": "2026"}, "Period ending must be a real date"),
        ({"end-day": "1", "end-month": "13", "end-year": "2026"}, "Period ending must be a real date"),
        ({"end-day": "29", "end-month": "2", "end-year": "2025"}, "Period ending must be a real date"),
        ({"end-day": "x", "end-month": "3", "end-year": "2026"}, "Period ending must be a real date"),
        ({"end-day": "1", "end-month": "3", "end-year": "9" * 5000}, "Period ending must be a real date"),
        (
            {"end-day": "1", "end-month": "3", "end-year": "26"},
            "Period ending must include a year of 4 numbers, such as 2026",
        ),
        ({"end-day": "1", "end-month": "", "end-year": "2026"}, "Period ending must include a month"),
        ({"end-day": "1"}, "Period ending must include a month and year"),
        ({"end-year": "2026"}, "Period ending must include a day and month"),
        ({"end": "2026-02-31"}, "Period ending must be a real date"),
        ({"end": "next week"}, "Period ending must be a real date"),
    ],
)
def test_a_date_that_is_not_there_or_not_real_is_refused_naming_the_field(data, message):
    form, cleaned = _clean(data)
    assert cleaned is None
    assert form.errors["end"] == [message]


def test_a_required_date_left_empty_says_enter_it():
    form, cleaned = _clean({"due-day": "", "due-month": "", "due-year": ""}, _Required)
    assert cleaned is None and form.errors["due"] == ["Enter due date"]


def _group(form, name):
    return lxml_html.fragment_fromstring(str(form[name].as_field_group()), create_parent="div")


def test_rendered_as_a_gov_uk_date_input_in_a_fieldset():
    form = _Form(initial={"end": date(2026, 3, 31)}, auto_id="%s")
    root = _group(form, "end")
    fieldset = root.find(".//fieldset")
    assert fieldset.get("role") == "group" and fieldset.get("aria-describedby") == "end-hint"
    assert fieldset.findtext("legend").strip() == "Period ending"
    assert root.get_element_by_id("end-hint").text_content().strip() == HINT == "For example, 27 3 2026"
    boxes = root.findall(".//input")
    assert [(b.get("name"), b.get("id"), b.get("value"), b.get("inputmode")) for b in boxes] == [
        ("end-day", "end-day", "31", "numeric"),
        ("end-month", "end-month", "3", "numeric"),
        ("end-year", "end-year", "2026", "numeric"),
    ]
    assert [b.get("type") for b in boxes] == ["text"] * 3  # not the browser's own date picker
    labels = {label.get("for"): label.text_content().strip() for label in root.findall(".//label")}
    assert labels == {"end-day": "Day", "end-month": "Month", "end-year": "Year"}
    assert "govuk-input--width-4" in boxes[2].get("class") and "govuk-input--width-2" in boxes[0].get("class")
    assert not root.find_class("govuk-error-message") and not root.find_class("govuk-input--error")


def test_an_older_single_date_fills_the_boxes():
    form = _Form({"end": "2026-03-31"}, auto_id="%s")
    assert [b.get("value") for b in _group(form, "end").findall(".//input")] == ["31", "3", "2026"]


def test_an_error_is_shown_gov_uk_style_marking_the_boxes_that_are_wrong():
    form = _Form({"end-day": "31", "end-month": "", "end-year": "2026"}, auto_id="%s")
    assert not form.is_valid()
    root = _group(form, "end")
    assert "govuk-form-group--error" in root[0].get("class")
    assert root.find(".//fieldset").get("aria-describedby") == "end-hint end-error"
    error = root.get_element_by_id("end-error")
    assert error.text_content().strip() == "Error: Period ending must include a month"
    wrong = [b.get("name") for b in root.findall(".//input") if "govuk-input--error" in b.get("class")]
    assert wrong == ["end-month"]  # only the box left empty
    assert [b.get("value") for b in root.findall(".//input")] == ["31", None, "2026"]  # kept as typed

    impossible = _Form({"end-day": "31", "end-month": "2", "end-year": "2026"}, auto_id="%s")
    assert not impossible.is_valid()
    boxes = _group(impossible, "end").findall(".//input")
    assert all("govuk-input--error" in b.get("class") and b.get("aria-invalid") == "true" for b in boxes)
