"""Panels other apps add to a page of ours (the team page, the child's record) without the page
knowing them: an app registers a template and a context function in its AppConfig.ready().

    panels.add("team", "improvement/team_panel.html", improvement_team_panel)

The context function gets the request and the page's objects (team=..., child=...) and returns
the panel's context (read as `panel` in its template), or None to show nothing. Access rules
stay the app's: the function reads through the app's own selectors, which apply roles.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

PAGES = frozenset({"team", "child"})


@dataclass(frozen=True)
class Panel:
    page: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100


_PANELS: dict[str, list[Panel]] = {page: [] for page in PAGES}


def add(page: str, template: str, context: Callable[..., dict | None], order: int = 100) -> Panel:
    if page not in PAGES:
        raise ValueError(f"There is no page {page!r} to add a panel to; pages: {', '.join(sorted(PAGES))}.")
    panel = Panel(page, template, context, order)
    existing = [p for p in _PANELS[page] if p.template != template]
    _PANELS[page] = sorted([*existing, panel], key=lambda p: (p.order, p.template))
    return panel


def for_page(page: str, request, **objects) -> list[dict]:
    """The panels to show: [{"template": ..., "context": ...}] in order, empty ones left out."""
    shown = []
    for panel in _PANELS[page]:
        context = panel.context(request, **objects)
        if context:
            shown.append({"template": panel.template, "context": context})
    return shown


def rendered(page: str, request, **objects) -> SafeString:
    """The page's panels rendered, kept (`fragments.kept`) under the data and content versions
    (imports raise one, every write to the apps the panels read raises the other), the viewer's
    access (everything it rests on: each panel applies its own rules) and user, the page's
    objects and the day. A panel holding a form (its token is the session's) is never kept."""
    from . import fragments

    def build() -> str:
        return str(
            render_to_string("web/panels.html", {"panels": for_page(page, request, **objects)}, request)
        )

    said = (
        page,
        fragments.viewer_key(request.viewer),
        request.user.pk,  # a panel may read the request's user, not only the viewer's access
        sorted((n, o.pk) for n, o in objects.items()),
        date.today(),
    )
    html = fragments.kept("panels", said, build, figures=False, keep=lambda h: "csrfmiddlewaretoken" not in h)
    return mark_safe(html)
