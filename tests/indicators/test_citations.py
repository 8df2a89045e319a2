"""Every source a page shows reads as a citation a person can follow: no file, section marker,
"seed", data-set id or setting key; the DfE's publications named with their year and table."""

from __future__ import annotations

import pytest

from sightline.indicators import benchmarks
from sightline.indicators.citations import DEVELOPER_TEXT, benchmark_citation, plain_source
from sightline.indicators.definitions import REGISTRY
from sightline.indicators.registry import COHORTS, KPQ_SOURCE, KPQS
from sightline.indicators.standards import LocalStandards

DEFINITIONS = [d.as_dict() for d in REGISTRY]


@pytest.mark.parametrize("definition", DEFINITIONS, ids=[d["id"] for d in DEFINITIONS])
def test_every_indicator_cites_its_source_plainly(definition):
    shown = " ".join(str(definition[k] or "") for k in ("title", "question", "source", "national"))
    assert not DEVELOPER_TEXT.search(shown), (definition["id"], DEVELOPER_TEXT.search(shown).group())


def test_every_benchmark_and_setting_cites_plainly():
    ids = {d.benchmark for d in REGISTRY if d.benchmark}
    shown = [benchmarks.latest(i)["source"] for i in sorted(ids) if benchmarks.latest(i)]
    shown += [plain_source(s["source"]) for s in LocalStandards.describe()]
    shown += [label for s in LocalStandards.describe() for _, label in s["choice_labels"]]
    shown += [KPQ_SOURCE, *(q for _, q in KPQS.values()), *(q for _, q in COHORTS.values())]
    assert len(shown) > 40
    assert [text for text in shown if DEVELOPER_TEXT.search(text)] == []


@pytest.mark.parametrize(
    ("source", "year", "expected"),
    [
        (
            "DfE Children in need 2025, EES data set C2 (data-catalogue/data-set/3fb5a93d-1eb3-4f3a-bdd0-"
            "5caea4556ce6): (same day..41-45 days)=555,820 of 648,830 [DERIVED; preview row parsed]",
            "2024-25",
            "DfE, Children in need 2025, table C2 (derived)",
        ),
        (
            "DfE Children in need (EES), file c1 (referral_count) [copy in github dfe-analytical-services]",
            "2023-24",
            "DfE, Children in need 2024, table C1",
        ),
        (
            "DfE Children's social work workforce (EES), file csww_indicators_2017_to_2025.csv "
            "(caseload_fte)",
            "Sep-2024",
            "DfE, Children's social work workforce 2024",
        ),
    ],
)
def test_a_benchmark_row_names_the_publication_its_year_and_table(source, year, expected):
    assert benchmark_citation(source, year) == expected


def test_a_declared_source_names_the_law_and_the_councils_own_standard():
    text = plain_source(
        "shared/reference/timescales-and-indicators.md §1 [S] DfE missing-children guidance 2014; "
        "setting rhi_hours"
    )
    assert text == (
        "DfE missing-children guidance 2014; the council's local standard for return home interview"
    )
    assert plain_source("seed 004 KPQ10; setting supervision_working_days") == (
        "Durham County Council, Quality Assurance Framework, KPQ10; "
        "the council's local standard for supervision at least every"
    )
