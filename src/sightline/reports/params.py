"""The report pages' parameters, parsed by forms (web.params): a quarter not yet ended, an unknown
version or format, or a year without a self-evaluation is a 400 page naming it, never a quiet
default or a bare "not found"."""

from __future__ import annotations

from datetime import date

from django import forms

from sightline.audits.params import QuarterField
from sightline.web.params import DownloadForm, choice

from . import assembly, selfeval

VERSIONS = {"board": "Quality Improvement Board", "committee": "Committee paper"}
EARLIEST_YEAR = 2000


class ReportForm(DownloadForm):
    """The Quality of Practice report: the quarter (ended by the records' date), version, download."""

    quarter = QuarterField(label="Quarter", required=False, max_length=20)
    version = choice("Version", VERSIONS)

    def __init__(self, *args, on: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.on = on

    def clean_quarter(self):
        quarter = self.cleaned_data["quarter"]
        try:
            return assembly.parse_quarter(quarter.key if quarter else None, self.on)
        except assembly.ReportError as error:
            raise forms.ValidationError(str(error)) from None


class YearForm(forms.Form):
    """The self-evaluation's financial year, named by the year it ends (2026 for 2025-26)."""

    year = forms.IntegerField(
        label="Year",
        required=False,
        error_messages={"invalid": "Give the year the financial year ends in, such as 2026 for 2025-26."},
    )

    def __init__(self, *args, on: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.latest = selfeval.latest_year(on)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year is None:
            return self.latest
        if not EARLIEST_YEAR <= year <= self.latest:
            raise forms.ValidationError(
                f"There is a self-evaluation for the years ending {EARLIEST_YEAR} to {self.latest}, "
                f"not {year}."
            )
        return year
