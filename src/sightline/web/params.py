"""Every query parameter a page reads, parsed by a Django form with a message a person can act on.

A page declares its parameters as a form here and reads them with `read(FormClass, request)`;
a bad value (a date before the records or after the data, an unknown period, a unit id that is
no team, a page past the last) raises `ParameterError`, which `ParameterErrorMiddleware` shows as
a 400 page listing each problem by the name the page gives it. Nothing falls back silently to a
default and nothing reaches a traceback. Parameters a page does not know are ignored.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.paginator import Page, Paginator
from django.shortcuts import render

from sightline.domain.dates import long_date
from sightline.performance.selectors import drift_kinds

from .date_input import DateField
from .drift import SHOW as DRIFT_SHOW
from .exports import FORMATS
from .selectors import CASE_STATUSES

# The earliest date figures are asked for: long before any council's electronic records.
EARLIEST = date(2000, 1, 1)
PERIOD_KINDS = {
    "month": "Month",
    "quarter": "Quarter",
    "year": "Financial year",
    "rolling_12": "Rolling 12 months",
    "as_at": "As at the date",
}
LEVELS = {"council": "Council", "service": "Service", "team": "Team", "worker": "Worker"}
LISTS = {
    "numerator": "In the numerator",
    "missing": "Missing from the numerator",
    "denominator": "All counted",
}
MAX_ID = 2**31 - 1


class ParameterError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def read(form_class: type[forms.Form], request, data=None, **kwargs) -> dict:
    """The cleaned parameters of a GET request (or of `data`, such as a form posted), or
    ParameterError naming every problem."""
    form = form_class(request.GET if data is None else data, **kwargs)
    if form.is_valid():
        return form.cleaned_data
    raise ParameterError(problems_of(form))


def problems_of(form: forms.Form) -> list[str]:
    """Each of an invalid form's errors, led by the label of the field it is about (unless the
    message already names it, as a date input's do: "Period ending must be a real date", "Enter
    due date")."""
    problems = []
    for name, errs in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        problems += [labelled(error, label) for error in errs]
    return problems


def labelled(error: str, label: str | None) -> str:
    """An error led by its field's label, unless the message already names the field."""
    if not label or error.startswith(label) or error == f"Enter {label[:1].lower()}{label[1:]}":
        return error
    return f"{label}: {error}"


def choice(label: str, choices: dict[str, str]) -> forms.ChoiceField:
    options = ", ".join(f"{text.lower()} ({key})" for key, text in choices.items())
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=list(choices.items()),
        error_messages={"invalid_choice": f"“%(value)s” is not one of {options}."},
    )


def number(label: str, invalid: str) -> forms.IntegerField:
    """A positive whole number the page's own links give (a page, a team's or a version's number),
    with `invalid` saying what to give instead."""
    return forms.IntegerField(
        label=label, required=False, min_value=1, max_value=MAX_ID, error_messages={"invalid": invalid}
    )


def page_number() -> forms.IntegerField:
    return number("Page", "Give a page number, such as 2.")


def search() -> forms.CharField:
    """A list's free-text search box (`?q=`)."""
    return forms.CharField(label="Search", required=False, max_length=100)


def _either(keys: list[str]) -> str:
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} or {keys[-1]}"


def page_of(items, per_page: int, number: int | None) -> Page:
    """The page asked for of every list that pages: past the last is a ParameterError naming how
    many pages there are (as a page of 0 or "x" is), never the last page quietly instead."""
    paginator = Paginator(items, per_page)
    last = paginator.num_pages
    if number is not None and number > last:
        pages = "is only 1 page" if last == 1 else f"are only {last} pages"
        raise ParameterError([f"Page: there {pages}, not {number}."])
    return paginator.page(number or 1)


class DownloadForm(forms.Form):
    """A download format; on a page of several tables (a `table` choice), which one is downloaded."""

    format = choice("Download format", {fmt: fmt.upper() for fmt in sorted(FORMATS)})

    def clean(self):
        cleaned = super().clean()
        table = self.fields.get("table")
        if cleaned.get("format") and isinstance(table, forms.ChoiceField) and not cleaned.get("table"):
            keys = [key for key, _ in table.choices if key]
            self.add_error("table", f"Say which table to download: {_either(keys)}.")
        return cleaned


