"""Frames from the database: the text path gives exactly what the row-by-row fetch gives, and what the
generator's own rows give, on both databases."""

import polars as pl
import pytest
from django.db import connection

from sightline.indicators.frames import SCHEMAS
from sightline.performance import loader, table_text
from sightline.records.services import load_dataset

from .days import first_extract, next_day
from .fetched_frames import frame_by_fetch


def _text_equals_fetch() -> int:
    """Every table through the text path equals the plain SELECT's; how many tables hold rows."""
    filled = 0
    for name, (label, schema) in SCHEMAS.items():
        text = loader._frame(name, label, schema)
        fetched = frame_by_fetch(name, label, schema)
        assert text.schema == fetched.schema, name
        assert text.sort("id").equals(fetched.sort("id")), name
        filled += text.height > 0
    return filled


@pytest.mark.django_db(transaction=True)
def test_text_frames_equal_fetched_frames(small_council):
    load_dataset(small_council)
    assert _text_equals_fetch() > len(SCHEMAS) // 2  # most tables hold rows: the comparison means something


@pytest.mark.django_db
def test_awkward_values_cross_the_text_path_unchanged(ssd_day):
    """Quotes, commas and line breaks in text, an empty text, a float with every digit and a null
    one, timestamps in summer and winter time with microseconds: as the plain SELECT reads them."""
    from datetime import UTC, datetime

    from sightline.records.models import LookedAfterEpisode, MissingEpisode
    from sightline.workforce.models import Worker

    load_dataset(ssd_day, replace=True)
    first, second = Worker.objects.order_by("pk")[:2]
    Worker.objects.filter(pk=first.pk).update(first_name='O\'Brien, "Jo"\nand\r\nmore', last_name="")
    Worker.objects.filter(pk=second.pk).update(first_name="(NULL)", last_name="s")
    episodes = LookedAfterEpisode.objects.order_by("pk")
    episodes.filter(pk=episodes[0].pk).update(placement_distance_miles=1 / 3)
    episodes.filter(pk=episodes[1].pk).update(placement_distance_miles=None)
    missing = MissingEpisode.objects.order_by("pk")
    assert missing.count() >= 2
    summer, winter = datetime(2025, 7, 1, 23, 30, 5, 123456, UTC), datetime(2025, 1, 2, 0, 0, 0, 1, UTC)
    missing.filter(pk=missing[0].pk).update(mis_start=summer, mis_end=None, rhi_date=None)
    missing.filter(pk=missing[1].pk).update(mis_start=winter, mis_end=summer, rhi_date=summer)
    _text_equals_fetch()
    workers = loader._frame("worker", *SCHEMAS["worker"]).filter(pl.col("id").is_in([first.pk, second.pk]))
    assert workers["first_name"].to_list() == ['O\'Brien, "Jo"\nand\r\nmore', "(NULL)"]
    assert workers["last_name"].to_list() == ["", "s"]
    stamps = loader._frame("missing", *SCHEMAS["missing"]).filter(pl.col("id") == missing[0].pk)
    assert stamps["mis_start"].to_list() == [datetime(2025, 7, 2, 0, 30, 5, 123456)]  # BST wall clock
    assert stamps["mis_end"].to_list() == [None]


@pytest.mark.django_db(transaction=True)
def test_large_tables_read_in_id_ranges_give_the_same_frames(small_council, monkeypatch):
    load_dataset(small_council)
    whole = loader.load_frames()
    monkeypatch.setattr(table_text, "CHUNK_IDS", 997)
    queries = []
    real = loader._id_ranges
    monkeypatch.setattr(loader, "_id_ranges", lambda *a: queries.append(real(*a)) or queries[-1])
    chunked = loader.load_frames()
    assert max(len(q) for q in queries) > 10  # the visits were read in many ranges
    for name in SCHEMAS:
        assert chunked[name].equals(whole[name]), name


def _advanced(council, tmp_path):
    """The frames and data version after the first extract; the next day's run."""
    first_extract(council, tmp_path)
    before, version = loader.load_frames(), loader.data_version()
    return before, version, next_day(tmp_path)


def _same_frames(patched, cold) -> None:
    for name in SCHEMAS:
        assert patched[name].schema == cold[name].schema, name
        assert patched[name].sort("id").equals(cold[name].sort("id")), name
    assert patched.reference_date == cold.reference_date
    assert patched.population_0_17 == cold.population_0_17


@pytest.mark.django_db
def test_frames_patched_for_a_days_changed_children_equal_the_frames_read_whole(ssd_day, tmp_path):
    from sightline.performance.engine_cache import changed_children

    before, version, run = _advanced(ssd_day, tmp_path)
    changed = changed_children(version, loader.data_version())
    assert changed == set(run.changed_child_ids) == set(run.changed_children)
    assert 20 <= len(changed) <= 60
    cold = loader.load_frames()
    differing = [n for n in SCHEMAS if not before[n].sort("id").equals(cold[n].sort("id"))]
    assert {"child", "visit", "contact"} <= set(differing) | {"child"}  # the day wrote rows
    _same_frames(loader.patch_frames(before, changed), cold)


