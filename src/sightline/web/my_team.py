"""'My team' and 'my caseload': the home of a team manager and of a practitioner.

The children allocated today to the manager's teams (or to the practitioner), only those the
viewer may open, each with their status, allocated worker and what is due next and when
(the engine's drift list: one definition of due and overdue), overdue first then due soonest;
and the team's headline figures at team level from the engine, the council's beside each.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode

from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from sightline.accounts import roles
from sightline.accounts.selectors import child_filter
from sightline.performance import selectors as perf
from sightline.records.models import Child
from sightline.workforce.models import Allocation

from . import drift, fragments, homes, indicator_tables
from .indicators import compared, figure, memoised
from .page_tables import when_cell
from .selectors import CASE_STATUSES, main_status, statuses
from .tables import Cell, Column, Table, columns

NO_STATUS = "No open episode"
EXPORT_HEADERS = ["Child", "Status", "Worker", "Team", "What is due next", "Due", "When", "Items overdue"]


@dataclass(frozen=True)
class Case:
    """A child on a team's or a worker's list, with what is due next (a drift row, in words)."""

    child_id: int
    la_child_id: str
    name: str
    status: str  # a key of CASE_STATUSES, or "" when no episode is open
    worker_id: int | None
    worker: str
    team: str
    next: dict | None
    overdue: int  # how many of the child's items are overdue
    team_ids: frozenset[int] = frozenset()  # every team holding the case (the viewer's asked)
    items: tuple[dict, ...] = ()  # every due or overdue item, worded, the engine's order

    @property
    def status_label(self) -> str:
        return CASE_STATUSES.get(self.status, NO_STATUS)

    def order(self) -> tuple:
        """Overdue first (most overdue first), then due soonest, then nothing due."""
        if self.next is None:
            return (2, 0, date.max, self.la_child_id)
        rank = 0 if self.next["status"] == "overdue" else 1
        return (rank, -self.next["days_overdue"], self.next["due_date"], self.la_child_id)


def _current(on: date) -> Q:
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))


def cases(
    viewer: roles.Viewer, on: date, *, team_ids=(), worker_id: int | None = None
) -> tuple[list[Case], list[frozenset[int]]]:
    """The children allocated on `on` to the teams (or to the worker) that the viewer may open,
    ordered overdue first, and the teams of each one more allocated there that the viewer may not
    open (counted for the page, never shown).

    The list before access is the same for every viewer and changes only with the data (imports
    bump its version, and with it the engine), so it is built once per engine; who may open which
    child is asked afresh on every request."""
    held = memoised(
        ("my-team-cases", frozenset(team_ids), worker_id, on),
        lambda: _held(on, frozenset(team_ids), worker_id),
    )
    allowed = child_filter(viewer, on, among=[case.child_id for case in held])
    found = [case for case in held if allowed.allows(case.child_id)]
    return found, [case.team_ids for case in held if not allowed.allows(case.child_id)]


def _held(on: date, team_ids: frozenset[int], worker_id: int | None) -> tuple[Case, ...]:
    """Every child allocated to the teams (or the worker), whoever asks, overdue first.

    A child's worker is their allocation in the team (or the worker's own): the social worker's
    before a personal adviser's. Independent reviewing officers hold no case here."""
    held = Allocation.objects.filter(_current(on)).exclude(role=Allocation.Role.IRO)
    held = held.filter(worker_id=worker_id) if worker_id is not None else held.filter(team_id__in=team_ids)
    allocation, holding = {}, {}
    for row in held.order_by("-role").values("child_id", "worker_id", "team_id", "role"):
        allocation.setdefault(row["child_id"], row)  # "-role": SW before PA
        holding.setdefault(row["child_id"], set()).add(row["team_id"])
    names = {
        c["pk"]: c
        for c in Child.objects.filter(pk__in=list(allocation)).values(
            "pk", "la_child_id", "first_name", "last_name"
        )
    }
    held_statuses = statuses(list(allocation), on)
    due = _due_by_child(set(allocation), on)
    workers, teams = perf.units("worker"), perf.units("team")
    found = []
    for child_id, row in allocation.items():
        child = names[child_id]
        items = tuple(drift.worded(item, on) for item in due.get(child_id, []))
        found.append(
            Case(
                child_id=child_id,
                la_child_id=child["la_child_id"],
                name=f"{child['first_name']} {child['last_name']}".strip(),
                status=main_status(held_statuses[child_id]),
                worker_id=row["worker_id"],
                worker=workers.get(row["worker_id"], ""),
                team=teams.get(row["team_id"], ""),
                next=items[0] if items else None,
                overdue=_overdue(items),
                team_ids=frozenset(holding[child_id]),
                items=items,
            )
        )
    return tuple(sorted(found, key=Case.order))


