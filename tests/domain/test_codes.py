"""The code lists: one copy each, and the derived lists agree with them."""

from sightline.domain import codes


def test_short_category_names_cover_exactly_the_categories_of_abuse():
    assert set(codes.CATEGORY_OF_ABUSE_SHORT) == codes.codes(codes.CATEGORY_OF_ABUSE)


def test_assessment_factors_are_the_census_codes():
    assert len(codes.ASSESSMENT_FACTORS) == 42
    assert {"1A", "6C", "8F", "21", "24A"} <= codes.ASSESSMENT_FACTORS
    assert not {"7B", "8A", "22", "25A"} & codes.ASSESSMENT_FACTORS


def test_accommodation_never_codes_no_fixed_abode_or_custody_as_suitable():
    accommodation = codes.codes(codes.ACCOMMODATION)
    assert {"S2", "X2", "U1", "0"} <= accommodation
    assert not {"S1", "X1"} & accommodation
