"""The report's outputs: a PDF built by a background job from the web (tagged, with its language
and title, and the sections and figures in its text, checked by rendering it with pdftoppm), the
workbook of its tables, and the command line."""

import csv
import io
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from sightline.accounts.roles import Role
from sightline.audits.models import Audit
from sightline.cli import main
from sightline.jobs import services as jobs
from sightline.jobs.models import Job
from sightline.reports import assembly
from sightline.workforce.models import Team
from web.test_exports import check_workbook

pytestmark = pytest.mark.django_db
QUARTER = "2025-Q4"


@pytest.fixture
def built_pdf(signed_in):
    """The director asks for the PDF; a worker builds it; the director downloads it."""
    client, _ = signed_in(Role.DIRECTOR)
    response = client.post("/reports/quality-of-practice/pdf/", {"quarter": QUARTER})
    job = Job.objects.get(kind="report")
    assert response.status_code == 302 and response["Location"] == f"/reports/jobs/{job.pk}/"
    assert "Waiting for a worker" in client.get(f"/reports/jobs/{job.pk}/").content.decode()
    jobs.run_pending()
    job.refresh_from_db()
    assert job.status == "done", job.error
    page = client.get(f"/reports/jobs/{job.pk}/").content.decode()
    item = job.files.get()
    assert f"Download {item.name}" in page and item.name == "quality-of-practice-2025-Q4.pdf"
    download = client.get(f"/reports/jobs/{job.pk}/files/{item.pk}/")
    assert download["Content-Type"] == "application/pdf"
    return job, download.content


def test_the_pdf_is_tagged_with_language_and_title_and_says_what_the_page_says(
    built_pdf, tmp_path, signed_in
):
    job, content = built_pdf
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root and root["/StructTreeRoot"]["/K"]
    assert reader.metadata.title.startswith("Quality of Practice report:")
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    text = " ".join(page.extract_text() for page in reader.pages)
    for heading in [
        "Quality of Practice report",
        "October to December 2025",
        "KPQ 2: Assessments",
        "Case-file audits",
        "Quality Improvement Plan",
        "IRO dispute resolution",
        "In managers' own words: the performance clinics",
    ]:
        assert heading in text, heading
    finalised = Audit.objects.filter(
        status="finalised", audit_date__range=(date(2025, 10, 1), date(2025, 12, 31))
    )
    assert f"{finalised.count()} audits were finalised" in " ".join(text.split())
    # Drawn: the first page renders to an image that is not blank.
    assert shutil.which("pdftoppm"), "poppler-utils is needed to check the PDF renders"
    pdf_path = tmp_path / "report.pdf"
    pdf_path.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", pdf_path, tmp_path / "page"], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 2_000 for p in pages)
    # Another user (not an administrator) cannot open the job or its file.
    other, _ = signed_in(Role.QA_LEAD)
    assert other.get(f"/reports/jobs/{job.pk}/").status_code == 404


