"""The audit programme in headless Chromium, with axe-core on each page visited: an administrator
builds a programme and draws its sample, an auditor completes an audit with an action and a
safeguarding concern, the team manager sees the alert and responds, a moderator re-grades blind,
the agreement figures move as they should, and the audit shows in the child's chronology."""

from __future__ import annotations

import re

import pytest

from sightline.accounts.roles import Role
from sightline.audits.models import Audit, Moderation, SafeguardingConcern
from sightline.web.selectors import as_at
from sightline.workforce.models import Worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from browsing import check, fill_date, sign_in, user  # noqa: E402  (skips the module without chromium)


def pool() -> list[Worker]:
    """Four current workers from four teams: three auditors and a moderator."""
    found, teams = [], set()
    for worker in Worker.objects.filter(leave_date__isnull=True, role__in=["SP", "TM"]).order_by("staff_id"):
        if worker.team_id not in teams:
            found.append(worker)
            teams.add(worker.team_id)
    return found[:4]


def saving(page, change) -> None:
    """Make one change and wait until the page says it is saved."""
    page.evaluate("() => { document.getElementById('save-status').textContent = ''; }")
    change()
    page.wait_for_function(
        "() => /^Saved at/.test(document.getElementById('save-status').textContent)", timeout=10_000
    )


def answer_everything(page, grade: str) -> None:
    """Every question, section grade and the overall grade, one change at a time, as the page
    saves each change (waiting for each save, so the drafts land in order)."""
    for field in page.locator("#audit-form [name^='answer:'], #audit-form [name^='section:']").all():
        if field.evaluate("e => e.tagName") == "TEXTAREA":

            def write(field=field):
                field.fill("Seen on the file and discussed with the practitioner")
                field.blur()
                page.wait_for_timeout(1700)  # typing is saved 1.5 s after it stops, and on leaving

            saving(page, write)
            continue
        values = field.locator("option").evaluate_all("options => options.map(o => o.value)")
        choice = next(v for v in (grade, "yes", "6") if v in values)
        saving(page, lambda field=field, choice=choice: field.select_option(choice))
    saving(page, lambda: page.select_option("#f-overall_grade", grade))


def figure(page, element: str) -> str:
    return page.inner_text(f"#{element}").strip()


