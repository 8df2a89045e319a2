"""The CIN census as csc-validator-be-cin's tables, built in one pass (validators' environment only).

The package's converter (`cin_validator.ingress.XMLtoCSV`) appends one small DataFrame per
child, episode, assessment and plan to each growing table, so its time grows with the square
of the census: 45-80 s of a default council's 50-90 s validation, against 3-5 s for the rules.
This module walks the XML exactly as XMLtoCSV does (the same elements, the same ID counters,
including its child-level CP plan and review look-ups) but collects plain lists and builds each
table once.

The tables must be the ones the package would have built, value for value, because several
rules call `astype(str)` or compare cells, where a missing value written as `pd.NA` ("<NA>")
and one written as NaN ("nan") differ. pandas 1.5's `concat` writes NaN over a small frame's
cells when every cell of that frame's block is missing and keeps `pd.NA` otherwise; which cells
share a block follows the order of the columns in XMLtoCSV's row dicts, which for most tables
comes from iterating a `set` (so it varies with PYTHONHASHSEED). `_Table` reproduces that rule
for the column order of the running process, so the result equals the package's converter in
the same process; tests/returns/test_validator_tables.py checks it against the package itself
under several hash seeds.

Runs inside .venv-validators (pandas 1.5.3, numpy 1.24.4); never imported by Sightline.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd
from cin_validator.ingress import XMLtoCSV

ID_COLUMNS = XMLtoCSV.id_cols  # generated per child by the converter, not read from the XML
TABLES = [
    "Header",
    "ChildIdentifiers",
    "ChildCharacteristics",
    "ChildProtectionPlans",
    "CINdetails",
    "CINplanDates",
    "Reviews",
    "Section47",
    "Assessments",
    "AssessmentFactorsList",
    "Disabilities",
]


def _is_na(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _element_order(columns: list[str]) -> list[str]:
    """The order XMLtoCSV reads a block's elements in: the same set expression, so the same order."""
    return list(set(columns).difference(set(ID_COLUMNS)))


def _block_places(key_order: list[str], int_columns: set[str]) -> dict[str, tuple[str, int]]:
    """column -> (dtype block, place in that block), places in the piece's key order."""
    blocks = {}
    counters = {"int": 0, "object": 0}
    for name in key_order:
        block = "int" if name in int_columns else "object"
        blocks[name] = (block, counters[block])
        counters[block] += 1
    return blocks


def _runs(columns: list[str], blocks: dict) -> list[list[str]]:
    """The table's columns cut into runs of one dtype block each."""
    runs: list[list[str]] = []
    for name in columns:
        if runs and blocks[runs[-1][-1]][0] == blocks[name][0]:
            runs[-1].append(name)
        else:
            runs.append([name])
    return runs


def _pieces(run: list[str], blocks: dict, reindexed: bool) -> list[list[str]]:
    """A run is one unit when it is a slice of its block (or nothing is reindexed), else one per column."""
    places = [blocks[name][1] for name in run]
    steps = {b - a for a, b in pairwise(places)}
    if reindexed and not (len(steps) <= 1 and 0 not in steps):
        return [[name] for name in run]
    return [run]


def _units(columns, key_order, blocks, reindexed) -> list[tuple[list[int], list[int], int]]:
    """(cells written, cells checked, first cell) for each unit pandas concatenates separately."""
    position = {name: i for i, name in enumerate(columns)}
    units = []
    for run in _runs(columns, blocks):
        block = blocks[run[0]][0]
        for unit in _pieces(run, blocks, reindexed):
            written = [position[name] for name in unit]
            if reindexed:
                units.append((written, written, written[0]))
            else:  # no reindexing: pandas checks the whole block of the piece
                in_block = [name for name in key_order if blocks[name][0] == block]
                units.append((written, [position[name] for name in in_block], position[in_block[0]]))
    return units


