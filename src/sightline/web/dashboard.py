"""The Key Performance Questions dashboard, indicator drill-down and settings pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sightline.accesslog.services import log_list_view
from sightline.accounts import roles
from sightline.domain.dates import long_date
from sightline.performance import inequality as perf_inequality
from sightline.performance import selectors as perf
from sightline.performance import services as perf_services

from . import (
    catalogue,
    fragments,
    homes,
    indicator_tables,
    indicators,
    inequality,
    inequality_views,
    my_team_views,
    page_tables,
    params,
    selectors,
)
from . import export_registry as exports
from .exports import table_response
from .settings_forms import PopulationForm, StandardsForm, TargetsForm
from .templatetags.sightline_tags import column_label
from .views import with_viewer


@with_viewer
def home(request):
    """A team manager's and a practitioner's own home (web.my_team_views), or the council's
    dashboard: everyone else's home, and theirs one click away (`?view=council`)."""
    on = selectors.as_at()
    asked = params.read(params.HomeForm, request, data_to=on)
    own = roles.home_of(request.viewer)
    if own != roles.COUNCIL_HOME and asked["view"] != "council":
        return my_team_views.own_home(request, own, on)
    context = {"as_at": on, "own_home": own, **homes.dashboard(request.viewer, on, asked)}
    return render(request, "web/home.html", context)


@with_viewer
def indicator_list(request):
    """Every indicator, searchable, with the council's latest figure (web.catalogue)."""
    on = selectors.as_at()
    asked = params.read(params.CatalogueForm, request)
    found = catalogue.catalogue(request.viewer, on, asked["q"].strip())
    if fmt := asked["format"]:
        return table_response(
            request,
            exports.INDICATORS,
            "indicators",
            catalogue.HEADERS,
            found["rows"],
            fmt,
            title="Every indicator, with the council's figure",
            period=found["period"].label,
            level="Council",
        )
    return render(request, "web/indicators.html", {"as_at": on, **found})


@with_viewer
@require_http_methods(["GET", "POST"])
def indicator(request, indicator_id: str):
    on = selectors.as_at()
    errors, rebase_form = {}, params.RebaseForm(auto_id="rebase-%s")
    if request.method == "POST":
        errors, rebase_form = _record_rebase(request, indicator_id, on)
        if not errors:
            return redirect(f"{request.path}?{request.GET.urlencode()}#trend")
    if indicator_id not in {d["id"] for d in perf.definitions()}:
        raise Http404("No such indicator")
    asked = params.read(params.IndicatorForm, request, data_to=on, units=perf.units)
    detail = indicators.drill_down(request.viewer, indicator_id, on, asked)
    if detail is None:
        raise Http404("No such indicator")
    detail["who"] = inequality.who(
        request.viewer,
        detail["definition"],
        detail["period"],
        detail["level"],
        detail["unit_id"],
        asked.get("by") or "ethnicity",
    )
    if fmt := asked["format"]:
        if asked["table"] == "who":
            return inequality_views.who_export(request, detail, fmt)
        return _export(request, detail, fmt, asked["table"])
    if listing := detail.get("list"):
        log_list_view(request.user, request.get_full_path(), shown=_children_named(listing["rows"]))
    context = {
        "as_at": on,
        "detail": detail,
        "tables": fragments.tables(
            request,
            "indicator-tables",
            (indicator_id, fragments.viewer_key(request.viewer), sorted(asked.items()), on),
            lambda: indicator_tables.detail_tables(detail),
        ),
        "rebase_errors": errors,
        "rebase_form": rebase_form,
        "end_field": params.end_field(detail["end"], on),
        "posted": request.POST,
    }
    return render(request, "web/indicator.html", context, status=400 if errors else 200)


def _record_rebase(request, indicator_id: str, on) -> tuple[dict, params.RebaseForm]:
    """Recalculate the control limits from a date an analyst gives, with the reason: the problems
    by field (none if recorded) and the date's form, bound, to show them against."""
    if not roles.can_record_spc_rebase(request.viewer):
        raise PermissionDenied
    form = params.RebaseForm(request.POST, auto_id="rebase-%s")
    if not form.is_valid():
        return {field: " ".join(found) for field, found in form.errors.items()}, form
    starts_on = form.cleaned_data["starts_on"]
    try:
        reason = request.POST.get("reason", "")
        perf_services.record_rebase(request.user, indicator_id, starts_on, reason, today=on)
    except ValidationError as error:
        for field, found in error.message_dict.items():
            form.add_error("starts_on" if field == "starts_on" else None, found)
        return {field: " ".join(found) for field, found in error.message_dict.items()}, form
    messages.success(request, f"The limits are recalculated from {long_date(starts_on)}.")
    return {}, form


