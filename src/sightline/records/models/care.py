"""Records of a child looked after and leaving care: episodes, reviews, health checks, PEPs,
missing episodes, care leavers' contacts, adoption, private fostering, care proceedings,
pre-birth referrals, previous permanence, outcomes, and social worker episodes."""

from django.db import models
from django.db.models import Q

from sightline.domain import codes

from .base import ChildEvent, ends_after_starts


class LookedAfterEpisode(ChildEvent):
    """One SSDA903 episode row: a period with one legal status and one placement."""

    decom = models.DateField("date episode commenced", db_index=True)
    rne = models.CharField("reason for new episode", max_length=1, choices=codes.RNE)
    ls = models.CharField("legal status", max_length=2, choices=codes.LEGAL_STATUS)
    cin = models.CharField("category of need", max_length=2, choices=codes.CIN_CATEGORY)
    place = models.CharField("placement type", max_length=3, choices=codes.PLACEMENT_TYPE)
    place_provider = models.CharField(max_length=3, choices=codes.PLACEMENT_PROVIDER, blank=True)
    dec = models.DateField("date episode ceased", null=True, blank=True, db_index=True)
    rec = models.CharField(
        "reason episode ceased", max_length=3, choices=codes.REASON_EPISODE_CEASED, blank=True
    )
    reason_place_change = models.CharField(max_length=6, choices=codes.REASON_PLACE_CHANGE, blank=True)
    home_post = models.CharField("home postcode", max_length=8, blank=True)
    pl_post = models.CharField("placement postcode", max_length=8, blank=True)
    urn = models.CharField("provider URN", max_length=10, blank=True)
    placement_distance_miles = models.FloatField(null=True, blank=True)
    placement_la = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["child", "decom"]
        verbose_name = "looked-after episode"
        constraints = [
            ends_after_starts("decom", "dec", "Looked-after episode"),
            models.UniqueConstraint(
                fields=["child", "decom"],
                name="one_cla_episode_per_child_per_day",
                violation_error_message="Looked-after episode: the child "
                "already has an episode starting that day.",
            ),
            models.CheckConstraint(
                condition=Q(dec__isnull=True, rec="") | (Q(dec__isnull=False) & ~Q(rec="")),
                name="cla_dec_and_rec_together",
                violation_error_message="Looked-after episode: an end date needs a reason "
                "episode ceased (REC), and REC needs an end date.",
            ),
        ]


class LookedAfterReview(ChildEvent):
    """Looked-after child review (SSDA903 Reviews; SSD ssd_cla_reviews)."""

    review_date = models.DateField(db_index=True)
    review_code = models.CharField("participation", max_length=3, choices=codes.REVIEW_CODE)
    iro = models.ForeignKey(
        "workforce.Worker", null=True, blank=True, on_delete=models.SET_NULL, verbose_name="IRO"
    )


class HealthCheck(ChildEvent):
    """Health assessment or dental check of a looked-after child (SSD ssd_cla_health)."""

    kind = models.CharField(max_length=6, choices=codes.HEALTH_CHECK_KIND)
    check_date = models.DateField()


class PersonalEducationPlan(ChildEvent):
    """PEP meeting or review."""

    pep_date = models.DateField()

    class Meta:
        verbose_name = "PEP"


class MissingEpisode(ChildEvent):
    """Missing or away episode, with its return home interview (SSD ssd_missing)."""

    missing = models.CharField(max_length=1, choices=codes.MISSING_KIND)
    mis_start = models.DateTimeField()
    mis_end = models.DateTimeField(null=True, blank=True)
    rhi_offered = models.BooleanField("RHI offered", default=False)
    rhi_accepted = models.BooleanField("RHI accepted", default=False)
    rhi_date = models.DateTimeField("RHI date", null=True, blank=True)

    class Meta:
        constraints = [
            ends_after_starts("mis_start", "mis_end", "Missing episode"),
            ends_after_starts("mis_end", "rhi_date", "Missing episode"),
            models.CheckConstraint(
                condition=Q(rhi_offered=True) | Q(rhi_accepted=False),
                name="rhi_accepted_needs_offered",
                violation_error_message="Missing episode: a return home interview cannot be "
                "accepted without being offered.",
            ),
        ]


