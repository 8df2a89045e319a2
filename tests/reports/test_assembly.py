"""The Quality of Practice report put together from the registered sections, on the small council."""

from datetime import date

import pytest

from sightline.accounts.roles import Role
from sightline.audits.domain.quarters import Quarter
from sightline.audits.models import Audit
from sightline.indicators.periods import Period
from sightline.performance import selectors as perf
from sightline.reports import assembly
from sightline.reports.headlines import build
from sightline.reports.sections import ReportContext
from sightline.workforce.models import Team

pytestmark = pytest.mark.django_db


def test_the_latest_quarter_is_the_last_one_ended_and_a_later_one_is_refused():
    assert assembly.latest_quarter(date(2026, 3, 31)) == Quarter(2026, 1)
    assert assembly.latest_quarter(date(2026, 3, 30)) == Quarter(2025, 4)
    with pytest.raises(assembly.ReportError, match="latest quarter is 2025-Q4"):
        assembly.parse_quarter("2026-Q1", date(2026, 3, 30))
    with pytest.raises(assembly.ReportError, match="not a quarter"):
        assembly.parse_quarter("2025-Q5", date(2026, 3, 31))
    with pytest.raises(assembly.ReportError, match="not a month"):
        assembly.parse_month("2026-13", date(2026, 3, 31))


def test_the_report_has_every_kpq_then_audits_then_the_plan_and_placeholders_for_what_is_to_come(council):
    report = assembly.quality_of_practice(Quarter(2025, 4))
    keys = [s.key for s in report.sections]
    assert keys[:10] == [f"reports.kpq{n}" for n in range(1, 11)]
    assert (
        keys.index("audits.quarterly") < keys.index("improvement.plan") < keys.index("improvement.disputes")
    )
    pending = {s.key: s for s in report.sections if s.key.endswith(".pending")}
    for section in pending.values():
        assert section.is_empty and section.empty_message == "No data yet."
    assert report.ctx.label == "October to December 2025 (Q3 2025-26)"
    assert report.file_stem == "quality-of-practice-2025-Q4"


def test_headline_figures_are_the_engines_for_the_quarter_the_one_before_and_a_year_earlier(council):
    section = build(2, ReportContext("quarterly", date(2025, 10, 1), date(2025, 12, 31), "Q"))
    rows = {row[0]: row for row in section.tables[0].rows}
    definition = next(d for d in perf.definitions() if d["id"] == "assessments_45wd")
    row = rows[definition["title"]]
    for column, period in [
        (1, Period.quarter(date(2025, 10, 1))),
        (2, Period.quarter(date(2025, 7, 1))),
        (3, Period.quarter(date(2024, 10, 1))),
    ]:
        result = perf.value("assessments_45wd", period)
        assert row[column] == f"{result.value:.1f}%"
        # England completes about four in five assessments within 45 working days.
        assert 40 <= result.value <= 100
    chart = next(c for c in section.charts if c.title.startswith(definition["title"]))
    assert len(chart.categories) == 12 and chart.categories[-1] == "Dec 2025"


def test_the_committee_version_suppresses_small_counts_where_the_board_version_shows_them(council):
    team = Team.objects.get(name="Locality North")
    quarter = Quarter(2025, 4)
    board = ReportContext("quarterly", quarter.start, quarter.end, "Q", level="team", unit_id=team.pk)
    committee = ReportContext(
        "quarterly",
        quarter.start,
        quarter.end,
        "Q",
        level="team",
        unit_id=team.pk,
        suppress_small_numbers=True,
    )
    found = 0
    for number in range(1, 11):
        shown, hidden = build(number, board), build(number, committee)
        for definition, row, suppressed in zip(
            [d for d in perf.definitions() if d["kpq"] == number and d["headline"]],
            shown.tables[0].rows,
            hidden.tables[0].rows,
            strict=True,
        ):
            result = perf.value(definition["id"], Period.quarter(quarter.start), "team", team.pk)
            small = result.denominator is not None and 1 <= result.denominator <= 5
            if small:
                found += 1
                assert suppressed[1] == "1-5 (suppressed)" and row[1] != suppressed[1]
    assert found, "the small council's team has some indicator over 1 to 5 children in the quarter"


def test_audits_section_in_the_report_counts_the_quarters_finalised_audits(council):
    report = assembly.quality_of_practice(Quarter(2025, 4))
    audits = next(s for s in report.sections if s.key == "audits.quarterly")
    finalised = Audit.objects.filter(
        status="finalised", audit_date__range=(date(2025, 10, 1), date(2025, 12, 31))
    )
    assert audits.paragraphs[0].startswith(f"{finalised.count()} audits were finalised")


def test_spc_icons_beside_each_headline_match_the_indicator_page_for_the_same_month(council, signed_in):
    from sightline.spc.engine import VARIATION_LABELS
    from sightline.spc.icons import variation_icon

    section = build(2, ReportContext("quarterly", date(2025, 10, 1), date(2025, 12, 31), "Q"))
    table = section.tables[0]
    assert table.headers[-2:] == ["Variation", "Assurance"]
    definition = next(d for d in perf.definitions() if d["id"] == "assessments_45wd")
    row = next(r for r in table.rows if r[0] == definition["title"])
    shorts = {variation_icon(code).short: code for code in VARIATION_LABELS}
    assert row[-2] in shorts, row
    client, _ = signed_in(Role.PERFORMANCE_ANALYST)
    page = client.get("/indicators/assessments_45wd/", {"period": "month", "end": "2025-12-31"})
    page = page.content.decode()
    assert VARIATION_LABELS[shorts[row[-2]]] in page
    svgs = section.extra["cell_svgs"][0]
    assert any(f'alt="{VARIATION_LABELS[shorts[row[-2]]]}"' in svg for svg in svgs.values())


def test_a_report_built_on_one_engine_says_what_asking_at_every_figure_said(council):
    """The build fixes on one engine (its versions asked once, not at every figure, as it did);
    every section is as the sections built without it, board and committee versions."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sightline.reports.sections import build_all

    quarter = assembly.latest_quarter(perf.reference_date())
    perf.engine()
    for committee in (False, True):
        with CaptureQueriesContext(connection) as pinned:
            report = assembly.quality_of_practice(quarter, committee=committee)
        with CaptureQueriesContext(connection) as unpinned:
            sections = build_all(report.ctx)
        asked = [
            # The settings version: its own query, or a subquery on the council's row (e70f559).
            sum("settingchange" in q["sql"] for q in r)
            for r in (pinned, unpinned)
        ]
        assert asked[0] == 1 and asked[1] > 50, asked
        built = {s.key: s for s in report.sections}
        assert sections and all(built[s.key] == s for s in sections)
