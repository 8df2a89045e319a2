"""Complaints (Children Act 1989 procedure, by stage), compliments and child and family feedback."""

from django.db import models
from django.db.models import F, Q

from sightline.domain.dates import long_date
from sightline.records.models import Child
from sightline.workforce.models import Team, Worker

from . import domain


def not_before(start: str, end: str, message: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=f"%(app_label)s_%(class)s_{end}_not_before_{start}",
        violation_error_message=message,
    )


class Complaint(models.Model):
    """One stage of a complaint: a complaint escalated to stage 2 is a second row with the same
    reference, so each stage keeps its own dates, timescale and outcome."""

    class Theme(models.TextChoices):
        COMMUNICATION = "communication", "Communication"
        STAFF_CONDUCT = "conduct", "Staff attitude or conduct"
        DELAY = "delay", "Delay or missed appointments"
        DECISION = "decision", "Disagreement with a decision"
        CONTACT = "contact", "Family time and contact"
        PLACEMENT = "placement", "Placement or accommodation"
        SUPPORT = "support", "Support or service not provided"
        RECORDS = "records", "Records and information sharing"
        FINANCE = "finance", "Financial support"
        OTHER = "other", "Other"

    class Complainant(models.TextChoices):
        CHILD = "child", "Child or young person"
        PARENT = "parent", "Parent"
        CARER = "carer", "Foster carer or other carer"
        FAMILY = "family", "Other family member"
        ADVOCATE = "advocate", "Advocate on the child's behalf"
        OTHER = "other", "Someone else with sufficient interest"

    class Ombudsman(models.TextChoices):
        UPHELD = "upheld", "Upheld: fault found"
        NOT_UPHELD = "not_upheld", "Not upheld: no fault"
        NOT_INVESTIGATED = "closed", "Closed without investigation"
        PENDING = "pending", "Awaiting the Ombudsman's decision"

    reference = models.CharField(
        max_length=30, help_text="The complaint's reference, the same at every stage."
    )
    stage = models.PositiveSmallIntegerField(choices=sorted(domain.STAGES.items()))
    received_on = models.DateField(
        "received", help_text="The day the complaint, or the request for this stage, arrived."
    )
    acknowledged_on = models.DateField("acknowledged", null=True, blank=True)
    extended = models.BooleanField(
        "timescale extended",
        default=False,
        help_text="Stage 1 to 20 working days, stage 2 to 65, by agreement.",
    )
    due_on = models.DateField("response due")
    responded_on = models.DateField("responded", null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=list(domain.OUTCOMES.items()), blank=True)
    escalated_on = models.DateField(
        "next stage requested",
        null=True,
        blank=True,
        help_text="The day the complainant asked for the next stage.",
    )
    theme = models.CharField(max_length=14, choices=Theme.choices)
    complainant = models.CharField("complaint made by", max_length=10, choices=Complainant.choices)
    summary = models.TextField("what the complaint is about")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="complaints")
    worker = models.ForeignKey(
        Worker,
        on_delete=models.PROTECT,
        related_name="complaints",
        null=True,
        blank=True,
        verbose_name="worker",
    )
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="complaints", null=True, blank=True
    )
    ombudsman_referred_on = models.DateField("referred to the Ombudsman", null=True, blank=True)
    ombudsman_decision = models.CharField(
        "Ombudsman's decision", max_length=12, choices=Ombudsman.choices, blank=True
    )

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["team", "received_on"]), models.Index(fields=["stage", "due_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["reference", "stage"],
                name="feedback_complaint_one_row_per_stage",
                violation_error_message="Complaint: this reference already has a row for this stage.",
            ),
            not_before(
                "received_on",
                "acknowledged_on",
                "Complaint: it cannot be acknowledged before it was received.",
            ),
            not_before(
                "received_on",
                "responded_on",
                "Complaint: the response cannot be before the complaint was received.",
            ),
            not_before(
                "received_on",
                "due_on",
                "Complaint: the response cannot be due before the complaint was received.",
            ),
            not_before(
                "received_on",
                "escalated_on",
                "Complaint: the next stage cannot be asked for before this one began.",
            ),
            models.CheckConstraint(
                condition=(Q(responded_on__isnull=True) & Q(outcome=""))
                | (Q(responded_on__isnull=False) & ~Q(outcome="")),
                name="feedback_complaint_responded_with_outcome",
                violation_error_message="Complaint: a response needs its outcome, and an outcome its date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_stage_display()})"

    def is_overdue(self, today) -> bool:
        return domain.is_overdue(self.responded_on, self.due_on, today)

    def within_timescale(self, today):
        return domain.within_timescale(self.responded_on, self.due_on, today)

    @property
    def quarter(self) -> str:
        return domain.quarter_label(self.received_on)


class Compliment(models.Model):
    """Praise for a team or worker. Who gave it is kept for the team, never shown in a list,
    an export or a count: the lists show the relationship and the quote with names removed."""

    class From(models.TextChoices):
        CHILD = "child", "Child or young person"
        PARENT = "parent", "Parent"
        CARER = "carer", "Foster carer or other carer"
        FAMILY = "family", "Other family member"
        PROFESSIONAL = "professional", "Professional or partner agency"
        OTHER = "other", "Someone else"

    received_on = models.DateField("received")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="compliments")
    worker = models.ForeignKey(
        Worker, on_delete=models.PROTECT, related_name="compliments", null=True, blank=True
    )
    from_whom = models.CharField("from", max_length=12, choices=From.choices)
    from_name = models.CharField("name of the person", max_length=120, blank=True)
    quote = models.TextField("what they said")

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["team", "received_on"])]

    def __str__(self) -> str:
        return f"Compliment for {self.team} on {long_date(self.received_on)}"

    def names(self) -> list[str]:
        """Every name the quote might carry: the person who gave it and the worker praised."""
        found = [self.from_name]
        if self.worker_id:
            found += [self.worker.first_name, self.worker.last_name, str(self.worker)]
        return found

    @property
    def redacted_quote(self) -> str:
        return domain.redact(self.quote, self.names())

    @property
    def quarter(self) -> str:
        return domain.quarter_label(self.received_on)


