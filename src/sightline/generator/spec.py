"""Calibration of the synthetic council.

Defaults reproduce the scale of the councils in the seed documents (a Derby-sized unitary):
about 59,000 children aged 0-17; at the reference date about 2,500 children in need,
310 on CP plans (53 per 10,000) and 430 looked after (73 per 10,000); 1,500-2,700 contacts a
month, rising year on year (seed 002). Every rate scales with `size`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class CouncilSpec:
    seed: int = 1
    size: float = 1.0
    reference_date: date = date(2026, 3, 31)
    history_years: int = 5
    warm_up_years: int = 3
    la_code: str = "999"
    council_name: str = "Sightline Demo Council"
    population_0_17: int = 59_000

    # Contacts a month at the start and end of the history window (before seasonality).
    contacts_first_year: float = 1_750
    contacts_last_year: float = 2_380
    # Contact outcomes: probability a contact becomes a referral, goes to early help, etc.
    p_referral: float = 0.115
    p_early_help: float = 0.24
    p_repeat_child: float = 0.5

    # Referral pathway.
    p_referral_nfa: float = 0.06
    p_s47: float = 0.33
    p_icpc_given_s47: float = 0.32
    p_plan_given_icpc: float = 0.90
    p_cin_plan_after_assessment: float = 0.40
    p_direct_cla: float = 0.036
    p_disabled_child: float = 0.07
    p_cla_after_plan: float = 0.15
    # Repeat work (KPQ1, KPQ3, KPQ8): share of referrals that are re-referrals of a child referred in
    # the last 12 months (England 22.6%, benchmarks.csv reref); children new to our records who had a
    # CP plan before them (NumberOfPreviousCPP), and CIN plans after a CP plan that step back up (with
    # the re-referrals, about a quarter of plans are second or later: England 24.5%, cpp_second);
    # children back home from care who return within the year (KPQ8 re-entry, a minority).
    p_rereferral: float = 0.19
    p_plan_before_records: float = 0.08
    p_cp_after_cin_stepped_down: float = 0.2
    p_s47_after_plan: float = 0.6
    p_icpc_after_plan: float = 0.6
    p_reentry_after_home: float = 0.5

    # Timeliness: share of each statutory step done in time (the rest drift).
    p_assessment_in_45: float = 0.87
    # Modest disparities, synthetic but shaped on England's statistics, so the inequality pages
    # have something to find: assessments of children aged 10 and over and of Asian or Asian
    # British children are less often in time (the base above is raised so the council's
    # figure stays near England's 82%), and Black and Mixed heritage children are likelier to
    # come into care from an assessment or a CP plan (over-represented in care as in England).
    assessment_gap_older: float = 0.08
    assessment_gap_ethnic_group: float = 0.15
    care_entry_factor_over_represented: float = 1.5
    p_icpc_in_15: float = 0.79
    p_visit_on_time: float = 0.88
    p_review_on_time: float = 0.90
    p_rhi_in_72h: float = 0.68

    # Initial looked-after stock at the start of the warm-up (children in long-term care).
    initial_cla_stock: int = 330
    private_fostering_per_year: int = 18
    pre_birth_per_year: int = 110

    extra: dict = field(default_factory=dict)

    @property
    def history_start(self) -> date:
        return date(self.reference_date.year - self.history_years, 4, 1)

    @property
    def warm_up_start(self) -> date:
        return date(self.history_start.year - self.warm_up_years, 4, 1)

    @property
    def population(self) -> int:
        return round(self.population_0_17 * self.size)

    def scaled(self, value: float) -> float:
        return value * self.size
