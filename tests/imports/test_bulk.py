"""imports.bulk writes exactly the rows Django's bulk_create writes, and gives the objects their ids."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, transaction
from tests.records_helpers import create_child

from sightline.imports import bulk
from sightline.records.models import Child, MissingEpisode

pytestmark = pytest.mark.django_db


def _children(prefix: str) -> list[Child]:
    return [
        Child(
            la_child_id=f"{prefix}{n}",
            first_name="",
            last_name="",
            sex="F" if n % 2 else "M",
            ethnicity="WBRI",
            date_of_birth=date(2015, 2, 28) if n % 3 else None,
            expected_date_of_birth=None if n % 3 else date(2026, 7, 1),
            disabilities=["MOB", "HAND"] if n % 2 else [],
            uasc=n == 1,
        )
        for n in range(5)
    ]


def _missing(children: list[Child]) -> list[MissingEpisode]:
    return [
        MissingEpisode(
            child=child,
            missing="M",
            mis_start=datetime(2025, 6, 1, 21, 30, tzinfo=UTC),
            mis_end=datetime(2025, 6, 2, 8, tzinfo=UTC) if n % 2 else None,
            rhi_offered=n == 2,
        )
        for n, child in enumerate(children)
    ]


def _rows(model, ids) -> list[dict]:
    return [
        {k: v for k, v in row.items() if k not in {"id", "la_child_id", "child_id"}}
        for row in model.objects.filter(pk__in=ids).order_by("pk").values()
    ]


def test_insert_writes_the_rows_bulk_create_writes():
    by_django = Child.objects.bulk_create(_children("D"))
    ours = _children("B")
    bulk.insert(Child, ours)
    assert all(c.pk and not c._state.adding for c in ours)
    assert _rows(Child, [c.pk for c in ours]) == _rows(Child, [c.pk for c in by_django])
    django_missing = MissingEpisode.objects.bulk_create(_missing(by_django))
    our_missing = _missing(ours)
    bulk.insert(MissingEpisode, our_missing)
    assert [m.child_id for m in our_missing] == [c.pk for c in ours]
    assert _rows(MissingEpisode, [m.pk for m in our_missing]) == _rows(
        MissingEpisode, [m.pk for m in django_missing]
    )


def test_ids_are_not_handed_out_again():
    ours = _children("B")
    bulk.insert(Child, ours)
    assert len({c.pk for c in ours}) == len(ours)
    later = create_child("LATER")
    assert later.pk > max(c.pk for c in ours)
    Child.objects.filter(pk=later.pk).delete()
    again = _children("C")
    bulk.insert(Child, again)
    assert min(c.pk for c in again) > later.pk


def _snapshot() -> dict[str, list[tuple]]:
    """Every record row, ids (and the ids rows point at) counted from each table's first row."""
    from django.apps import apps

    models = list(apps.get_app_config("records").get_models())
    first = {model: min(model.objects.values_list("pk", flat=True), default=0) for model in models}
    out = {}
    for model in models:
        fields = list(model._meta.concrete_fields)
        rows = []
        for values in model.objects.order_by("pk").values_list(*(f.attname for f in fields)):
            row = []
            for field, value in zip(fields, values, strict=True):
                if field.primary_key and value is not None:
                    value -= first[model]
                elif field.is_relation and value is not None and field.related_model in first:
                    value -= first[field.related_model]
                row.append(value)
            rows.append(tuple(row))
        out[model._meta.label] = rows
    return out


def _by_django(patch) -> None:
    """The import as it was: model objects for every stored and new row, written by bulk_create."""
    from sightline.imports import loaders, sync

    patch.setattr(bulk, "insert", lambda model, objs: model.objects.bulk_create(objs, batch_size=1000))
    patch.setattr(loaders.Loader, "sync", sync.InstanceSync)


