"""`sightline import-feedback`: a complaints file read whole, located errors, nothing written on a
bad file, stages already held left as they are, due dates from the council's timescales."""

from datetime import date

import pytest
from openpyxl import Workbook

from sightline.cli import main
from sightline.feedback.importing import FeedbackImportError, import_complaints
from sightline.feedback.models import Complaint
from sightline.records.models import Child

pytestmark = pytest.mark.django_db
HEADER = [
    "Reference",
    "Stage",
    "Received",
    "Team",
    "Theme",
    "Complainant",
    "Responded",
    "Outcome",
    "Extended",
    "Next stage requested",
    "Child ID",
    "Summary",
]
TODAY = date(2026, 3, 31)


def _rows(locality, child):
    return [
        [
            "IMP-1",
            "1",
            "17/04/2025",
            locality.name,
            "Communication",
            "Parent",
            "06/05/2025",
            "Not upheld",
            "no",
            "20/05/2025",
            child.la_child_id,
            "Calls not returned",
        ],
        [
            "IMP-1",
            "Stage 2",
            "20/05/2025",
            locality.name,
            "communication",
            "parent",
            "",
            "",
            "",
            "",
            child.la_child_id,
            "Still no calls",
        ],
        ["IMP-2", "1", "2025-12-22", locality.name, "delay", "Young person", "", "", "yes", "", "", ""],
    ]


def _csv(tmp_path, rows, name="complaints.csv"):
    path = tmp_path / name
    path.write_text("\n".join(",".join(f'"{c}"' for c in row) for row in rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def child(council, locality):
    return Child.objects.filter(allocations__team=locality).first()


def test_a_good_file_is_imported_with_due_dates_from_the_timescales(tmp_path, locality, child):
    before = Complaint.objects.count()
    result = import_complaints(_csv(tmp_path, [HEADER, *_rows(locality, child)]), today=TODAY)
    assert result.imported == 3 and Complaint.objects.count() == before + 3
    first = Complaint.objects.get(reference="IMP-1", stage=1)
    assert first.due_on == date(2025, 5, 6)  # across Easter and the May bank holiday
    assert (first.outcome, first.child, first.team) == ("not_upheld", child, locality)
    second = Complaint.objects.get(reference="IMP-1", stage=2)
    assert second.due_on == date(2025, 6, 25)  # 25 working days after 20 May (26 May a bank holiday)
    extended = Complaint.objects.get(reference="IMP-2")
    assert extended.extended and extended.due_on == date(2026, 1, 22)  # 20 working days over Christmas
    assert extended.complainant == "child"
    again = import_complaints(_csv(tmp_path, [HEADER, *_rows(locality, child)]), today=TODAY)
    assert (again.imported, again.already) == (0, 3)


def test_an_xlsx_file_is_read_the_same(tmp_path, locality, child):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in _rows(locality, child):
        sheet.append([date(2025, 4, 17) if c == "17/04/2025" else c for c in row])
    path = tmp_path / "complaints.xlsx"
    book.save(path)
    assert import_complaints(path, today=TODAY).imported == 3


BAD = [
    (2, "Received", "31/13/2025", "\u201c31/13/2025\u201d is not a date"),
    (2, "Team", "Nowhere Team", "there is no team Nowhere Team"),
    (2, "Outcome", "Sort of", "is not a outcome Sightline knows"),
    (2, "Responded", "01/04/2025", "is before received"),
    (3, "Reference", "IMP-9", "has no earlier stage"),
    (2, "Received", "01/04/2027", "is after today"),
    (4, "Stage", "4", "is not a stage Sightline knows"),
    (2, "Child ID", "NOBODY", "there is no child NOBODY"),
]


@pytest.mark.parametrize(("row", "column", "value", "message"), BAD)
def test_bad_rows_are_located_and_nothing_is_written(tmp_path, locality, child, row, column, value, message):
    rows = [HEADER, *_rows(locality, child)]
    rows[row - 1][HEADER.index(column)] = value
    before = Complaint.objects.count()
    with pytest.raises(FeedbackImportError) as caught:
        import_complaints(_csv(tmp_path, rows), today=TODAY)
    found = [p for p in caught.value.problems if p.where == f"row {row}"]
    assert any(message in p.message for p in found), caught.value.problems
    assert all(p.file == "complaints.csv" for p in caught.value.problems)
    assert Complaint.objects.count() == before


def test_a_missing_column_an_empty_file_and_a_damaged_workbook(tmp_path):
    before = Complaint.objects.count()
    with pytest.raises(FeedbackImportError, match="the column theme is missing"):
        import_complaints(_csv(tmp_path, [[h for h in HEADER if h != "Theme"]]), today=TODAY)
    with pytest.raises(FeedbackImportError, match="the file is empty"):
        import_complaints(_csv(tmp_path, [[]]), today=TODAY)
    damaged = tmp_path / "broken.xlsx"
    damaged.write_bytes(b"not a workbook")
    with pytest.raises(FeedbackImportError, match="not a readable Excel workbook"):
        import_complaints(damaged, today=TODAY)
    assert Complaint.objects.count() == before


def test_the_command_says_what_it_did_and_rejects_plainly(tmp_path, locality, child, capsys):
    good = _csv(tmp_path, [HEADER, *_rows(locality, child)])
    assert main(["import-feedback", str(good)]) == 0
    assert "3 complaint stages imported" in capsys.readouterr().out
    bad = [HEADER, *_rows(locality, child)]
    bad[1][HEADER.index("Team")] = "Nowhere Team"
    assert main(["import-feedback", str(_csv(tmp_path, bad, "bad.csv"))]) == 2
    err = capsys.readouterr().err
    assert "rejected, nothing written" in err and "bad.csv" in err and "row 2" in err
    assert "Traceback" not in err
