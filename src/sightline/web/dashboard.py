"""The Key Performance Questions dashboard, indicator drill-down and settings pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from sightline.accounts import roles

from . import indicators, selectors
from .views import with_viewer


@with_viewer
def home(request):
    on = selectors.as_at()
    return render(
        request,
        "web/home.html",
        {
            "as_at": on,
            "kpqs": indicators.dashboard(request.viewer, on),
        },
    )


@with_viewer
def indicator(request, indicator_id: str):
    on = selectors.as_at()
    detail = indicators.drill_down(request.viewer, indicator_id, on, request.GET)
    if detail is None:
        raise Http404("No such indicator")
    return render(request, "web/indicator.html", {"as_at": on, "detail": detail})


@with_viewer
def settings_page(request):
    if not roles.can_change_settings(request.viewer):
        raise PermissionDenied
    return render(request, "web/settings.html", {"as_at": selectors.as_at()})
