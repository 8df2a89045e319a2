"""Every source a page shows reads as a citation a person can follow: no file, section marker,
"seed", data-set id or setting key; the DfE's publications named with their year and table."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sightline.indicators import benchmarks
from sightline.indicators.citations import DEVELOPER_TEXT, plain_source
from sightline.indicators.definitions import REGISTRY
from sightline.indicators.registry import COHORTS, KPQ_SOURCE, KPQS
from sightline.indicators.standards import REF, LocalStandards

from .benchmark_citations import benchmark_citation

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
    text = plain_source(f"{REF} §1 [S] DfE missing-children guidance 2014; setting rhi_hours")
    assert text == (
        "DfE missing-children guidance 2014; the council's local standard for return home interview"
    )
    assert plain_source("seed 004 KPQ10; setting supervision_working_days") == (
        "Durham County Council, Quality Assurance Framework, KPQ10; "
        "the council's local standard for supervision at least every"
    )


ROOT = Path(__file__).resolve().parents[2]
# Internal provenance that must never reach users (the before-stop hook looks for it too).
PROVENANCE = re.compile(r"shared/reference|data-catalogue/data-set")


def test_no_internal_provenance_is_shipped_in_the_package():
    package = ROOT / "src" / "sightline"
    found = [
        str(path.relative_to(ROOT))
        for pattern in ("*.py", "*.html", "*.csv")
        for path in package.rglob(pattern)
        if PROVENANCE.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert found == []


def test_each_shipped_benchmark_cites_what_its_provenance_says():
    """The package's benchmarks file carries citations; the raw provenance (data set ids, files,
    the copy read from) is in docs/benchmarks-provenance.csv, row for row."""
    shipped = list(csv.DictReader((ROOT / "src/sightline/data/benchmarks.csv").open(encoding="utf-8")))
    provenance = list(csv.DictReader((ROOT / "docs/benchmarks-provenance.csv").open(encoding="utf-8")))
    assert [(r["indicator_id"], r["year"]) for r in shipped] == [
        (r["indicator_id"], r["year"]) for r in provenance
    ]
    assert any(PROVENANCE.search(r["source"]) for r in provenance)  # the developers' notes are kept
    last_note: dict[str, str] = {}
    for row, note in sorted(
        zip(shipped, provenance, strict=True), key=lambda pair: benchmarks._year_key(pair[0]["year"])
    ):
        raw = note["source"]
        if raw.lower().startswith("same note"):  # "same note (revised to ...)": the year before's
            raw = last_note[row["indicator_id"]]
        last_note[row["indicator_id"]] = raw
        assert row["source"] == benchmark_citation(raw, row["year"]), (row["indicator_id"], row["year"])
        assert not DEVELOPER_TEXT.search(row["source"]), row["source"]
        if "DERIVED" in raw and "DfE" in row["source"]:
            assert row["source"].endswith("(derived)") or "(derived) (as reported" in row["source"], row
