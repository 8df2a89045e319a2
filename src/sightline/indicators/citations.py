"""Sources as a council officer reads them.

The declarations keep a developer's note of where each rule comes from (the timescales reference,
its section, how sure we are, the setting's key); pages, exports and reports show `plain_source`,
which names the law, guidance or publication instead. The shipped benchmarks file carries each
row's citation ("DfE, Children in need 2025, table C2"), checked against its provenance
(docs/benchmarks-provenance.csv, outside the package) by tests/indicators/test_citations.py with
tests/indicators/benchmark_citations.py. Nothing shown points at a file or a data set id.
`tests/indicators/test_citations.py` holds every declared source to that.
"""

from __future__ import annotations

import re
from functools import cache

from .standards import REF, LocalStandards

# What no page, export or message may show: file paths, reference-file markers, "seed", data-set
# ids, setting keys, the installation's scripts and environment variables, and raw provenance
# notes. The language tests and the browser walk use it.
DEVELOPER_TEXT = re.compile(
    r"shared/|\.md\b|\.csv\b|§|\[[SVU]\]|\b[Ss]eeds?\b|data-catalogue|github|DERIVED|SECONDARY|https?://"
    r"|\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b|\b[a-z0-9]+_[a-z0-9_]+\b"
    r"|scripts/|\.venv|\.(?:py|sh|toml|lock)\b|\bSIGHTLINE_[A-Z_]+"
)
QAF = "Durham County Council, Quality Assurance Framework"
DERBYSHIRE = "Ofsted focused visit to Derbyshire County Council, 2018"
WT23 = "Working Together to Safeguard Children 2023"
CPR = "Care Planning, Placement and Case Review (England) Regulations 2010"
CLA = "Children looked after in England including adoptions"
PFR = "Children (Private Arrangements for Fostering) Regulations 2005"
SECTIONS = {
    "1": "Statutory guidance",
    "2": "DfE national statistics",
    "4": "DfE children in need census",
    "5": "DfE looked-after children return (SSDA903)",
}
FIELDS = {
    "AssessmentAuthorisationDate": "assessment authorisation date",
    "S47ActualStartDate": "the start of the section 47 enquiry",
    "CINreferralDate": "referral date",
    "ReferralNFA": "referral with no further action",
    "Section47": "section 47 enquiries",
    "TEETH_CHECK": "dental check",
    "REVIEW_CODE": "review participation code",
    "HOME_POST → PL_POST": "from the home postcode to the placement postcode",
    "(SSDA903 OC3)": "(from the SSDA903 return)",
    "SSDA903 OC2": "DfE looked-after children return (SSDA903), outcomes:",
    "SSDA903 Missing": "from the SSDA903 return",
    "SSDA903 REC": "reason the episode ceased",
    "SSDA903 LS": "legal status",
    "SSDA903 review participation code": "review participation code",
    "DfE children looked after statistics, SSDA903": f"DfE, {CLA}",
    "DfE children in need statistics": "DfE, Children in need",
    "CIN census Assessments": "CIN census, assessments",
    "CIN census Disabilities": "CIN census, disabilities",
    "local standard, setting": "setting",
    "[setting]": "",
    "(council setting)": "(set by the council)",
    "council setting": "set by the council",
}
# In order: each (pattern, replacement) applied to what the one before left.
SUBSTITUTIONS: list[tuple[str, str]] = [
    (r"\s*\(benchmarks\.csv[^)]*\)", ""),
    (r"\s*CPPlan\.checkpoint_review_date;?", ""),
    (r"\s*\(?Team\.caseload_limit\)?", " (each team's caseload limit)"),
    (r"^\[U\]\s*([^;]+)", r"\1 (a local method: there is no national definition)"),
    (r"\s*\[[SVU]\](/\[[SVU]\])?:?", ""),
    (r"seed 004 KPQ(\d+)/KPQ(\d+)", QAF + r", KPQ\1 and KPQ\2"),
    (r"seed 004 KPQ(\d+)", QAF + r", KPQ\1"),
    (r"seed 004 Durham", QAF + ","),
    (r"seed 004", QAF),
    (r"seed 001", DERBYSHIRE),
    (r"seeds \(homeless 16-17-year-olds; Southwark judgment duties\)", "R (G) v Southwark [2009] UKHL 26"),
    (r"seeds \(homeless 16-17-year-olds\)", "R (G) v Southwark [2009] UKHL 26"),
    (r"proxy: referral source 4", "counted as referrals from housing"),
    (r"proxy as above", "counted as referrals from housing at 16-17"),
    (r"\bWT23 ch\.(\d+)", WT23 + r", chapter \1"),
    (r"\bWT23\b", WT23),
    (r"\bCPR 2010 reg (\d+)", CPR + r", regulation \1"),
    (r"\bCPR reg (\S+)", CPR + r", regulation \1"),
    (r"\bCPR 2010\b", CPR),
    (r"\bCA89 s(\d+)", r"Children Act 1989, section \1"),
    (r"\bPFR reg (\d+)", PFR + r", regulation \1"),
    (r"\bOfsted Annex A\b", "Annex A"),
    (r"\bAnnex A\b", "Ofsted, ILACS Annex A"),
    (r"\bSSD ssd_pre_proceedings\b", "Standard Safeguarding Dataset, pre-proceedings"),
    (r"\bCIN census\b", "DfE children in need census"),
    (r"\bDfE CIN statistics\b", "DfE, Children in need,"),
    (r"start→authorisation", "from the start of the assessment to its authorisation"),
    (r"÷", "divided by"),
    (r"≈", "about"),
    (r"\s*\(default\)", ""),
]


