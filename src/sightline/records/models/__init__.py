"""The child-level record model.

Field names follow the national returns where the concept exists there (CIN census,
SSDA903), in snake case; `docs/record-model.md` maps each table to the Standard
Safeguarding Dataset (SSD). Constraints live in the database as well as in `clean()`, so a
bad state cannot be stored by any path, and each carries a message a user can act on.
"""

from .base import Child, ChildEvent, Council, ends_after_starts
from .care import (
    AdoptionMilestones,
    CareLeaverContact,
    CareProceedings,
    HealthCheck,
    LookedAfterEpisode,
    LookedAfterOutcome,
    LookedAfterReview,
    MissingEpisode,
    PersonalEducationPlan,
    PreBirthReferral,
    PreviousPermanence,
    PrivateFosteringArrangement,
    SocialWorkerEpisode,
)
from .need import (
    Assessment,
    ChildProtectionConference,
    CINEpisode,
    CINPlan,
    Contact,
    CoreGroup,
    CPPlan,
    EarlyHelpAssessment,
    EpisodeEvent,
    Section47Enquiry,
    StrategyDiscussion,
    Visit,
)

__all__ = [
    "AdoptionMilestones",
    "Assessment",
    "CINEpisode",
    "CINPlan",
    "CPPlan",
    "CareLeaverContact",
    "CareProceedings",
    "Child",
    "ChildEvent",
    "ChildProtectionConference",
    "Contact",
    "CoreGroup",
    "Council",
    "EarlyHelpAssessment",
    "EpisodeEvent",
    "HealthCheck",
    "LookedAfterEpisode",
    "LookedAfterOutcome",
    "LookedAfterReview",
    "MissingEpisode",
    "PersonalEducationPlan",
    "PreBirthReferral",
    "PreviousPermanence",
    "PrivateFosteringArrangement",
    "Section47Enquiry",
    "SocialWorkerEpisode",
    "StrategyDiscussion",
    "Visit",
    "ends_after_starts",
]
