"""A child's chronology read in one query gives the events a query per kind of record gives."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from sightline.records.models import Child
from sightline.records.selectors import CHRONOLOGY_READERS, chronology_rows
from sightline.records.services import load_dataset

pytestmark = pytest.mark.django_db


def _one_query_per_kind(child) -> list:
    """The events as each reader gives them from its own rows, read through the ORM."""
    events = []
    for reader in CHRONOLOGY_READERS:
        rows = reader.model.objects.filter(child=child).select_related(*reader.related).order_by("pk")
        for row in rows:
            events.extend(reader.events(row))
    return events


def test_the_chronology_in_one_query_is_the_chronology_read_kind_by_kind(small_council):
    load_dataset(small_council)
    relations = ["visits", "allocations", "missingepisodes", "assessments", "lookedafterepisodes"]
    busy = set()
    for relation in relations:  # a child with many of each kind, missing episodes' times among them
        busy |= set(Child.objects.annotate(n=Count(relation)).order_by("-n").values_list("pk", flat=True)[:3])
    kinds_seen = set()
    list(chronology_rows(Child.objects.first()))  # SQLite: Django asks once whether it has JSON
    for child in Child.objects.filter(pk__in=busy):
        with CaptureQueriesContext(connection) as queries:
            combined = list(chronology_rows(child))
        assert len(queries) == 1
        assert combined == _one_query_per_kind(child), child.la_child_id
        kinds_seen |= {event.kind for event in combined}
    assert {"Visit", "Allocation", "Missing", "Assessment", "Looked after", "Referral"} <= kinds_seen
