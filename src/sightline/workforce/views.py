"""The workforce front page: posts, vacancies, agency cover, turnover, absence, newly qualified
retention and training by team, from the indicator engine, beside the registers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from sightline.accounts import roles
from sightline.web.selectors import as_at
from sightline.web.views import with_viewer

from . import selectors, tables
from .registers import ALL


@with_viewer
def overview(request):
    viewer = request.viewer
    if not roles.sees_workforce(viewer):
        raise PermissionDenied
    shown = roles.visible_registers(viewer, ALL)
    on = as_at()
    context = {"registers": shown, "as_at": on, **tables.overview(selectors.overview(on), on)}
    return render(request, "workforce/overview.html", context)
