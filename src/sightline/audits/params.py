"""The audit pages' query parameters, parsed by forms (web.params): a bad quarter, team,
cohort, tool kind, table, status or version is a 400 page naming it, never a quiet default."""

from __future__ import annotations

from django import forms

from sightline.web.params import DownloadForm, choice, number, page_number
from sightline.workforce.models import Team

from .domain.defaults import TOOL_KINDS
from .domain.quarters import Quarter
from .domain.sampling import COHORTS


class QuarterField(forms.CharField):
    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return Quarter.parse(text)
        except ValueError:
            raise forms.ValidationError(f"“{text[:20]}” is not a quarter; write it as 2025-Q4.") from None


class AgreementForm(DownloadForm):
    """The agreement page: a range of quarters, a team and the table downloaded."""

    start = QuarterField(label="From", required=False, max_length=20)
    end = QuarterField(label="To", required=False, max_length=20)
    team = number("Team", "Give the number of a team from the list on the page.")
    table = forms.SlugField(label="Table", required=False, max_length=60)

    def __init__(self, data=None, *args, **kwargs):
        # `from` is a Python keyword: the page's `from` and `to` are read as start and end.
        if data is not None:
            data = data.copy()
            for asked, name in (("from", "start"), ("to", "end")):
                if asked in data:
                    data[name] = data[asked]
        super().__init__(data, *args, **kwargs)

    def clean_team(self):
        team = self.cleaned_data["team"]
        if team is not None and not Team.objects.filter(pk=team).exists():
            raise forms.ValidationError(f"There is no team numbered {team}.")
        return team


class AnalysisForm(AgreementForm):
    cohort = choice("Cohort", COHORTS)
    kind = choice("Audit tool", TOOL_KINDS)


class PageForm(forms.Form):
    page = page_number()


class ActionsForm(DownloadForm):
    status = choice("Status", {"open": "Open", "closed": "Closed"})
    page = page_number()


class ToolForm(forms.Form):
    version = number("Version", "Give a version number from the list on the page, such as 2.")
