"""Coded Annex A cells: the code read from Ofsted's drop-down wordings, labels and letters."""

import pytest

from sightline.returns.annex_a_codes import CODED, Coded, code


@pytest.mark.parametrize(
    "cell, found",
    [
        ("g) 3A: Health services", "3A"),
        ("1A) Individual", "1A"),
        ("a) WBRI", "WBRI"),
        ("N1 - Abuse or neglect", "N1"),
        ("a) Yes", "a"),
        ("WBRI", "WBRI"),
    ],
)
def test_the_code_in_a_cell_read_from_its_text(cell, found):
    assert code(cell) == found


def test_a_cell_the_reader_checked_carries_its_code():
    assert code(Coded("b) Female", "F")) == "F"


@pytest.mark.parametrize(
    "column, cell, found",
    [
        ("Gender", "b) Female", "F"),
        ("Gender", "Not stated", "U"),
        ("Ethnicity", "a) WBRI", "WBRI"),
        ("Disability", "y", "Yes"),
        ("Disability", "c) Unknown", "Unknown"),
        ("Primary Need Code", "N1 - Abuse or neglect", "N1"),
    ],
)
def test_a_code_list_reads_codes_labels_and_letter_options(column, cell, found):
    assert CODED[column].read(cell) == found


def test_a_value_naming_no_code_is_not_guessed():
    assert CODED["Gender"].read("Purple") is None
    assert CODED["Ethnicity"].read("z) Martian") is None
