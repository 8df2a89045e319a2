"""Every registered download, asked for as a role allowed it on the synthetic council: typed cells
(no digits left as text outside the declared identifier columns, dates as dates), a bold frozen
header, sized columns, a complete About sheet with the marking the registry gives, sentence-case
headings, and a CSV with the same columns. And every download the code offers is registered."""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.urls import get_resolver
from openpyxl import load_workbook

from sightline.accounts.roles import Role
from sightline.audits.models import AuditProgramme
from sightline.clinics import services as clinic_services
from sightline.clinics.models import Clinic
from sightline.domain.sheets import OFFICIAL_SENSITIVE
from sightline.improvement.models import Inspection
from sightline.registers import REGISTRY
from sightline.web import export_registry
from sightline.web.export_registry import BY_KEY, EXPORTS
from sightline.web.exports import marking_for
from sightline.web.selectors import as_at
from sightline.workforce.models import Team

from .conftest import PASSWORD, child_allocated_to
from .test_exports import _Links, check_workbook

SRC = Path(__file__).resolve().parents[2] / "src" / "sightline"
DRILL = "period=month&end=2026-03-31"
# Words a sentence-case heading may still capitalise: names, grades as Ofsted words them, months.
PROPER = {"England", "White", "British", "Signs", "Safety", "Outstanding", "Good", "Inadequate", "Requires"}
PROPER |= {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}


def sentence_case(header: str) -> bool:
    """ "Days overdue", "Ratio to White British", "RAG": a capital first, then lower case but for
    names and abbreviations."""
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", header)
    if not words:
        return True
    first_ok = header.lstrip("0123456789%.,( ")[:1].isupper() or header[:1].isdigit()
    later = [w for w in words[1:] if w[:1].isupper() and not w.isupper() and w not in PROPER]
    return first_ok and not later


def _drill(indicator: str, query: str) -> str:
    return f"/indicators/{indicator}/?{DRILL}&{query}"


def samples(on) -> dict[str, list[tuple[Role, str, bool]]]:
    """For each registered export, the downloads to try: (role, URL, names a worker)."""
    get_resolver().url_patterns  # noqa: B018 - the apps declare their registers as their URLs load
    assert len(REGISTRY) >= 10
    locality = Team.objects.get(name="Locality North")
    child = child_allocated_to(locality)
    programme = AuditProgramme.objects.order_by("pk").first()
    inspection = Inspection.objects.order_by("pk").first()
    clinic_services.schedule_month(on.replace(day=1))
    clinic = Clinic.objects.filter(level="team", team=locality).first()
    share = "assessments_45wd"
    team = f"level=team&unit={locality.pk}"
    analyst = Role.PERFORMANCE_ANALYST
    rows = [
        (next(iter(sorted(r.rules.readers, key=lambda role: role.value))), r.list_url(), False)
        for r in REGISTRY
    ]
    return {
        "indicators": [(analyst, "/indicators/", False)],
        "indicator-breakdown": [
            (analyst, _drill("referrals", "level=council&table=breakdown"), False),
            (analyst, _drill(share, "level=council&table=breakdown"), False),
            (analyst, _drill(share, f"{team}&table=breakdown"), True),
        ],
        "indicator-trend": [
            (analyst, _drill("referrals", "level=council&table=trend"), False),
            (analyst, _drill(share, "level=council&table=trend"), False),
        ],
        "indicator-children": [(analyst, _drill(share, "level=council&list=missing&table=children"), False)],
        "indicator-who": [(analyst, _drill(share, "level=council&by=ethnicity&table=who"), False)],
        "chronology": [(analyst, f"/children/{child.pk}/", False)],
        "team-caseloads": [(Role.TEAM_MANAGER, f"/teams/{locality.pk}/?table=caseloads", False)],
        "team-drift": [(Role.TEAM_MANAGER, f"/teams/{locality.pk}/?table=drift", False)],
        "my-team": [(Role.TEAM_MANAGER, "/", False)],
        "my-caseload": [(Role.PRACTITIONER, "/", False)],
        "demand": [(analyst, "/demand/", False)],
        "access-log": [(Role.ADMINISTRATOR, "/access-log/", False)],
        "disproportionality": [
            (analyst, "/inequality/?period=year&end=2026-03-31&by=ethnicity&table=disproportionality", False)
        ],
        "inequality-exceptions": [
            (analyst, "/inequality/?period=year&end=2026-03-31&table=exceptions", False)
        ],
        "register-rows": rows,
        "register-counts": [(Role.ELECTED_MEMBER, r.list_url(), False) for r in REGISTRY],
        "audit-programme": [(Role.QA_LEAD, f"/audits/programmes/{programme.pk}/", False)],
        "overdue-audits": [(Role.QA_LEAD, "/audits/overdue/", False)],
        "audit-actions": [(Role.QA_LEAD, "/audits/actions/", False)],
        "audit-analysis": [(Role.QA_LEAD, "/audits/analysis/", False)],
        "audit-agreement": [(Role.QA_LEAD, "/audits/agreement/", False)],
        "closing-the-loop": [
            (Role.QA_LEAD, f"/improvement/loop/improvement.inspection/{inspection.pk}/", False)
        ],
        "iro-escalations-by-team": [(Role.QA_LEAD, "/improvement/iro-escalations/by-team/", False)],
        "quality-of-practice": [(Role.QA_LEAD, "/reports/quality-of-practice/?quarter=2025-Q4", False)],
        "quality-of-practice-committee": [
            (Role.QA_LEAD, "/reports/quality-of-practice/?quarter=2025-Q4&version=committee", False)
        ],
        "clinic-pack": [(Role.TEAM_MANAGER, f"/clinics/{clinic.pk}/", False)],
        "clinic-pack-committee": [(Role.TEAM_MANAGER, f"/clinics/{clinic.pk}/?version=committee", False)],
    }