def test_the_workbook_holds_every_table_and_the_csv_every_figure(signed_in):
    client, user = signed_in(Role.QA_LEAD)
    response = client.get("/reports/quality-of-practice/", {"quarter": QUARTER, "format": "xlsx"})
    header, count, marking = check_workbook(response.content, user.username)
    assert header == ["Section", "Table", "Row", "Column", "Value"] and marking == "OFFICIAL-SENSITIVE"
    book = load_workbook(io.BytesIO(response.content))
    figures = list(book["All figures"].iter_rows(min_row=2, values_only=True))
    report = assembly.quality_of_practice(assembly.parse_quarter(QUARTER, date(2026, 3, 31)))
    assert [s.title for s in report.sections] == list(dict.fromkeys(row[0] for row in figures))
    finalised = Audit.objects.filter(
        status="finalised", audit_date__range=(date(2025, 10, 1), date(2025, 12, 31))
    ).count()
    # The grades table's "All audits" total is not a row of its own; the audits by tool add up to it.
    by_tool = [
        row[4]
        for row in figures
        if row[0] == "Case-file audits" and row[1] == "Grades by kind of audit" and row[3] == "Audits"
    ]
    assert sum(by_tool) == finalised
    assert any(name.startswith("Grades by kind of audit") for name in book.sheetnames)
    # Sheet names say what a tab holds, without the period the About sheet gives, cut between words.
    names = book.sheetnames[2:]
    assert {"KPQ 1 headline indicators", "KPQ 10 headline indicators", "Referrals by month"} <= set(names)
    assert not [n for n in names if "2025" in n or "the figures" in n or "  " in n or n.endswith(("-", ","))]
    contents = {name: title for name, title in book["About"].values if name in names}
    assert len(contents) == len(names)
    assert contents["Referrals by month"] == "Referrals: the last 12 months: the figures (count)"
    cut = [n for n in names if n.endswith("…")]
    loose = {"a", "and", "by", "in", "of", "the", "to", "with", "within"}
    assert cut and not [n for n in cut if n[:-1].split()[-1].lower() in loose], cut
    assert all(contents[n].startswith(n[:-1].split()[0]) for n in cut), cut
    written = list(
        csv.reader(
            io.StringIO(
                client.get(
                    "/reports/quality-of-practice/", {"quarter": QUARTER, "format": "csv"}
                ).content.decode()
            )
        )
    )
    assert written[0] == header and len(written) - 1 == count
    committee = client.get(
        "/reports/quality-of-practice/", {"quarter": QUARTER, "format": "xlsx", "version": "committee"}
    )
    assert check_workbook(committee.content, user.username)[2] == "OFFICIAL"


def test_the_command_writes_the_report_and_refuses_bad_requests_plainly(council, tmp_path, capsys):
    out = tmp_path / "qop.xlsx"
    assert main(["report", "quality-of-practice", "--quarter", QUARTER, "--out", str(out)]) == 0
    assert load_workbook(out)["About"]["B1"].value.startswith("Quality of Practice report")
    html = tmp_path / "pack.html"
    assert main(["report", "clinic", "--month", "2026-03", "--level", "council", "--out", str(html)]) == 0
    assert "Performance clinic pack" in html.read_text() and 'lang="en-GB"' in html.read_text()
    team = Team.objects.get(name="Locality North")
    pack = tmp_path / "team.html"
    argv = [
        "report",
        "clinic",
        "--month",
        "2026-03",
        "--level",
        "team",
        "--unit",
        str(team.pk),
        "--out",
        str(pack),
    ]
    assert main(argv) == 0
    text = pack.read_text()
    assert "Performance clinic pack: Locality North" in text and "March 2026" in text
    assert "Data exceptions" in text and "Case-file audits" in text
    capsys.readouterr()
    for argv, message in [
        (["report", "quality-of-practice", "--quarter", "2025-Q5", "--out", str(out)], "not a quarter"),
        (["report", "quality-of-practice", "--quarter", "2026-Q2", "--out", str(out)], "has not ended"),
        (
            ["report", "quality-of-practice", "--out", str(tmp_path / "x.doc")],
            "ends .pdf, .xlsx, .csv or .html",
        ),
        (["report", "clinic", "--level", "team", "--out", str(html)], "needs the team"),
        (["report", "clinic", "--level", "team", "--unit", "999999", "--out", str(html)], "no team 999999"),
    ]:
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert message in err and "Traceback" not in err


def test_the_demo_queues_the_directors_report_for_the_last_quarter_once(council, django_user_model):
    from sightline.reports.demo import queue_demo_report

    assert queue_demo_report() is None  # no director account: nothing queued
    django_user_model.objects.create_user("director", password="x")
    assert queue_demo_report() == "Quality of Practice report for January to March 2026"
    job = Job.objects.get(kind="report")
    assert job.parameters["quarter"] == "2026-Q1" and job.user.username == "director"
    assert queue_demo_report() is None and Job.objects.filter(kind="report").count() == 1
