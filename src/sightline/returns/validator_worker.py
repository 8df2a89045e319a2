"""Runs inside the validators' own environment (.venv-validators), never imported by Sightline.

Reads a JSON request on stdin and writes the answer as JSON on stdout:

    {"kind": "cin" | "903", "files": [...], "year": 2026, "local_authority": "E06000015",
     "children": ["C1", ...],            # optional: validate only these children's rows
     "reader": "sightline" | "package"}  # optional: how the CIN census becomes tables

    {"ruleset": "cin2025_26", "issues": [...], "return_issues": [...], "rules_run": N,
     "failed_rules": [...], "versions": {...}, "seconds": {"read": s, "rules": s, ...}}

or {"error": message, "problem": "no-rules" | "unreadable" | "failed", ...}. Issues are one per
child, rule, table, row and field, with the rule's own description.

The CIN census is read into the package's tables in one pass (validator_cin_tables.py:
the package's own converter takes most of a census's validation time); "reader": "package"
uses the package's converter, kept as the reference the tests compare against. The 903 is read
by the package itself. The rules are always the package's, run by its own validator class.

The same steps are functions for callers inside this environment, e.g. to re-validate a few
children without writing a file:

    tables = read_cin(path)                        # or the package's own tables, or tables built
    tables = only_children(tables, ["C1"], "cin")  # from other data with the same columns
    answer = validate_cin(tables, 2026)

`only_children` keeps each table's rows for those children, renumbered from 0 (issue row ids
are positions in the tables validated). Rules that look across children (duplicate UPNs, the
return's own totals) then see only those children.
"""

import json
import logging
import os
import re
import sys
import time
from importlib import metadata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # validator_cin_tables beside us

ISSUE_COLUMNS = ["child_id", "rule_code", "rule_description", "table", "field", "row_id"]
PACKAGES = {"cin": ("cin_validator", "cin"), "903": ("lac_validator", "lac")}
CHILD_COLUMN = {"cin": "LAchildID", "903": "CHILD"}


class NoRulesError(Exception):
    """No rules installed for the collection year asked for."""

    def __init__(self, kind, year, available):
        self.kind, self.year, self.available = kind, year, available
        package = "csc-validator-be-cin" if kind == "cin" else "csc-validator-be-903"
        what = "CIN census" if kind == "cin" else "SSDA903"
        span = [f"{y - 1}-{y % 100:02d}" for y in available]
        contiguous = available == list(range(available[0], available[-1] + 1)) if available else False
        if not span:
            has = "no rules at all"
        elif contiguous and len(span) > 1:
            has = f"rules for {span[0]} to {span[-1]}"
        else:
            has = "rules for " + ", ".join(span)
        super().__init__(
            f"the DfE's {what} validator ({package} {_version(package)}) has no rules for collection "
            f"year {year - 1}-{year % 100:02d}; it has {has}"
        )


class UnreadableError(Exception):
    """The package itself could not read the files."""


def _version(package):
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def installed_years(kind):
    """The collection years (2026 = 2025-26) the installed package has rules for."""
    import importlib

    package, prefix = PACKAGES[kind]
    rules = importlib.import_module(f"{package}.rules")  # lac_validator.rules is a namespace package
    names = [name for directory in rules.__path__ for name in os.listdir(directory)]
    return sorted(int(m.group(1)) + 1 for n in names if (m := re.fullmatch(rf"{prefix}(\d{{4}})_\d\d", n)))


def rules_for(kind, year):
    """(ruleset name, registry) for the year; NoRulesError when the package has none."""
    import importlib

    package, prefix = PACKAGES[kind]
    available = installed_years(kind)
    if year not in available:
        raise NoRulesError(kind, year, available)
    ruleset = f"{prefix}{year - 1}_{str(year)[2:]}"
    return ruleset, importlib.import_module(f"{package}.rules.{ruleset}").registry


def _records(df, columns):
    out = []
    for row in df.to_dict(orient="records"):
        item = {}
        for key in columns:
            value = row.get(key)
            if value is None or value != value:  # NaN
                value = ""
            elif isinstance(value, float) and value.is_integer():
                value = int(value)
            item[key] = value if isinstance(value, (int, str)) else str(value)
        out.append(item)
    return out


def only_children(tables, child_ids, kind):
    """Each table's rows for these children only, renumbered from 0; the Header as it is."""
    keep = set(child_ids)
    column = CHILD_COLUMN[kind]
    out = {}
    for name, table in tables.items():
        if (name == "Header" and kind == "cin") or not hasattr(table, "columns") or column not in table:
            out[name] = table
        else:
            out[name] = table[table[column].isin(keep)].reset_index(drop=True)
    return out


