"""`sightline import-audits`: a council's audit history from a spreadsheet, checked whole by the
import rules before anything is written, bad rows named by file, row and column."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from openpyxl import Workbook

from sightline.audits.history import AuditImportError, import_audits
from sightline.audits.models import Audit, Moderation
from sightline.cli import main
from sightline.web.versions import content_version
from sightline.workforce.models import Allocation, Team, Worker

pytestmark = pytest.mark.django_db
HEADER = ["child_id", "audit_date", "auditor", "tool", "overall_grade"]
FULL = [*HEADER, "team", "moderator", "moderated_grade", "moderation_date"]


def write_csv(path, header, rows):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def allocated_children(n: int) -> list[tuple[str, int]]:
    """Children with a social work allocation open on 1 March 2025, and its team."""
    found = (
        Allocation.objects.filter(role="SW", start_date__lte=date(2025, 3, 1), child__restricted=False)
        .filter(end_date__isnull=True)
        .exclude(child__audits__audit_date=date(2025, 3, 1))
        .values_list("child__la_child_id", "team_id")
        .order_by("child__la_child_id")
    )
    return list(dict(found).items())[:n]


def test_a_good_file_is_imported_with_its_moderations(council, tmp_path):
    (a, team_a), (b, _), (c, _) = allocated_children(3)
    worker = Worker.objects.filter(leave_date__isnull=True).order_by("staff_id").first()
    other_team = Team.objects.exclude(pk=team_a).order_by("name").first()
    path = write_csv(
        tmp_path / "history.csv",
        [
            "Child ID",
            "AUDIT_DATE",
            "Auditor",
            "Tool",
            "Overall Grade",
            "Team",
            "Moderator",
            "moderated-grade",
            "Moderation date",
            "Notes",
        ],
        [
            [
                a,
                "01/03/2025",
                str(worker),
                "collaborative",
                "Good",
                "",
                "External moderator",
                "RI",
                "2025-03-20",
                "kept out",
            ],
            [
                b,
                "2025-03-01",
                "Pat Outside",
                "Collaborative case-file audit (Signs of Safety)",
                "2",
                other_team.name,
                "",
                "",
                "",
                "",
            ],
            [c, "01/03/2025", "Pat Outside", "chronologies", "inadequate", "", "", "", "", ""],
        ],
    )
    before, version = Audit.objects.count(), content_version()
    result = import_audits(path, today=date(2026, 3, 31))
    assert (result.imported, result.moderated, result.already) == (3, 1, 0)
    assert content_version() != version  # pages' kept parts showing audits are not current
    assert Audit.objects.count() == before + 3
    first = Audit.objects.get(child__la_child_id=a, audit_date=date(2025, 3, 1))
    assert (first.status, first.source, first.overall_grade) == ("finalised", "import", 3)
    assert first.auditor == worker and first.team_id == team_a  # the team holding the case that day
    assert first.tool_version.tool.key == "collaborative"
    moderation = Moderation.objects.get(audit=first)
    assert (moderation.overall_grade, moderation.moderator_name) == (2, "External moderator")
    assert moderation.moderation_date == date(2025, 3, 20) and moderation.submitted
    second = Audit.objects.get(child__la_child_id=b, audit_date=date(2025, 3, 1))
    assert second.team == other_team and second.auditor is None and second.auditor_name == "Pat Outside"
    third = Audit.objects.get(child__la_child_id=c, audit_date=date(2025, 3, 1))
    assert (third.tool_version.tool.key, third.overall_grade) == ("chronologies", 1)

    again = import_audits(path, today=date(2026, 3, 31))
    assert (again.imported, again.already) == (0, 3)
    assert Audit.objects.count() == before + 3
    assert {w.code for w in again.warnings} == {"AUDITS-AUDIT-AUDITDATE-IMPORTED"}


def test_an_excel_workbook_reads_dates_and_grades_as_excel_holds_them(council, tmp_path):
    ((child, _),) = allocated_children(1)
    book = Workbook()
    sheet = book.active
    sheet.append(["CHILD_ID", "Audit date", "auditor", "TOOL", "overall_grade"])
    sheet.append([child, date(2025, 3, 1), "Pat Outside", "collaborative", 4])
    book.save(tmp_path / "history.xlsx")
    result = import_audits(tmp_path / "history.xlsx", today=date(2026, 3, 31))
    assert result.imported == 1
    audit = Audit.objects.get(child__la_child_id=child, audit_date=date(2025, 3, 1), source="import")
    assert audit.overall_grade == 4


def test_a_bad_file_is_rejected_with_every_row_and_column_named_and_nothing_written(council, tmp_path):
    (a, _), (b, _) = allocated_children(2)
    rows = [
        [a, "01/03/2025", "Pat Outside", "collaborative", "Good", "", "", "", ""],  # row 2: fine
        ["NOSUCHCHILD", "31/02/2025", "Pat Outside", "collaborative", "Very good", "", "", "", ""],  # row 3
        [b, "01/03/2025", "Pat Outside", "no such tool", "Good", "Nowhere team", "", "", ""],  # row 4
        [b, "01/03/2031", "", "collaborative", "", "", "Pat Outside", "", "2025-01-01"],  # row 5
        [a, "01/03/2025", "Sam Lee", "collaborative", "Good", "", "sam lee", "Good", "01/02/2025"],  # row 6
    ]
    path = write_csv(tmp_path / "bad.csv", FULL, rows)
    before = (Audit.objects.count(), Moderation.objects.count())
    with pytest.raises(AuditImportError) as caught:
        import_audits(path, today=date(2026, 3, 31))
    found = {(p.file, p.where, p.field, p.code) for p in caught.value.problems}
    expected = {
        ("row 3", "child_id", "AUDITS-AUDIT-CHILDID-UNKNOWN"),
        ("row 3", "audit_date", "AUDITS-AUDIT-AUDITDATE-NOTADATE"),
        ("row 3", "overall_grade", "AUDITS-AUDIT-OVERALLGRADE-NOTAGRADE"),
        ("row 4", "tool", "AUDITS-AUDIT-TOOL-UNKNOWN"),
        ("row 4", "team", "AUDITS-AUDIT-TEAM-UNKNOWN"),
        ("row 5", "auditor", "AUDITS-AUDIT-AUDITOR-BLANK"),
        ("row 5", "overall_grade", "AUDITS-AUDIT-OVERALLGRADE-BLANK"),
        ("row 5", "audit_date", "AUDITS-AUDIT-AUDITDATE-FUTURE"),
        ("row 5", "moderated_grade", "AUDITS-AUDIT-MODERATEDGRADE-PAIRED"),
        ("row 5", "moderation_date", "AUDITS-AUDIT-MODERATIONDATE-ORDER"),
        ("row 6", "moderator", "AUDITS-AUDIT-MODERATOR-AUDITOR"),
        ("row 6", "moderation_date", "AUDITS-AUDIT-MODERATIONDATE-ORDER"),
        ("row 6", "audit_date", "AUDITS-AUDIT-AUDITDATE-CONFLICT"),
    }
    assert {(where, field, code) for file, where, field, code in found} == expected
    assert {file for file, *_ in found} == {"bad.csv"}
    problems = {p.code: p for p in caught.value.problems}
    assert problems["AUDITS-AUDIT-CHILDID-UNKNOWN"].child == "NOSUCHCHILD"
    assert "\u201c31/02/2025\u201d is not a date" in problems["AUDITS-AUDIT-AUDITDATE-NOTADATE"].message
    assert "bad.csv: row 4, field tool:" in str(caught.value)
    assert (Audit.objects.count(), Moderation.objects.count()) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("child_id,audit_date,auditor,tool\n", "the column overall_grade is missing"),
        ("child_id,audit_date,auditor,tool,overall_grade,Tool\nC1,01/03/2025,A,b,Good,c\n", "given 2 times"),
        ("child_id,audit_date,auditor,tool,overall_grade\n\n", "no audits below the header"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_by_name(council, tmp_path, content, message):
    path = tmp_path / "shape.csv"
    path.write_text(content)
    with pytest.raises(AuditImportError, match=message) as caught:
        import_audits(path)
    assert all(p.file == "shape.csv" for p in caught.value.problems)


def test_the_command_imports_and_rejects_with_located_messages(council, tmp_path, capsys):
    ((child, _),) = allocated_children(1)
    good = write_csv(
        tmp_path / "good.csv", HEADER, [[child, "01/03/2025", "Pat Outside", "collaborative", "Good"]]
    )
    assert main(["import-audits", str(good)]) == 0
    assert "good.csv: 1 audits imported, 0 of them moderated" in capsys.readouterr().out
    bad = write_csv(
        tmp_path / "bad.csv", HEADER, [[child, "01/03/2025", "Pat Outside", "collaborative", "Great"]]
    )
    count = Audit.objects.count()
    assert main(["import-audits", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "nothing written" in err and "bad.csv: row 2, field overall_grade:" in err
    assert f"(child {child})" in err and "Traceback" not in err
    assert Audit.objects.count() == count
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    assert main(["import-audits", str(junk)]) == 2
    assert "junk.xlsx: not a readable Excel workbook" in capsys.readouterr().err