def _setting_label(key: str) -> str:
    labels = {item["key"]: _lower(item["label"]) for item in LocalStandards.describe()}
    if key.endswith("*"):
        found = [label for name, label in labels.items() if name.startswith(key.rstrip("*"))]
        return " and ".join(found) or "a local standard"
    return labels.get(key, "a local standard")


def _lower(label: str) -> str:
    """ "Contact decision" → "contact decision"; "CP plan checkpoint" stays as it is."""
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _unwrap(text: str) -> str:
    """ "(DfE children in need statistics) (rates per 10,000)" → without the first brackets."""
    if not text.startswith("("):
        return text
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return text[1:index] + text[index + 1 :]
    return text


def _settings(text: str) -> str:
    """`setting assessment_basis` → the council's own choice of the standard, by its name."""
    return re.sub(
        r"(;\s*|,\s*|\s*)settings? ([a-z0-9_*]+)",
        lambda m: (
            f"{m.group(1) if m.group(1).strip() else '; '}the council's local standard for "
            f"{_setting_label(m.group(2))}"
        ),
        text,
    )


@cache
def plain_source(source: str) -> str:
    """A declaration's source as a citation a person can follow (kept per source: every list of
    the definitions asks again, and the rewriting is a hundred regular expressions a source)."""
    text = source
    section = re.match(re.escape(REF) + r"\s*(§(\d+))?\s*", text)
    heading = ""
    if section:
        text = _unwrap(text[section.end() :].strip())
        heading = SECTIONS.get(section.group(2) or "", "")
    for field, words in FIELDS.items():
        text = text.replace(field, words)
    text = _settings(text)
    if heading and not re.match(r"\s*(\[[SVU]\][/\[\]SVU]*:?\s*)?(DfE|CPR|CA89|PFR|WT23)", text):
        text = f"{heading}: {text}" if text.strip(" ;:") else heading
    for pattern, replacement in SUBSTITUTIONS:
        text = re.sub(pattern, replacement, text)
    text = re.sub(r"\s+", " ", text).replace(" ;", ";").replace(": ;", ":").replace(",,", ",")
    text = re.sub(r":\s*[:;]", ":", text).replace("()", "").strip(" ;:,")
    return text[:1].upper() + text[1:]