class SurveyQuestion(models.Model):
    """The council's question set for child and family feedback, each scored 1 to 5."""

    number = models.PositiveSmallIntegerField(unique=True)
    text = models.CharField("question", max_length=250)
    active = models.BooleanField("asked now", default=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class SurveyResponse(models.Model):
    """What a child or family member thought and felt about the help they had."""

    class Respondent(models.TextChoices):
        CHILD = "child", "Child or young person"
        PARENT = "parent", "Parent"
        CARER = "carer", "Carer"
        FAMILY = "family", "Other family member"

    received_on = models.DateField("received")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="survey_responses")
    respondent = models.CharField(max_length=8, choices=Respondent.choices)
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, related_name="survey_responses", null=True, blank=True
    )
    comment = models.TextField("in their own words", blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["team", "received_on"])]

    def __str__(self) -> str:
        return f"{self.get_respondent_display()}, {self.team}, {long_date(self.received_on)}"

    @property
    def mean_score(self) -> float | None:
        scores = [a.score for a in self.answers.all()]
        return round(sum(scores) / len(scores), 1) if scores else None

    @property
    def quarter(self) -> str:
        return domain.quarter_label(self.received_on)


SCORES = [
    (1, "1: strongly disagree"),
    (2, "2: disagree"),
    (3, "3: neither"),
    (4, "4: agree"),
    (5, "5: strongly agree"),
]


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(choices=SCORES)

    class Meta:
        ordering = ["question__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                name="feedback_one_answer_per_question",
                violation_error_message="Survey: a response answers each question once.",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="feedback_score_1_to_5",
                violation_error_message="Survey: a score is from 1 to 5.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.number}: {self.score}"