class _Table:
    """One table's rows, added one converter-sized piece at a time (see the module docstring).

    `key_order` is the order of the keys in the converter's row dicts for this table. The
    piece's columns are grouped into units as pandas groups them when it concatenates: by dtype
    block (integer ID columns, object columns), then, when the key order differs from the
    table's, into runs whose positions in the block form an arithmetic progression (else one
    unit per column). A unit whose checked cells are all missing is written as NaN (None when
    its first cell in memory is None), as is the whole table so far in a unit that has only
    missing values when the next piece arrives.
    """

    def __init__(self, columns: list[str], key_order: list[str], int_columns: set[str]):
        self.columns = list(columns)
        self.data: list[list] = [[] for _ in self.columns]
        self.rows = 0
        blocks = _block_places(key_order, int_columns)
        reindexed = list(key_order) != self.columns
        self.units = _units(self.columns, key_order, blocks, reindexed)
        self.all_missing = [True] * len(self.units)
        self.refill_upto = [0] * len(self.units)
        self.touched = False  # a concat, even of nothing, leaves a RangeIndex on an empty table

    def add(self, dicts: list[dict]) -> None:
        """Append the rows of one converter piece (the dicts XMLtoCSV builds for one call)."""
        self.touched = True
        if not dicts:
            return  # pandas drops an empty frame from a concat: nothing changes
        table_rows = [[d[name] for name in self.columns] for d in dicts]
        for u, (written, checked, first) in enumerate(self.units):
            if self.rows and self.all_missing[u]:
                self.refill_upto[u] = self.rows
            missing = all(_is_na(out[i]) for out in table_rows for i in checked)
            if missing:
                fill = None if table_rows[0][first] is None else np.nan
                for out in table_rows:
                    for i in written:
                        out[i] = fill
            self.all_missing[u] = self.all_missing[u] and all(
                _is_na(out[i]) for out in table_rows for i in written
            )
        for out in table_rows:
            for i, value in enumerate(out):
                self.data[i].append(value)
        self.rows += len(table_rows)

    def frame(self) -> pd.DataFrame:
        for u, (written, _, _) in enumerate(self.units):
            upto = self.refill_upto[u]
            if upto:
                fill = None if self.data[written[0]][0] is None else np.nan
                for i in written:
                    self.data[i][:upto] = [fill] * upto
        if not self.rows:
            empty = pd.DataFrame(columns=self.columns)
            return empty.reset_index(drop=True) if self.touched else empty
        arrays = [np.fromiter(values, dtype=object, count=self.rows) for values in self.data]
        return pd.DataFrame(dict(zip(self.columns, arrays, strict=True)))


def _values(elements, row: dict, block) -> dict:
    """cin_validator.utils.get_values: each element's text, pd.NA where the element (or block) is absent."""
    for element in elements:
        try:
            row[element] = block.find(element).text
        except Exception:  # as get_values: a missing element or block is pd.NA
            row[element] = pd.NA
    return row


