"""The programmes' progress read at once (the programmes list and the analysis page's completion
table) agrees with reading each programme on its own, in one query however many programmes."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sightline.audits import selectors, services
from sightline.audits.models import Audit, AuditProgramme, AuditTool
from sightline.web.selectors import as_at
from sightline.workforce.models import Worker

from .helpers import complete

pytestmark = pytest.mark.django_db


def _programme(name, quarter, planned, auditors, seed):
    version = services.latest_version(AuditTool.objects.get(key="collaborative"))
    programme = services.create_programme(
        name=name,
        quarter=quarter,
        tool_version=version,
        planned=planned,
        due_date=date(2026, 3, 31),
        auditors=[(w, planned) for w in auditors],
        seed=seed,
    )
    services.draw_programme_sample(programme, as_at())
    return programme


def test_programmes_progress_in_one_query_matches_each_programme(council):
    services.ensure_default_tools()
    auditors = list(Worker.objects.filter(leave_date__isnull=True, role="SP").order_by("staff_id")[:2])
    first = _programme("Winter", "2026-Q1", 4, auditors, 3)
    second = _programme("Spring", "2026-Q2", 3, auditors, 4)
    finished = first.audits.order_by("pk").first()
    services.finalise(complete(finished))
    Audit.objects.filter(programme=second).update(due_date=date(2026, 4, 1))
    on = date(2026, 5, 1)

    programmes = AuditProgramme.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk")
    with CaptureQueriesContext(connection) as queries:
        together = selectors.programmes_progress(programmes, on)
    assert len(queries.captured_queries) == 2  # the programmes, then all their audits

    assert [(p.pk, progress) for p, progress in together] == [
        (p.pk, selectors.programme_progress(p, on)) for p in programmes
    ]
    (_, winter), (_, spring) = together
    # Every audit is due by its programme's date (31 March, or moved to 1 April): on 1 May the
    # three open winter audits and all three spring ones are overdue.
    assert (winter.planned, winter.finalised, winter.overdue) == (4, 1, 3)
    assert (spring.planned, spring.finalised, spring.overdue) == (3, 0, 3)
    early = selectors.programmes_progress(programmes, lambda p: date(2026, 3, 1))
    assert [progress.overdue for _, progress in early] == [0, 0]
