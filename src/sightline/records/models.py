"""The child-level record model.

Field names follow the national returns where the concept exists there (CIN census,
SSDA903), in snake case; `docs/record-model.md` maps each table to the Standard
Safeguarding Dataset (SSD). Constraints live in the database as well as in `clean()`, so a
bad state cannot be stored by any path, and each carries a message a user can act on.
"""

from django.db import models
from django.db.models import F, Q

from sightline.domain import codes


def ends_after_starts(start: str, end: str, label: str) -> models.CheckConstraint:
    """A constraint that an optional end date is not before its start date."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=f"%(app_label)s_%(class)s_{end}_not_before_{start}",
        violation_error_message=f"{label}: the {end.replace('_', ' ')} cannot be before the "
        f"{start.replace('_', ' ')}.",
    )


class Council(models.Model):
    """The council this database belongs to: its name, LA code and the population for rates."""

    name = models.CharField(max_length=100)
    la_code = models.CharField("LA code", max_length=3)
    population_0_17 = models.PositiveIntegerField("children aged 0-17 (ONS mid-year estimate)")
    reference_date = models.DateField(help_text="The date the data runs to.")
    synthetic_seed = models.IntegerField(
        null=True, blank=True, help_text="Set when the data is synthetic: the generator's seed."
    )
    data_version = models.PositiveIntegerField(
        default=1,
        help_text="Raised by every load or import, so caches of computed figures know they are stale.",
    )

    def __str__(self) -> str:
        return self.name


class Child(models.Model):
    """A child or unborn child known to children's social care (SSD ssd_person)."""

    la_child_id = models.CharField("LA child ID", max_length=15, unique=True)
    upn = models.CharField("UPN", max_length=13, blank=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True)
    upn_unknown = models.CharField("UPN unknown reason", max_length=3, blank=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    sex = models.CharField(max_length=1, choices=codes.SEX)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    ethnicity = models.CharField(max_length=4, choices=codes.ETHNICITY)
    disabilities = models.JSONField(default=list, blank=True)
    death_date = models.DateField(null=True, blank=True)
    home_postcode = models.CharField(max_length=8, blank=True)
    restricted = models.BooleanField(
        default=False, help_text="Restricted record (e.g. staff or their relatives)."
    )
    # SSDA903 Header and UASC: kept so that an imported return exports unchanged.
    mother = models.CharField(
        max_length=1, blank=True, help_text="SSDA903 MOTHER: 1 is a mother, 0 is not, blank not recorded."
    )
    mother_child_dob = models.DateField(
        "date of birth of the mother's first child (MC_DOB)", null=True, blank=True
    )
    uasc = models.BooleanField(
        "UASC", default=False, help_text="Unaccompanied asylum-seeking child (now or formerly)."
    )
    uasc_ceased_date = models.DateField("date UASC status ceased (DUC)", null=True, blank=True)

    class Meta:
        ordering = ["la_child_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False) | Q(expected_date_of_birth__isnull=False),
                name="child_has_birth_or_expected_date",
                violation_error_message="A child needs a date of birth or an expected date of birth.",
            ),
            ends_after_starts("date_of_birth", "death_date", "Child"),
        ]

    def __str__(self) -> str:
        return f"{self.la_child_id} {self.first_name} {self.last_name}"


