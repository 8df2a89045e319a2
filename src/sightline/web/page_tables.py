"""The tables of the web app's own pages, declared as columns and rows (web/tables.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.template.defaultfilters import floatformat
from django.urls import reverse

from sightline.domain.dates import long_date, long_datetime, month_label

from .tables import Cell, Table, Tag, columns, local


def teams(teams) -> Table:
    return Table(
        "Teams by service",
        columns("Team", "Service", "Kind", "Caseload limit", numeric=["Caseload limit"]),
        [
            (
                Cell(team.name, reverse("team", args=[team.pk])),
                team.service,
                team.get_kind_display(),
                team.caseload_limit,
            )
            for team in teams
        ],
    )


def caseload(page, as_at) -> Table:
    return Table(
        f"{page.paginator.count} children as at {long_date(as_at)}",
        columns("Child", "Name", "Date of birth"),
        [
            (
                Cell(child.la_child_id, reverse("child", args=[child.pk])),
                f"{child.first_name} {child.last_name}",
                child.date_of_birth,
            )
            for child in page
        ],
        caption_size="s",
    )


def _change(percent) -> str:
    return "" if percent is None else f"{percent}%"


def demand(rows) -> Table:
    labels = ("Month", "Contacts", "A year before", "Change", "Referrals", "A year before", "Change")
    return Table(
        "Contacts and referrals",
        columns(*labels, numeric=labels[1:]),
        [
            (
                month_label(row["month"]),
                row["contacts"],
                row["contacts_year_before"],
                _change(row["contacts_change"]),
                row["referrals"],
                row["referrals_year_before"],
                _change(row["referrals_change"]),
            )
            for row in rows
        ],
        id="demand-table",
        caption_size="s",
        row_headers=True,
    )


def access_log(page) -> Table:
    return Table(
        "Access log entries",
        columns("When", "User", "Action", "Child", "What", "Flag"),
        [
            (
                long_datetime(local(e.at), seconds=True),
                e.username,
                e.get_action_display(),
                e.child.la_child_id if e.child else "",
                e.what,
                Cell(tags=(Tag("Outside team", "red"),)) if e.outside_team else "",
            )
            for e in page
        ],
        id="access-log",
    )


def _supervision(load) -> Cell:
    if load.new_in_post and not load.last_supervision:
        text = "New in post"
    else:
        text = long_date(load.last_supervision) if load.last_supervision else "None recorded"
    return Cell(text, tags=(Tag("Overdue", "orange"),) if load.supervision_overdue else ())


def _narrowing(load, linked) -> Cell:
    """The worker's name, linked to the drift list narrowed to their items when they have any."""
    href = f"?{urlencode({'worker': load.worker.pk})}#drift" if load.worker.pk in linked else ""
    return Cell(load.name or load.worker, href, tags=(Tag("Agency", "grey"),) if load.worker.agency else ())


def caseloads(loads, linked=()) -> Table:
    return Table(
        "Caseloads per worker",
        columns(
            "Worker",
            "Role",
            "Children",
            "Limit (FTE)",
            "Last supervision",
            numeric=["Children", "Limit (FTE)"],
        ),
        [
            (
                _narrowing(load, linked),
                load.worker.get_role_display(),
                Cell(load.children, tags=(Tag("Over limit", "red"),) if load.over_limit else ()),
                floatformat(load.limit, 0),
                _supervision(load),
            )
            for load in loads
        ],
    )


def when_cell(row) -> Cell:
    """The status in words with a tag: an overdue item red, one not yet overdue blue."""
    tag = Tag("Overdue", "red") if row["status"] == "overdue" else Tag("Due", "blue")
    return Cell(row["when"], tags=(tag,))


def _worker(row) -> Cell | str:
    """The worker, linked to the drift list narrowed to their items."""
    if row["worker_id"] is None:
        return "Unallocated"
    return Cell(row["worker"], f"?{urlencode({'worker': row['worker_id']})}#drift")


def drift(page) -> Table:
    count = page.paginator.count
    return Table(
        f"{count} item{'' if count == 1 else 's'} listed, most overdue first",
        columns("Child", "What is due", "Due", "Status", "Worker"),
        [
            (
                Cell(row["la_child_id"], reverse("child", args=[row["child_id"]])),
                row["item"],
                row["due_date"],
                when_cell(row),
                _worker(row),
            )
            for row in page
        ],
        id="drift-table",
        caption_size="s",
        empty="No item matches what you asked for.",
        scroll=True,
    )


