"""Recognising an Annex A list by its header row, whatever the wording, case or template year."""

from sightline.returns.annex_a_columns import LISTS, identify, is_date_column


def test_a_list_is_recognised_by_its_columns_in_any_case_and_spacing():
    headers = [h.upper().replace(" ", "  ") for h in LISTS[1][1]]
    assert identify(headers) == (1, "")


def test_another_wording_of_a_column_is_read_as_the_column():
    headers = [
        "Child ID" if h == "Child Unique ID" else "Contact Date" if h == "Date of Contact" else h
        for h in LISTS[1][1]
    ]
    assert identify(headers) == (1, "")


def test_an_older_template_lacking_only_a_later_column_is_read_with_a_warning():
    headers = [h for h in LISTS[6][1] if h != "Case Status"]
    number, message = identify(headers)
    assert number == 6 and "Case Status" in message and "older template" in message


def test_a_list_lacking_a_needed_column_is_refused_naming_it():
    headers = [h for h in LISTS[1][1] if h != "Contact Source"]
    assert identify(headers) == (None, "looks like Annex A list 1 but lacks column(s): Contact Source")
    assert identify(["Name", "Address"])[0] is None


def test_date_columns_are_told_by_their_names_but_not_counts_of_dates():
    assert is_date_column("Date of Contact") and is_date_column("Date Started to be Looked After")
    assert not is_date_column("Number of Children Placed") and not is_date_column("Contact Source")