def _with(url: str, **extra) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{urlencode(dict(parse_qsl(parts.query)) | extra)}"


def _tables_offered(client, url: str) -> list[str]:
    """A page offering several tables (the audit analysis): the Excel links it gives."""
    parser = _Links()
    parser.feed(client.get(url).content.decode())
    return sorted({link.replace("&amp;", "&") for link in parser.links if "format=xlsx" in link})


def _identifiers(export, url: str) -> set[str]:
    found = set(export.identifiers)
    if export.url == "<register>-list":
        register = next(r for r in REGISTRY if r.list_url() == urlsplit(url).path)
        found |= {register.label_of(c) for c in register.columns if c.identifier}
    return found


def _check(client, export, link: str, username: str, identifiers: set[str], names_worker: bool) -> None:
    response = client.get(_with(link, format="xlsx"))
    assert response.status_code == 200, (export.key, link, response.status_code)
    header, count, marking = check_workbook(response.content, username, identifiers)
    assert marking == marking_for(export.holds, names_worker=names_worker), (export.key, link)
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    for name in book.sheetnames[1:]:
        headings = next(book[name].iter_rows(max_row=1, values_only=True), ())
        assert all(sentence_case(str(h)) for h in headings), (export.key, name, headings)
    written = list(csv.reader(io.StringIO(client.get(_with(link, format="csv")).content.decode())))
    assert written[0] == header, (export.key, link)
    if export.key != "access-log":  # which gains the Excel download's own entry
        assert len(written) - 1 == count, (export.key, link)


@pytest.mark.django_db
def test_every_registered_export_is_typed_frozen_marked_and_its_csv_matches(client, make_user, council):
    tried = samples(as_at())
    assert set(tried) == set(BY_KEY), "give every registered export a download to try here"
    users, checked = {}, 0
    for key, downloads in tried.items():
        export = BY_KEY[key]
        for role, url, names_worker in downloads:
            if role not in users:
                users[role] = make_user(role, username=f"walk-{role.value}")
            assert client.login(username=users[role].username, password=PASSWORD)
            page = urlsplit(url).path
            links = _tables_offered(client, url) if export.key.startswith("audit-a") else [url]
            assert links, (key, url)
            for link in links:
                link = link if link.startswith("/") else page + link
                _check(client, export, link, users[role].username, _identifiers(export, url), names_worker)
                checked += 1
    assert checked >= len(EXPORTS) + len(REGISTRY)


def test_sentence_case_is_what_the_headings_check_holds_to():
    assert sentence_case("Days overdue") and sentence_case("Ratio to White British") and sentence_case("RAG")
    assert sentence_case("95% interval") and sentence_case("Apr 2025")
    assert not sentence_case("Days Overdue") and not sentence_case("what is due")


def _download_calls() -> list[tuple[Path, ast.Call]]:
    calls = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in {"table_response", "report_response"}:
                    calls.append((path, node))
    return calls


def test_every_download_in_the_code_passes_a_registered_export():
    """Each call of `table_response` or `report_response` names its entry (`exports.DEMAND`), or
    is handed one by its caller, which names it."""
    calls = _download_calls()
    assert len(calls) >= 20
    named = set()
    for path, call in calls:
        export = call.args[1]
        where = f"{path.relative_to(SRC)}:{call.lineno}"
        chosen = [export.body, export.orelse] if isinstance(export, ast.IfExp) else [export]
        if all(isinstance(e, ast.Attribute) for e in chosen):
            for e in chosen:
                assert isinstance(getattr(export_registry, e.attr, None), type(EXPORTS[0])), where
                named.add(e.attr)
        else:
            assert isinstance(export, ast.Name), where
            text = path.read_text()
            assert "export_registry" in text, f"{where}: the module should name the exports it passes"
            named |= set(re.findall(r"exports\.([A-Z_]+)\b", text))
    declared = {name for name, value in vars(export_registry).items() if value in EXPORTS}
    assert declared == named, f"registered but never offered: {declared - named}"


def test_every_download_link_in_the_templates_asks_for_a_registered_table():
    tables = {value for e in EXPORTS for key, value in e.query if key == "table"}
    for template in SRC.rglob("templates/**/*.html"):
        for href in re.findall(r'href="([^"]*format=(?:csv|xlsx)[^"]*)"', template.read_text()):
            for asked in re.findall(r"table=([a-z-]+)", href):
                assert asked in tables, f"{template.name}: table={asked} is not a registered export"


def test_child_and_worker_lists_are_official_sensitive_and_aggregates_official():
    for export in EXPORTS:
        assert (export.marking == OFFICIAL_SENSITIVE) == (export.holds != "aggregate"), export.key
        assert export.what and export.what[:1].isupper(), export.key
    assert marking_for("aggregate", names_worker=True) == OFFICIAL_SENSITIVE
    with pytest.raises(ValueError):
        marking_for("children")