def _children_named(rows: list[dict]) -> int:
    return len({row["child_id"] for row in rows if row.get("child_id") is not None})


def _export(request, detail: dict, fmt: str, table: str):
    """The breakdown, the trend or the child list of a drill-down page as CSV or Excel."""
    definition = detail["definition"]
    name = f"{definition['id']}-{detail['level']}"
    if detail["unit_id"]:
        name += f"-{detail['unit_id']}"
    about = {
        "period": str(detail["period"].label),
        "level": indicators.level_label(detail),
        "names_worker": detail["level"] == "worker",
        "notes": [("Key Performance Question", f"KPQ{definition['kpq']}")]
        if isinstance(definition.get("kpq"), int)
        else [],
    }
    value_header = "Value" if definition["unit"] in {"%", "count"} else f"Value ({definition['unit']})"
    if table == "breakdown":
        return table_response(
            request,
            exports.INDICATOR_BREAKDOWN,
            f"{name}-by-{detail['below']}",
            [column_label(detail["below"] or "unit"), value_header, "Numerator", "Denominator", "Rating"],
            [
                (r["unit_name"], _cell_value(r), r["numerator"], r["denominator"], r["rag_label"])
                for r in detail["rows"]
            ],
            fmt,
            title=f"{definition['title']}, by {detail['below'] or 'unit'}",
            **(about | {"names_worker": about["names_worker"] or detail["below"] == "worker"}),
        )
    if table == "trend":
        return table_response(
            request,
            exports.INDICATOR_TREND,
            f"{name}-trend",
            ["Month", value_header, "Numerator", "Denominator", "Mean", "Process limits", "Signal"],
            [
                (
                    m.strftime("%Y-%m"),
                    _cell_value(c),
                    c["numerator"],
                    c["denominator"],
                    c["mean"],
                    c["limits"],
                    c["signals"],
                )
                for m, c in detail["trend"]
            ],
            fmt,
            title=f"{definition['title']}, by month",
            **about,
        )
    listing = detail.get("list")
    if table == "children" and listing is not None:
        columns = [
            "la_child_id",
            "team",
            "worker",
            *[c for c in listing["columns"] if c not in {"team", "worker"}],
        ]
        return table_response(
            request,
            exports.INDICATOR_CHILDREN,
            f"{name}-{listing['which']}",
            ["Child" if c == "la_child_id" else column_label(c) for c in columns],
            [[row.get(c) for c in columns] for row in listing["all_rows"]],
            fmt,
            title=f"{definition['title']}: children ({listing['which']})",
            **about,
        )
    raise Http404("No such table")


def _cell_value(row: dict):
    """The figure for a spreadsheet: a number (percentages as shown, which Excel types), or the
    page's words where there is none to give ("1-5 (suppressed)")."""
    if row["suppressed"] or row["value"] is None or row["unit"] == "%":
        return row["display"]
    return round(float(row["value"]), 1)


@with_viewer
@require_http_methods(["GET", "POST"])
def settings_page(request):
    """Local standards, indicator targets and the population estimate, changed by administrators;
    every change is audited."""
    if not roles.can_change_settings(request.viewer):
        raise PermissionDenied
    forms = {"standards": StandardsForm(), "targets": TargetsForm(), "population": PopulationForm()}
    if request.method == "POST":
        which = request.POST.get("form")
        if which not in forms:
            messages.error(request, "Choose Save local standards, Save targets or Load the estimate.")
        else:
            form = forms[which] = type(forms[which])(request.POST, request.FILES)
            changed = form.save(request.user) if form.is_valid() else 0
            if form.is_valid():
                messages.success(request, _saved(which, changed))
                return redirect("settings")
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
    return render(
        request,
        "web/settings.html",
        {
            "as_at": selectors.as_at(),
            "standards": page_tables.standards(forms["standards"]),
            "targets": page_tables.targets(forms["targets"]),
            "population": _population(forms["population"]),
            "changes": page_tables.setting_changes(perf.setting_change_log()),
            "posted": request.POST if request.method == "POST" else None,
        },
    )


def _saved(which: str, changed: int) -> str:
    if which == "population":
        return "Population estimate loaded: rates by group now use it."
    return f"{changed} change{'' if changed == 1 else 's'} saved." if changed else "Nothing changed."


def _population(form: PopulationForm) -> dict:
    """The estimate held (children and source) and the upload form's errors, for the settings page."""
    table = perf_inequality.population()
    return {
        "total": table.total if table else 0,
        "total_display": f"{table.total:,}" if table else "",
        "source": perf_inequality.population_source() if table else "",
        "errors": form.errors.get("file", []),
        "source_error": (form.errors.get("source") or [None])[0],
    }