class CareLeaverContact(ChildEvent):
    """Care leaver contact around the birthday (SSDA903 OC3; SSD ssd_care_leavers)."""

    contact_date = models.DateField()
    in_touch = models.CharField(max_length=4, choices=codes.IN_TOUCH)
    activ = models.CharField("activity", max_length=2, choices=codes.ACTIVITY, blank=True)
    accom = models.CharField("accommodation", max_length=2, choices=codes.ACCOMMODATION, blank=True)


class AdoptionMilestones(ChildEvent):
    """Adoption milestones (SSDA903 AD1 / PlacedAdoption; Annex A list 10)."""

    date_should_be_placed = models.DateField("decision that the child should be placed")
    placement_order_date = models.DateField(null=True, blank=True)
    match_date = models.DateField(null=True, blank=True)
    placed_date = models.DateField(null=True, blank=True)
    adoption_order_date = models.DateField(null=True, blank=True)
    no_longer_placed_date = models.DateField(null=True, blank=True)
    foster_carer_adoption = models.BooleanField(default=False)
    # SSDA903 AD1 and PlacedAdoption fields with no other home in the record model.
    number_of_adopters = models.CharField("NB_ADOPTR", max_length=1, blank=True)
    sex_of_adopters = models.CharField("SEX_ADOPTR", max_length=2, blank=True)
    adopters_legal_status = models.CharField("LS_ADOPTR", max_length=3, blank=True)
    reason_no_longer_placed = models.CharField("REASON_PLACED_CEASED", max_length=3, blank=True)

    class Meta:
        verbose_name_plural = "adoption milestones"
        constraints = [
            ends_after_starts("date_should_be_placed", "match_date", "Adoption"),
            ends_after_starts("match_date", "placed_date", "Adoption"),
            ends_after_starts("placed_date", "adoption_order_date", "Adoption"),
        ]


class PrivateFosteringArrangement(ChildEvent):
    notification_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=8, choices=codes.PF_OUTCOME, blank=True)

    class Meta:
        constraints = [ends_after_starts("notification_date", "end_date", "Private fostering")]


class CareProceedings(ChildEvent):
    """Pre-proceedings (PLO) and care proceedings (SSD ssd_pre_proceedings)."""

    plo_start_date = models.DateField("PLO start", null=True, blank=True)
    letter_before_proceedings_date = models.DateField(null=True, blank=True)
    application_issued_date = models.DateField(null=True, blank=True)
    final_order_date = models.DateField(null=True, blank=True)
    final_order_type = models.CharField(max_length=3, choices=codes.FINAL_ORDER_TYPE, blank=True)
    # The CIN census's PreProceedingsandFGDM module (from 2026-27), as returned.
    fgdm_offered = models.BooleanField("family group decision making offered", null=True, blank=True)
    fgdm_held = models.BooleanField("family group decision making meeting held", null=True, blank=True)
    initial_pre_proceedings_meeting_date = models.DateField(null=True, blank=True)
    pre_proceedings_review_meetings = models.PositiveSmallIntegerField(null=True, blank=True)
    step_decision_date = models.DateField("decision to step up or down", null=True, blank=True)
    pre_proceedings_outcome = models.CharField("PPOutcome", max_length=2, blank=True)
    letter_of_initial_concern_date = models.DateField("LetterInitCPDate", null=True, blank=True)

    class Meta:
        verbose_name_plural = "care proceedings"
        constraints = [
            ends_after_starts("plo_start_date", "application_issued_date", "Care proceedings"),
            ends_after_starts("application_issued_date", "final_order_date", "Care proceedings"),
            models.CheckConstraint(
                condition=Q(plo_start_date__isnull=False) | Q(application_issued_date__isnull=False),
                name="proceedings_need_plo_or_issue",
                violation_error_message="Care proceedings need a PLO start or an issue date.",
            ),
        ]


