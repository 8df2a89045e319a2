"""Rendered parts of a page kept in Django's cache, keyed by everything they show (#18 goal 3).

A child's chronology is the child page's dearest part: a union of nineteen kinds of record,
a hundred rows built into events and rendered as a table, the same for every viewer who may
open the child. It is kept under the data's version (every import bumps it) and the child, so
new data is never hidden behind an old copy. Other apps' entries (audits, which change without
a new data version) are read afresh on every request and are part of the key. Who may open the
child is decided by the view before a fragment is asked for, and a fragment holds nothing that
depends on the viewer. The cache may be one per web process (its memory): a copy missing from
it is only rebuilt, never wrong.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from sightline.performance.loader import data_version
from sightline.records import selectors as records

from . import page_tables, selectors

TIMEOUT = 60 * 60  # seconds; a new data version makes new keys in any case


def chronology_key(child, whole: bool, latest: int, added: list) -> str:
    """The cache key of a child's rendered chronology: the council and its data version, the
    child, how much is shown, and a digest of the other apps' entries read for this request."""
    council_id, version = data_version()
    digest = hashlib.sha256(repr(added).encode()).hexdigest()[:32]
    return f"sightline:chronology:{council_id}:{version}:{child.pk}:{int(whole)}:{latest}:{digest}"


def chronology(child, whole: bool, latest: int) -> tuple[SafeString, int]:
    """The child's chronology table rendered (all events when `whole`, else the `latest`
    newest), and how many events there are."""
    added = [event for source in selectors.CHRONOLOGY_SOURCES for event in source(child)]
    key = chronology_key(child, whole, latest, added)
    if (kept := cache.get(key)) is not None:
        html, total = kept
        return mark_safe(html), total
    events = selectors.ordered_newest_first([*records.chronology_rows(child), *added])
    shown = events if whole else events[:latest]
    table = page_tables.chronology(shown, len(events), whole)
    html = render_to_string("web/_table.html", {"table": table})
    cache.set(key, (str(html), len(events)), TIMEOUT)
    return mark_safe(html), len(events)
