"""The audit history and complaints imports check their rows one way (imports.checked_rows): any
error rejects the file with every error; rows imported before or repeated are left out, counted."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from sightline.audits.history import AuditImportError
from sightline.imports import checked_rows
from sightline.returns.common import Problem


def _problem(where: str, code: str, severity: str = "warning") -> Problem:
    return Problem("a.csv", where, "reference", "a problem", severity=severity, code=code)


@pytest.fixture
def found(monkeypatch):
    """The rules' findings, whatever the rows (the rules have their own tests)."""
    problems: list[Problem] = []
    registry = SimpleNamespace(check=lambda kind, tables, context, labels: list(problems))
    monkeypatch.setattr(checked_rows, "all_rules", lambda: registry)
    return problems


ROWS = [{"_where": f"row {n}", "n": n} for n in (2, 3, 4, 5)]


def test_rows_imported_before_or_repeated_are_left_out_and_counted(found):
    found += [
        _problem("row 3", "AUDITS-AUDIT-AUDITDATE-IMPORTED"),
        _problem("row 5", "FEEDBACK-COMPLAINT-REFERENCE-REPEATED"),
        _problem("row 4", "AUDITS-AUDIT-GRADE-UNUSUAL"),
    ]
    kept = checked_rows.checked("audits", "audit", {}, ROWS, date(2026, 3, 31), AuditImportError)
    assert [row["n"] for row in kept.rows] == [2, 4]
    assert (kept.already, kept.repeated, len(kept.warnings)) == (1, 1, 3)


def test_any_error_rejects_the_file_with_every_error_and_no_warning(found):
    found += [
        _problem("row 2", "AUDITS-AUDIT-CHILD-UNKNOWN", "error"),
        _problem("row 3", "AUDITS-AUDIT-AUDITDATE-IMPORTED"),
        _problem("row 4", "AUDITS-AUDIT-TOOL-UNKNOWN", "error"),
    ]
    with pytest.raises(AuditImportError) as rejected:
        checked_rows.checked("audits", "audit", {}, ROWS, date(2026, 3, 31), AuditImportError)
    assert [p.where for p in rejected.value.problems] == ["row 2", "row 4"]


def test_workers_by_staff_id_and_by_a_name_only_one_of_them_has():
    people = [
        SimpleNamespace(staff_id="W1", first_name="Ann", last_name="Lee"),
        SimpleNamespace(staff_id="W2", first_name="Ann", last_name="Lee"),
        SimpleNamespace(staff_id="W3", first_name="Bo", last_name="Ng"),
    ]
    found = checked_rows.workers_by_id_or_name(people)
    assert set(found) == {"w1", "w2", "w3", "bo ng"} and found["bo ng"] is people[2]