def _problems(run) -> str:
    if not run.error_count:
        return "None"
    first = run.errors[0] if run.errors else ""
    return f"{run.error_count} problem{'' if run.error_count == 1 else 's'}, the first: {first}"


def ssd_runs(runs) -> Table:
    return Table(
        "Latest SSD extract imports",
        columns(
            "Started",
            "Outcome",
            "Added",
            "Updated or deleted",
            "Problems",
            numeric=["Added", "Updated or deleted"],
        ),
        [
            (
                run.started_at,
                Cell(tags=(Tag(run.get_status_display(), "red"),))
                if run.status == "rejected"
                else run.get_status_display(),
                run.added,
                run.updated,
                _problems(run),
            )
            for run in runs
        ],
        id="ssd-runs",
    )


_COUNTS = ("Now", "New this week", "Fixed this week")


def standing_by_rule(rows) -> Table:
    return Table(
        "By rule",
        columns("Return", "Rule", *_COUNTS, numeric=_COUNTS),
        [(r["kind"], f"{r['code']}: {r['description']}", r["now"], r["new"], r["fixed"]) for r in rows],
        id="standing-by-rule",
        caption_size="s",
    )


def standing_by_team(rows) -> Table:
    return Table(
        "By team (the child's team now)",
        columns("Team", *_COUNTS, numeric=_COUNTS),
        [(r["team"], r["now"], r["new"], r["fixed"]) for r in rows],
        id="standing-by-team",
        caption_size="s",
    )


def due_next(rows) -> Table:
    """A child's items due next, most overdue first (the drift list's rows for the one child)."""
    return Table(
        "What is due next",
        columns("Item", "Due", "Status"),
        [(row["item"], row["due_date"], row["when"]) for row in rows],
    )


def chronology(events, total: int, whole: bool) -> Table:
    """A child's chronology as shown: all `total` events or, unless `whole`, the latest of them."""
    shown = "All" if whole or total == len(events) else f"The latest {len(events)} of"
    return Table(
        f"{shown} {total} events, newest first",
        columns("Date", "Kind", "Event", "Detail"),
        [(e.day, e.kind, e.title, e.detail) for e in events],
        id="chronology",
        caption_size="s",
        scroll=True,
    )


def _bounds(row: dict) -> str:
    """A standard's unit and range, under its name ("working days, 1 to 20")."""
    if not row["unit"] or row["unit"] == "choice":
        return ""
    return row["unit"] + (f", {row['min']} to {row['max']}" if row["min"] is not None else "")


def standards(form) -> Table:
    """The local standards, a box (or a choice) per standard (web/settings_forms.StandardsForm)."""
    return Table(
        "Local standards",
        columns("Standard", "Value", "Default", "Source"),
        [
            (
                Cell(row["label"], note=_bounds(row)),
                Cell(field=form[row["key"]]),
                row["default"],
                row["source"],
            )
            for row in form.rows
        ],
        row_headers=True,
    )


def _default_target(d: dict) -> str:
    if d["default_target"] is None:
        return "none"
    target, tolerance = floatformat(d["default_target"], "-2"), floatformat(d["default_tolerance"], "-2")
    return f"{target} \N{PLUS-MINUS SIGN} {tolerance}"


def targets(form) -> Table:
    """A target and a tolerance box per indicator with a better direction (TargetsForm)."""
    return Table(
        "Indicator targets",
        columns("Indicator", "Target", "Tolerance", "Default"),
        [
            (
                Cell(d["title"], note=f"{d['unit']}, {d['polarity']} is better"),
                Cell(field=form[f"target-{d['id']}"]),
                Cell(field=form[f"tolerance-{d['id']}"]),
                _default_target(d),
            )
            for d in form.definitions
        ],
        row_headers=True,
        scroll=True,
    )


def setting_changes(log) -> Table:
    """Who changed which standard or target, when, from what to what (newest first)."""
    return Table(
        "Audit trail of changes",
        columns("When", "Who", "What", "From", "To"),
        [(c["changed_at"], c["username"], c["what"], c["old_value"], c["new_value"]) for c in log],
        id="changes-table",
    )
