"""Run by the tests with the validators' interpreter: the package's converter against ours.

    python validator_tables_check.py RETURNS_DIR FILE...  ->  JSON {file: [differences]}

Compares cin_validator.cin_validator.convert_data(root) with validator_cin_tables.cin_tables(root)
in this one process (the package's column order comes from a set, so it varies with
PYTHONHASHSEED, and ours must follow it): columns, index, dtypes and every cell, telling pd.NA,
NaN, None and NaT apart; then the same after the package's date processing.
"""

import json
import sys
import warnings
import xml.etree.ElementTree as ET

warnings.simplefilter("ignore")
sys.path.insert(0, sys.argv[1])

import pandas as pd  # noqa: E402
from cin_validator import cin_validator  # noqa: E402
from validator_cin_tables import cin_tables  # noqa: E402


def kind(value):
    if value is None:
        return "None"
    if value is pd.NA:
        return "pd.NA"
    if value is pd.NaT:
        return "NaT"
    if isinstance(value, float) and value != value:
        return "NaN"
    return type(value).__name__


def differences(theirs, ours):
    found = []
    for name in theirs:
        a, b = theirs[name], ours[name]
        if list(a.columns) != list(b.columns):
            found.append(f"{name}: columns {list(a.columns)} != {list(b.columns)}")
            continue
        if type(a.index) is not type(b.index) or not a.index.equals(b.index):
            found.append(f"{name}: index {a.index!r} != {b.index!r}")
        if dict(a.dtypes) != dict(b.dtypes):
            found.append(f"{name}: dtypes {dict(a.dtypes)} != {dict(b.dtypes)}")
        for column in a.columns:
            for row, (x, y) in enumerate(zip(a[column].tolist(), b[column].tolist(), strict=True)):
                missing = kind(x) in {"None", "pd.NA", "NaN", "NaT"}
                if kind(x) != kind(y) or (not missing and x != y):
                    found.append(f"{name}.{column} row {row}: {x!r} ({kind(x)}) != {y!r} ({kind(y)})")
                    break
    if set(theirs) != set(ours):
        found.append(f"tables {sorted(theirs)} != {sorted(ours)}")
    return found


out = {}
for path in sys.argv[2:]:
    root = ET.parse(path).getroot()
    theirs, ours = cin_validator.convert_data(root), cin_tables(root)
    found = differences(theirs, ours)
    found += [f"after date processing: {d}" for d in differences(
        cin_validator.process_data(theirs), cin_validator.process_data(ours)
    )]
    out[path] = found
json.dump(out, sys.stdout)
