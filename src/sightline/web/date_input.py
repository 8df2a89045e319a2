"""Every date a person types, as a GOV.UK date input: Day, Month and Year in a fieldset.

A browser's own date picker differs between browsers, is hard to use with a screen reader and
gives no message a person can act on; GOV.UK's pattern is three short boxes under a legend with
the hint "For example, 27 3 2026". `DateField` is that pattern as a Django field: its widget
posts `NAME-day`, `NAME-month` and `NAME-year`, and it still reads a single `NAME=2026-03-31`
(or 31/03/2026), so that bookmarks and the links other pages build keep working. Its errors are
GOV.UK's, naming the field: "Period ending must include a month", "… must be a real date".
A page renders the whole group (legend, hint, error, the three boxes) with
`{{ form.NAME.as_field_group }}` (template web/_date_input.html).
"""

from __future__ import annotations

import re
from datetime import date

from django import forms

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
        self.help_text = hint

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
