"""The pages' content version (web.versions): raised by a QA write, not by an import's records
or a rolled-back write, read once per page, and part of every kept fragment's key."""

from datetime import date

import pytest
from django.db import transaction

from sightline.accounts.roles import Role
from sightline.performance.engine_cache import one_engine
from sightline.performance.models import IndicatorTarget
from sightline.records.models import Child
from sightline.web import versions
from sightline.web.models import ContentVersion

pytestmark = pytest.mark.django_db


def _audit_tool():
    from sightline.audits.models import AuditTool
    from sightline.audits.services import ensure_default_tools, latest_version

    ensure_default_tools()
    return latest_version(AuditTool.objects.get(key="collaborative"))


def test_a_qa_write_raises_the_content_version_and_the_key(council):
    from sightline.audits.models import Audit

    tool = _audit_tool()
    before, key_before = versions.content_version(), versions.key_part(figures=False)
    audit = Audit.objects.create(
        tool_version=tool,
        child=Child.objects.first(),
        auditor_name="A",
        audit_date=date(2026, 2, 1),
        updated_at="2026-03-01T00:00:00Z",
    )
    after = versions.content_version()
    assert after != before and versions.key_part(figures=False) != key_before
    audit.delete()
    assert versions.content_version() not in {before, after}


def test_a_setting_change_raises_it(council):
    before = versions.content_version()
    IndicatorTarget.objects.create(indicator_id="cin_rate", target=1.0)
    assert versions.content_version() != before


def test_a_rolled_back_write_and_a_record_write_leave_it(council):
    tool = _audit_tool()
    before = versions.content_version()
    from sightline.audits.models import Audit

    with pytest.raises(RuntimeError), transaction.atomic():
        Audit.objects.create(
            tool_version=tool,
            child=Child.objects.first(),
            auditor_name="A",
            audit_date=date(2026, 2, 1),
            updated_at="2026-03-01T00:00:00Z",
        )
        raise RuntimeError
    child = Child.objects.first()
    child.first_name = "Renamed"
    child.save()  # a record: an import raises the data version for these
    assert versions.content_version() == before


def test_read_once_per_page_and_afresh_after_a_write_within_it(council, django_assert_num_queries):
    versions.bump()
    with one_engine():
        first = versions.content_version()
        with django_assert_num_queries(0):
            assert versions.content_version() == first
        versions.bump()
        assert versions.content_version() == ContentVersion.objects.get().version != first


def test_raised_once_per_transaction(council, django_assert_num_queries):
    before = versions.content_version()
    with transaction.atomic():
        IndicatorTarget.objects.create(indicator_id="cpp_rate", target=1.0)
        with django_assert_num_queries(1):  # the row written, no second raise
            IndicatorTarget.objects.create(indicator_id="cla_rate", target=1.0)
    raised = versions.content_version()
    assert raised != before
    IndicatorTarget.objects.create(indicator_id="cpp_rate_2", target=1.0)  # after a read: again
    assert versions.content_version() != raised


def test_a_viewer_kept_per_user_follows_a_change_to_their_profile(signed_in, locality):
    """A practitioner moved to another team opens that team's children at once, and no longer
    their old team's: the Viewer kept for them (web.views.with_viewer) is read again."""
    from sightline.accounts.models import StaffProfile
    from sightline.workforce.models import Team

    from .conftest import child_allocated_to

    other = Team.objects.get(name="Locality South")
    theirs = child_allocated_to(locality, exclude_team=other)
    elsewhere = child_allocated_to(other, exclude_team=locality)
    client, user = signed_in(Role.PRACTITIONER)
    assert client.get(f"/children/{theirs.pk}/").status_code == 200
    assert client.get(f"/children/{elsewhere.pk}/").status_code == 404
    profile = StaffProfile.objects.get(user=user)
    profile.teams.set([other])
    assert client.get(f"/children/{elsewhere.pk}/").status_code == 200
    assert client.get(f"/children/{theirs.pk}/").status_code == 404
