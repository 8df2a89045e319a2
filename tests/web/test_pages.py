"""Pages, permissions and the access log, through Django's test client on a loaded council."""

import io

import pytest
from openpyxl import load_workbook

from sightline.accesslog.models import RecordAccess
from sightline.accounts.roles import Role, can_view_child
from sightline.accounts.selectors import child_scope, viewer_for, visible_children
from sightline.records.models import Child
from sightline.web.selectors import as_at
from sightline.workforce.models import Team

from .conftest import PASSWORD, child_allocated_to

pytestmark = pytest.mark.django_db


def test_pages_need_sign_in(client, council):
    for url in ["/", "/demand/", "/teams/", "/children/", "/access-log/", "/settings/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], url


def test_practitioner_opens_their_teams_child_and_it_is_logged(signed_in, locality):
    client, user = signed_in(Role.PRACTITIONER)
    child = child_allocated_to(locality)
    response = client.get(f"/children/{child.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert child.la_child_id in page and "Chronology" in page
    entry = RecordAccess.objects.get(user=user, child=child)
    assert entry.action == RecordAccess.Action.VIEW and not entry.outside_team


def test_practitioner_cannot_open_another_teams_child_and_nothing_leaks(signed_in, locality):
    client, user = signed_in(Role.PRACTITIONER)
    other_team = Team.objects.get(name="Locality South")
    child = child_allocated_to(other_team, exclude_team=locality)
    response = client.get(f"/children/{child.pk}/")
    assert response.status_code == 404
    page = response.content.decode()
    for secret in (child.la_child_id, child.first_name + " " + child.last_name, child.upn or "never-empty"):
        assert secret not in page
    denied = RecordAccess.objects.get(user=user, child=child)
    assert denied.action == RecordAccess.Action.DENIED and denied.outside_team
    assert client.get(f"/children/{child.pk}/?format=csv").status_code == 404


def test_elected_member_sees_no_child_level_data(signed_in, locality):
    client, _ = signed_in(Role.ELECTED_MEMBER)
    child = child_allocated_to(locality)
    assert client.get(f"/children/{child.pk}/").status_code == 404
    assert client.get("/children/").status_code == 403
    assert client.get(f"/teams/{locality.pk}/").status_code == 403
    home = client.get("/").content.decode()
    assert "/children/" not in home
    demand = client.get("/demand/")
    assert demand.status_code == 200


def test_auditor_views_outside_their_team_are_flagged_for_review(signed_in, locality):
    from sightline.accounts.models import StaffProfile
    from sightline.audits.models import Audit, AuditTool
    from sightline.audits.services import ensure_default_tools, latest_version
    from sightline.workforce.models import Worker

    client, user = signed_in(Role.AUDITOR)
    child = child_allocated_to(locality)
    assert client.get(f"/children/{child.pk}/").status_code == 404  # not theirs to audit
    # Given the child's audit, the auditor opens the record, and the view is flagged.
    worker = Worker.objects.exclude(team=locality).first()
    StaffProfile.objects.filter(user=user).update(worker=worker)
    ensure_default_tools()
    Audit.objects.create(
        tool_version=latest_version(AuditTool.objects.get(key="collaborative")),
        child=child,
        auditor=worker,
        updated_at="2026-03-01T00:00:00Z",
    )
    assert client.get(f"/children/{child.pk}/").status_code == 200
    assert RecordAccess.objects.get(user=user, child=child, action=RecordAccess.Action.VIEW).outside_team
    client.logout()
    admin_client, _ = signed_in(Role.ADMINISTRATOR, username="the-admin")
    page = admin_client.get("/access-log/?flagged=1").content.decode()
    assert user.username in page and child.la_child_id in page


def test_only_administrators_review_the_access_log(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    assert client.get("/access-log/").status_code == 403
    assert client.get("/settings/").status_code == 403


def test_restricted_record_is_hidden_until_the_user_is_named(signed_in, locality):
    from sightline.accounts.models import RestrictedRecordAccess

    client, user = signed_in(Role.DIRECTOR)
    child = child_allocated_to(locality)
    Child.objects.filter(pk=child.pk).update(restricted=True)
    assert client.get(f"/children/{child.pk}/").status_code == 404
    RestrictedRecordAccess.objects.create(child=child, user=user, reason="test")
    assert client.get(f"/children/{child.pk}/").status_code == 200
    Child.objects.filter(pk=child.pk).update(restricted=False)


def test_the_caseload_says_how_many_restricted_children_it_leaves_out(signed_in, locality):
    from sightline.accounts.models import RestrictedRecordAccess

    client, user = signed_in(Role.DIRECTOR)
    before = Child.objects.filter(restricted=True).count()
    child = child_allocated_to(locality)
    Child.objects.filter(pk=child.pk).update(restricted=True)
    try:
        page = client.get("/children/").content.decode()
        said = page.split('id="caseload-hidden">', 1)[1].split(" ", 1)[0]
        assert int(said) == before + (0 if child.restricted else 1)
        assert f'href="/children/{child.pk}/"' not in page
        RestrictedRecordAccess.objects.create(child=child, user=user, reason="test")
        page = client.get("/children/").content.decode()
        assert ('id="caseload-hidden"' in page) == (before > 0 or child.restricted)
    finally:
        Child.objects.filter(pk=child.pk).update(restricted=child.restricted)


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE, Role.IRO])
def test_the_caseload_query_agrees_with_the_per_child_rule(role, make_user):
    user = make_user(role)
    viewer = viewer_for(user)
    on = as_at()
    visible = set(visible_children(viewer, on).values_list("pk", flat=True))
    sample = list(Child.objects.order_by("pk")[:400]) + list(Child.objects.filter(pk__in=visible)[:100])
    for child in sample:
        assert (child.pk in visible) == can_view_child(viewer, child_scope(child, on)), child.pk


def test_exports_download_and_are_logged(signed_in, locality):
    client, user = signed_in(Role.TEAM_MANAGER)
    response = client.get(f"/teams/{locality.pk}/?table=caseloads&format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "Worker" and sheet.max_row > 1
    csv_text = client.get("/demand/?format=csv").content.decode()
    assert csv_text.splitlines()[0].startswith("Month,Contacts")
    exports = RecordAccess.objects.filter(user=user, action=RecordAccess.Action.EXPORT)
    assert exports.count() == 2


def test_team_page_shows_caseloads_against_the_limit(signed_in, locality):
    client, _ = signed_in(Role.TEAM_MANAGER)
    page = client.get(f"/teams/{locality.pk}/").content.decode()
    assert "Caseloads and supervision" in page and "Unallocated children" in page


def test_lockout_after_repeated_failures(client, make_user, settings):
    settings.SIGHTLINE_LOCKOUT_FAILURES = 3
    user = make_user(Role.DIRECTOR)
    for _ in range(3):
        client.post("/sign-in/", {"username": user.username, "password": "wrong"})
    response = client.post("/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_security_headers_and_sign_out_by_post_only(signed_in):
    client, _ = signed_in(Role.DIRECTOR)
    response = client.get("/demand/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cache-Control"] == "no-store"
    assert client.get("/sign-out/").status_code == 405
    assert client.post("/sign-out/").status_code == 302
    assert client.get("/").status_code == 302


def test_long_chronologies_show_the_latest_hundred_with_a_link_to_all(signed_in):
    from django.db.models import Count

    from sightline.web.selectors import child_chronology

    client, _ = signed_in(Role.DIRECTOR)
    busiest = Child.objects.annotate(n=Count("visits")).order_by("-n").first()
    total = len(child_chronology(busiest))
    assert total > 100
    page = client.get(f"/children/{busiest.pk}/").content.decode()
    assert f"The latest 100 of {total} events" in page and "?all=1" in page
    full = client.get(f"/children/{busiest.pk}/?all=1").content.decode()
    assert f"All {total} events" in full
    assert full.count('<tr class="govuk-table__row"><td class="govuk-table__cell">') >= total


def test_team_supervision_flags_follow_the_local_standard_and_skip_heads_of_service(signed_in, locality):
    from sightline.performance import services
    from sightline.workforce.models import Worker

    client, user = signed_in(Role.ADMINISTRATOR)

    def overdue_with(working_days: int) -> tuple[int, str]:
        services.change_standard(user, "supervision_working_days", working_days)
        page = client.get(f"/teams/{locality.pk}/").content.decode()
        table = page.split('id="caseloads"')[1].split("</table>")[0]
        return table.count(">Overdue<"), table

    strict, table = overdue_with(5)
    lenient, _ = overdue_with(60)
    assert strict > lenient
    heads = Worker.objects.filter(team=locality, role=Worker.Role.HEAD_OF_SERVICE)
    assert heads.exists(), "the test council places its head of service in Locality North"
    assert all(f"{w.first_name} {w.last_name}" not in table for w in heads)


def test_sessions_slide_without_a_write_on_every_request(signed_in, monkeypatch):
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sightline.web import middleware

    client, _ = signed_in(Role.DIRECTOR)
    client.get("/demand/")
    key = client.session.session_key
    renewed = Session.objects.get(pk=key).expire_date
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/demand/").status_code == 200
    assert not [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "django_session"')]
    assert Session.objects.get(pk=key).expire_date == renewed

    a_minute_on = middleware.time.time() + middleware.SlidingSessionMiddleware.RENEW_AFTER_SECONDS
    monkeypatch.setattr(middleware.time, "time", lambda: a_minute_on)
    client.get("/demand/")
    assert Session.objects.get(pk=key).expire_date > renewed


def test_team_caseloads_agree_with_the_indicator_engine(signed_in, locality):
    """One definition of each measure: the team page's over-limit and overdue-supervision flags
    count what KPQ4 and KPQ10 count for the team."""
    from sightline.performance import selectors as perf
    from sightline.web.selectors import as_at

    client, _ = signed_in(Role.ADMINISTRATOR)
    table = (
        client.get(f"/teams/{locality.pk}/").content.decode().split('id="caseloads"')[1].split("</table>")[0]
    )
    period = perf.default_period("as_at", as_at())
    over = perf.value("workers_over_limit", period, "team", locality.pk)
    supervised = perf.value("supervision_in_time", period, "team", locality.pk)
    assert table.count('<tr class="govuk-table__row">') - 1 == over.denominator
    assert table.count(">Over limit<") == over.numerator
    assert table.count(">Overdue<") == supervised.denominator - supervised.numerator
