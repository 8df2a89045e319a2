"""Every URL under /audits/ for every role: allowed, refused (403) or not there for them (404),
as accounts/roles.py says; moderators blind to the first grades until they submit; partner
agencies only their section; elected members aggregates only, small numbers suppressed.

The expectations are written out by hand per role, so a change to the rules shows here."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from sightline.accounts.models import StaffProfile
from sightline.accounts.roles import Role
from sightline.audits import services
from sightline.audits.models import Audit, AuditTool, Moderation
from sightline.web.selectors import as_at
from sightline.workforce.models import Allocation, Team, Worker

from .conftest import PASSWORD
from .helpers import complete

pytestmark = pytest.mark.django_db
OK, REDIRECT, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404


def _child_only_in(team: Team, exclude_service) -> int:
    """A child allocated to `team` today, with no IRO and no allocation in another service."""
    on = as_at()
    current = Allocation.objects.filter(start_date__lte=on).exclude(end_date__lt=on)
    elsewhere = current.exclude(team__service=exclude_service).values("child_id")
    ids = (
        current.filter(team=team, role="SW", child__restricted=False)
        .exclude(child_id__in=elsewhere)
        .exclude(child_id__in=Allocation.objects.filter(role="IRO").values("child_id"))
        .values_list("child_id", flat=True)
        .order_by("child_id")
    )
    return ids.first()


@pytest.fixture
def world(council, locality):
    """Audits of a Locality North child (open, finalised and moderated-to-be, multi-agency) and of
    a child in another service, with an action, a concern and an unsampled programme."""
    services.ensure_default_tools()
    other_team = (
        Team.objects.exclude(service=locality.service).exclude(kind__in=["FRONT_DOOR", "IRO"]).first()
    )
    here = _child_only_in(locality, locality.service)
    there = _child_only_in(other_team, other_team.service)
    outsiders = Worker.objects.filter(leave_date__isnull=True).exclude(team__service=locality.service)
    outsiders = outsiders.exclude(team=other_team).order_by("staff_id")
    auditor, moderator = outsiders[0], outsiders[1]
    owner = Worker.objects.filter(team=locality, role="SW", leave_date__isnull=True).first()
    version = services.latest_version(AuditTool.objects.get(key="collaborative"))
    multi = services.latest_version(AuditTool.objects.get(key="multi-agency"))
    now = timezone.now()

    def audit(child_id, tool_version=version, team=locality):
        return Audit.objects.create(
            tool_version=tool_version,
            child_id=child_id,
            team=team,
            auditor=auditor,
            auditor_name=str(auditor),
            updated_at=now,
            due_date=date(2026, 4, 30),
        )

    open_audit = audit(here)
    done = complete(audit(here), grade=4)
    done = services.finalise(done)
    Moderation.objects.create(audit=done, moderator=moderator, moderator_name=str(moderator), assigned_at=now)
    elsewhere = services.finalise(complete(audit(there, team=other_team), grade=3))
    agency_audit = audit(here, tool_version=multi)
    action = services.raise_action(
        done,
        description="Update the chronology",
        owner=owner,
        owner_name="",
        due_date=date(2026, 5, 1),
        on=as_at(),
    )
    concern = services.raise_concern(done, "Dad back in the home", "auditor")
    programme = services.create_programme(
        name="Spring",
        quarter="2026-Q1",
        tool_version=version,
        planned=3,
        due_date=date(2026, 4, 30),
        auditors=[(auditor, 3)],
        moderators=[moderator],
        seed=7,
    )
    return {
        "auditor": auditor,
        "moderator": moderator,
        "owner": owner,
        "open": open_audit.pk,
        "done": done.pk,
        "elsewhere": elsewhere.pk,
        "agency": agency_audit.pk,
        "action": action.pk,
        "concern": concern.pk,
        "programme": programme.pk,
        "child": here,
    }


# Who each test user is: a role and, where it matters, their worker record and teams.
USERS = {
    "practitioner": Role.PRACTITIONER,
    "team_manager": Role.TEAM_MANAGER,
    "auditor": Role.AUDITOR,
    "moderator": Role.AUDITOR,
    "iro": Role.IRO,
    "head_of_service": Role.HEAD_OF_SERVICE,
    "performance_analyst": Role.PERFORMANCE_ANALYST,
    "director": Role.DIRECTOR,
    "elected_member": Role.ELECTED_MEMBER,
    "administrator": Role.ADMINISTRATOR,
    "qa_lead": Role.QA_LEAD,
    "health": Role.PARTNER_AGENCY,
    "housing": Role.PARTNER_AGENCY,
}


def sign_in(client, name: str, world, locality):
    role = USERS[name]
    user = get_user_model().objects.create_user(f"perm-{name}", password=PASSWORD)
    profile = StaffProfile.objects.create(
        user=user, role=role.value, agency=name if role is Role.PARTNER_AGENCY else ""
    )
    if name == "practitioner":
        profile.worker = world["owner"]
        profile.teams.add(locality)
    elif name == "team_manager":
        profile.worker = Worker.objects.filter(team=locality, role="TM", leave_date__isnull=True).first()
        profile.teams.add(locality)
    elif name in {"auditor", "moderator"}:
        profile.worker = world[name]
    elif name == "head_of_service":
        profile.services.add(locality.service)
    profile.save()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def urls(w) -> dict[str, tuple[str, str, dict]]:
    """Every URL under /audits/: (method, path, data posted)."""
    p, tool = w["programme"], "collaborative"
    return {
        "hub": ("get", "/audits/", {}),
        "programmes": ("get", "/audits/programmes/", {}),
        "programme": ("get", f"/audits/programmes/{p}/", {}),
        "sample": ("post", f"/audits/programmes/{p}/sample/", {}),
        "add": ("post", f"/audits/programmes/{p}/add/", {"la_child_id": "", "reason": ""}),
        "choose": ("post", f"/audits/programmes/{p}/moderation/", {}),
        "overdue": ("get", "/audits/overdue/", {}),
        "actions": ("get", "/audits/actions/", {}),
        "close": ("post", f"/audits/actions/{w['action']}/close/", {"note": ""}),
        "concern": ("get", f"/audits/concerns/{w['concern']}/", {}),
        "respond": ("post", f"/audits/concerns/{w['concern']}/", {"response": ""}),
        "tools": ("get", "/audits/tools/", {}),
        "tool": ("get", f"/audits/tools/{tool}/", {}),
        "tool_edit": ("get", f"/audits/tools/{tool}/edit/", {}),
        "analysis": ("get", "/audits/analysis/", {}),
        "agreement": ("get", "/audits/agreement/", {}),
        "audit": ("get", f"/audits/{w['done']}/", {}),
        "audit_elsewhere": ("get", f"/audits/{w['elsewhere']}/", {}),
        "audit_agency": ("get", f"/audits/{w['agency']}/", {}),
        "save": ("post", f"/audits/{w['open']}/save/", {"overall_comment": "Seen"}),
        "finalise": ("post", f"/audits/{w['open']}/finalise/", {}),
        "new_version": ("post", f"/audits/{w['done']}/new-version/", {"reason": ""}),
        "action_add": ("post", f"/audits/{w['open']}/actions/", {"description": ""}),
        "concern_raise": ("post", f"/audits/{w['open']}/concern/", {"description": ""}),
        "moderate": ("get", f"/audits/{w['done']}/moderate/", {}),
    }


LEAD_ONLY = ("programmes", "programme", "sample", "add", "choose", "tools", "tool", "tool_edit")
AUDIT_WORK = ("save", "finalise", "new_version", "action_add", "concern_raise")


def expect(
    *,
    lead=False,
    lists=True,
    agreement=False,
    local=True,
    elsewhere=False,
    agency=None,
    work=False,
    close=None,
    respond=None,
    moderate=None,
    analysis=OK,
):
    """The expected status of every URL, from what the role may do. `local`: opens the Locality
    North child's audits; `work`: does the audits (the auditor, a QA lead); `close`, `respond`,
    `moderate`: override when the role may see the audit but not do that."""
    seen = OK if local else NOT_FOUND
    found = {
        "hub": OK,
        "overdue": OK if lists else FORBIDDEN,
        "actions": OK if lists else FORBIDDEN,
        "analysis": analysis,
        "agreement": OK if agreement else FORBIDDEN,
        "audit": seen,
        "audit_elsewhere": OK if elsewhere else NOT_FOUND,
        "audit_agency": agency if agency is not None else seen,
        "concern": seen,
    }
    found |= {
        name: (OK if name.startswith(("programme", "tool")) else REDIRECT) if lead else FORBIDDEN
        for name in LEAD_ONLY
    }
    found |= {name: (REDIRECT if work else FORBIDDEN) if local else NOT_FOUND for name in AUDIT_WORK}
    found["close"] = (
        close if close is not None else ((REDIRECT if work else FORBIDDEN) if local else NOT_FOUND)
    )
    found["respond"] = (
        respond if respond is not None else ((OK if lead else FORBIDDEN) if local else NOT_FOUND)
    )
    found["moderate"] = moderate if moderate is not None else (FORBIDDEN if local else NOT_FOUND)
    return found


EXPECTED = {
    # The practitioner works in Locality North and owns the audit's action.
    "practitioner": expect(close=REDIRECT),
    # The team manager of Locality North responds to their team's concern.
    "team_manager": expect(respond=OK),
    # The auditor opens only the audits given to them (not another service's), and does them.
    "auditor": expect(work=True, elsewhere=True),
    # The moderator opens the audit they moderate (and so its child's), moderates, does no audit work.
    "moderator": expect(moderate=OK, elsewhere=False),
    # An IRO opens children with an IRO, or their own: neither child here has one.
    "iro": expect(local=False),
    "head_of_service": expect(),
    "performance_analyst": expect(agreement=True, elsewhere=True),
    "director": expect(agreement=True, elsewhere=True),
    "elected_member": expect(lists=False, local=False),
    "administrator": expect(lead=True, agreement=True, elsewhere=True, work=True),
    "qa_lead": expect(lead=True, agreement=True, elsewhere=True, work=True),
    # Partner agencies: only the multi-agency audit with a section of theirs; no lists, no analysis.
    "health": expect(lists=False, local=False, agency=OK, analysis=FORBIDDEN),
    "housing": expect(lists=False, local=False, analysis=FORBIDDEN),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_audit_url_answers_each_role_as_the_rules_say(client, world, locality, name):
    sign_in(client, name, world, locality)
    found = {}
    for key, (method, path, data) in urls(world).items():
        found[key] = getattr(client, method)(path, data).status_code
    assert found == EXPECTED[name]


def test_the_expectations_cover_every_audit_url(world):
    from django.urls import get_resolver

    from sightline.audits.urls import urlpatterns

    patterns = {str(p.pattern) for p in urlpatterns}
    resolver = get_resolver()
    covered = {resolver.resolve(path).route.removeprefix("audits/") for _, path, _ in urls(world).values()}
    assert patterns == covered


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    for key, (method, path, data) in urls(world).items():
        response = getattr(client, method)(path, data)
        assert response.status_code == 302 and "/sign-in/" in response["Location"], key


def test_a_moderator_sees_no_first_grade_until_they_submit(client, world, locality):
    sign_in(client, "moderator", world, locality)
    done = world["done"]
    for page in (f"/audits/{done}/", f"/audits/{done}/moderate/", "/audits/"):
        text = client.get(page).content.decode()
        assert "Outstanding</strong>" not in text and "Overall grade: <strong>" not in text, page
    hub = client.get("/audits/").content.decode()
    assert "Withheld until you moderate" in hub
    client.post(f"/audits/{done}/moderate/", {"overall_grade": "3"})
    assert Moderation.objects.get(audit_id=done).submitted
    text = client.get(f"/audits/{done}/").content.decode()
    assert "Overall grade: <strong>Outstanding" in text
    assert "Withheld until you moderate" not in client.get("/audits/").content.decode()


def test_a_partner_agency_sees_only_its_section(client, world, locality):
    sign_in(client, "health", world, locality)
    page = client.get(f"/audits/{world['agency']}/").content.decode()
    assert "health_response" in page and "police_response" not in page and "education" not in page.lower()
    assert f"/children/{world['child']}/" not in page
    hub = client.get("/audits/").content.decode()
    waiting = hub[hub.index('id="agency-open"') :]
    assert f"/audits/{world['agency']}/" in waiting and f"/audits/{world['done']}/" not in hub
    assert f"/audits/{world['open']}/" not in hub  # an open audit with no section of theirs


def test_elected_members_see_aggregates_only_with_small_numbers_suppressed(client, world, locality):
    sign_in(client, "elected_member", world, locality)
    page = client.get("/audits/analysis/").content.decode()
    assert "/children/" not in page and f"/audits/{world['done']}/" not in page
    assert "1-5" in page or "suppressed" in page
    hub = client.get("/audits/").content.decode()
    assert "/children/" not in hub and f"/audits/{world['done']}/" not in hub
    exported = client.get("/audits/analysis/?format=csv")
    assert exported.status_code == 200 and "/children/" not in exported.content.decode()
