"""The indicator engine, built once per data and settings version per process.

A request after the first costs one small query (the council's row, read with the settings
version) and dictionary look-ups. After
the daily import raises the data version, somebody has to pay for the new frames and engine
(seconds at council scale). Web processes (gunicorn, `serve_previous_figures(True)`) do not make
that somebody a user: the request that notices the new version is answered from the previous
engine while a background thread builds the new one, and every page says the figures are being
brought up to date, with the date the served figures run to. A settings change (a local
standard, a target) is applied at once, because the person who made it is looking. The CLI,
the job workers and the tests always build the current engine before answering.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.models import Max, Subquery

from sightline.indicators import benchmarks as bench
from sightline.indicators.definitions import REGISTRY
from sightline.indicators.delta import refreshed
from sightline.indicators.engine import Engine
from sightline.indicators.standards import LocalStandards

from .loader import COUNCIL_ANNOTATIONS, council, council_row, load_frames, patch_frames
from .models import IndicatorTarget, LocalStandardSetting, SettingChange
from .scope import current as _scope

log = logging.getLogger(__name__)
MAX_RESULTS = 20_000
# More children changed than this and the frames are read whole (a query listing them all is no saving).
MAX_PATCHED_CHILDREN = 2_000
# More than this share of the children changed and a cold build may be quicker than patching
# and splicing (measured at size 0.1: 0.42 of a cold build's time with 0.5% of the children
# changed, 0.50 with 5% in one extract of 20 days; the cost grows slowly with the share).
MAX_CHANGED_SHARE = 0.2
# A day that begins a month moves every pack on a month, computing each stock indicator's new
# month-end alone; at a council this small that costs about what a cold build does (0.87 of it
# at 6,500 children, 0.26 at 66,000: bench/refresh.py), so it is built cold.
NEW_MONTH_COLD_BELOW = 10_000

_lock = threading.RLock()
_cache: dict = {
    "frames_key": None,
    "frames": None,
    "engine_key": None,
    "engine": None,
    "results": {},
    "building": None,  # the key a background build is making, if any
    "serve_previous": False,
}


@contextmanager
def one_engine() -> Iterator[None]:
    """Within it every `engine()` after the first answers from the engine the first found: a page
    or a report build reads one set of figures, asking for the data and settings versions once
    rather than at every figure (two queries a call: a report of a hundred figures made
    hundreds). Nothing is built unless asked for. For reads: a settings change made inside is
    seen once it ends."""
    if _scope.get() is not None:
        yield
        return
    token = _scope.set({})
    try:
        yield
    finally:
        _scope.reset(token)


def serve_previous_figures(on: bool = True) -> None:
    """For web processes: answer from the previous engine while a new data version is built."""
    _cache["serve_previous"] = on


def refreshing() -> bool:
    """True while new figures are being built in the background and the previous ones are served."""
    return _cache["building"] is not None


def served_reference_date():
    """The date the figures being served run to, or None before any engine is built."""
    current = _cache["engine"]
    return current.frames.reference_date if current is not None else None


# The settings version is read with the council's row (once per page, with the data version):
# one query a page less. A settings change is a content write, which reads that row again.
COUNCIL_ANNOTATIONS["sightline_settings_version"] = Subquery(
    SettingChange.objects.order_by("-id").values("id")[:1]
)


def _settings_version(row) -> int:
    """The latest settings change's id, from the council's `row` where it was read with it."""
    if row is not None and hasattr(row, "sightline_settings_version"):
        return row.sightline_settings_version or 0
    return SettingChange.objects.aggregate(latest=Max("id"))["latest"] or 0


def stored_standards() -> LocalStandards:
    """Local standards from the database (defaults for anything not set), uncached."""
    standards = LocalStandards()
    for key, value in LocalStandardSetting.objects.values_list("key", "value"):
        if key in LocalStandards.names():
            standards = standards.with_value(key, value)
    return standards


def _stored_targets() -> dict[str, tuple[float | None, float | None]]:
    return {
        i: (t, tol)
        for i, t, tol in IndicatorTarget.objects.values_list("indicator_id", "target", "tolerance")
    }


def _settings() -> dict:
    return {
        "standards": stored_standards(),
        "targets": _stored_targets(),
        "benchmarks": bench.all_latest({d.benchmark for d in REGISTRY}),
    }


def engine() -> Engine:
    """The engine for the current data and settings (or, in a web process while new data is being
    built, the previous data's); within `one_engine`, the engine it fixed on."""
    scope = _scope.get()
    if scope and "engine" in scope:
        return scope["engine"]
    found = _engine()
    if scope is not None:
        scope["engine"] = found
    return found


def _engine() -> Engine:
    row = council_row()  # one query outside a page too: both versions are on it
    versions = (row.pk, row.data_version) if row else (0, 0)
    key = (versions, _settings_version(row))
    with _lock:
        if _cache["engine_key"] == key:
            return _cache["engine"]
        previous = _cache["engine"]
        had = (_cache["frames_key"], _cache["frames"], previous)
        new_data = _cache["frames_key"] != versions
        changed = changed_children(_cache["frames_key"], versions) if new_data and previous else None
        if (
            previous is not None
            and _cache["serve_previous"]
            and _cache["engine_key"][1] == key[1]
            and new_data
        ):
            if _cache["building"] != key:
                _cache["building"] = key
                threading.Thread(
                    target=_build_in_background,
                    args=(key, _settings(), had, changed),
                    name="sightline-engine",
                    daemon=True,
                ).start()
            return previous
        if not new_data:
            built = Engine(_cache["frames"], **_settings())
        else:
            built = _build(versions, _settings(), had, changed)
        _cache.update(frames_key=versions, frames=built.frames, engine_key=key, engine=built, results={})
        return built


def _build(versions: tuple[int, int], settings: dict, had: tuple, changed: set[int] | None) -> Engine:
    """The engine for new data: from the previous frames and engine where only `changed` children's
    records changed since (`patch_frames`, `delta.refreshed`), else from every table read again."""
    _, had_frames, had_engine = had
    if changed is None or had_frames is None or _cold_is_quicker(had_frames, changed):
        return Engine(load_frames(), **settings)
    reached = set(changed)  # with any child a row moved from
    frames = patch_frames(had_frames, changed, reached)
    if had_engine is None or had_engine.frames is not had_frames:
        return Engine(frames, **settings)
    return refreshed(had_engine, frames, reached, **settings)


def _cold_is_quicker(had_frames, changed: set[int]) -> bool:
    """Whether reading every table and computing every fact again is about as quick as a refresh
    of the previous frames and engine (the thresholds above)."""
    children = had_frames["child"].height
    if len(changed) > MAX_PATCHED_CHILDREN or len(changed) > MAX_CHANGED_SHARE * children:
        return True
    if children >= NEW_MONTH_COLD_BELOW:
        return False
    now = council().reference_date
    return now is not None and now.replace(day=1) != had_frames.reference_date.replace(day=1)


def _build_in_background(key: tuple, settings: dict, had: tuple, changed: set[int] | None) -> None:
    from django.db import connections

    try:
        built = _build(key[0], settings, had, changed)
        with _lock:
            if _cache["building"] == key:
                _cache.update(
                    frames_key=key[0], frames=built.frames, engine_key=key, engine=built, results={}
                )
    except Exception:  # the previous figures stay; the next request tries again
        log.exception("Sightline: building the indicator engine for new data failed")
    finally:
        with _lock:
            if _cache["building"] == key:
                _cache["building"] = None
        connections.close_all()


def changed_children(since: tuple[int, int] | None, now: tuple[int, int]) -> set[int] | None:
    """The children whose records changed from data version `since` to `now` (same council), as
    the SSD imports recorded them; None when any version between was made by a writer that does
    not say (a returns import, an audit, a load), so everything must be read again."""
    from sightline.imports.models import ImportRun

    if since is None or since[0] != now[0] or not since[1] < now[1] or now[1] - since[1] > 1_000:
        return None
    runs = dict(
        ImportRun.objects.filter(data_version__gt=since[1], data_version__lte=now[1])
        .exclude(changed_child_ids=None)
        .values_list("data_version", "changed_child_ids")
    )
    if set(runs) != set(range(since[1] + 1, now[1] + 1)):
        return None
    return {child for children in runs.values() for child in children}


def served_key() -> str:
    """The data and settings versions of the engine this read's figures come from, for keys of
    kept page parts: while new data is built the previous engine answers, and a part rendered
    from it must not be kept under the new data version. "-" if that engine was replaced during
    the read (keep nothing)."""
    current = engine()
    with _lock:
        if _cache["engine"] is current and _cache["engine_key"] is not None:
            (council_id, data), settings = _cache["engine_key"]
            return f"{council_id}.{data}.{settings}"
    return "-"


def clear_cache() -> None:
    with _lock:
        _cache.update(frames_key=None, frames=None, engine_key=None, engine=None, results={}, building=None)


def memo(key: tuple, compute):
    """compute(engine) once per engine, kept until the engine changes (at most MAX_RESULTS)."""
    current = engine()
    with _lock:
        # Another engine's results (one fixed on by `one_engine` may have been replaced since).
        results = _cache["results"] if _cache["engine"] is current else {}
        if key in results:
            return results[key]
    value = compute(current)
    with _lock:
        if _cache["engine"] is current:
            results = _cache["results"]
            if len(results) > MAX_RESULTS:
                results.clear()
            results[key] = value
    return value
