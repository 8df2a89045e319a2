"""Every indicator, registered in display order by importing the modules that declare them."""

from . import kpq_front_door, kpq_protection, kpq_workforce, kpq_care, kpq_cohorts  # noqa: F401, I001
from .registry import COHORTS, KPQS, REGISTRY, Indicator

ORDER = [*KPQS, *COHORTS]

CIN = "CIN census"
SSDA903 = "SSDA903"
# Indicators a council gets the same answer for from its national returns alone (tested by
# exporting the returns, importing them into an empty database and comparing). The others need
# history before the collection year (re-referrals, repeat plans within 2 years, review
# timeliness, time in care), records the returns do not carry (visits, contacts, workforce,
# proceedings, health, PEPs) or children outside them (missing episodes of children not looked
# after, care leavers between birthdays).
SUPPORTED_BY_RETURNS: dict[str, str] = {
    **dict.fromkeys(
        [
            "referrals",
            "referral_rate",
            "referral_nfa",
            "assessments_completed",
            "assessments_45wd",
            "assessment_median_days",
            "assessments_open_over_45",
            "s47_rate",
            "icpc_rate",
            "icpc_15wd",
            "s47_to_icpc",
            "icpc_to_plan",
            "cpp_rate",
            "cpp_count",
            "cpp_starts",
            "cpp_repeat",
            "cpp_open_checkpoint",
            "cpp_open_2y",
            "cpp_ended_under_3m",
            "cpp_ended_3_6m",
            "cpp_ended_6_12m",
            "cpp_ended_1_2y",
            "cpp_ended_2y_plus",
            "factor_domestic_abuse",
            "factor_mental_health",
            "factor_substance_misuse",
            "factor_neglect",
            "factor_exploitation",
            "factor_cse",
            "factor_cce",
            "cpp_category_neglect",
            "cpp_category_physical",
            "cpp_category_sexual",
            "cpp_category_emotional",
            "cpp_category_multiple",
            "homeless_16_17_referrals",
            "homeless_16_17_accommodated",
            "disabled_open_share",
            "disabled_assessments_45wd",
        ],
        CIN,
    ),
    **dict.fromkeys(
        [
            "cla_rate",
            "cla_count",
            "cla_starters",
            "cla_leavers",
            "cla_legal_care_order",
            "cla_legal_interim_care_order",
            "cla_legal_section_20",
            "cla_legal_placement_order",
            "cla_3plus_placements",
            "cla_review_participation",
        ],
        SSDA903,
    ),
}


def all_definitions() -> list[Indicator]:
    """Definitions in display order: by KPQ (1-10, then the cohorts), then declaration order."""
    return sorted(REGISTRY, key=lambda d: (ORDER.index(d.kpq), d.order))


def _check() -> None:
    unknown = set(SUPPORTED_BY_RETURNS) - {d.id for d in REGISTRY}
    if unknown:
        raise ValueError(f"SUPPORTED_BY_RETURNS names unknown indicators: {sorted(unknown)}")


_check()
