"""Runs inside the validators' own environment (.venv-validators), never imported by Sightline.

Reads a JSON request on stdin: {"kind": "cin" | "903", "files": [...], "year": 2026,
"local_authority": "E06000015"}; writes {"issues": [...], "return_issues": [...],
"rules_run": N, "failed_rules": [...], "versions": {...}} on stdout. Issues are one per
child, rule, table, row and field, with the rule's own description.
"""

import json
import logging
import sys
from importlib import metadata


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


def run_cin(request):
    import importlib
    import xml.etree.ElementTree as ET

    from cin_validator import cin_validator

    ruleset = f"cin{request['year'] - 1}_{str(request['year'])[2:]}"
    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    (path,) = request["files"]
    root = ET.parse(path).getroot()
    data = cin_validator.process_data(cin_validator.convert_data(root))
    validator = cin_validator.CinValidator(data, registry)
    issues = validator.full_issue_df.rename(columns={"tables_affected": "table", "columns_affected": "field"})
    columns = ["child_id", "rule_code", "rule_description", "table", "field", "row_id"]
    multi = validator.multichild_issues.drop_duplicates()
    return {
        "ruleset": ruleset,
        "issues": _records(issues, columns),
        "return_issues": _records(multi, ["rule_code", "rule_description"]),
        "rules_run": len(registry),
        "failed_rules": [],
    }


def run_903(request):
    import importlib

    from lac_validator import lac_validator
    from lac_validator.report import Report

    ruleset = f"lac{request['year'] - 1}_{str(request['year'])[2:]}"
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    files = []
    for path in request["files"]:
        with open(path, "rb") as handle:
            files.append({"name": path, "file_content": handle.read(), "description": "This year"})
    meta = {"collectionYear": str(request["year"]), "localAuthority": request.get("local_authority", "")}
    validator = lac_validator.LacValidator(metadata=meta, files=files, registry=registry, selected_rules=None)
    # The XML reader leaves a table with no rows without columns, which the report cannot take.
    results = {
        name: table
        for name, table in validator.ds_results.items()
        if not hasattr(table, "columns") or "CHILD" in table.columns
    }
    report = Report(results, registry)
    columns = ["child_id", "rule_code", "rule_description", "table", "field", "row_id"]
    if any(c.startswith("ERR_") for c in report.report.columns):
        issues = lac_validator.create_issue_df(report.report, report.error_report)
        issues = issues.rename(columns={"tables_affected": "table", "columns_affected": "field"})
        found = _records(issues, columns)
    else:
        found = []
    return {
        "ruleset": ruleset,
        "issues": found,
        "return_issues": [],
        "rules_run": len(registry),
        "failed_rules": sorted(validator.fails),
    }


def main():
    logging.disable(logging.CRITICAL)
    request = json.load(sys.stdin)
    versions = {}
    for package in ("csc-validator-be-cin", "csc-validator-be-903", "pandas", "numpy"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = ""
    real_stdout = sys.stdout
    sys.stdout = sys.stderr  # the validators print; keep stdout for the JSON answer
    try:
        result = run_cin(request) if request["kind"] == "cin" else run_903(request)
    except Exception as error:
        import traceback

        result = {"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc()}
    result["versions"] = versions
    sys.stdout = real_stdout
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
