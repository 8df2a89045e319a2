"""The engine cache: rebuilt for new data before answering, except in a web process, which serves
the previous figures (saying so) while the new ones are built in the background."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.performance import engine_cache
from sightline.performance.services import change_standard
from sightline.records.models import Council
from sightline.records.services import bump_data_version, load_dataset

from .days import first_extract, next_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(small_council):
    load_dataset(small_council, replace=True)
    engine_cache.clear_cache()
    yield small_council
    engine_cache.serve_previous_figures(False)
    engine_cache.clear_cache()


def _new_day() -> None:
    """The morning's import: the data now runs to a day later."""
    council = Council.objects.get()
    council.reference_date += timedelta(days=1)
    council.save()
    bump_data_version()


def test_the_cli_and_workers_always_get_the_current_data(loaded):
    first = engine_cache.engine()
    _new_day()
    second = engine_cache.engine()
    assert second is not first
    assert second.frames.reference_date == first.frames.reference_date + timedelta(days=1)
    assert not engine_cache.refreshing()


def test_a_web_process_serves_the_previous_figures_while_the_new_ones_are_built(loaded, monkeypatch, client):
    first = engine_cache.engine()
    engine_cache.serve_previous_figures(True)
    _new_day()
    # The background thread gets the new frames only when the test lets it (an in-memory test
    # database is not visible from another thread, so they are read here).
    new_frames = engine_cache.load_frames()
    release = threading.Event()
    started = []

    def slow_frames():
        started.append(threading.current_thread())
        assert release.wait(30)
        return new_frames

    monkeypatch.setattr(engine_cache, "load_frames", slow_frames)
    assert engine_cache.engine() is first
    assert engine_cache.refreshing()
    assert engine_cache.served_reference_date() == first.frames.reference_date
    assert engine_cache.engine() is first  # a second request does not start a second build

    user = get_user_model().objects.create_user("director.refresh", password="x" * 12)
    StaffProfile.objects.create(user=user, role=Role.DIRECTOR.value)
    client.force_login(user)
    page = client.get("/").content.decode()
    assert "Figures being updated" in page
    assert first.frames.reference_date.strftime("%-d %B %Y") in page

    release.set()
    started[0].join(30)
    assert len(started) == 1
    current = engine_cache.engine()
    assert current is not first
    assert current.frames.reference_date == first.frames.reference_date + timedelta(days=1)
    assert not engine_cache.refreshing()
    assert "Figures being updated" not in client.get("/").content.decode()


def test_a_failed_background_build_keeps_the_previous_figures_and_tries_again(loaded, monkeypatch):
    first = engine_cache.engine()
    engine_cache.serve_previous_figures(True)
    _new_day()
    threads = []

    def broken():
        threads.append(threading.current_thread())
        raise RuntimeError("the database went away")

    monkeypatch.setattr(engine_cache, "load_frames", broken)
    assert engine_cache.engine() is first
    threads[0].join(30)
    assert not engine_cache.refreshing()
    assert engine_cache.engine() is first
    threads[1].join(30)
    assert len(threads) == 2


def test_a_settings_change_applies_at_once_even_in_a_web_process(loaded):
    first = engine_cache.engine()
    engine_cache.serve_previous_figures(True)
    was = first.standards.assessment_working_days
    change_standard(None, "assessment_working_days", was - 5)
    current = engine_cache.engine()
    assert current is not first and current.standards.assessment_working_days == was - 5
    assert not engine_cache.refreshing()


def _version_queries(queries) -> int:
    """How many times the settings version was asked for (with the council's row, or alone)."""
    return sum('"performance_settingchange"' in q["sql"] for q in queries)


