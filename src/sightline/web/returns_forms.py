"""The Returns page's forms: upload files to import or validate, ask for an export."""

from __future__ import annotations

from django import forms
from django.conf import settings

from sightline.returns.common import DEFAULT_MAX_BYTES
from sightline.web import date_input

COLLECTIONS = [
    ("cin", "CIN census (XML)"),
    ("903", "SSDA903 (CSV files, zipped)"),
    ("annex-a", "Ofsted Annex A (workbook)"),
]


def max_upload_bytes() -> int:
    """The largest upload (all its files together); the same limit `sightline import` sets per file."""
    return getattr(settings, "SIGHTLINE_MAX_UPLOAD_BYTES", DEFAULT_MAX_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: a 903 set is a dozen CSVs uploaded together."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return [single(None, initial)]
            return [single(item, initial) for item in data]
        return [single(data, initial)]


def reference_date_field() -> date_input.DateField:
    return date_input.DateField(
        label="Annex A reference date",
        help_text=(
            "The day the Annex A lists are taken at. Leave empty for the collection year's end, 31 March."
        ),
    )


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Return files",
        error_messages={"required": "Choose the return files to upload", "empty": "The file is empty"},
    )
    year = forms.IntegerField(
        label="Collection year (optional)",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={"invalid": "Enter the collection year as a number, like 2026 for 2025-26"},
    )

    def clean_files(self):
        files = self.cleaned_data["files"]
        total = sum(f.size for f in files)
        limit = max_upload_bytes()
        if total > limit:
            raise forms.ValidationError(
                f"The files come to {_megabytes(total)}; one upload can be at most {_megabytes(limit)}. "
                "Upload fewer files at a time, or use `sightline import` on the server for larger files."
            )
        return files

    def uploads(self) -> list[tuple[str, object]]:
        """(name, uploaded file) of each file; the job streams them into the database unread here."""
        return [(upload.name, upload) for upload in self.cleaned_data["files"]]

    def parameters(self) -> dict:
        return {"year": self.cleaned_data.get("year")}


class ImportForm(UploadForm):
    skip_bad_children = forms.BooleanField(label="Import the children without errors", required=False)
    reference_date = reference_date_field()

    ssd_delta = forms.BooleanField(label="An SSD extract of changed rows only (a delta)", required=False)

    def parameters(self) -> dict:
        reference = self.cleaned_data.get("reference_date")
        return {
            **super().parameters(),
            "ssd_delta": bool(self.cleaned_data.get("ssd_delta")),
            "skip_bad_children": bool(self.cleaned_data.get("skip_bad_children")),
            "reference_date": reference.isoformat() if reference else None,
        }


class ValidateForm(UploadForm):
    pass


class ExportForm(forms.Form):
    collection = forms.ChoiceField(
        label="Return", choices=COLLECTIONS, error_messages={"required": "Choose the return to export"}
    )
    year = forms.IntegerField(
        label="Collection year",
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": "Enter the collection year, like 2026 for 2025-26",
            "invalid": "Enter the collection year as a number, like 2026 for 2025-26",
        },
    )
    reference_date = reference_date_field()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reference_date") and cleaned.get("collection") not in {None, "annex-a"}:
            self.add_error("reference_date", "A reference date is for an Annex A only")
        return cleaned

    def parameters(self) -> dict:
        reference = self.cleaned_data.get("reference_date")
        return {
            "collection": self.cleaned_data["collection"],
            "year": self.cleaned_data["year"],
            "reference_date": reference.isoformat() if reference else None,
        }
