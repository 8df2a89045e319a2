"""Every role's demo account, crawling from its home page: every child a page links to, and every
child row of every CSV and Excel download it reaches, is a child that role may open (the rule in
accounts/roles.py, asked child by child); an elected member and a partner agency see no child.

Some children of the generated council are made restricted (staff and their relatives), one of
them named for the director, so the crawl meets restricted children in every list.
"""

from __future__ import annotations

import csv
import io
import re
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from sightline.accounts import roles
from sightline.accounts.models import RestrictedRecordAccess
from sightline.accounts.selectors import child_scope, viewer_for
from sightline.records.demo import DEMO_ACCOUNTS, create_demo_accounts
from sightline.records.models import Child
from sightline.records.services import bump_data_version
from sightline.web.selectors import as_at
from sightline.workforce.models import Allocation

PAGES_PER_ROLE = 45
# Pages that link to every one of a kind (the indicator catalogue links all 121 drill-downs): their
# links are crawled only once everything else queued has been, so they do not crowd out the team,
# child and register pages within the budget (tests/web/test_catalogue.py opens every one).
LINK_EVERYTHING = ("/indicators/",)
DOWNLOADS_PER_ROLE = 24
VARIANTS_PER_PATH = 2
HREF = re.compile(r'href="([^"]+)"')
CHILD_LINK = re.compile(r"^/children/(\d+)/")
SKIP = ("/sign-out/", "/static/", "/assets/", "/admin/")
# Columns of a download that name a child by the council's own id.
CHILD_COLUMNS = {"la_child_id", "Child", "Child id", "Child ID"}
# The access log names the children that were opened (restricted ones too): it is the record an
# information governance lead reviews, shown to administrators only, and names no child by link.
NOT_CHILD_LISTS = ("/access-log/",)


@pytest.fixture(scope="module")
def restricted_council(council, django_db_blocker):
    """The web tests' council with one in twenty currently allocated children restricted."""
    with django_db_blocker.unblock():
        on = as_at()
        allocated = (
            Allocation.objects.filter(start_date__lte=on, role="SW")
            .exclude(end_date__lt=on)
            .values_list("child_id", flat=True)
            .order_by("child_id")
            .distinct()
        )
        chosen = list(allocated)[::20]
        Child.objects.filter(pk__in=chosen).update(restricted=True)
        bump_data_version()
        yield chosen
        Child.objects.filter(pk__in=chosen).update(restricted=False)
        bump_data_version()


@pytest.fixture(scope="module")
def demo_users(restricted_council, django_db_blocker):
    from django.conf import settings

    with django_db_blocker.unblock():
        settings.SIGHTLINE_ALLOW_DEMO_USERS = True
        try:
            create_demo_accounts(as_at())
        finally:
            del settings.SIGHTLINE_ALLOW_DEMO_USERS
        director = get_user_model().objects.get(username="director")
        RestrictedRecordAccess.objects.create(child_id=restricted_council[0], user=director, reason="Test")
        yield {username: get_user_model().objects.get(username=username) for username, *_ in DEMO_ACCOUNTS}


def _may_open(user) -> tuple[roles.Viewer, set[int]]:
    viewer = viewer_for(user)
    on = as_at()
    children = Child.objects.all()
    return viewer, {c.pk for c in children if roles.can_view_child(viewer, child_scope(c, on))}


def _links(page: str, html: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        url, _ = urldefrag(urljoin(page, href.replace("&amp;", "&")))
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith("/") and not path.startswith(SKIP):
            found.append(path)
    return found


def _download_rows(response) -> tuple[list[str], list[list]]:
    if response["Content-Type"].startswith("text/csv"):
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        rows = [list(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    return (rows[0], rows[1:]) if rows else ([], [])


class Crawl:
    def __init__(self, user, allowed: set[int], la_ids: dict[str, int]):
        self.client = Client()
        self.client.force_login(user)
        self.allowed, self.la_ids = allowed, la_ids
        self.seen: set[str] = set()
        self.variants: dict[str, int] = {}
        self.pages = self.downloads = 0
        self.linked: set[int] = set()
        self.exported: set[int] = set()
        self.problems: list[str] = []

    def run(self) -> None:
        queue, later = deque(["/"]), deque()
        while (queue or later) and self.pages < PAGES_PER_ROLE:
            url = queue.popleft() if queue else later.popleft()
            response = self.client.get(url)
            self.pages += 1
            if response.status_code >= 500 or response.status_code == 400:
                self.problems.append(f"a link to {url} answered {response.status_code}")
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            into = later if url.split("?")[0] in LINK_EVERYTHING else queue
            for link in _links(url, response.content.decode()):
                self._follow(link, into)

    def _follow(self, link: str, queue: deque) -> None:
        if link in self.seen:
            return
        self.seen.add(link)
        if match := CHILD_LINK.match(link):
            child_id = int(match.group(1))
            self.linked.add(child_id)
            if child_id not in self.allowed:
                self.problems.append(f"a page links to child {child_id}, which this role may not open")
            return
        if "format=csv" in link or "format=xlsx" in link:
            self._download(link)
            return
        path = link.split("?")[0]
        self.variants[path] = self.variants.get(path, 0) + 1
        if self.variants[path] <= VARIANTS_PER_PATH:
            queue.append(link)

    def _download(self, link: str) -> None:
        if self.downloads >= DOWNLOADS_PER_ROLE or link.startswith(NOT_CHILD_LISTS):
            return
        self.downloads += 1
        response = self.client.get(link)
        if response.status_code != 200:
            if response.status_code >= 500 or response.status_code == 400:
                self.problems.append(f"a link to {link} answered {response.status_code}")
            return
        headers, rows = _download_rows(response)
        for index, header in enumerate(headers):
            if header not in CHILD_COLUMNS:
                continue
            for row in rows:
                child_id = self.la_ids.get(str(row[index]))
                if child_id is None:
                    continue
                self.exported.add(child_id)
                if child_id not in self.allowed:
                    self.problems.append(
                        f"{link} has a row for child {child_id}, which this role may not open"
                    )


@pytest.mark.django_db
@pytest.mark.parametrize("username", [username for username, *_ in DEMO_ACCOUNTS])
def test_every_child_reached_from_a_roles_home_is_one_it_may_open(username, demo_users, restricted_council):
    viewer, allowed = _may_open(demo_users[username])
    la_ids = dict(Child.objects.values_list("la_child_id", "pk"))
    crawl = Crawl(demo_users[username], allowed, la_ids)
    crawl.run()
    assert crawl.pages > 5, "the crawl reached almost nothing"
    assert not crawl.problems, "\n".join(sorted(set(crawl.problems))[:20])
    restricted = set(restricted_council)
    assert not (crawl.linked | crawl.exported) & (restricted - viewer.named_restricted_child_ids)
    if not roles.sees_child_level_data(viewer):
        assert not crawl.linked and not crawl.exported
    elif viewer.role in {roles.Role.PRACTITIONER, roles.Role.DIRECTOR, roles.Role.IRO}:
        assert crawl.linked, "the crawl met no child to check"
        assert crawl.downloads, "the crawl met no download to check"
