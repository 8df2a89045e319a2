"""A finalised practice observation is one of the observations counted per worker against the
twice-a-year standard (workforce.PracticeObservation, read by the practice_observations
indicator); a new version of the form updates it rather than counting it twice."""

from datetime import timedelta

import pytest

from sightline.audits import services
from sightline.audits.models import Audit, AuditTool
from sightline.performance import selectors as perf
from sightline.web.selectors import as_at
from sightline.workforce.models import PracticeObservation, Worker

from .helpers import complete

pytestmark = pytest.mark.django_db


def observed_count(worker_id: int) -> int:
    """The worker's observations in the last 12 months, as the indicator counts them."""
    rows = perf.children(
        "practice_observations", perf.default_period("month"), "worker", worker_id, "denominator"
    )
    return next(r["observations"] for r in rows if r["worker_id"] == worker_id)


def observation_audit(council) -> tuple[Audit, Worker]:
    services.ensure_default_tools()
    on = as_at()
    counted = {r["worker_id"] for r in perf.children("practice_observations", which="denominator")}
    practitioner = Worker.objects.filter(pk__in=counted, role="SW").order_by("staff_id").first()
    observer = Worker.objects.filter(team=practitioner.team, role="TM", leave_date__isnull=True).first()
    child = Audit.objects.filter(child__restricted=False).first().child
    audit = Audit.objects.create(
        tool_version=services.latest_version(AuditTool.objects.get(key="observation")),
        child=child,
        team=practitioner.team,
        auditor=observer,
        auditor_name=str(observer),
        updated_at=f"{on.isoformat()}T09:00:00Z",
    )
    audit = complete(audit)
    return services.save_change(audit, "audit_date", (on - timedelta(days=3)).isoformat()), practitioner


def test_finalising_an_observation_counts_it_for_the_practitioner(
    council, django_capture_on_commit_callbacks
):
    audit, practitioner = observation_audit(council)
    assert "The practitioner observed is not given" in services.finalise_problems_for(audit)
    with pytest.raises(services.AuditError, match="practitioner observed"):
        services.finalise(audit)
    before = observed_count(practitioner.pk)
    audit = services.save_change(audit, "practitioner", str(practitioner.pk))
    with django_capture_on_commit_callbacks(execute=True):
        audit = services.finalise(audit)
    row = PracticeObservation.objects.get(pk=audit.observation_id)
    assert (row.worker_id, row.observer_id, row.observation_date) == (
        practitioner.pk,
        audit.auditor_id,
        audit.audit_date,
    )
    assert observed_count(practitioner.pk) == before + 1

    # A new version with a corrected date moves the same observation, it does not add one.
    fresh = services.new_version(audit, "Observation was a day earlier")
    fresh = services.save_change(fresh, "audit_date", (audit.audit_date - timedelta(days=1)).isoformat())
    with django_capture_on_commit_callbacks(execute=True):
        fresh = services.finalise(fresh)
    assert fresh.observation_id == row.pk
    row.refresh_from_db()
    assert row.observation_date == audit.audit_date - timedelta(days=1)
    assert observed_count(practitioner.pk) == before + 1


def test_other_audits_write_no_observation(council):
    audit = Audit.objects.filter(tool_version__tool__key="collaborative", status="finalised").first()
    assert audit.observation_id is None
    services.ensure_default_tools()
    draft = Audit.objects.create(
        tool_version=audit.tool_version, child=audit.child, auditor=audit.auditor, updated_at=audit.updated_at
    )
    draft = services.finalise(complete(draft))
    assert draft.observation_id is None


def test_the_demo_councils_observation_forms_are_among_the_observations_counted(council):
    forms = Audit.objects.filter(tool_version__tool__kind="observation", status="finalised")
    assert forms.count() >= 8
    for form in forms.select_related("observation"):
        assert form.observation is not None
        assert (
            form.observation.worker_id,
            form.observation.observer_id,
            form.observation.observation_date,
        ) == (
            form.practitioner_id,
            form.auditor_id,
            form.audit_date,
        )
