"""The standing list of each child's DfE validation errors, kept current refresh by refresh.

The returns team fixes errors all year instead of in March: after each SSD refresh the DfE
rules (csc-validator-be-cin / -903, through `returns.validators`) are run again over the
current collection year's returns, as exported from the records, for the children whose
records changed; an issue no longer found is marked fixed, a new one added. The first time,
and on request, the whole council is validated.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from sightline.records.models import Child, Council
from sightline.returns.validators import CROSS_CHILD_RULES, Issue, NoRulesError, run_validator

from . import services
from .models import StandingIssue

log = logging.getLogger(__name__)


def current_year(on: date) -> int:
    """The collection year `on` falls in (2027 for 1 April 2026 to 31 March 2027)."""
    return on.year + 1 if on >= date(on.year, 4, 1) else on.year


def _run(kind: str, folder: Path, year: int, children: list[str] | None) -> list[Issue]:
    if kind == "cin":
        files = [services.export_cin(year, folder / f"cin{year}.xml")]
    else:
        files = services.export_903(year, folder / f"903-{year}")
    return run_validator(kind, files, year, children=children).issues


def _validate(kind: str, folder: Path, year: int, children: list[str] | None) -> tuple[int, list[Issue]]:
    """The issues of one return for the year (the latest year with rules, if it has none yet)."""
    try:
        return year, _run(kind, folder, year, children)
    except NoRulesError as error:
        if not error.available:
            raise
        latest = max(error.available)
        return latest, _run(kind, folder, latest, children)


def refresh_standing(children: list[int] | None = None) -> dict[str, int]:
    """Validate `children` (primary keys; None: every child) and bring their standing issues up to
    date. Returns counts: validated children, issues found, new and fixed."""
    council = Council.objects.first()
    if council is None:
        return {"children": 0, "found": 0, "new": 0, "fixed": 0}
    ids = dict(Child.objects.values_list("la_child_id", "pk"))
    subset = None
    if children is not None:
        wanted = set(children) | _compared_with(children)
        subset = sorted(la for la, pk in ids.items() if pk in wanted)
        if not subset:
            return {"children": 0, "found": 0, "new": 0, "fixed": 0}
    found: dict[tuple, Issue] = {}
    years = {}
    with tempfile.TemporaryDirectory() as folder:
        for kind in ("cin", "903"):
            years[kind], issues = _validate(kind, Path(folder), current_year(council.reference_date), subset)
            for issue in issues:
                if issue.child_id in ids:
                    found[(ids[issue.child_id], kind, issue.rule_code, issue.table, issue.field)] = issue
    return _reconcile(found, years, None if subset is None else [ids[la] for la in subset])


def _compared_with(children: list[int]) -> set[int]:
    """The other children the cross-child rules compare the changed ones with: those holding a
    UPN one of them holds (or held: their standing duplicate-UPN errors are re-checked)."""
    upns = set(Child.objects.filter(pk__in=children).exclude(upn="").values_list("upn", flat=True))
    sharing = set(Child.objects.filter(upn__in=upns).values_list("pk", flat=True)) if upns else set()
    codes = [code for codes in CROSS_CHILD_RULES.values() for code in codes]
    standing = StandingIssue.objects.filter(fixed_at__isnull=True, rule_code__in=codes)
    return sharing | set(standing.values_list("child_id", flat=True))


@transaction.atomic
def _reconcile(found: dict[tuple, Issue], years: dict[str, int], children: list[int] | None) -> dict:
    now = timezone.now()
    open_issues = StandingIssue.objects.filter(fixed_at__isnull=True)
    if children is not None:
        open_issues = open_issues.filter(child_id__in=children)
    known = {}
    for issue in open_issues:
        known[(issue.child_id, issue.kind, issue.rule_code, issue.table, issue.field)] = issue.pk
    fixed = [pk for key, pk in known.items() if key not in found]
    StandingIssue.objects.filter(pk__in=fixed).update(fixed_at=now)
    new = [
        StandingIssue(
            child_id=key[0],
            kind=key[1],
            collection_year=years[key[1]],
            rule_code=issue.rule_code,
            rule_description=issue.rule_description,
            table=issue.table,
            field=issue.field,
            first_seen=now,
        )
        for key, issue in found.items()
        if key not in known
    ]
    StandingIssue.objects.bulk_create(new, batch_size=2000)
    validated = len(children) if children is not None else Child.objects.count()
    return {"children": validated, "found": len(found), "new": len(new), "fixed": len(fixed)}


def after_refresh(run) -> dict | None:
    """Keep the standing list current after an SSD import: the changed children, or everyone the
    first time. None when the DfE validators are not installed (logged)."""
    from sightline.returns.validators import ValidatorsUnavailableError

    changed = getattr(run, "changed_children", None)
    if changed is not None and not changed:
        return {"children": 0, "found": 0, "new": 0, "fixed": 0}
    first = not StandingIssue.objects.exists()
    try:
        return refresh_standing(None if first else list(changed or []))
    except ValidatorsUnavailableError as error:
        log.warning("standing validation not refreshed: %s", error)
        return None
