"""Local standards: the council's own timescales, with the defaults from the reference.

Rules marked [S] or [U] in the timescales reference (`REF`; and rules a
seed council set for itself) are settings here, each with its default, bounds and source,
so a council can change them without touching code. Statutory [V] rules that a council may
not relax are fixed in the definitions instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from sightline.domain.numbers import is_whole_number

# The project's reference notes on timescales and indicators (timescales-and-indicators.md in the
# shared reference notes, outside this package): a source starting with it names its § and status
# ([V] statutory, [S] set locally, [U] unsettled). Pages show `citations.plain_source` instead.
REF = "Timescales reference"


# What each choice means, as the settings page offers it.
CHOICE_LABELS = {
    "dfe": "From the start of the assessment to its authorisation, as the DfE counts it",
    "referral": "From the referral, as Working Together 2023 counts it",
}


def _setting(default, label: str, unit: str, low, high, source: str, choices: tuple = ()):
    return field(
        default=default,
        metadata={
            "label": label,
            "unit": unit,
            "min": low,
            "max": high,
            "source": source,
            "choices": choices,
        },
    )


@dataclass(frozen=True)
class LocalStandards:
    """Every local timescale the engine uses. Change one with `with_value`, which validates."""

    decision_working_days: int = _setting(
        1, "Contact decision", "working days", 1, 10, f"{REF} §1 [S] WT23 ch.3"
    )
    seen_after_referral_working_days: int = _setting(
        5, "Child seen after referral", "working days", 1, 45, "local standard (seed 004 KPQ1) [setting]"
    )
    assessment_working_days: int = _setting(
        45, "Assessment completed", "working days", 10, 45, f"{REF} §1 WT23"
    )
    assessment_basis: str = _setting(
        "dfe",
        "Assessment timeliness basis",
        "choice",
        None,
        None,
        f"{REF} §1: DfE counts start→authorisation; WT23 counts from the referral",
        choices=("dfe", "referral"),
    )
    icpc_working_days: int = _setting(
        15, "ICPC after s47 start", "working days", 5, 30, f"{REF} §1 [S]/[V] WT23, DfE"
    )
    first_core_group_working_days: int = _setting(
        10, "First core group after ICPC", "working days", 5, 20, f"{REF} §1 [S]"
    )
    first_review_conference_months: int = _setting(
        3, "First review conference", "months", 1, 6, f"{REF} §1 [S]"
    )
    review_conference_months: int = _setting(6, "Later review conferences", "months", 1, 6, f"{REF} §1 [S]")
    core_group_weeks: int = _setting(
        6, "Core groups apart", "weeks", 2, 12, "local standard (common 6 weeks) [setting]"
    )
    cp_visit_working_days: int = _setting(
        10,
        "Visits to children on CP plans",
        "working days",
        5,
        30,
        f"{REF} §1 [S] local, default 10 working days",
    )
    seen_alone_from_age: int = _setting(
        2,
        "Youngest age counted in children seen alone on visits",
        "years",
        0,
        5,
        "practice guidance: a very young child is not seen alone (council setting)",
    )
    spc_run_length: int = _setting(
        7,
        "Points in a run that make a shift or trend (statistical process control)",
        "points",
        6,
        7,
        "NHS England Making Data Count: 7 points, 6 or 7 in its Excel tool [setting]",
    )
    min_denominator_to_rate: int = _setting(
        5,
        "Fewest cases a figure is rated on (fewer: shown, too few to rate)",
        "cases",
        1,
        50,
        "council setting",
    )
    cin_visit_working_days: int = _setting(
        20,
        "Visits to children on CIN plans",
        "working days",
        5,
        60,
        "local standard (common 4 weeks) [setting]",
    )
    cp_checkpoint_months_low: int = _setting(
        12,
        "CP plan checkpoint from",
        "months",
        6,
        24,
        "seed 001 (Derbyshire: plans of 12-18 months reviewed)",
    )
    cp_checkpoint_months_high: int = _setting(
        18, "CP plan checkpoint to", "months", 6, 36, "seed 001 (Derbyshire: plans of 12-18 months reviewed)"
    )
    rhi_hours: int = _setting(
        72, "Return home interview", "hours", 24, 168, f"{REF} §1 [S] DfE missing guidance 2014"
    )
    iha_working_days: int = _setting(
        20, "Initial health assessment", "working days", 10, 60, f"{REF} §1 [S] (before the first review)"
    )
    pep_months: int = _setting(4, "PEP reviewed (each term)", "months", 2, 6, f"{REF} §1 [V]/[S] each term")
    supervision_working_days: int = _setting(
        20, "Supervision at least every", "working days", 5, 60, "local standard (seed 004 KPQ10) [setting]"
    )
    observations_per_year: int = _setting(
        2, "Practice observations a year", "count", 1, 12, "seed 004 (twice a year)"
    )
    out_of_area_miles: int = _setting(20, "Placed far from home", "miles", 5, 100, f"{REF} §2 [U] method")
    prebirth_referral_weeks: int = _setting(
        21, "Pre-birth referral by", "weeks' gestation", 10, 40, "seed 004 Durham"
    )
    prebirth_assessment_weeks: int = _setting(
        29, "Pre-birth assessment complete by", "weeks' gestation", 15, 40, "seed 004 Durham"
    )
    pf_first_visit_working_days: int = _setting(
        7, "Private fostering first visit", "working days", 7, 7, f"{REF} §1 [V] PFR reg 4 (fixed)"
    )
    population_0_17: int = _setting(
        0,
        "Children aged 0-17 for rates (0: the council record's figure)",
        "children",
        0,
        10_000_000,
        "ONS mid-year estimate (council setting)",
    )
    impact_months_before: int = _setting(
        3, "Improvement action measured before it starts over", "months", 1, 12, "council setting"
    )
    impact_months_after: int = _setting(
        3, "Improvement action measured after it closes over", "months", 1, 12, "council setting"
    )
    iro_dispute_working_days: int = _setting(
        5,
        "IRO dispute resolution: response at each stage within",
        "working days",
        1,
        30,
        "local dispute resolution protocol [setting]",
    )
    complaint_stage1_working_days: int = _setting(
        10,
        "Complaints stage 1: response within",
        "working days",
        5,
        20,
        "Children Act 1989 Representations Procedure (England) Regulations 2006 [setting]",
    )
    complaint_stage1_extended_working_days: int = _setting(
        20,
        "Complaints stage 1: response within, when extended",
        "working days",
        10,
        40,
        "Children Act 1989 Representations Procedure (England) Regulations 2006 [setting]",
    )
    complaint_stage2_working_days: int = _setting(
        25,
        "Complaints stage 2: investigation response within",
        "working days",
        10,
        65,
        "Children Act 1989 Representations Procedure (England) Regulations 2006 [setting]",
    )
    complaint_stage2_extended_working_days: int = _setting(
        65,
        "Complaints stage 2: investigation response within, when extended",
        "working days",
        25,
        90,
        "Children Act 1989 Representations Procedure (England) Regulations 2006 [setting]",
    )
    complaint_stage3_working_days: int = _setting(
        30,
        "Complaints stage 3: review panel held within",
        "working days",
        10,
        60,
        "Children Act 1989 Representations Procedure (England) Regulations 2006 [setting]",
    )
    inequality_points: int = _setting(
        10,
        "Inequality: a group's percentage is substantially different at",
        "percentage points",
        1,
        50,
        "council setting (seed 004 appendix 3: inequality of outcome)",
    )
    inequality_ratio: float = _setting(
        1.5,
        "Inequality: a group's rate or time is substantially different at a ratio of",
        "times",
        1.1,
        10.0,
        "council setting (seed 004 appendix 3: inequality of outcome)",
    )
    statistical_neighbours: str = _setting(
        "", "Statistical neighbours (LA codes, comma separated)", "list", None, None, "council setting"
    )

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    @classmethod
    def describe(cls) -> list[dict]:
        """Each setting's key, label, unit, bounds, default and source, for the settings page."""
        return [
            {
                "key": f.name,
                "default": f.default,
                "type": f.type,
                **f.metadata,
                "choice_labels": [(c, CHOICE_LABELS.get(c, c)) for c in f.metadata["choices"]],
            }
            for f in fields(cls)
        ]

    def with_value(self, key: str, value) -> LocalStandards:
        """A copy with one setting changed; raises ValueError naming the setting if the value is bad."""
        return replace(self, **{key: self.clean(key, value)})

    @classmethod
    def clean(cls, key: str, value):
        spec = {f.name: f for f in fields(cls)}.get(key)
        if spec is None:
            raise ValueError(
                f"There is no local standard called {key!r}; the settings are: {', '.join(cls.names())}."
            )
        meta = spec.metadata
        if spec.type in ("int", int):
            try:
                number = int(str(value).strip())
            except ValueError:
                raise ValueError(f"{meta['label']}: {value!r} is not a whole number.") from None
            if meta["min"] is not None and not meta["min"] <= number <= meta["max"]:
                raise ValueError(
                    f"{meta['label']}: {number} is outside the allowed range "
                    f"{meta['min']}-{meta['max']} {meta['unit']}."
                )
            return number
        if spec.type in ("float", float):
            try:
                number = float(str(value).strip())
            except ValueError:
                raise ValueError(f"{meta['label']}: {value!r} is not a number.") from None
            if not meta["min"] <= number <= meta["max"]:
                raise ValueError(
                    f"{meta['label']}: {number:g} is outside the allowed range "
                    f"{meta['min']:g}-{meta['max']:g} {meta['unit']}."
                )
            return number
        text = str(value).strip()
        if meta["choices"] and text not in meta["choices"]:
            raise ValueError(f"{meta['label']}: {text!r} is not one of {', '.join(meta['choices'])}.")
        if key == "statistical_neighbours":
            codes = [c.strip() for c in text.split(",") if c.strip()]
            bad = [c for c in codes if not (is_whole_number(c) and len(c) == 3)]
            if bad:
                raise ValueError(f"{meta['label']}: {', '.join(bad)} are not 3-digit LA codes.")
            return ",".join(codes)
        return text

    def validate(self) -> None:
        if self.cp_checkpoint_months_low > self.cp_checkpoint_months_high:
            raise ValueError("CP plan checkpoint: the 'from' month cannot be after the 'to' month.")
        for stage in (1, 2):
            usual = getattr(self, f"complaint_stage{stage}_working_days")
            extended = getattr(self, f"complaint_stage{stage}_extended_working_days")
            if extended < usual:
                raise ValueError(
                    f"Complaints stage {stage}: the extended timescale cannot be shorter than the usual one."
                )
