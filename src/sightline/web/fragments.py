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

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from . import page_tables, selectors, versions

TIMEOUT = 60 * 60  # seconds; new versions make new keys in any case


def chronology_key(child, whole: bool, latest: int) -> str:
    """The cache key of a child's rendered chronology: the council, data and content versions,
    the child and how much is shown."""
    return f"sightline:chronology:{versions.key_part(figures=False)}:{child.pk}:{int(whole)}:{latest}"


def chronology(child, whole: bool, latest: int) -> tuple[SafeString, int]:
    """The child's chronology table rendered (all events when `whole`, else the `latest`
    newest), and how many events there are: the events as the download lists them."""
    key = chronology_key(child, whole, latest)
    if (kept := cache.get(key)) is not None:
        html, total = kept
        return mark_safe(html), total
    events = selectors.child_chronology(child)
    shown = events if whole else events[:latest]
    table = page_tables.chronology(shown, len(events), whole)
    html = render_to_string("web/_table.html", {"table": table})
    cache.set(key, (str(html), len(events)), TIMEOUT)
    return mark_safe(html), len(events)
