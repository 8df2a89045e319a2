"""England (and seed council) benchmark values shipped in `sightline/data/benchmarks.csv`.

The file is a copy of the shared reference notes' benchmarks file: one row per indicator and
year with the published England value and its source as a person cites it ("DfE, Children in
need 2025, table C2", "(derived)" where computed from published counts). Each row's raw
provenance (the release's file or data set, the copy it was read from) is kept for developers
in docs/benchmarks-provenance.csv, outside the package, and the citations are checked against
it. Rows whose id is prefixed `derby:`, `derbyshire:` or `durham:` are those councils' own
published values, usable as comparators.
"""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources

from sightline.domain.numbers import is_whole_number

VERSION_NOTE = "the shared reference notes' benchmarks file, copied 2026-11-25"
# The councils whose own published figures the file carries, by DfE LA code.
AREA_CODES = {"831": "derby", "830": "derbyshire", "840": "durham"}


@lru_cache(maxsize=1)
def rows() -> tuple[dict, ...]:
    text = resources.files("sightline.data").joinpath("benchmarks.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        try:
            row["england_value"] = float(row["england_value"])
        except ValueError:
            continue
        out.append(row)
    return tuple(out)


def _year_key(year: str) -> str:
    """Sort '2024-25' and 'Sep-2025' together by their end year."""
    if year.startswith("Sep-"):
        return year[4:] + "a"
    return str(int(year[:4]) + 1) + "b" if is_whole_number(year[:4]) else year


def history(benchmark_id: str, area: str = "") -> list[dict]:
    """Every year's row for the benchmark, oldest first; area '' for England, or 'derby' etc."""
    key = f"{area}:{benchmark_id}" if area else benchmark_id
    return sorted((r for r in rows() if r["indicator_id"] == key), key=lambda r: _year_key(r["year"]))


def latest(benchmark_id: str | None, area: str = "") -> dict | None:
    """The latest row as {id, value, year, unit, source, title}, or None when there is none."""
    if not benchmark_id:
        return None
    found = history(benchmark_id, area)
    if not found:
        return None
    row = found[-1]
    return {
        "id": benchmark_id,
        "area": area or "England",
        "value": row["england_value"],
        "year": row["year"],
        "unit": row["unit"],
        "source": row["source"],
        "title": row["indicator"],
    }


def all_latest(ids) -> dict[str, dict]:
    return {i: found for i in ids if i and (found := latest(i))}


def comparators(benchmark_id: str | None, neighbour_codes: list[str]) -> list[dict]:
    """England's latest value, then each statistical neighbour's (value None when the file has none).

    Each row: area, la_code, value, year, unit, source.
    """
    if not benchmark_id:
        return []
    rows = []
    england = latest(benchmark_id)
    rows.append({"area": "England", "la_code": "", **_figures(england)})
    for code in neighbour_codes:
        area = AREA_CODES.get(code)
        found = latest(benchmark_id, area) if area else None
        rows.append({"area": area.title() if area else f"LA {code}", "la_code": code, **_figures(found)})
    return rows


def _figures(row: dict | None) -> dict:
    if row is None:
        return {"value": None, "year": "", "unit": "", "source": "no published figure"}
    return {"value": row["value"], "year": row["year"], "unit": row["unit"], "source": row["source"]}
