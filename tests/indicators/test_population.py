"""The population table: read from the ONS long layout with ethnicity, bad rows located, grouped."""

import pytest

from sightline.indicators.population import PopulationError, read_csv, read_upload

GOOD = """ladcode,laname,ethnicity,sex,age,population_2024
E06000999,Sightline,WBRI,1,0,"1,000"
E06000999,Sightline,WBRI,2,16,900
E06000999,Sightline,BAFR,1,4,50
E06000999,Sightline,MWBC,2,17,40
E06000999,Sightline,BAFR,1,18,999
"""


def test_a_table_in_the_ons_layout_is_read_and_grouped():
    table = read_csv(GOOD)
    assert table.total == 1990  # the 18-year-olds left out
    assert table.groups("ethnicity") == {"WHITE": 1900, "BLACK": 50, "MIXED": 40}
    assert table.groups("sex") == {"M": 1050, "F": 940}
    assert table.groups("age") == {"0": 1000, "1": 50, "16": 940}
    assert table.groups("disability") is None


def test_every_bad_row_is_named_with_its_field():
    text = "ethnicity,sex,age,population\nWBRI,3,1,10\nXXXX,1,two,10\nWBRI,1,1,-5\n"
    with pytest.raises(PopulationError) as caught:
        read_csv(text, "mid-2024.csv")
    assert caught.value.problems == [
        "mid-2024.csv, row 2, field sex: '3' is not 1 (male) or 2 (female)",
        "mid-2024.csv, row 3, field ethnicity: 'XXXX' is not a DfE ethnicity code",
        "mid-2024.csv, row 3, field age: 'two' is not a whole number of years",
        "mid-2024.csv, row 4, field population: '-5' is below zero: a count of children cannot be negative",
    ]


def test_an_age_or_count_in_digits_int_cannot_read_is_named_not_a_traceback():
    with pytest.raises(PopulationError) as caught:
        read_csv("ethnicity,sex,age,population\nWBRI,1,²,10\nWBRI,1,2,①\n", "mid-2024.csv")
    assert caught.value.problems[0] == "mid-2024.csv, row 2, field age: '²' is not a whole number of years"
    assert caught.value.problems[1].startswith("mid-2024.csv, row 3, field population: '①'")


def test_a_missing_column_or_a_repeated_row_is_refused():
    with pytest.raises(PopulationError) as caught:
        read_csv("ethnicity,sex,population\nWBRI,1,5\n", "p.csv")
    assert caught.value.problems == ["p.csv, row 1 (the header): no age column"]
    with pytest.raises(PopulationError) as caught:
        read_csv("ethnicity,sex,age,population\nWBRI,1,3,5\nWBRI,2,3,6\nWBRI,M,3,6\n", "p.csv")
    assert caught.value.problems == [
        "p.csv, row 4: ethnicity WBRI, sex 'M', age 3 is the same group as row 2 (give each group once)"
    ]


def test_an_implausible_count_is_refused_before_it_reaches_the_database():
    with pytest.raises(PopulationError) as caught:
        read_csv("ethnicity,sex,age,population\nWBRI,1,3,3000000000\n", "p.csv")
    (problem,) = caught.value.problems
    assert problem.startswith("p.csv, row 2, field population: '3000000000' is more than 1,000,000")


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (
            b"PK\x03\x04rest-of-a-zip",
            "p.csv: this is an Excel workbook, not a CSV file (save it as CSV first)",
        ),
        (
            b"ethnicity,sex,age,population\nWBRI,1,3,5\nWBRI,2,3,\xa35\n",
            "p.csv, row 3: the file is not saved as UTF-8 text (in Excel, save as 'CSV UTF-8')",
        ),
        (b"ethnicity,sex,age,population\n\x00\x00", "p.csv: this is not a CSV file (it holds binary data)"),
    ],
)
def test_a_file_that_is_not_a_csv_is_refused_in_plain_words(raw, problem):
    with pytest.raises(PopulationError) as caught:
        read_upload(raw, "p.csv")
    assert caught.value.problems == [problem]


def test_an_uploaded_file_with_a_byte_order_mark_reads_as_the_text_does():
    assert read_upload(("\ufeff" + GOOD).encode(), "p.csv").frame.equals(read_csv(GOOD).frame)
