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
    """How many times the settings version was asked for (one of the two queries of each `engine()`)."""
    return sum("MAX(" in q["sql"] and "settingchange" in q["sql"] for q in queries)


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


def test_a_days_refresh_reuses_the_previous_figures_and_gives_the_pack_a_full_build_gives(ssd_day, tmp_path):
    from sightline.indicators.engine import Engine
    from sightline.performance.loader import load_frames

    first_extract(ssd_day, tmp_path)
    engine_cache.clear_cache()
    before = engine_cache.engine()
    previous = before.pack(before.frames.reference_date)  # the figures a day's use has asked for
    next_day(tmp_path)
    after = engine_cache.engine()
    end = after.frames.reference_date
    refreshed = after.pack(end)
    cold = Engine(load_frames(), **engine_cache._settings()).pack(end)
    assert _sorted(refreshed).equals(_sorted(cold))
    assert refreshed.height > 10_000
    # The refresh was the incremental one, and the day changed some figures.
    assert after.frames is not before.frames and after._reusable
    kept = after._reusable[0][2]
    spliced = {i for i in after._flow if i not in kept and after._flow[i] is not before._flow.get(i)}
    assert len(kept) > 20 and spliced
    assert not _sorted(previous).equals(_sorted(cold))
    engine_cache.clear_cache()
