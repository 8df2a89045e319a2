"""The report sections and the summary command read the demo council's audit history."""

import json
from datetime import date

import pytest

from sightline.audits.cli import cmd_summary
from sightline.audits.models import Audit, Moderation
from sightline.reports.sections import ReportContext, build_all

pytestmark = pytest.mark.django_db


def test_quarterly_report_section_counts_the_quarters_audits(council):
    ctx = ReportContext("quarterly", date(2025, 10, 1), date(2025, 12, 31), "October to December 2025")
    section = next(s for s in build_all(ctx) if s.key == "audits.quarterly")
    finalised = Audit.objects.filter(status="finalised", audit_date__range=(ctx.start, ctx.end)).count()
    assert finalised and section.paragraphs[0].startswith(f"{finalised} audits were finalised")
    empty = ReportContext("quarterly", date(2019, 1, 1), date(2019, 3, 31), "January to March 2019")
    assert next(s for s in build_all(empty) if s.key == "audits.quarterly").is_empty


def test_summary_command_prints_the_quarter_as_json(council, capsys):
    import argparse

    assert cmd_summary(argparse.Namespace(quarter="2025-Q4", team=None, format="json")) == 0
    out = json.loads(capsys.readouterr().out)
    finalised = Audit.objects.filter(
        status="finalised", audit_date__range=(date(2025, 10, 1), date(2025, 12, 31))
    )
    assert out["audits"] == finalised.count() and sum(out["by_grade"].values()) == out["audits"]
    moderated = Moderation.objects.filter(audit__in=finalised, submitted_at__isnull=False).count()
    assert out["moderated"] == moderated
    assert {"good_or_better_pct", "exact_agreement_pct", "weighted_kappa", "over_optimism"} <= set(out)
    assert cmd_summary(argparse.Namespace(quarter="2025-Q5", team=None, format="json")) == 2


def test_two_auditors_of_one_name_are_told_apart_by_their_team(council, capsys):
    import argparse

    from django.utils import timezone

    from sightline.audits import services
    from sightline.audits.models import AuditTool
    from sightline.records.models import Child
    from sightline.workforce.models import Team, Worker

    first, second = Team.objects.order_by("name")[:2]
    twins = [
        Worker.objects.create(
            staff_id=f"TWIN{n}",
            first_name="Alex",
            last_name="Namesake",
            role="SP",
            team=team,
            start_date=date(2020, 1, 1),
        )
        for n, team in enumerate((first, second))
    ]
    version = services.latest_version(AuditTool.objects.get(key="collaborative"))
    children = list(Child.objects.filter(restricted=False).order_by("pk")[:4])
    now = timezone.now()
    # The first Alex graded two audits Outstanding that a moderator called Requires improvement;
    # the second graded two Good that the moderator agreed with.
    for child, (twin, grade, moderated) in zip(
        children, [(twins[0], 4, 2), (twins[0], 4, 2), (twins[1], 3, 3), (twins[1], 3, 3)], strict=True
    ):
        audit = Audit.objects.create(
            tool_version=version,
            child=child,
            auditor=twin,
            auditor_name=str(twin),
            status="finalised",
            audit_date=date(2019, 2, 1),
            overall_grade=grade,
            updated_at=now,
            finalised_at=now,
        )
        Moderation.objects.create(
            audit=audit,
            moderator_name="Moderator",
            overall_grade=moderated,
            assigned_at=now,
            submitted_at=now,
            moderation_date=date(2019, 2, 5),
        )
    assert cmd_summary(argparse.Namespace(quarter="2019-Q1", team=None, format="json")) == 0
    out = json.loads(capsys.readouterr().out)
    found = {o["auditor"]: (o["moderated"], o["mean_difference"]) for o in out["over_optimism"]}
    assert found == {f"Alex Namesake ({first.name})": (2, 2.0), f"Alex Namesake ({second.name})": (2, 0.0)}
