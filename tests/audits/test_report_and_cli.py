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