def _due_by_child(child_ids: set[int], on: date) -> dict[int, list[dict]]:
    """Each child's drift rows, most overdue first then due soonest (the engine's order)."""
    found: dict[int, list[dict]] = {}
    for row in perf.drift(on):
        if row["child_id"] in child_ids:
            found.setdefault(row["child_id"], []).append(row)
    return found


def _overdue(items) -> int:
    return sum(1 for item in items if item["status"] == "overdue")


def narrowed(
    found: list[Case],
    *,
    worker: int | None = None,
    status: str = "",
    show: str = "",
    kind: str = "",
    team: int | None = None,
) -> list[Case]:
    """The children asked for: one worker's, one status, one team's, those with something
    overdue ('overdue') or those whose next item is due and none overdue ('due'). Asked for one
    kind of item (visits, reviews...), each child's next item and overdue count are of that kind,
    so 'overdue' then means a visit overdue, not anything; children with none of it are left out."""
    if kind:
        found = sorted((_of_kind(case, kind) for case in found if _has_kind(case, kind)), key=Case.order)
    return [
        case
        for case in found
        if (worker is None or case.worker_id == worker)
        and (not status or case.status == status)
        and (team is None or team in case.team_ids)
        and (not show or (case.next is not None and case.next["status"] == show))
    ]


def _has_kind(case: Case, kind: str) -> bool:
    return any(item["kind"] == kind for item in case.items)


def _of_kind(case: Case, kind: str) -> Case:
    items = tuple(item for item in case.items if item["kind"] == kind)
    return replace(case, next=items[0], overdue=_overdue(items), items=items)


def kinds_of(found: list[Case]) -> dict[str, str]:
    """The kinds of item due or overdue on the list (the engine's own words), to narrow it to."""
    present = {item["kind"] for case in found for item in case.items}
    return {kind: label for kind, label in perf.drift_kinds().items() if kind in present}


def workers_of(found: list[Case]) -> dict[int, str]:
    """The workers the list can be narrowed to, by name (two of one name told apart)."""
    named = {case.worker_id: case.worker for case in found if case.worker_id is not None}
    return dict(sorted(named.items(), key=lambda item: (item[1], item[0])))


def _worker(case: Case) -> Cell | str:
    if case.worker_id is None:
        return "Unallocated"
    return Cell(case.worker, f"?{urlencode({'worker': case.worker_id})}#children")


def _due(case: Case) -> tuple:
    if case.next is None:
        return ("Nothing due", "", "")
    return (case.next["item"], case.next["due_date"], when_cell(case.next))


def rendered_table(page, caption: str) -> SafeString:
    """The children of a page of the list as the table include renders them, kept in Django's
    cache under a digest of everything the table shows (the caption and each row's child, name,
    status, worker and next item): the same for every viewer shown those rows, and a change to
    any of them is a new key. Which rows a viewer is shown is decided before (`cases`)."""
    shown = [(c.child_id, c.la_child_id, c.name, c.status, c.worker_id, c.worker, c.next) for c in page]

    def build() -> str:
        return str(render_to_string("web/_table.html", {"table": table(page, caption)}))

    return mark_safe(fragments.kept("my-team-table", (caption, shown), build, figures=None))