class _Converter:
    """XMLtoCSV's walk over the census, one method per table as there, collecting rows."""

    def __init__(self):
        template = XMLtoCSV  # the class attributes hold each table's columns
        self.columns = {name: list(getattr(template, name).columns) for name in TABLES[1:]}
        self.elements = {name: _element_order(columns) for name, columns in self.columns.items()}
        ids = ["LAchildID", "CINdetailsID", "AssessmentID", "CPPID"]

        def table(name, leading):
            key_order = (
                self.columns[name]
                if name == "ChildIdentifiers"
                else [c for c in ids if c in leading] + self.elements[name]
            )
            ints = {c for c in leading if c != "LAchildID"}
            return _Table(self.columns[name], key_order, ints)

        self.tables = {
            "ChildIdentifiers": table("ChildIdentifiers", []),
            "ChildCharacteristics": table("ChildCharacteristics", ["LAchildID"]),
            "Disabilities": table("Disabilities", ["LAchildID"]),
            "CINdetails": table("CINdetails", ["LAchildID", "CINdetailsID"]),
            "Assessments": table("Assessments", ["LAchildID", "CINdetailsID", "AssessmentID"]),
            "AssessmentFactorsList": table(
                "AssessmentFactorsList", ["LAchildID", "CINdetailsID", "AssessmentID"]
            ),
            "CINplanDates": table("CINplanDates", ["LAchildID", "CINdetailsID"]),
            "Section47": table("Section47", ["LAchildID", "CINdetailsID"]),
            "ChildProtectionPlans": table("ChildProtectionPlans", ["LAchildID", "CINdetailsID", "CPPID"]),
            "Reviews": table("Reviews", ["LAchildID", "CINdetailsID", "CPPID"]),
        }
        self.child_id = pd.NA
        self.cin_details_id = 0
        self.assessment_id = 0
        self.cpp_id = 0

    def child(self, child) -> None:
        self.child_id = None
        self.identifiers(child)
        self.characteristics(child)
        self.cin_details(child)
        self.protection_plans(child)  # XMLtoCSV also looks for plans and reviews right under Child
        self.reviews(child)

    def identifiers(self, child) -> None:
        row = _values(self.columns["ChildIdentifiers"], {}, child.find("ChildIdentifiers"))
        self.child_id = row.get("LAchildID", pd.NA)
        self.tables["ChildIdentifiers"].add([row])

    def characteristics(self, child) -> None:
        block = child.find("ChildCharacteristics")
        row = _values(self.elements["ChildCharacteristics"], {"LAchildID": self.child_id}, block)
        self.tables["ChildCharacteristics"].add([row])
        disabilities = block.find("Disabilities")  # AttributeError without the block, as XMLtoCSV
        if disabilities is not None:
            rows = []
            for disability in disabilities:
                row = _values(self.elements["Disabilities"], {"LAchildID": self.child_id}, disability)
                row["Disability"] = disability.text
                rows.append(row)
            self.tables["Disabilities"].add(rows)

    def cin_details(self, child) -> None:
        rows = []
        self.cin_details_id = 0
        for detail in child.findall("CINdetails"):
            self.cin_details_id += 1
            ids = {"LAchildID": self.child_id, "CINdetailsID": self.cin_details_id}
            rows.append(_values(self.elements["CINdetails"], ids, detail))
            self.assessments(detail)
            self.plan_dates(detail)
            self.section47(detail)
            self.protection_plans(detail)
        self.tables["CINdetails"].add(rows)

    def assessments(self, detail) -> None:
        rows = []
        self.assessment_id = 0
        for assessment in detail.findall("Assessments"):
            self.assessment_id += 1
            ids = {
                "LAchildID": self.child_id,
                "CINdetailsID": self.cin_details_id,
                "AssessmentID": self.assessment_id,
            }
            row = _values(self.elements["Assessments"], dict(ids), assessment)
            factors = assessment.find("FactorsIdentifiedAtAssessment")
            if factors is not None and len(factors) != 0:
                factor_rows = []
                for factor in factors:
                    factor_row = _values(self.elements["AssessmentFactorsList"], dict(ids), factor)
                    factor_row["AssessmentFactor"] = factor.text
                    factor_rows.append(factor_row)
                self.tables["AssessmentFactorsList"].add(factor_rows)
                row["AssessmentFactors"] = [r["AssessmentFactor"] for r in factor_rows]
            rows.append(row)
        self.tables["Assessments"].add(rows)

    def plan_dates(self, detail) -> None:
        ids = {"LAchildID": self.child_id, "CINdetailsID": self.cin_details_id}
        rows = [_values(self.elements["CINplanDates"], dict(ids), d) for d in detail.findall("CINPlanDates")]
        self.tables["CINplanDates"].add(rows)

    def section47(self, detail) -> None:
        ids = {"LAchildID": self.child_id, "CINdetailsID": self.cin_details_id}
        rows = [_values(self.elements["Section47"], dict(ids), s) for s in detail.findall("Section47")]
        self.tables["Section47"].add(rows)

    def protection_plans(self, parent) -> None:
        rows = []
        self.cpp_id = 0
        for plan in parent.findall("ChildProtectionPlans"):
            self.cpp_id += 1
            ids = {"LAchildID": self.child_id, "CINdetailsID": self.cin_details_id, "CPPID": self.cpp_id}
            rows.append(_values(self.elements["ChildProtectionPlans"], ids, plan))
            self.reviews(plan)
        self.tables["ChildProtectionPlans"].add(rows)

    def reviews(self, parent) -> None:
        ids = {"LAchildID": self.child_id, "CINdetailsID": self.cin_details_id, "CPPID": self.cpp_id}
        rows = [
            _values(self.elements["Reviews"], dict(ids), review)
            for review in parent.findall("Reviews[CPPreviewDate]")
        ]
        self.tables["Reviews"].add(rows)


def cin_tables(root) -> dict[str, pd.DataFrame]:
    """The tables `cin_validator.cin_validator.convert_data(root)` returns, built in one pass."""
    converter = _Converter()
    header = XMLtoCSV.create_Header(converter, root.find("Header"))
    for child in root.find("Children").findall("Child"):
        converter.child(child)
    tables = {name: table.frame() for name, table in converter.tables.items()}
    return {name: header if name == "Header" else tables[name] for name in TABLES}