class PreBirthReferral(ChildEvent):
    """Pre-birth work (Durham's pre-birth model, seed 004)."""

    referral_date = models.DateField()
    gestation_weeks_at_referral = models.PositiveSmallIntegerField()
    assessment_completed_date = models.DateField(null=True, blank=True)
    assessment_completed_week = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome_at_birth = models.CharField(max_length=5, choices=codes.PREBIRTH_OUTCOME, blank=True)

    class Meta:
        constraints = [
            ends_after_starts("referral_date", "assessment_completed_date", "Pre-birth referral"),
            models.CheckConstraint(
                condition=Q(gestation_weeks_at_referral__lte=42),
                name="prebirth_gestation_plausible",
                violation_error_message="Pre-birth referral: gestation at referral must be at most 42 weeks.",
            ),
        ]


class PreviousPermanence(ChildEvent):
    """SSDA903 PrevPerm: the permanence order a child had before this period of care."""

    prev_perm = models.CharField("PREV_PERM", max_length=2)
    la_perm = models.CharField("LA_PERM", max_length=9, blank=True)
    date_perm = models.CharField(
        "DATE_PERM",
        max_length=10,
        blank=True,
        help_text="As returned: a date, or zz/mm/yyyy when part known.",
    )
    collection_year = models.PositiveSmallIntegerField(help_text="The return it came from (2026 = 2025-26).")

    class Meta:
        verbose_name_plural = "previous permanence"
        constraints = [
            models.UniqueConstraint(
                fields=["child", "collection_year"], name="one_prevperm_per_child_per_year"
            )
        ]


class LookedAfterOutcome(ChildEvent):
    """SSDA903 OC2: outcomes of a child looked after for 12 months at 31 March (codes as returned)."""

    collection_year = models.PositiveSmallIntegerField(help_text="The return it came from (2026 = 2025-26).")
    sdq_score = models.CharField("SDQ_SCORE", max_length=2, blank=True)
    sdq_reason = models.CharField("SDQ_REASON", max_length=4, blank=True)
    convicted = models.CharField("CONVICTED", max_length=1, blank=True)
    health_check = models.CharField("HEALTH_CHECK", max_length=1, blank=True)
    immunisations = models.CharField("IMMUNISATIONS", max_length=1, blank=True)
    teeth_check = models.CharField("TEETH_CHECK", max_length=1, blank=True)
    health_assessment = models.CharField("HEALTH_ASSESSMENT", max_length=1, blank=True)
    substance_misuse = models.CharField("SUBSTANCE_MISUSE", max_length=1, blank=True)
    intervention_received = models.CharField("INTERVENTION_RECEIVED", max_length=1, blank=True)
    intervention_offered = models.CharField("INTERVENTION_OFFERED", max_length=1, blank=True)

    class Meta:
        verbose_name = "looked-after outcome (OC2)"
        constraints = [
            models.UniqueConstraint(fields=["child", "collection_year"], name="one_oc2_per_child_per_year")
        ]


class SocialWorkerEpisode(ChildEvent):
    """SSDA903 SWEpisodes: a period with one allocated social worker (SW_ID as returned)."""

    sw_id = models.CharField("SW_ID", max_length=20)
    sw_decom = models.DateField("SW_DECOM")
    sw_dec = models.DateField("SW_DEC", null=True, blank=True)
    sw_reason = models.CharField("SW_REASON", max_length=6, blank=True)

    class Meta:
        ordering = ["child", "sw_decom"]
        constraints = [
            ends_after_starts("sw_decom", "sw_dec", "Social worker episode"),
            models.UniqueConstraint(fields=["child", "sw_decom", "sw_id"], name="one_sw_episode_per_start"),
        ]
