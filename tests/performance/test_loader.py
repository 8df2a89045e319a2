"""Frames from the database: PostgreSQL's COPY path gives exactly what the row-by-row fetch gives."""

import pytest
from django.db import connection

from sightline.indicators.frames import SCHEMAS
from sightline.performance import loader
from sightline.records.services import load_dataset

from .days import first_extract, next_day


@pytest.mark.django_db(transaction=True)
def test_copy_frames_equal_fetched_frames_on_postgresql(small_council):
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's; run with SIGHTLINE_TEST_POSTGRES=1")
    load_dataset(small_council)
    filled = 0
    for name, (label, schema) in SCHEMAS.items():
        copied = loader._frame_by_copy(label, schema)
        fetched = loader._frame_by_fetch(name, label, schema)
        assert copied.schema == fetched.schema, name
        assert copied.sort("id").equals(fetched.sort("id")), name
        filled += copied.height > 0
    assert filled > len(SCHEMAS) // 2  # most tables hold rows, so the comparison means something


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
