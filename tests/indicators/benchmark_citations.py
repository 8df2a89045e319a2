"""A benchmark row's provenance note (docs/benchmarks-provenance.csv) as the citation the shipped
benchmarks file carries: "DfE, Children in need 2025, table C2". Only the tests derive it (the
shipped file holds the citations), so it lives here, not in the package."""

from __future__ import annotations

import re

PUBLICATIONS = [
    (r"Characteristics[ -]of[ -]children[ -]in[ -]need", "Characteristics of children in need"),
    (r"Children[ -]in[ -]need|\bCIN\b", "Children in need"),
    (
        r"Children[ -]looked[ -]after[ -]in[ -]England|\bCLA\b|care leavers",
        "Children looked after in England including adoptions",
    ),
    (r"social work workforce", "Children's social work workforce"),
    (r"\bLAIT\b", "Local authority interactive tool"),
]
SITE = re.compile(r"\b([a-z][a-z0-9-]*\.(?:gov\.uk|com|co\.uk|org\.uk|org))\b")


def publication_year(year: str) -> str:
    """The year DfE's release carries: 2024-25 data are "2025"; Sep-2018 is 2018."""
    found = re.search(r"(\d{4})(?:-(\d{2}))?", year or "")
    if not found:
        return ""
    return str(int(found.group(1)) + 1) if found.group(2) else found.group(1)


def benchmark_citation(source: str, year: str = "") -> str:
    """A benchmark row's provenance as "DfE, Children in need 2025, table C2" (derived, if so)."""
    if not source:
        return ""
    name = next((label for pattern, label in PUBLICATIONS if re.search(pattern, source, re.I)), "")
    if not name:
        cleaned = re.sub(r"\s*[\[(][^\])]*(data-catalogue|github|file|DERIVED)[^\])]*[\])]", "", source)
        return re.sub(r"\s+", " ", cleaned).strip(" ;,")
    stated = re.search(r"(?:" + name.split(" including")[0] + r"|CLA|CIN)[ -](\d{4})\b", source, re.I)
    stated = stated or re.search(r"including-adoptions/(\d{4})", source)
    when = stated.group(1) if stated else publication_year(year)
    table = re.search(r"data set ([A-Z]\d+)\b|file ([a-z]\d+)[_ )]|\b([a-d]\d)\s+\w", source)
    parts = ["DfE", f"{name} {when}".strip()]
    if table:
        parts.append(f"table {next(g for g in table.groups() if g).upper()}")
    citation = ", ".join(parts)
    if re.search(r"derived", source, re.I):
        citation += " (derived)"
    site = SITE.search(source)
    if "SECONDARY" in source and site:
        citation += f" (as reported by {site.group(1)})"
    return citation