@pytest.mark.django_db
def test_a_row_moved_to_a_changed_child_leaves_the_child_it_came_from(ssd_day):
    from sightline.records.models import Visit

    load_dataset(ssd_day, replace=True)
    before = loader.load_frames()
    visit = Visit.objects.order_by("pk").first()
    other = Visit.objects.exclude(child_id=visit.child_id).order_by("pk").first().child_id
    Visit.objects.filter(pk=visit.pk).update(child_id=other)
    # Only the child it went to is said to have changed; the one it left is found by the row's id.
    reached = set()
    _same_frames(loader.patch_frames(before, {other}, reached), loader.load_frames())
    assert reached == {other, visit.child_id}  # both children's facts have changed


@pytest.mark.django_db
def test_a_worker_gone_reads_every_table_again(ssd_day, monkeypatch):
    from sightline.workforce.models import Worker

    load_dataset(ssd_day, replace=True)
    leaver = Worker.objects.order_by("pk").first()
    leaver.pk, leaver.staff_id = None, "LEAVER"
    leaver.save()
    before = loader.load_frames()
    leaver.delete()
    whole = []
    monkeypatch.setattr(loader, "load_frames", lambda: whole.append(1) or "read whole")
    assert loader.patch_frames(before, set()) == "read whole" and whole


@pytest.mark.django_db
def test_changed_children_are_unknown_across_a_version_no_import_recorded(ssd_day, tmp_path):
    from sightline.performance.engine_cache import changed_children
    from sightline.records.services import bump_data_version

    _, version, _ = _advanced(ssd_day, tmp_path)
    assert changed_children(version, loader.data_version())
    bump_data_version()  # a writer that does not say which children (an audit, a returns import)
    assert changed_children(version, loader.data_version()) is None
    assert changed_children(loader.data_version(), loader.data_version()) is None


@pytest.mark.django_db(transaction=True)
def test_frames_list_rows_in_id_order_after_updates(small_council):
    """PostgreSQL returns an updated row where its new version lies (often last): the frames are in
    id order all the same, on both databases, so what pages list from them does not move."""
    from django.apps import apps
    from django.db.models import F

    load_dataset(small_council)
    updated = 0
    for label, _ in SCHEMAS.values():
        model = apps.get_model(label)
        first = list(model.objects.order_by("pk").values_list("pk", flat=True)[:20])
        field = next(f.attname for f in model._meta.concrete_fields if not f.primary_key)
        updated += model.objects.filter(pk__in=first).update(**{field: F(field)})
    assert updated > 100
    frames = loader.load_frames()
    for name in SCHEMAS:
        ids = frames[name]["id"]
        assert ids.is_sorted() and ids.n_unique() == ids.len(), name


@pytest.mark.django_db(transaction=True)
def test_frames_from_the_database_equal_the_generated_rows_and_give_the_same_pack(small_council):
    """The loader (on PostgreSQL: tables read side by side, outside a transaction) gives the
    frames built from the generator's own rows, and so the same pack, value for value."""
    from sightline.indicators.engine import Engine
    from sightline.indicators.frames import Frames

    load_dataset(small_council)
    loaded, generated = loader.load_frames(), Frames.from_dataset(small_council)
    for name in SCHEMAS:
        assert loaded[name].schema == generated[name].schema, name
        assert loaded[name].sort("id").equals(generated[name].sort("id")), name
    end = generated.reference_date
    keys = ["indicator_id", "level", "unit_id", "month"]
    from_database = Engine(loaded).pack(end, months=6).sort(keys, nulls_last=True)
    assert from_database.height > 1000
    assert from_database.equals(Engine(generated).pack(end, months=6).sort(keys, nulls_last=True))


def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's; run with SIGHTLINE_TEST_POSTGRES=1")


@pytest.mark.django_db(transaction=True)
def test_frames_do_not_depend_on_the_servers_date_style(small_council, monkeypatch):
    """A server writing dates day first ('SQL, DMY') and floats rounded gives the same frames."""
    from sightline.indicators.frames import Frames

    _postgresql_only()
    load_dataset(small_council)
    opened = connection.get_new_connection

    def day_first(params):
        raw = opened(params)
        raw.autocommit = True
        raw.execute("SET DateStyle = 'SQL, DMY'")
        raw.execute("SET extra_float_digits = -3")
        assert raw.execute("SELECT DATE '2026-12-04'::text").fetchone()[0] == "04/12/2026"
        return raw

    monkeypatch.setattr(connection, "get_new_connection", day_first)
    loaded, generated = loader.load_frames(), Frames.from_dataset(small_council)
    for name in SCHEMAS:
        assert loaded[name].equals(generated[name].sort("id")), name


@pytest.mark.django_db(transaction=True)
def test_side_by_side_readers_share_one_snapshot(small_council):
    """A row written after the first reader began is seen by no reader, so the tables agree."""
    from sightline.records.models import Visit

    _postgresql_only()
    load_dataset(small_council)
    before = Visit.objects.count()
    with loader._readers(2) as (first, second):
        visit = Visit.objects.order_by("pk").first()
        visit.pk = None
        visit.save()
        assert Visit.objects.count() == before + 1
        for raw in (first, second):
            assert loader._frame("visit", *SCHEMAS["visit"], raw=raw).height == before
    assert loader._frame("visit", *SCHEMAS["visit"]).height == before + 1
