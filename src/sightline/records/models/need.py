"""Records of a child in need and in need of protection: contacts, early help, CIN episodes and
what happens inside them (assessments, strategy discussions, s47 enquiries, ICPCs, CP plans,
core groups, CIN plans) and visits."""

from django.db import models
from django.db.models import F, Q

from sightline.domain import codes

from .base import ChildEvent, ends_after_starts


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