def test_programme_to_chronology(page, live_server, live_council):
    auditors, moderator = pool()[:3], pool()[3]
    user("admin", Role.ADMINISTRATOR)
    for worker in [*auditors, moderator]:
        user(f"w{worker.pk}", Role.AUDITOR, worker=worker)
    today = as_at()

    # The administrator builds a programme and draws its sample.
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server.url}/audits/programmes/")
    check(page, "audits-programmes")
    page.fill("#p-name", "Spring case-file audits")
    page.fill("#p-planned", "6")
    fill_date(page, "#p-due_date", today.replace(day=28))
    page.select_option("#p-auditors", [str(w.pk) for w in auditors])
    page.select_option("#p-moderators", [str(moderator.pk)])
    page.fill("#p-quota", "3")
    page.click("text=Create the programme")
    page.wait_for_selector("#draw-sample")
    check(page, "audits-programme")
    page.click("#draw-sample")
    page.wait_for_selector("#programme-audits")
    assert "0 of 6 finalised" in figure(page, "progress")
    drawn = list(Audit.objects.filter(programme__name="Spring case-file audits").select_related("auditor"))
    assert len(drawn) == 6 and all(a.auditor.team_id != a.team_id for a in drawn)
    audit = next(a for a in drawn if a.auditor_id == auditors[0].pk)

    # The auditor completes it with the practitioner: an action and a safeguarding concern.
    sign_in(page, live_server, f"w{auditors[0].pk}")
    page.goto(f"{live_server.url}/audits/")
    page.click(f"a[href='/audits/{audit.pk}/']")
    page.wait_for_selector("#audit-form")
    check(page, "audits-audit")
    # The three boxes are saved together once all are filled in (a half-typed date is not sent).
    saving(page, lambda: (fill_date(page, "#f-audit_date", today), page.press("#f-audit_date-year", "Tab")))
    saving(page, lambda: page.check("#f-part-yes"))
    answer_everything(page, "4")
    page.fill("#action-description", "Bring the chronology up to date before the next core group")
    page.fill("#action-due-day", "30")
    page.fill("#action-due-month", "6")
    page.fill("#action-due-year", str(today.year))
    page.click("text=Add the action")
    page.wait_for_selector("text=Bring the chronology up to date")
    page.fill("#concern-description", "Father back in the household; not known to the plan")
    page.click("text=Raise the concern")
    page.wait_for_selector("text=Awaiting the team manager's response")
    page.click("text=Finalise the audit")
    page.wait_for_function("() => document.getElementById('audit-status').textContent.includes('Finalised')")
    check(page, "audits-finalised")
    audit.refresh_from_db()
    assert (audit.status, audit.overall_grade, audit.actions.count()) == ("finalised", 4, 1)

    # The team manager of the child's team sees the alert at once and records a response.
    concern = SafeguardingConcern.objects.get(audit=audit)
    manager_worker = Worker.objects.filter(
        team_id=concern.team_id, role="TM", leave_date__isnull=True
    ).first()
    user("manager", Role.TEAM_MANAGER, worker=manager_worker, team=concern.team)
    sign_in(page, live_server, "manager")
    alert = page.inner_text("#audit-concern-alert")
    assert f"child {audit.child.la_child_id}" in alert
    check(page, "audits-alert")
    # The link of this concern (the synthetic council's own audits may have raised others).
    page.click(f'#audit-concern-alert a[href="/audits/concerns/{concern.pk}/"]')
    page.fill("#response", "Visited today with the police; the plan now includes father")
    page.click("text=Record the response")
    page.wait_for_selector("text=Response recorded")
    page.goto(f"{live_server.url}/")
    others = SafeguardingConcern.objects.filter(team_id=concern.team_id, responded_at__isnull=True)
    assert page.locator("#audit-concern-alert").count() == (1 if others.exists() else 0)
    if others.exists():
        assert f"child {audit.child.la_child_id}" not in page.inner_text("#audit-concern-alert")

    # Before moderation: the quarter's agreement figures.
    quarter = f"{today.year}-Q{(today.month - 1) // 3 + 1}"
    agreement_url = f"{live_server.url}/audits/agreement/?from={quarter}&to={quarter}"
    sign_in(page, live_server, "admin")
    page.goto(agreement_url)
    before_n = int(figure(page, "moderated-count"))
    before_exact = figure(page, "exact-agreement")
    exact_before = 0 if before_n == 0 else round(float(before_exact.rstrip("%")) * before_n / 100)
    page.goto(f"{live_server.url}/audits/programmes/{audit.programme_id}/")
    page.click("#choose-moderation")
    page.wait_for_selector("#moderation")
    assert Moderation.objects.get(audit=audit).moderator_id == moderator.pk  # every Outstanding

    # The moderator grades blind: no first grade on the page until they submit.
    sign_in(page, live_server, f"w{moderator.pk}")
    page.goto(f"{live_server.url}/audits/")
    page.click(f"a[href='/audits/{audit.pk}/moderate/']")
    page.wait_for_selector("#moderation-form")
    check(page, "audits-moderate")
    assert "Outstanding</strong>" not in page.content()
    for select in page.locator("#moderation-form select[name^='section:']").all():
        select.select_option("3")
    page.select_option("#m-overall", "3")
    page.fill("#m-comment", "Good work; the plan's contingency is thin for Outstanding")
    page.click("text=Submit the moderation")
    page.wait_for_selector("#overall-grade")
    assert "Outstanding" in figure(page, "overall-grade")

    # The agreement figures take in one more moderated audit, graded one lower.
    sign_in(page, live_server, "admin")
    page.goto(agreement_url)
    check(page, "audits-agreement")
    assert int(figure(page, "moderated-count")) == before_n + 1
    expected = round(100 * exact_before / (before_n + 1), 1)
    assert float(figure(page, "exact-agreement").rstrip("%")) == pytest.approx(expected, abs=0.06)
    assert str(auditors[0]) in page.inner_text("#table-optimism")

    # The audit is in the child's chronology, with the moderated grade.
    page.goto(f"{live_server.url}/children/{audit.child_id}/")
    chronology = page.content()
    assert re.search(r"Collaborative case-file audit", chronology) and "moderated Good" in chronology
    check(page, "audits-chronology")
