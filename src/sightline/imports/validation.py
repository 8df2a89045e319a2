"""DfE validation of return files, presented per child and per rule, exportable as CSV or XLSX.

Sightline does not re-write the DfE rules: it reads the files itself first (so a file that
cannot be read gets Sightline's located error), then hands them to csc-validator-be-cin or
csc-validator-be-903 in their own environment (sightline.returns.validators). A file there is
nothing to validate against (an Annex A; a collection year the installed rules do not cover)
is reported as not validated, with the reason.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sightline.returns.common import Problem, ReturnFileError
from sightline.returns.detect import read_returns
from sightline.returns.records import ReturnData, infer_year
from sightline.returns.validators import (
    Issue,
    NoRulesError,
    UnreadableByValidatorError,
    ValidationResult,
    run_validator,
)

# Rule hits the synthetic council's returns are expected to keep, each with why the data is
# right (docs/returns.md repeats this list; tests/imports/test_validation.py holds the export to it).
SYNTHETIC_COUNCIL_RULE_HITS = {
    "1530": "UPN characters 2-4 are the synthetic LA code 999, which is deliberately not a real LA.",
    "392c": "Synthetic postcodes are invented, so they are not in the ONS postcode directory.",
    "392a": "No distance can be derived from an invented postcode (follows from 392c).",
    "169": "The placement LA is derived from the postcode, which is invented (follows from 392c).",
    "179": "The placement location code is derived from the postcode (follows from 392c).",
    "1015": "Whether a placement is in the LA is derived from the postcode, which is invented (see 392c).",
    "241": "The provider's premises LA comes from Ofsted's provider lists, which are not loaded.",
    "8670Q": "A query, not an error: assessments deliberately left open too long (late practice to find).",
    "8675Q": "A query: an ICPC deliberately held later than 15 working days after the s47 started and not "
    "yet held at the year end (late practice to find).",
    "8530Q": "A query: a pre-birth case closed before the birth (pregnancy loss, or the family moved "
    "away) keeps the expected date of birth, which has passed by the census year end.",
    "8825Q": "A query: the episode's assessment was authorised before the census year, so it is not in it.",
    "2991Q": "A query: an s47 on an episode whose assessment falls outside the census year.",
    "SW17STG2": "A staged rule: the social worker episode rightly ends when the child leaves care.",
    "SW11bSTG2": "A staged rule: a social worker episode ending in the last days of March because the "
    "child left care then (at 18, say) rightly has no episode after it.",
    "SW12STG2": "A staged rule: the child's social worker was allocated before they came into care, and "
    "the rule expects an episode starting on or after the day care began.",
}

COLUMNS = ["file", "child_id", "rule_code", "rule_description", "table", "field", "row_id"]
# The report's headings as the returns team reads them (the keys are the validators' own names).
HEADINGS = {
    "file": "File",
    "child_id": "Child ID",
    "rule_code": "Rule",
    "rule_description": "Rule description",
    "table": "Table",
    "field": "Field",
    "row_id": "Row",
    "hits": "Hits",
    "children": "Children",
}
IDENTIFIERS = {"Child ID", "Rule", "Row"}  # "580", "0012345": text in Excel, as the DfE writes them


ANNEX_A_NOT_VALIDATED = (
    "not validated: an Ofsted Annex A workbook. The DfE publishes validation rules for the CIN "
    "census and the SSDA903 only; Annex A has none"
)


@dataclass
class ValidationReport:
    results: list[ValidationResult] = field(default_factory=list)
    # Files there was nothing to validate against, each with the reason.
    not_validated: list[Problem] = field(default_factory=list)

    @property
    def issues(self) -> list[Issue]:
        return [issue for result in self.results for issue in result.issues]

    def by_rule(self) -> list[tuple[str, str, int, int]]:
        """(rule code, description, hits, children) for every rule hit, most hits first."""
        hits: Counter = Counter()
        children = defaultdict(set)
        descriptions = {}
        for issue in self.issues:
            hits[issue.rule_code] += 1
            children[issue.rule_code].add(issue.child_id)
            descriptions[issue.rule_code] = issue.rule_description
        for result in self.results:
            for item in result.return_issues:
                code = str(item["rule_code"])
                hits[code] += 1
                descriptions[code] = item["rule_description"]
        return [(code, descriptions[code], n, len(children[code])) for code, n in hits.most_common()]

    def by_child(self) -> dict[str, list[Issue]]:
        out: dict[str, list[Issue]] = defaultdict(list)
        for issue in sorted(self.issues, key=lambda i: (i.child_id, i.rule_code, i.table, i.row_id)):
            out[issue.child_id].append(issue)
        return dict(out)

    def summary(self) -> str:
        """Each validator run and the rules hit (files not validated are listed apart)."""
        lines = []
        for result in self.results:
            names = ", ".join(Path(f).name for f in result.files)
            rules = result.rules_label
            lines.append(
                f"{rules[:1].upper()}{rules[1:]} on {names}: {result.rules_run} rules run, "
                f"{len(result.issues)} issue(s) "
                f"for {len({i.child_id for i in result.issues})} child(ren)"
                + (
                    f"; rules that could not run: {', '.join(result.failed_rules)}"
                    if result.failed_rules
                    else ""
                )
            )
        for code, description, hits, children in self.by_rule():
            lines.append(f"  {code:>9}  {hits:>5} hit(s), {children:>5} child(ren)  {description}")
        return "\n".join(lines)

    def rows(self) -> list[dict]:
        rows = [
            {
                "file": i.file,
                "child_id": i.child_id,
                "rule_code": i.rule_code,
                "rule_description": i.rule_description,
                "table": i.table,
                "field": i.field,
                "row_id": i.row_id,
            }
            for i in sorted(self.issues, key=lambda i: (i.child_id, i.rule_code, i.table, i.row_id, i.field))
        ]
        for result in self.results:
            for item in result.return_issues:
                rows.append(
                    {
                        "file": ", ".join(Path(f).name for f in result.files),
                        "child_id": "",
                        "rule_code": str(item["rule_code"]),
                        "rule_description": item["rule_description"],
                        "table": "",
                        "field": "",
                        "row_id": "",
                    }
                )
        return rows


def validate_files(
    paths: list[str | Path],
    year: int | None = None,
    local_authority: str = "",
    children: list[str] | None = None,
    wait: float = 0,
) -> ValidationReport:
    """Check the files are readable returns, then run the DfE validator for each.

    `children` limits validation to those LA child IDs; `wait` is run_validator's. A file Sightline
    cannot read, or that the validator cannot read, raises ReturnFileError with located problems.
    """
    paths = [Path(p) for p in paths]
    returns = read_returns(paths)  # located errors for unreadable files before the validator sees them
    report = ValidationReport()
    for data in returns:
        files = [Path(f) for f in data.files]
        names = ", ".join(f.name for f in files)
        _refuse_unreadable(data)
        if data.kind == "annex-a":
            report.not_validated.append(Problem(names, "", "", ANNEX_A_NOT_VALIDATED))
            continue
        use_year = year or infer_year(data)
        kind = "cin" if data.kind == "cin" else "903"
        try:
            result = run_validator(kind, files, use_year, local_authority, children=children, wait=wait)
            report.results.append(result)
        except NoRulesError as error:
            from_header = year is None and kind == "cin"  # the census's header gave the year
            report.not_validated.append(
                Problem(names, "Header" if from_header else "", "", f"not validated: {error}")
            )
        except UnreadableByValidatorError as error:
            raise ReturnFileError(
                [Problem(names, "", "", f"the DfE validator could not read the files: {error}")]
            ) from None
    return report


def _refuse_unreadable(data: ReturnData) -> None:
    """A problem with the file itself (not a child's record) means there is nothing to validate.

    Children's errors (a bad code, a blank item) are left for the DfE rules to report.
    """
    problems = [p for p in data.errors if not p.child and not p.row_only]
    if problems:
        raise ReturnFileError(problems)


def write_report(report: ValidationReport, out: str | Path) -> Path:
    """The issues, one row per child, rule, table, row and field: CSV, or XLSX with a rule summary."""
    from sightline.domain.sheets import About, Table, write_csv, write_xlsx

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".xlsx":
        about = About(
            title="DfE validation: issues found",
            generated_at=datetime.now().replace(microsecond=0),
            notes=[("Files", ", ".join(sorted({str(r["file"]) for r in report.rows() if r.get("file")})))],
        )
        by_rule = list(report.by_rule())
        rule_columns = [HEADINGS[c] for c in ("rule_code", "rule_description", "hits", "children")]
        rules = Table("Rules", rule_columns, by_rule, IDENTIFIERS)
        rows = [[row[c] for c in COLUMNS] for row in report.rows()]
        issues = Table("Issues by child", [HEADINGS[c] for c in COLUMNS], rows, IDENTIFIERS)
        write_xlsx(out, [rules, issues], about)
        return out
    with out.open("w", encoding="utf-8", newline="") as handle:
        headings = [HEADINGS[c] for c in COLUMNS]
        write_csv(handle, headings, ([row[c] for c in COLUMNS] for row in report.rows()), "\n")
    return out