class PeriodForm(forms.Form):
    """The period a page's figures cover: its kind and the date it ends (on or before the data)."""

    period = choice("Period", PERIOD_KINDS)
    end = DateField(label="Period ending")

    def __init__(self, *args, data_to: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.data_to = data_to

    def clean_end(self) -> date | None:
        end = self.cleaned_data["end"]
        if end is not None and end < EARLIEST:
            raise forms.ValidationError(
                f"Give a date from {long_date(EARLIEST)}; {long_date(end)} is before it."
            )
        if end is not None and end > self.data_to:
            raise forms.ValidationError(
                f"The data runs to {long_date(self.data_to)}; "
                f"give a date on or before it, not {long_date(end)}."
            )
        return end


def end_field(end: date, data_to: date):
    """The Period ending boxes (Day, Month, Year) of a page's period form, filled with the date its
    figures end on; render with `{{ end_field.as_field_group }}`."""
    return PeriodForm(initial={"end": end}, data_to=data_to, auto_id="%s")["end"]


class RebaseForm(forms.Form):
    """The date an analyst recalculates an indicator's control limits from (posted; the reason is
    checked by the service that records it)."""

    starts_on = DateField(
        label="Date the process changed",
        required=True,
        hint="The limits are recalculated from this day. For example, 1 4 2025",
        error_messages={"required": "Enter the date the process changed"},
    )


class HomeForm(PeriodForm, DownloadForm):
    """The home: the council's dashboard or the viewer's own (their team's or their caseload),
    the period of its figures, and its list of children narrowed, paged or downloaded."""

    view = choice("View", {"council": "The council's dashboard"})
    worker = number("Worker", "Give the number of a worker from a link on the page.")
    status = choice("Status", CASE_STATUSES)
    show = choice("Show", {"overdue": "Something overdue", "due": "Something due, nothing overdue"})
    kind = choice("What is due", drift_kinds())
    team = number("Team", "Give the number of one of your teams from a link on the page.")
    page = page_number()

    def __init__(self, *args, workers=None, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = workers  # the workers the list can be narrowed to
        self.teams = teams  # the viewer's own teams they may open, by name

    def clean_team(self) -> int | None:
        team = self.cleaned_data["team"]
        if team is not None and self.teams is not None and team not in self.teams:
            names = f"choose {_either(list(self.teams.values()))}" if self.teams else "you have none here"
            raise forms.ValidationError(f"Team {team} is not one of your teams: {names}.")
        return team

    def clean_worker(self) -> int | None:
        worker = self.cleaned_data["worker"]
        if worker is not None and self.workers is not None and worker not in self.workers:
            raise forms.ValidationError(f"No child listed here is allocated to worker {worker}.")
        return worker


# The Who tab's ways of grouping children (web.inequality.TABS; the engine's breakdowns).
BY_GROUP = {
    "ethnicity": "Ethnicity",
    "sex": "Sex",
    "age": "Age band",
    "disability": "Disability",
    "uasc": "Unaccompanied asylum-seeking",
    "ethnicity_minor": "Ethnicity (detailed)",
}


class IndicatorForm(PeriodForm, DownloadForm):
    """An indicator's page: the period, the level and unit shown, the child list and a download."""

    level = choice("Level", LEVELS)
    unit = number(
        "Service, team or worker", "Give the number of a service, team or worker from a link on the page."
    )
    list = choice("Children listed", LISTS)
    table = choice(
        "Table",
        {"breakdown": "Breakdown", "trend": "Trend", "children": "Children", "who": "Groups of children"},
    )
    by = choice("Group children by", BY_GROUP)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units  # level -> {id: name}: which units exist

    def clean(self):
        cleaned = super().clean()
        level, unit = cleaned.get("level") or "council", cleaned.get("unit")
        if level == "council" and unit is not None:
            self.add_error("unit", "The council level has no unit; leave it out or choose a level.")
        elif level != "council" and "unit" not in self.errors:
            if unit is None:
                self.add_error("unit", f"Choose which {level} to show.")
            elif self.units is not None and unit not in self.units(level):
                self.add_error("unit", f"There is no {level} numbered {unit}.")
        return cleaned


class CatalogueForm(DownloadForm):
    q = search()


class CaseloadForm(forms.Form):
    q = search()
    page = page_number()


class ChildForm(DownloadForm):
    all = choice("Show", {"1": "All events"})
    reason = forms.CharField(label="Reason", required=False, max_length=300)


class TeamForm(DownloadForm):
    """A team's page: which table to download, and the drift list narrowed and paged."""

    table = choice("Table", {"caseloads": "Caseloads", "drift": "Drift"})
    show = choice("Show", DRIFT_SHOW)
    kind = choice("What is due", drift_kinds())
    worker = number("Worker", "Give the number of a worker from a link on the page.")
    page = page_number()

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = workers  # the workers the drift list can be narrowed to

    def clean_worker(self) -> int | None:
        worker = self.cleaned_data["worker"]
        if worker is not None and self.workers is not None and worker not in self.workers:
            raise forms.ValidationError(f"No item in this team's drift list is allocated to worker {worker}.")
        return worker


class AccessLogForm(DownloadForm):
    flagged = choice("Show", {"1": "Views outside the viewer's team"})
    user = forms.CharField(label="User", required=False, max_length=150)
    page = page_number()


class ParameterErrorMiddleware:
    """Shows ParameterError from any view as a 400 page listing each problem."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        """A NUL character in any parameter or field posted is refused before a view reads it, as
        Django's forms refuse it: PostgreSQL cannot store one (a ValueError, a 500) and nothing a
        person types sends one."""
        problems = [
            f"{name.replace(chr(0), '')}: remove the NUL character (byte 0), which cannot be stored."
            for data in (request.GET, request.POST if request.method == "POST" else {})
            for name in data
            if "\x00" in name or any("\x00" in value for value in data.getlist(name))
        ]
        if problems:
            return self._page(request, problems)
        return None

    def process_exception(self, request, exception):
        if isinstance(exception, ParameterError):
            return self._page(request, exception.problems)
        return None

    @staticmethod
    def _page(request, problems: list[str]):
        context = {"problems": problems, "path": request.path}
        return render(request, "web/bad_parameters.html", context, status=400)


class InequalityForm(PeriodForm, DownloadForm):
    """The inequality page: the period, how children are grouped for rates, and a download."""

    by = choice("Group children by", {k: BY_GROUP[k] for k in ("ethnicity", "sex", "age")})
    table = choice("Table", {"exceptions": "Exceptions", "disproportionality": "Disproportionality"})