def table(page, caption: str) -> Table:
    """The children of a page of the list, through the one table include."""
    return Table(
        caption,
        columns("Child", "Status", "Worker", "What is due next", "Due", "When"),
        [
            (
                Cell(case.la_child_id, reverse("child", args=[case.child_id]), note=case.name),
                case.status_label,
                _worker(case),
                *_due(case),
            )
            for case in page
        ],
        id="children-table",
        caption_size="s",
        empty="No child matches what you asked for.",
        scroll=True,
    )


def export_rows(found: list[Case]) -> list[list]:
    rows = []
    for case in found:
        item = case.next or {}
        rows.append(
            [
                case.la_child_id,
                case.status_label,
                case.worker or "Unallocated",
                case.team,
                item.get("item", "Nothing due"),
                item.get("due_date"),
                item.get("when", ""),
                case.overdue,
            ]
        )
    return rows


def rendered_figures(
    viewer: roles.Viewer, team_id: int, team_name: str, period, kind: str, worker_id: int | None = None
) -> SafeString:
    """`team_figures` rendered by the table include, built once per engine (its data and
    settings: targets and standards change the ratings without new data) for each team, period,
    practitioner and kind of viewer (whether counts of 1 to 5 are suppressed for them, the only
    thing in the figures that depends on who asks)."""
    suppressed = roles.suppresses_small_numbers(viewer)

    def build() -> str:
        shown = team_figures(viewer, team_id, team_name, period, kind, worker_id)
        return str(render_to_string("web/_table.html", {"table": shown}))

    return mark_safe(
        memoised(("my-team-figures", team_id, team_name, period, kind, worker_id, suppressed), build)
    )


def team_figures(
    viewer: roles.Viewer, team_id: int, team_name: str, period, kind: str, worker_id: int | None = None
) -> Table:
    """The team's headline figures from the engine at team level, each beside the period before
    and the council's, and for a practitioner (`worker_id`) their own cases' figure. A figure with
    nothing to count for the team (no case of that kind, or a rate per 10,000 children, which
    only the council has) is left out."""
    definitions = {d["id"]: d for d in perf.definitions()}
    rows = []
    for question in perf.kpqs():
        for indicator_id in question["headline"]:
            definition = definitions[indicator_id]
            if definition["aggregate"] == "rate":
                continue
            shown = compared(definition, period, viewer, "team", team_id)
            if shown["value"] is None and not shown["suppressed"]:
                continue
            council = figure(definition, perf.value(indicator_id, period), viewer)
            row = [
                _linked(shown, kind, "team", team_id),
                shown["display"],
                homes.travel_cell(shown["travel"]),
            ]
            if worker_id is not None:
                mine = figure(definition, perf.value(indicator_id, period, "worker", worker_id), viewer)
                row.append(Cell(mine["display"], note=_of(mine)))
            row += [
                Cell(council["display"], note=_of(council)),
                shown["target_display"],
                indicator_tables.rating(shown),
            ]
            rows.append(row)
    mine = [Column("Your cases", numeric=True)] if worker_id is not None else []
    return Table(
        f"Headline figures: {team_name}, {period.label}",
        [
            Column("Indicator"),
            Column(team_name, numeric=True),
            Column("Direction of travel"),
            *mine,
            Column("Council", numeric=True),
            Column("Target", numeric=True),
            Column("Rating"),
        ],
        rows,
        caption_size="s",
        row_headers=True,
        empty="No headline figure has anything to count for this team in the period.",
    )


def _linked(shown: dict, kind: str, level: str, unit_id: int) -> Cell:
    """The indicator's title, linked to its drill-down at the team's level."""
    query = urlencode({"period": kind, "level": level, "unit": unit_id})
    return Cell(shown["title"], href=f"{reverse('indicator', args=[shown['id']])}?{query}", note=_of(shown))


def _of(shown: dict) -> str:
    if shown["numerator"] is None or shown["denominator"] is None:
        return ""
    return f"{shown['numerator']} of {shown['denominator']}"
