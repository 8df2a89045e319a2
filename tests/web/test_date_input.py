"""The GOV.UK date input: three boxes read as one date, older single-date links still read, and
GOV.UK's messages naming the field; rendered as a fieldset with a legend, a hint and the boxes."""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from lxml import html as lxml_html

from sightline.improvement.models import ProgressUpdate
from sightline.web.date_input import HINT, DateField, ModelForm


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


# Every date a person types is this one input: no browser date picker anywhere, and every form's
# date field is the GOV.UK field (a month chosen from a list is not typed, so it may stay).
SRC = Path(__file__).resolve().parents[2] / "src" / "sightline"
PICKERS = re.compile(
    r"""type\s*=\s*["']date["']|type:\s*["']date["']|input_type\s*=\s*["']date["']|forms\.DateInput"""
)
CHOSEN_NOT_TYPED = {("sightline.clinics.forms", "MonthForm", "month")}  # ?month=2026-03 from a select


def _pickers(root: Path) -> list[str]:
    files = [
        p for p in root.rglob("*") if p.suffix in {".py", ".html", ".js"} and "migrations" not in p.parts
    ]
    return [
        f"{path.relative_to(root)}:{n}"
        for path in files
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PICKERS.search(line)
    ]


def test_no_page_or_form_uses_the_browsers_date_picker():
    assert _pickers(SRC) == []


def test_the_picker_scan_finds_one(tmp_path):
    (tmp_path / "page.html").write_text('<input name="due" type="date">\n', encoding="utf-8")
    (tmp_path / "forms.py").write_text("widget = forms.DateInput()\n", encoding="utf-8")
    assert sorted(_pickers(tmp_path)) == ["forms.py:1", "page.html:1"]


def _form_classes() -> set[type]:
    import sightline

    importlib.import_module(settings.ROOT_URLCONF)
    for module in pkgutil.walk_packages(sightline.__path__, "sightline."):
        last = module.name.rsplit(".", 1)[-1]
        if last in {"forms", "posts", "params"} or last.endswith("_forms"):
            importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return {c for c in below(forms.BaseForm) if c.__module__.startswith("sightline.")}


def _not_gov_uk(form_classes) -> list[tuple[str, str, str]]:
    return sorted(
        (cls.__module__, cls.__name__, name)
        for cls in form_classes
        for name, field in cls.base_fields.items()
        if (isinstance(field, forms.DateField) or isinstance(field.widget, forms.DateInput))
        and (cls.__module__, cls.__name__, name) not in CHOSEN_NOT_TYPED
    )


def test_every_form_date_field_is_the_gov_uk_date_input():
    classes = _form_classes()
    names = {c.__name__ for c in classes}
    assert {"PlanActionForm", "ActionForm", "ProgrammeForm", "ImportForm", "ComplaintForm"} <= names
    assert _not_gov_uk(classes) == []
    dated = [c for c in classes if any(isinstance(f, DateField) for f in c.base_fields.values())]
    assert len(dated) >= 15  # the registers', the returns', the audits' and the clinics' forms


def test_the_form_scan_finds_a_plain_date_field():
    class Plain(forms.Form):
        on = forms.DateField(label="On")

    class Modelled(ModelForm):
        class Meta:
            model = ProgressUpdate
            fields = ["update_date"]
            formfield_callback = None

    assert _not_gov_uk({Plain, Modelled}) == [
        (__name__, "Modelled", "update_date"),
        (__name__, "Plain", "on"),
    ]