class ChildEvent(models.Model):
    """Base for every record that belongs to a child."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="%(class)ss")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk} for child {self.child_id}"


class Contact(ChildEvent):
    """A contact to the front door (SSD ssd_contacts; Annex A list 1)."""

    contact_date = models.DateField(db_index=True)
    source = models.CharField(max_length=2, choices=codes.REFERRAL_SOURCE)
    outcome = models.CharField(max_length=4, choices=codes.CONTACT_OUTCOME)
    decision_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["contact_date"]
        constraints = [ends_after_starts("contact_date", "decision_date", "Contact")]


class EarlyHelpAssessment(ChildEvent):
    """Early help assessment (SSD ssd_early_help_episodes; Annex A list 2)."""

    start_date = models.DateField()
    completion_date = models.DateField(null=True, blank=True)
    organisation = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [ends_after_starts("start_date", "completion_date", "Early help assessment")]


class CINEpisode(ChildEvent):
    """A referral and the child in need episode it opens (CIN census CINdetails)."""

    cin_referral_date = models.DateField(db_index=True)
    referral_source = models.CharField(max_length=2, choices=codes.REFERRAL_SOURCE)
    primary_need_code = models.CharField(max_length=2, choices=codes.PRIMARY_NEED)
    referral_nfa = models.BooleanField(default=False)
    cin_closure_date = models.DateField(null=True, blank=True, db_index=True)
    reason_for_closure = models.CharField(max_length=3, choices=codes.REASON_FOR_CLOSURE, blank=True)
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["cin_referral_date"]
        verbose_name = "CIN episode"
        constraints = [
            ends_after_starts("cin_referral_date", "cin_closure_date", "CIN episode"),
            models.CheckConstraint(
                condition=Q(cin_closure_date__isnull=True, reason_for_closure="")
                | (Q(cin_closure_date__isnull=False) & ~Q(reason_for_closure="")),
                name="cin_closure_date_and_reason_together",
                violation_error_message="CIN episode: a closure date needs a reason for closure, "
                "and a reason needs a date.",
            ),
        ]


class EpisodeEvent(ChildEvent):
    """Base for records inside a CIN episode; keeps the child for fast per-child queries."""

    episode = models.ForeignKey(CINEpisode, on_delete=models.CASCADE, related_name="%(class)ss")

    class Meta:
        abstract = True


class Assessment(EpisodeEvent):
    """Child and family assessment (CIN census Assessments; SSD ssd_cin_assessments)."""

    assessment_actual_start_date = models.DateField(db_index=True)
    assessment_authorisation_date = models.DateField(null=True, blank=True)
    assessment_internal_review_date = models.DateField(null=True, blank=True)
    factors = models.JSONField(default=list, blank=True)
    child_seen = models.BooleanField(default=False)
    child_seen_date = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=3, choices=codes.ASSESSMENT_OUTCOME, blank=True)

    class Meta:
        constraints = [
            ends_after_starts("assessment_actual_start_date", "assessment_authorisation_date", "Assessment")
        ]


class StrategyDiscussion(EpisodeEvent):
    discussion_date = models.DateField()
    s47_agreed = models.BooleanField(default=True)


class Section47Enquiry(EpisodeEvent):
    """Section 47 enquiry (CIN census Section47; SSD ssd_s47_enquiry)."""

    s47_actual_start_date = models.DateField(db_index=True)
    initial_cpc_target = models.DateField(null=True, blank=True)
    icpc_not_required = models.BooleanField(default=False)
    outcome = models.CharField(max_length=4, choices=codes.S47_OUTCOME, blank=True)
    end_date = models.DateField(null=True, blank=True)
    strategy_discussion = models.ForeignKey(
        StrategyDiscussion, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        constraints = [ends_after_starts("s47_actual_start_date", "end_date", "Section 47 enquiry")]


class ChildProtectionConference(EpisodeEvent):
    """Initial or review child protection conference (SSD ssd_initial_cp_conference / ssd_cp_reviews)."""

    kind = models.CharField(max_length=4, choices=codes.CONFERENCE_KIND)
    conference_date = models.DateField(db_index=True)
    section47 = models.ForeignKey(Section47Enquiry, null=True, blank=True, on_delete=models.SET_NULL)
    plan = models.ForeignKey(
        "CPPlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="conferences"
    )
    plan_decided = models.BooleanField(default=False, help_text="ICPC: did it result in a CP plan?")


class CPPlan(EpisodeEvent):
    """Child protection plan (CIN census ChildProtectionPlans; SSD ssd_cp_plans)."""

    cpp_start_date = models.DateField(db_index=True)
    cpp_end_date = models.DateField(null=True, blank=True, db_index=True)
    initial_category_of_abuse = models.CharField(max_length=3, choices=codes.CATEGORY_OF_ABUSE)
    latest_category_of_abuse = models.CharField(max_length=3, choices=codes.CATEGORY_OF_ABUSE)
    number_of_previous_cpp = models.PositiveSmallIntegerField(default=0)
    # Local, not in the CIN census (seed 001: plans of 12-18 months independently reviewed).
    checkpoint_review_date = models.DateField(
        "independent checkpoint review",
        null=True,
        blank=True,
        help_text="When a plan open 12-18 months was independently reviewed (local; not in the returns).",
    )

    class Meta:
        verbose_name = "CP plan"
        constraints = [
            ends_after_starts("cpp_start_date", "cpp_end_date", "CP plan"),
            models.CheckConstraint(
                condition=Q(checkpoint_review_date__isnull=True)
                | Q(checkpoint_review_date__gte=F("cpp_start_date")),
                name="records_cpplan_checkpoint_not_before_start",
                violation_error_message="CP plan: the independent checkpoint review cannot be before the "
                "cpp start date.",
            ),
        ]


class CoreGroup(ChildEvent):
    plan = models.ForeignKey(CPPlan, on_delete=models.CASCADE, related_name="core_groups")
    meeting_date = models.DateField()


class CINPlan(EpisodeEvent):
    """Child in need plan (CIN census CINPlanDates; SSD ssd_cin_plans)."""

    cin_plan_start_date = models.DateField()
    cin_plan_end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "CIN plan"
        constraints = [ends_after_starts("cin_plan_start_date", "cin_plan_end_date", "CIN plan")]


class Visit(ChildEvent):
    """A statutory or practice visit (SSD ssd_cin_visits / ssd_cp_visits / ssd_cla_visits)."""

    visit_date = models.DateField(db_index=True)
    kind = models.CharField(max_length=4, choices=codes.VISIT_KIND)
    seen = models.BooleanField(default=True)
    seen_alone = models.BooleanField(default=False)
    worker = models.ForeignKey("workforce.Worker", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["visit_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(seen=True) | Q(seen_alone=False),
                name="visit_seen_alone_needs_seen",
                violation_error_message="Visit: a child cannot be seen alone without being seen.",
            )
        ]


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
