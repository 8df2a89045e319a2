"""The CIN census's records as tables of fields: how each field is read, in the order read.

The reader (cin.py) reads a record by one look at its element's children and a loop over its
table here, rather than a chain of calls per field; `convert` turns one field's text into its
value, saying what is wrong with it when it cannot.
"""

from __future__ import annotations

from sightline.domain import codes as c
from sightline.domain.numbers import is_whole_number

from .common import parse_bool, parse_date

ISO = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S")
UPN_UNKNOWN = {f"UN{n}" for n in range(1, 11)}
ASSESSMENT_FACTORS = c.ASSESSMENT_FACTORS
REFERRAL_SOURCE = c.codes(c.REFERRAL_SOURCE)
PRIMARY_NEED = c.codes(c.PRIMARY_NEED)
REASON_FOR_CLOSURE = c.codes(c.REASON_FOR_CLOSURE)
CATEGORY_OF_ABUSE = c.codes(c.CATEGORY_OF_ABUSE)
ETHNICITY = c.codes(c.ETHNICITY)
DISABILITY = c.codes(c.DISABILITY)

# How a field is read (its kind of value), each with the value a blank leaves.
DATE, CODE, TEXT, UPPER, BOOL, YES_NO, WHOLE = range(7)
BLANK = {DATE: None, CODE: "", TEXT: "", UPPER: "", BOOL: False, YES_NO: None, WHOLE: None}
TRUE_OR_FALSE = (BOOL, YES_NO)
# How true and false are usually spelt (as parse_bool reads them); other spellings go the long way.
SPELT = {"true": True, "false": False, "1": True, "0": False}
NOT_BOOL = "{!r} is not true/false/1/0"

# Each record's fields in the order read (and their problems reported): key, tag, kind, codes, required.
PERSON = (
    ("upn", "UPN", TEXT, None, False),
    ("former_upn", "FormerUPN", TEXT, None, False),
    ("upn_unknown", "UPNunknown", CODE, frozenset(UPN_UNKNOWN), False),
    ("date_of_birth", "PersonBirthDate", DATE, None, False),
    ("expected_date_of_birth", "ExpectedPersonBirthDate", DATE, None, False),
)
DEATH = (("death_date", "PersonDeathDate", DATE, None, False),)
CIN_DETAILS = (
    ("cin_referral_date", "CINreferralDate", DATE, None, True),
    ("referral_source", "ReferralSource", CODE, REFERRAL_SOURCE, True),
    ("primary_need_code", "PrimaryNeedCode", CODE, PRIMARY_NEED, True),
    ("cin_closure_date", "CINclosureDate", DATE, None, False),
    ("reason_for_closure", "ReasonForClosure", CODE, REASON_FOR_CLOSURE, False),
    ("date_of_initial_cpc", "DateOfInitialCPC", DATE, None, False),
    ("referral_nfa", "ReferralNFA", BOOL, None, False),
)
ASSESSMENT = (
    ("assessment_actual_start_date", "AssessmentActualStartDate", DATE, None, True),
    ("assessment_internal_review_date", "AssessmentInternalReviewDate", DATE, None, False),
    ("assessment_authorisation_date", "AssessmentAuthorisationDate", DATE, None, False),
)
CIN_PLAN = (
    ("cin_plan_start_date", "CINPlanStartDate", DATE, None, True),
    ("cin_plan_end_date", "CINPlanEndDate", DATE, None, False),
)
SECTION47 = (
    ("s47_actual_start_date", "S47ActualStartDate", DATE, None, True),
    ("initial_cpc_target", "InitialCPCtarget", DATE, None, False),
    ("date_of_initial_cpc", "DateOfInitialCPC", DATE, None, False),
    ("icpc_not_required", "ICPCnotRequired", BOOL, None, False),
)
CP_PLAN = (
    ("cpp_start_date", "CPPstartDate", DATE, None, True),
    ("cpp_end_date", "CPPendDate", DATE, None, False),
    ("initial_category_of_abuse", "InitialCategoryOfAbuse", CODE, CATEGORY_OF_ABUSE, True),
    ("latest_category_of_abuse", "LatestCategoryOfAbuse", CODE, CATEGORY_OF_ABUSE, True),
)
PRE_PROCEEDINGS = (
    ("plo_start_date", "PPStartDate", DATE, None, True),
    ("letter_before_proceedings_date", "LBPSentDate", DATE, None, False),
    ("fgdm_offered", "FGDMMeetingOffer", YES_NO, None, False),
    ("fgdm_held", "FGDMMeetingFac", YES_NO, None, False),
    ("initial_pre_proceedings_meeting_date", "InitialPPMeetingDate", DATE, None, False),
    ("pre_proceedings_review_meetings", "ReviewMeetingsCount", WHOLE, None, False),
    ("step_decision_date", "StepDecisionDate", DATE, None, False),
    ("pre_proceedings_outcome", "PPOutcome", UPPER, None, False),
    ("application_issued_date", "CourtAppDate", DATE, None, False),
    ("letter_of_initial_concern_date", "LetterInitCPDate", DATE, None, False),
)


def convert(kind: int, value: str, allowed, days: dict) -> tuple[object, str | None]:
    """A field's value from its (stripped, not blank) text, and what is wrong with it or None;
    a date read is kept in `days` by its text."""
    if kind == DATE:
        try:
            day = days[value] = parse_date(value, ISO)
        except ValueError:
            return None, f"{value!r} is not a date (YYYY-MM-DD)"
        return day, None
    if kind == CODE:
        value = value.upper()
        return value, None if value in allowed else f"unknown code {value!r}"
    if kind == TEXT:
        return value, None
    if kind == UPPER:
        return value.upper(), None
    if kind == WHOLE:
        return (int(value) if is_whole_number(value) else None), None
    try:  # BOOL or YES_NO
        return parse_bool(value), None
    except ValueError:
        return BLANK[kind], NOT_BOOL.format(value)
