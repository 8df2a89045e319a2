"""The council's child population by single year of age, sex and ethnicity, for rates per 10,000.

Read from a CSV in the layout of the ONS mid-year estimates' long files (one row per area,
sex and single year of age, the count in a `population` or `population_YYYY` column: sex 1 for
male and 2 for female), with an `ethnicity` column of DfE ethnicity codes added, since the
mid-year estimates carry none (a council spreads them over its Census 2021 ethnic mix). Ages
over 17 are ignored. Every rejected row names its row and field.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import polars as pl

from sightline.domain.codes import AGE_BAND, ETHNIC_GROUP_OF, ETHNICITY
from sightline.domain.numbers import is_whole_number

from .groups import check

SEXES = {"1": "M", "2": "F", "M": "M", "F": "F", "MALE": "M", "FEMALE": "F"}
CODES = {code for code, _ in ETHNICITY}
MAX_BYTES = 5_000_000  # an area's long file with every age and ethnicity is about 150 KB
MAX_CELL = 1_000_000  # England's largest council has about 300,000 children in all
SCHEMA = {"ethnicity": pl.Utf8, "sex": pl.Utf8, "age": pl.Int64, "population": pl.Int64}


class PopulationError(ValueError):
    """A population file that cannot be read; `problems` lists each located problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")
        )
        self.problems = problems


@dataclass(frozen=True)
class PopulationTable:
    frame: pl.DataFrame  # ethnicity (DfE code), sex (M/F), age (0-17), population

    @classmethod
    def from_rows(cls, rows: list[dict]) -> PopulationTable:
        frame = pl.DataFrame([{k: r[k] for k in SCHEMA} for r in rows], schema=SCHEMA)
        return cls(frame.filter(pl.col("age") <= 17))

    @property
    def total(self) -> int:
        return int(self.frame["population"].sum() or 0)

    def __bool__(self) -> bool:
        return self.total > 0

    def groups(self, by: str) -> dict[str, int] | None:
        """Children per group of the breakdown; None where the estimates have no such split."""
        check(by)
        frame = self.frame
        if by == "ethnicity":
            key = pl.col("ethnicity").replace_strict(ETHNIC_GROUP_OF, default="UNKNOWN", return_dtype=pl.Utf8)
        elif by == "ethnicity_minor":
            key = pl.col("ethnicity")
        elif by == "sex":
            key = pl.col("sex")
        elif by == "age":
            key = pl.lit("0")
            for start, _label in AGE_BAND[1:]:
                key = pl.when(pl.col("age") >= start).then(pl.lit(str(start))).otherwise(key)
        else:
            return None
        out = frame.group_by(key.alias("g")).agg(pl.col("population").sum())
        return dict(out.iter_rows())


def read_upload(raw: bytes, source: str = "the population file") -> PopulationTable:
    """A population table from a file's bytes as uploaded or read from disk; refused in plain words."""
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # xlsx, xls
        raise PopulationError([f"{source}: this is an Excel workbook, not a CSV file (save it as CSV first)"])
    if len(raw) > MAX_BYTES:
        too_big = f"the file is over {MAX_BYTES // 1_000_000} MB, larger than any council's estimate"
        raise PopulationError([f"{source}: {too_big}"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PopulationError(
            [f"{source}, row {line}: the file is not saved as UTF-8 text (in Excel, save as 'CSV UTF-8')"]
        ) from None
    return read_csv(text, source)


def read_csv(text: str, source: str = "the population file") -> PopulationTable:
    """A population table from CSV text; raises PopulationError naming each bad row and field."""
    if "\x00" in text:
        raise PopulationError([f"{source}: this is not a CSV file (it holds binary data)"])
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        fields = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    except csv.Error as error:
        raise PopulationError([f"{source}, row 1 (the header): cannot be read as CSV ({error})"]) from None
    count_field = next((fields[f] for f in fields if f.startswith("population")), None)
    missing = [f for f in ("sex", "age", "ethnicity") if f not in fields] + (
        [] if count_field else ["population"]
    )
    if missing:
        raise PopulationError([f"{source}, row 1 (the header): no {', '.join(missing)} column"])
    rows, problems, first_at = [], [], {}
    number = 1
    try:
        for number, raw in enumerate(reader, start=2):
            where = f"{source}, row {number}"
            row = _row(raw, fields, count_field, where, problems)
            if row is None:
                continue
            key = (row["ethnicity"], row["sex"], row["age"])
            if key in first_at:
                group = f"ethnicity {key[0]}, sex {raw.get(fields['sex'])!r}, age {key[2]}"
                problems.append(
                    f"{where}: {group} is the same group as row {first_at[key]} (give each group once)"
                )
                continue
            first_at[key] = number
            rows.append(row)
    except csv.Error as error:
        problems.append(f"{source}, row {number + 1}: cannot be read as CSV ({error})")
    if not problems and not rows:
        problems.append(f"{source}: no rows for children aged 0 to 17")
    if problems:
        raise PopulationError(problems)
    return PopulationTable.from_rows(rows)


def _row(raw: dict, fields: dict, count_field: str, where: str, problems: list[str]) -> dict | None:
    sex = SEXES.get((raw.get(fields["sex"]) or "").strip().upper())
    ethnicity = (raw.get(fields["ethnicity"]) or "").strip().upper()
    age_text = (raw.get(fields["age"]) or "").strip().rstrip("+")
    count_text = (raw.get(count_field) or "").strip().replace(",", "")
    found = len(problems)
    if sex is None:
        problems.append(f"{where}, field sex: {raw.get(fields['sex'])!r} is not 1 (male) or 2 (female)")
    if ethnicity not in CODES:
        problems.append(f"{where}, field ethnicity: {ethnicity!r} is not a DfE ethnicity code")
    if not is_whole_number(age_text):
        problems.append(f"{where}, field age: {age_text!r} is not a whole number of years")
    problem = _count_problem(count_text)
    if problem:
        problems.append(f"{where}, field {count_field}: {count_text!r} {problem}")
    if len(problems) > found or int(age_text) > 17:
        return None
    return {"ethnicity": ethnicity, "sex": sex, "age": int(age_text), "population": int(count_text)}


def _count_problem(text: str) -> str | None:
    """Why a count of children cannot be taken, in plain words; None when it can."""
    if text.startswith("-") and is_whole_number(text[1:].replace(".", "", 1)):
        return "is below zero: a count of children cannot be negative"
    if not is_whole_number(text):
        return "is not a whole number"
    if int(text) > MAX_CELL:
        return f"is more than {MAX_CELL:,}, more children of one age, sex and ethnicity than any council has"
    return None
