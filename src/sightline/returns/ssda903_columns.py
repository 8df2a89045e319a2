"""The SSDA903 tables declared: each table's columns in the DfE's order, each column a record
field with its parser (a date, a code from a list, or text), and the file names, the optional
columns and the tables read but not kept. The reader and writer are ssda903.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sightline.domain import codes as c

DATES = ("%d/%m/%Y", "%Y-%m-%d")
# From 2024-25 the 903 codes sex M/F/U (csc-validator-be-903 rule 101); earlier years 1/2.
SEX_903 = {"1": "M", "2": "F", "M": "M", "F": "F", "U": "U"}
SEX_OUT = {"M": "M", "F": "F", "U": "U"}
# Before 2024-25 the 903 had only 1 (male) and 2 (female): an unknown sex stays U, which that
# year's rule 101 rightly reports.
SEX_OUT_TO_2024 = {"M": "1", "F": "2", "U": "U"}
SEX_CODED_MFU_FROM = 2025  # collection year 2024-25


def sex_out(sex: str | None, year: int | None = None) -> str:
    """The child's sex as the 903 of collection `year` codes it (default: the current coding)."""
    coding = SEX_OUT if year is None or year >= SEX_CODED_MFU_FROM else SEX_OUT_TO_2024
    return coding.get(sex or "", "")


# The 903 allows UPN-unknown codes UN1-UN5 only; the CIN census adds UN6 (under 6, not yet
# in school) and UN7 (seeking asylum), which the 903 codes UN1 and UN4.
UN_TO_903 = {"UN6": "UN1", "UN7": "UN4"}
UN_FROM_903 = {"UN1": "UN6", "UN4": "UN7"}
PREV_PERM = frozenset({"P1", "P2", "P3", "P4", "Z1"})
REASON_PLACED_CEASED = frozenset({"RD1", "RD2", "RD3", "RD4"})
SW_REASON = frozenset(
    {"MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "PCCHAN", "SWDIED", "OTHERS"}
)
UPN_UNKNOWN = re.compile(r"^UN\d{1,2}$")


@dataclass(frozen=True)
class Column:
    name: str
    field: str
    kind: str = "text"  # text | date | code
    allowed: frozenset[str] = frozenset()
    required: bool = False


def _code(name, field, choices, required=False):
    allowed = c.codes(choices) if isinstance(choices, list) else frozenset(choices)
    return Column(name, field, "code", allowed, required)


def _date(name, field, required=False):
    return Column(name, field, "date", required=required)


def _text(name, field, required=False):
    return Column(name, field, "text", required=required)


CHILD = _text("CHILD", "la_child_id", required=True)
DOB = _date("DOB", "date_of_birth")

# Column order is the DfE's (and csc-validator-be-903's config.column_names).
TABLES: dict[str, list[Column]] = {
    "Header": [
        CHILD,
        _code("SEX", "sex", set(SEX_903), required=True),
        _date("DOB", "date_of_birth", required=True),
        _code("ETHNIC", "ethnicity", c.ETHNICITY, required=True),
        _text("UPN", "upn"),
        _code("MOTHER", "mother", {"0", "1"}),
        _date("MC_DOB", "mother_child_dob"),
    ],
    "Episodes": [
        CHILD,
        _date("DECOM", "decom", required=True),
        _code("RNE", "rne", c.RNE, required=True),
        _code("LS", "ls", c.LEGAL_STATUS, required=True),
        _code("CIN", "cin", c.CIN_CATEGORY, required=True),
        _code("PLACE", "place", c.PLACEMENT_TYPE, required=True),
        _code("PLACE_PROVIDER", "place_provider", c.PLACEMENT_PROVIDER),
        _date("DEC", "dec"),
        _code("REC", "rec", c.REASON_EPISODE_CEASED),
        _code("REASON_PLACE_CHANGE", "reason_place_change", c.REASON_PLACE_CHANGE),
        _text("HOME_POST", "home_post"),
        _text("PL_POST", "pl_post"),
        _text("URN", "urn"),
    ],
    "Reviews": [
        CHILD,
        DOB,
        _date("REVIEW", "review_date", True),
        _code("REVIEW_CODE", "review_code", c.REVIEW_CODE),
    ],
    "UASC": [CHILD, _code("SEX", "sex", set(SEX_903)), DOB, _date("DUC", "uasc_ceased_date")],
    "OC2": [CHILD, DOB]
    + [
        _text(name, name.lower())
        for name in (
            "SDQ_SCORE",
            "SDQ_REASON",
            "CONVICTED",
            "HEALTH_CHECK",
            "IMMUNISATIONS",
            "TEETH_CHECK",
            "HEALTH_ASSESSMENT",
            "SUBSTANCE_MISUSE",
            "INTERVENTION_RECEIVED",
            "INTERVENTION_OFFERED",
        )
    ],
    "OC3": [
        CHILD,
        DOB,
        _code("IN_TOUCH", "in_touch", c.IN_TOUCH, required=True),
        _code("ACTIV", "activ", c.ACTIVITY),
        _code("ACCOM", "accom", c.ACCOMMODATION),
    ],
    "AD1": [
        CHILD,
        DOB,
        _date("DATE_INT", "date_should_be_placed", required=True),
        _date("DATE_MATCH", "match_date"),
        _code("FOSTER_CARE", "foster_carer_adoption", {"0", "1"}),
        _text("NB_ADOPTR", "number_of_adopters"),
        _text("SEX_ADOPTR", "sex_of_adopters"),
        _text("LS_ADOPTR", "adopters_legal_status"),
    ],
    "PlacedAdoption": [
        CHILD,
        DOB,
        _date("DATE_PLACED", "date_should_be_placed", required=True),
        _date("DATE_PLACED_CEASED", "no_longer_placed_date"),
        _code("REASON_PLACED_CEASED", "reason_no_longer_placed", REASON_PLACED_CEASED),
    ],
    "PrevPerm": [
        CHILD,
        DOB,
        _code("PREV_PERM", "prev_perm", PREV_PERM, required=True),
        _text("LA_PERM", "la_perm"),
        _text("DATE_PERM", "date_perm"),
    ],
    "Missing": [
        CHILD,
        DOB,
        _code("MISSING", "missing", c.MISSING_KIND, required=True),
        _date("MIS_START", "mis_start", required=True),
        _date("MIS_END", "mis_end"),
    ],
    "SWEpisodes": [
        CHILD,
        DOB,
        _text("SW_ID", "sw_id", required=True),
        _date("SW_DECOM", "sw_decom", required=True),
        _date("SW_DEC", "sw_dec"),
        _code("SW_REASON", "sw_reason", SW_REASON),
    ],
}
FILE_NAMES = {
    "Header": "header.csv",
    "Episodes": "episodes.csv",
    "Reviews": "reviews.csv",
    "UASC": "uasc.csv",
    "OC2": "oc2.csv",
    "OC3": "oc3.csv",
    "AD1": "ad1.csv",
    "PlacedAdoption": "placed_for_adoption.csv",
    "PrevPerm": "previous_permanence.csv",
    "Missing": "missing.csv",
    "SWEpisodes": "sw_episodes.csv",
}
# Earlier years carried SEX in every table; accept it and ignore it outside Header/UASC.
OPTIONAL = {"SEX"}
# Tables recognised but not kept: the record model has no place for them yet. Each is read
# and counted, and the import says it was not kept (it is never silently dropped).
NOT_KEPT = {
    "DoLo": ({"CHILD", "DOB", "DOLO_START", "DOLO_END"}, "deprivation of liberty orders"),
}