def _changed(path, out) -> None:
    """The census with every third child's first referral given another primary need and a
    later closure reason, so a re-import updates stored rows."""
    from lxml import etree

    tree = etree.parse(str(path))
    for number, child in enumerate(tree.iter("Child")):
        node = child.find("CINdetails/PrimaryNeedCode") if number % 3 == 0 else None
        if node is not None:
            node.text = "N1" if node.text != "N1" else "N2"
    tree.write(str(out), xml_declaration=True, encoding="utf-8")


def test_an_import_writes_the_rows_bulk_create_wrote(exported, monkeypatch, tmp_path):
    from sightline.imports import services
    from sightline.records.services import clear_records

    files = [exported["cin"], *sorted(exported["903"])]
    changed = tmp_path / "changed.xml"
    _changed(exported["cin"], changed)
    clear_records()
    with monkeypatch.context() as patch:
        _by_django(patch)
        services.import_files(files)
        first_by_django = _snapshot()
        again_by_django = [(r.added, r.updated, r.unchanged, r.counts) for r in services.import_files(files)]
        changed_by_django = [
            (r.added, r.updated, r.unchanged, r.counts) for r in services.import_files([changed])
        ]
        by_django = _snapshot()
    clear_records()
    services.import_files(files)
    first = _snapshot()
    again = [(r.added, r.updated, r.unchanged, r.counts) for r in services.import_files(files)]
    after_changed = [(r.added, r.updated, r.unchanged, r.counts) for r in services.import_files([changed])]
    ours = _snapshot()
    assert sum(len(rows) for rows in ours.values()) > 1000
    assert first == first_by_django
    assert again == again_by_django
    assert all(not added and not updated for added, updated, _, _ in again)
    assert after_changed == changed_by_django
    assert after_changed[0][1] > 0
    assert ours == by_django
    assert ours != first


def _import_lock_held(queries) -> bool:
    """PostgreSQL: this connection holds the imports' advisory lock. SQLite (an in-memory test
    database has no second connection to wait): the import's transaction took the write lock
    with its no-op write before loading."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                "AND pid = pg_backend_pid() AND objid = %s",
                [bulk.IMPORT_LOCK],
            )
            return cursor.fetchone()[0] == 1
    return any("UPDATE sqlite_sequence SET seq = seq WHERE 0" in q["sql"] for q in queries.captured_queries)


def test_an_import_holds_other_imports_off_while_it_loads(exported, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sightline.imports import loaders, services
    from sightline.records.services import clear_records

    held = []
    with CaptureQueriesContext(connection) as queries:
        original = loaders.CINLoader.load

        def load(self):
            held.append(_import_lock_held(queries))
            return original(self)

        monkeypatch.setattr(loaders.CINLoader, "load", load)
        clear_records()
        before = len(queries.captured_queries)
        assert not _import_lock_held(queries)
        services.import_files([exported["cin"]])
    assert held == [True]
    assert len(queries.captured_queries) > before


def test_fetch_reads_what_values_list_reads():
    """The loaders' preload: the same values, types included (dates, JSON, booleans, aware times)."""
    children = _children("F")
    bulk.insert(Child, children)
    bulk.insert(MissingEpisode, _missing(children))
    for model in (Child, MissingEpisode):
        names = [f.attname for f in model._meta.concrete_fields]
        ours = bulk.fetch(model.objects.order_by("pk"), names)
        theirs = list(model.objects.order_by("pk").values_list(*names))
        assert len(ours) == 5
        assert ours == theirs
        assert [[type(v) for v in row] for row in ours] == [[type(v) for v in row] for row in theirs]
    assert bulk.fetch(Child.objects.filter(pk__in=[]), ["id"]) == []


def test_a_row_the_database_refuses_is_refused_as_djangos_error():
    """The import turns Django's DatabaseError into a message naming the child; the driver's own
    error (sqlite3's, psycopg's) would escape that and reach the user raw."""
    bulk.insert(Child, _children("R"))
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert(Child, _children("R"))
    assert Child.objects.filter(la_child_id__startswith="R").count() == 5
