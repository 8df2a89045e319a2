"""The improvement registers: the plan and its actions, challenges, practice reviews, inspections,
IRO dispute resolution."""

from .disputes import DisputeResolution
from .inspections import Inspection, InspectionRecommendation
from .plan import Challenge, PlanAction, Priority
from .reviews import AgencyResponse, Finding, PracticeReview, ProgressUpdate, Recommendation

__all__ = [
    "AgencyResponse",
    "Challenge",
    "DisputeResolution",
    "Finding",
    "Inspection",
    "InspectionRecommendation",
    "PlanAction",
    "PracticeReview",
    "Priority",
    "ProgressUpdate",
    "Recommendation",
]
