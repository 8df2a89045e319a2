"""The SSDA903's import rules: checks across fields and rows, before anything is loaded."""

from __future__ import annotations

from sightline.returns.ssda903_columns import TABLES

from . import declare as d
from .base import Registry
from .tables import SSDA903_LABELS

KIND = "903"
# Dates that may be after today: the projected end of UASC status (the 18th birthday).
FUTURE = {("UASC", "uasc_ceased_date")}
# The child's date of birth is checked once, in the Header; other tables repeat it.
REPEATED_DOB = "date_of_birth"
ORDERS = [
    ("Episodes", "decom", "dec", "The looked-after episode"),
    ("Missing", "mis_start", "mis_end", "The missing episode"),
    ("SWEpisodes", "sw_decom", "sw_dec", "The social worker episode"),
    ("AD1", "date_should_be_placed", "match_date", "Matching"),
    ("PlacedAdoption", "date_should_be_placed", "no_longer_placed_date", "The adoption placement"),
]
# The loader's key for each table's rows; tables it holds one row a child for are keyed by child.
KEYS = {
    "Episodes": (("_child", "decom"), "A looked-after episode"),
    "Reviews": (("_child", "review_date"), "A review"),
    "Missing": (("_child", "missing", "mis_start"), "A missing episode"),
    "SWEpisodes": (("_child", "sw_decom", "sw_id"), "A social worker episode"),
    "AD1": (("_child", "date_should_be_placed"), "An AD1 row"),
    "PlacedAdoption": (("_child", "date_should_be_placed"), "A placed for adoption row"),
    "UASC": (("_child",), "The child's UASC row"),
    "OC2": (("_child",), "The child's OC2 row"),
    "OC3": (("_child",), "The child's OC3 row"),
    "PrevPerm": (("_child",), "The child's previous permanence row"),
}


def declare(rules: Registry) -> None:
    for table, start, end, what in ORDERS:
        d.order(rules, KIND, table, start, end, what, SSDA903_LABELS[table])
    for table, columns in TABLES.items():
        for col in columns:
            if col.kind != "date" or (col.field == REPEATED_DOB and table != "Header"):
                continue
            d.dates(rules, KIND, table, col.field, col.name, future=(table, col.field) in FUTURE)
    for table, (keys, what) in KEYS.items():
        d.duplicates(rules, KIND, table, keys, what, SSDA903_LABELS[table])
