"""Every date a person types, as a GOV.UK date input: Day, Month and Year in a fieldset.

A browser's own date picker differs between browsers, is hard to use with a screen reader and
gives no message a person can act on; GOV.UK's pattern is three short boxes under a legend with
the hint "For example, 27 3 2026". `DateField` is that pattern as a Django field: its widget
posts `NAME-day`, `NAME-month` and `NAME-year`, and it still reads a single `NAME=2026-03-31`
(or 31/03/2026), so that bookmarks and the links other pages build keep working. Its errors are
GOV.UK's, naming the field: "Period ending must include a month", "… must be a real date".
A page renders the whole group (legend, hint, error, the three boxes) with
`{{ form.NAME.as_field_group }}` (template web/_date_input.html). A ModelForm gets it for each
of its model's date fields by deriving from `date_input.ModelForm` (or with
`formfield_callback = date_input.model_formfield` in its Meta); a value posted
outside a form (the audit page's autosave) is read with `read_date`.
"""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.db import models
from django.utils.text import capfirst

from sightline.domain.dates import parse_date
from sightline.domain.numbers import is_whole_number

HINT = "For example, 27 3 2026"
PARTS = ("day", "month", "year")
_WIDTHS = {"day": 2, "month": 2, "year": 4}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class DateInput(forms.MultiWidget):
    """Three numeric text boxes named NAME-day, NAME-month and NAME-year."""

    template_name = "web/_date_input_widget.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        boxes = [forms.TextInput(attrs={"inputmode": "numeric"}) for _ in PARTS]
        super().__init__(boxes, attrs)
        self.widgets_names = [f"-{part}" for part in PARTS]

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str):
            return list(_legacy_parts(value) or (value, "", ""))
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        """The three boxes, or the one `NAME=YYYY-MM-DD` an older link or bookmark gives."""
        if not any(f"{name}-{part}" in data for part in PARTS) and name in data:
            return data.get(name)
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        group = context["widget"]
        invalid = group["attrs"].pop("aria-invalid", None) == "true"
        filled = [bool(str(sub["value"] or "").strip()) for sub in group["subwidgets"]]
        # GOV.UK marks the boxes left empty when only some were given, otherwise all three.
        wrong = [invalid and (not f or all(filled) or not any(filled)) for f in filled]
        for sub, part, is_wrong in zip(group["subwidgets"], PARTS, wrong, strict=True):
            sub["label"] = part.capitalize()
            css = f"govuk-input govuk-date-input__input govuk-input--width-{_WIDTHS[part]}"
            sub["attrs"].pop("aria-invalid", None)
            sub["attrs"]["class"] = f"{css} govuk-input--error" if is_wrong else css
            if group["attrs"].get("id"):
                sub["attrs"]["id"] = f"{group['attrs']['id']}-{part}"
            if is_wrong:
                sub["attrs"]["aria-invalid"] = "true"
        return context

    def id_for_label(self, id_):
        # The legend names the group; the first box is where an error summary's link lands.
        return f"{id_}-day" if id_ else id_


class DateField(forms.MultiValueField):
    """A date typed in three boxes, with GOV.UK's messages naming the field (its label)."""

    widget = DateInput

    def __init__(self, *, label: str, required: bool = False, hint: str = HINT, **kwargs):
        about = str(kwargs.pop("help_text", "") or "").strip()
        kwargs.pop("widget", None)  # always the three boxes
        parts = [forms.CharField(required=False) for _ in PARTS]
        messages = {"required": f"Enter {_lower_first(label)}", **kwargs.pop("error_messages", {})}
        super().__init__(
            parts,
            label=label,
            required=required,
            require_all_fields=False,
            error_messages=messages,
            template_name="web/_date_input.html",
            **kwargs,
        )
        self.help_text = f"{about} {hint}" if about else hint

    def has_changed(self, initial, data):
        """Compared as dates, so 03 for 3, or an older single date, is no change."""
        try:
            now = self.clean(data)
            before = initial if initial is None or isinstance(initial, date) else self.clean(initial)
        except forms.ValidationError:
            return True
        return now != before

    def clean(self, value):
        if isinstance(value, str):
            parts = _legacy_parts(value)
            if parts is None:
                raise forms.ValidationError(self._not_real(), code="invalid")
            value = list(parts)
        return super().clean(value)

    def _not_real(self) -> str:
        return f"{self.label} must be a real date"

    def compress(self, data_list):
        parts = [str(v or "").strip() for v in (data_list or ["", "", ""])]
        if not any(parts):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [name for name, text in zip(PARTS, parts, strict=True) if not text]
        if missing:
            parts_missing = " and ".join(missing)
            raise forms.ValidationError(f"{self.label} must include a {parts_missing}", code="incomplete")
        if not all(is_whole_number(text) and len(text) <= 4 for text in parts):
            raise forms.ValidationError(self._not_real(), code="invalid")
        day, month, year = (int(text) for text in parts)
        if len(parts[2]) != 4:
            raise forms.ValidationError(f"{self.label} must include a year of 4 numbers, such as 2026")
        try:
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(self._not_real(), code="invalid") from None


def model_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A ModelForm's `formfield_callback`: a model's date becomes a GOV.UK date input named by its
    verbose name (its help text before the hint); other fields as Django makes them."""
    is_date = isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField)
    widget = kwargs.get("widget")
    hidden = isinstance(widget, forms.HiddenInput) or (
        isinstance(widget, type) and issubclass(widget, forms.HiddenInput)
    )
    if is_date and not hidden:
        kwargs.pop("widget", None)
        kwargs.setdefault("label", capfirst(db_field.verbose_name))
        return db_field.formfield(form_class=DateField, **kwargs)
    return db_field.formfield(**kwargs)


class _DatesAsBoxes(forms.models.ModelFormMetaclass):
    """Gives each ModelForm's Meta the GOV.UK date callback unless it names its own."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(model_formfield)
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.ModelForm, metaclass=_DatesAsBoxes):
    """A ModelForm whose model dates are GOV.UK date inputs."""


def read_date(data, name: str, label: str) -> date | None:
    """The date posted as NAME-day/-month/-year (or one NAME=2026-03-31) outside a form;
    forms.ValidationError with GOV.UK's message naming `label`."""
    field = DateField(label=label)
    return field.clean(field.widget.value_from_datadict(data, {}, name))


def _legacy_parts(text: str) -> tuple[str, str, str] | None:
    """A single date from an older link or a bookmark (2026-03-31, or 31/03/2026) as its day,
    month and year, kept as typed so that 2026-02-31 is refused as not a real date; None for
    text that is no date at all."""
    text = text.strip()
    if not text:
        return "", "", ""
    if match := _ISO.fullmatch(text):
        return str(int(match[3])), str(int(match[2])), match[1]
    try:
        day = parse_date(text)
    except ValueError:
        return None
    return str(day.day), str(day.month), str(day.year)


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]
