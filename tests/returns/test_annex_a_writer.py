"""The Annex A workbook goes through the one spreadsheet writer: Ofsted's sheets and headings as
they are, dates typed, header frozen, the marking on each printed page, and text that looks like a
formula kept as text (read back as it was written)."""

from __future__ import annotations

import zipfile
from datetime import date

from openpyxl import load_workbook

from sightline.domain.sheets import OFFICIAL_SENSITIVE
from sightline.returns.annex_a import LISTS, write_annex_a

PLANTED = '=HYPERLINK("http://attacker.example","x")'


def test_the_annex_a_workbook_is_typed_frozen_marked_and_inert(tmp_path):
    row = [PLANTED, "b) Female", "a) WBRI", date(2015, 1, 1), 10, date(2025, 11, 1), "1A"]
    path = write_annex_a(tmp_path / "annex.xlsx", {1: [row]}, date(2026, 3, 31))
    book = load_workbook(path)
    assert book.sheetnames == [title for title, _ in LISTS.values()]
    assert book.properties.keywords == OFFICIAL_SENSITIVE
    sheet = book[LISTS[1][0]]
    assert [c.value for c in sheet[1]] == LISTS[1][1][: sheet.max_column]
    assert sheet.freeze_panes == "A2" and sheet.oddHeader.center.text == OFFICIAL_SENSITIVE
    cells = sheet[2]
    assert cells[0].value == PLANTED and cells[0].data_type == "s" and cells[0].quotePrefix
    assert cells[3].is_date and cells[3].number_format == "DD/MM/YYYY" and cells[4].value == 10
    with zipfile.ZipFile(path) as archive:
        assert not any(
            b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")
        )


def test_the_same_lists_give_the_same_bytes(tmp_path):
    lists = {1: [["C1", "b) Female", "a) WBRI", date(2015, 1, 1), 10, date(2025, 11, 1), "1A"]]}
    first = write_annex_a(tmp_path / "a.xlsx", lists, date(2026, 3, 31)).read_bytes()
    assert write_annex_a(tmp_path / "b.xlsx", lists, date(2026, 3, 31)).read_bytes() == first
