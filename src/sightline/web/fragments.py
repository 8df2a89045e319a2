"""Rendered parts of a page kept in Django's cache, keyed by everything they show (#18 goal 3).

A child's chronology is the child page's dearest part: a union of nineteen kinds of record,
a hundred rows built into events and rendered as a table, the same for every viewer who may
open the child. It is kept under the data's and the content's versions (web.versions: every
import raises the one, every audit, action or register entry the other) and the child, so new
data is never hidden behind an old copy. Who may open the child is decided by the view before a
fragment is asked for, and a fragment holds nothing that depends on the viewer. The cache may be
one per web process (its memory): a copy missing from it is only rebuilt, never wrong.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from . import page_tables, selectors, versions

TIMEOUT = 60 * 60  # seconds, for every kept part; new versions make new keys in any case
T = TypeVar("T")
_MISSING = object()


def viewer_key(viewer) -> str:
    """Everything accounts.roles decides by for this viewer (role, worker, teams, services,
    restricted children named, agency, audits given), as a key's part: for a part that shows
    what this viewer may see. Not the user (no rule reads `Viewer.user_id`), so the staff of
    one scope (every director, say) share one copy instead of building one each."""
    return hashlib.sha256(repr(replace(viewer, user_id=None)).encode()).hexdigest()[:24]


def _key(name: str, parts: tuple, figures: bool | None) -> str | None:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    if figures is None:  # the parts name everything shown
        return f"sightline:{name}:{digest}"
    versions_part = versions.key_part(figures=figures)
    if versions_part is None:  # the engine changed under this read: keep nothing
        return None
    return f"sightline:{name}:{versions_part}:{digest}"


def kept(
    name: str,
    parts: tuple,
    build: Callable[[], T],
    *,
    figures: bool | None = True,
    keep: Callable[[T], bool] | None = None,
) -> T:
    """`build()`, kept under `name`, the versions of what it shows (web.versions: data, content
    and, with `figures`, the engine serving them; none when `figures` is None, for a part whose
    `parts` are everything it shows) and `parts`: everything else it depends on (the page's
    parameters, the viewer's key or the small-number rule, the date). Access must be decided
    before; `build` must depend on nothing outside the key. A value `keep` refuses (a form
    holding the session's token) is returned, not kept."""
    key = _key(name, parts, figures)
    if key is not None and (found := cache.get(key, _MISSING)) is not _MISSING:
        return found
    value = build()
    if key is not None and (keep is None or keep(value)):
        cache.set(key, value, TIMEOUT)
    return value


def chronology(child, whole: bool, latest: int) -> tuple[SafeString, int]:
    """The child's chronology table rendered (all events when `whole`, else the `latest`
    newest), and how many events there are: the events as the download lists them. Kept under
    the council, data and content versions, the child and how much is shown."""

    def build() -> tuple[str, int]:
        events = selectors.child_chronology(child)
        shown = events if whole else events[:latest]
        table = page_tables.chronology(shown, len(events), whole)
        return str(render_to_string("web/_table.html", {"table": table})), len(events)

    html, total = kept("chronology", (child.pk, whole, latest), build, figures=False)
    return mark_safe(html), total


def demand(on) -> dict:
    """The demand page's chart (Plotly JSON) and table rendered: the same for every viewer, counted
    from the records (no engine figures), so kept under the data and content versions and the date."""

    def build() -> dict:
        rows = selectors.demand_by_month(on)
        table = render_to_string("web/_table.html", {"table": page_tables.demand(rows)})
        return {"chart": selectors.demand_chart(rows), "table_html": str(table)}

    found = kept("demand", (on,), build, figures=False)
    return {"chart": found["chart"], "table_html": mark_safe(found["table_html"])}


def due_next(child, on) -> SafeString:
    """What is due next for the child, rendered ("" when nothing is): the engine's timescales,
    the same for every viewer who may open the child, kept under the served engine's versions."""

    def build() -> str:
        table = page_tables.due_next(selectors.due_next(child, on))
        return str(render_to_string("web/_table.html", {"table": table})) if table.rows else ""

    return mark_safe(kept("due-next", (child.pk, on), build))


def _fixed(table) -> bool:
    """A table with no form in it (a row's field or button needs the request's CSRF token)."""
    cells = (cell for row in table.rows for cell in row)
    return not any(getattr(c, "field", None) is not None or getattr(c, "action", None) for c in cells)


def tables(request, name: str, parts: tuple, build: Callable[[], dict]) -> dict[str, SafeString]:
    """A page's tables ({name: Table or None} from `build`) rendered, kept under `name` and
    `parts` as `kept` does (the viewer's key among them when the tables show what the viewer may
    see); "" for a table the page does not show. A table holding a form (which needs the
    request's CSRF token) is rendered for the request and nothing is kept."""

    def rendered() -> tuple[bool, dict[str, str]]:
        built = build()
        fixed = all(_fixed(t) for t in built.values() if t is not None)
        context = None if fixed else request
        html = {
            k: "" if t is None else str(render_to_string("web/_table.html", {"table": t}, context))
            for k, t in built.items()
        }
        return fixed, html

    _, html = kept(name, parts, rendered, keep=lambda found: found[0])
    return {k: mark_safe(h) for k, h in html.items()}