# CIN census ------------------------------------------------------------------------------


def read_cin(path, reader="sightline"):
    """The census's tables as cin_validator.convert_data gives them (before date processing)."""
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    if reader == "package":
        from cin_validator import cin_validator

        return cin_validator.convert_data(root)
    from validator_cin_tables import cin_tables

    return cin_tables(root)


def validate_cin(tables, year):
    """The package's rules for the year over the census tables."""
    from cin_validator import cin_validator

    ruleset, registry = rules_for("cin", year)
    validator = cin_validator.CinValidator(cin_validator.process_data(tables), registry)
    issues = validator.full_issue_df.rename(columns={"tables_affected": "table", "columns_affected": "field"})
    multi = validator.multichild_issues.drop_duplicates()
    return {
        "ruleset": ruleset,
        "issues": _records(issues, ISSUE_COLUMNS),
        "return_issues": _records(multi, ["rule_code", "rule_description"]),
        "rules_run": len(registry),
        "failed_rules": [],
    }


# SSDA903 ---------------------------------------------------------------------------------


def read_903(paths):
    """The 903 tables as the package reads them, and what it learnt about the files."""
    from lac_validator.ingress import read_from_text
    from lac_validator.types import UploadError

    files = []
    for path in paths:
        with open(path, "rb") as handle:
            files.append({"name": path, "file_content": handle.read(), "description": "This year"})
    try:
        return read_from_text(files)
    except UploadError as error:
        raise UnreadableError(str(error)) from None


def validate_903(tables, year, local_authority="", extras=None):
    """The package's rules for the year over the 903 tables (as read_903 gives them)."""
    from lac_validator import lac_validator
    from lac_validator.report import Report

    ruleset, registry = rules_for("903", year)

    class TablesValidator(lac_validator.LacValidator):
        """The package's validator over tables already read (its __init__ reads files)."""

        def __init__(self, dfs, meta):
            self.dfs, self.dones, self.skips, self.fails = dfs, [], [], []
            self.registry, self.metadata = registry, meta
            self.validate(None)

    meta = {"collectionYear": str(year), "localAuthority": local_authority, **(extras or {})}
    validator = TablesValidator(tables, meta)
    # The XML reader leaves a table with no rows without columns, which the report cannot take.
    results = {
        name: table
        for name, table in validator.ds_results.items()
        if not hasattr(table, "columns") or "CHILD" in table.columns
    }
    report = Report(results, registry)
    if any(c.startswith("ERR_") for c in report.report.columns):
        issues = lac_validator.create_issue_df(report.report, report.error_report)
        issues = issues.rename(columns={"tables_affected": "table", "columns_affected": "field"})
        found = _records(issues, ISSUE_COLUMNS)
    else:
        found = []
    return {
        "ruleset": ruleset,
        "issues": found,
        "return_issues": [],
        "rules_run": len(registry),
        "failed_rules": sorted(validator.fails),
    }


# The request -----------------------------------------------------------------------------


def answer(request):
    """Read, select and validate as the request says; the answer's timings in seconds."""
    kind, year = request["kind"], int(request["year"])
    seconds = {}
    started = time.perf_counter()
    rules_for(kind, year)  # say there are no rules before reading anything
    if kind == "cin":
        (path,) = request["files"]
        tables, extras = read_cin(path, request.get("reader", "sightline")), None
    else:
        tables, extras = read_903(request["files"])
    seconds["read"] = time.perf_counter() - started
    if request.get("children") is not None:
        tables = only_children(tables, request["children"], kind)
    started = time.perf_counter()
    if kind == "cin":
        result = validate_cin(tables, year)
    else:
        result = validate_903(tables, year, request.get("local_authority", ""), extras)
    seconds["rules"] = time.perf_counter() - started
    result["seconds"] = seconds
    return result


def main():
    logging.disable(logging.CRITICAL)
    request = json.load(sys.stdin)
    versions = {p: _version(p) for p in ("csc-validator-be-cin", "csc-validator-be-903", "pandas", "numpy")}
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # the validators print; keep stdout for the JSON answer
    try:
        result = answer(request)
    except NoRulesError as error:
        result = {"error": str(error), "problem": "no-rules", "available": error.available}
    except UnreadableError as error:
        result = {"error": str(error), "problem": "unreadable"}
    except Exception as error:
        import traceback

        result = {
            "error": f"{type(error).__name__}: {error}",
            "problem": "failed",
            "traceback": traceback.format_exc(),
        }
    result["versions"] = versions
    sys.stdout = real_stdout
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