def test_one_engine_asks_for_the_versions_once_and_builds_nothing_unasked(loaded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = engine_cache.engine()
    with CaptureQueriesContext(connection) as entered, engine_cache.one_engine():
        pass
    assert len(entered) == 0  # a page that reads no figure pays nothing
    with CaptureQueriesContext(connection) as asked, engine_cache.one_engine():
        found = [engine_cache.engine() for _ in range(50)]
        with engine_cache.one_engine():  # nested: the same engine
            found.append(engine_cache.engine())
    assert all(e is first for e in found) and _version_queries(asked) == 1
    with CaptureQueriesContext(connection) as unpinned:
        for _ in range(5):
            engine_cache.engine()
    assert _version_queries(unpinned) == 5


def test_within_one_engine_a_settings_change_shows_once_it_ends(loaded):
    first = engine_cache.engine()
    was = first.standards.assessment_working_days
    with engine_cache.one_engine():
        assert engine_cache.engine() is first
        change_standard(None, "assessment_working_days", was - 5)
        assert engine_cache.engine() is first
    assert engine_cache.engine().standards.assessment_working_days == was - 5


def test_a_page_read_asks_for_the_versions_once_a_write_each_time(loaded, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = get_user_model().objects.create_user("analyst.pinned", password="x" * 12)
    StaffProfile.objects.create(user=user, role=Role.PERFORMANCE_ANALYST.value)
    client.force_login(user)
    engine_cache.engine()
    with CaptureQueriesContext(connection) as page:
        assert client.get("/").status_code == 200
    assert _version_queries(page) == 1


def _sorted(pack):
    return pack.sort("indicator_id", "level", "unit_id", "month", nulls_last=True)


def _cold_pack(end):
    from sightline.indicators.engine import Engine
    from sightline.performance.loader import load_frames

    return Engine(load_frames(), **engine_cache._settings()).pack(end)


def test_a_days_refresh_reuses_the_previous_figures_and_gives_the_pack_a_full_build_gives(
    ssd_day, tmp_path, monkeypatch
):
    monkeypatch.setattr(engine_cache, "NEW_MONTH_COLD_BELOW", 0)  # the small council refreshes too
    first_extract(ssd_day, tmp_path)
    engine_cache.clear_cache()
    before = engine_cache.engine()
    previous = before.pack(before.frames.reference_date)  # the figures a day's use has asked for
    next_day(tmp_path)
    after = engine_cache.engine()
    end = after.frames.reference_date
    assert end.month != before.frames.reference_date.month  # the day began a month: the pack moved on
    refreshed = after.pack(end)
    cold = _cold_pack(end)
    assert _sorted(refreshed).equals(_sorted(cold))
    assert refreshed.height > 10_000
    # The refresh was the incremental one, and the day changed some figures.
    assert after.frames is not before.frames and after._reusable
    assert len(after.refresh["kept"]) > 60 and after.refresh["spliced"]
    assert len(after.refresh["recomputed"]) < 15
    assert not _sorted(previous).equals(_sorted(cold))

    # The next day, within the month: the pack's months stay, most of their rows with them.
    later = next_day(tmp_path / "later")
    assert later.changed_child_ids
    again = engine_cache.engine()
    assert again.frames.reference_date.month == end.month and again.refresh["kept"]
    assert _sorted(again.pack(again.frames.reference_date)).equals(
        _sorted(_cold_pack(again.frames.reference_date))
    )
    kept_months = sum(len(m) for m in again._reusable[0][2].values())
    assert kept_months > 20 * len(again.refresh["kept"])
    engine_cache.clear_cache()


def test_a_row_moved_from_an_unchanged_child_is_taken_out_of_its_figures(ssd_day, tmp_path):
    from sightline.records.models import Visit

    first_extract(ssd_day, tmp_path)
    engine_cache.clear_cache()
    before = engine_cache.engine()
    before.pack(before.frames.reference_date)
    visit = Visit.objects.order_by("-visit_date").first()
    other = Visit.objects.exclude(child_id=visit.child_id).order_by("pk").first().child_id
    Visit.objects.filter(pk=visit.pk).update(child_id=other)
    # Only the child the visit went to is said to have changed.
    had = (engine_cache._cache["frames_key"], before.frames, before)
    after = engine_cache._build(None, engine_cache._settings(), had, {other})
    assert after.refresh is not None
    end = after.frames.reference_date
    assert _sorted(after.pack(end)).equals(_sorted(_cold_pack(end)))
    engine_cache.clear_cache()


def test_when_many_children_changed_the_figures_are_built_cold(loaded, monkeypatch):
    before = engine_cache.engine()
    before.pack(before.frames.reference_date)
    ids = before.frames["child"]["id"].to_list()
    had = (engine_cache._cache["frames_key"], before.frames, before)
    patched = []
    monkeypatch.setattr(engine_cache, "patch_frames", lambda *a: patched.append(a) or before.frames)
    many = set(ids[: int(len(ids) * engine_cache.MAX_CHANGED_SHARE) + 1])
    cold = engine_cache._build(None, engine_cache._settings(), had, many)
    assert not patched and cold.refresh is None and cold.frames is not before.frames
    few = set(ids[:3])
    engine_cache._build(None, engine_cache._settings(), had, few)
    assert patched and patched[0][1] == few
    # A day that begins a month, at a council this small: cold.
    assert before.frames["child"].height < engine_cache.NEW_MONTH_COLD_BELOW
    Council.objects.update(reference_date=before.frames.reference_date + timedelta(days=31))
    patched.clear()
    assert engine_cache._build(None, engine_cache._settings(), had, few).refresh is None and not patched
    monkeypatch.setattr(engine_cache, "NEW_MONTH_COLD_BELOW", 0)
    engine_cache._build(None, engine_cache._settings(), had, few)
    assert patched
