"""Field lengths: a rule for every record-model field with a max_length that a return fills.

Read from the models themselves, so a field added or shortened in the record model is
checked on import without anyone remembering to: SQLite would store a longer value and
PostgreSQL refuse the whole import with "value too long".
"""

from __future__ import annotations

from django.apps import apps

from sightline.returns.annex_a import CODED, LISTS

from . import declare as d
from .base import Registry
from .tables import CIN_LABELS, SSDA903_LABELS

CHILD_ID = ("records.Child", "la_child_id")
# (return kind, table) -> the model its rows are loaded into; row keys are the model's fields.
MODELS = {
    ("cin", "child"): "records.Child",
    ("cin", "cin_episode"): "records.CINEpisode",
    ("cin", "assessment"): "records.Assessment",
    ("cin", "cin_plan"): "records.CINPlan",
    ("cin", "section47"): "records.Section47Enquiry",
    ("cin", "cp_plan"): "records.CPPlan",
    ("cin", "pre_proceedings"): "records.CareProceedings",
    ("903", "Header"): "records.Child",
    ("903", "Episodes"): "records.LookedAfterEpisode",
    ("903", "Reviews"): "records.LookedAfterReview",
    ("903", "OC2"): "records.LookedAfterOutcome",
    ("903", "OC3"): "records.CareLeaverContact",
    ("903", "AD1"): "records.AdoptionMilestones",
    ("903", "PlacedAdoption"): "records.AdoptionMilestones",
    ("903", "PrevPerm"): "records.PreviousPermanence",
    ("903", "Missing"): "records.MissingEpisode",
    ("903", "SWEpisodes"): "records.SocialWorkerEpisode",
}
# Annex A columns loaded into a model field as text (coded columns are checked against their lists).
ANNEX_A = {
    (2, "Organisation completing assessment"): ("records.EarlyHelpAssessment", "organisation"),
}
LABELS = {"cin": CIN_LABELS, "903": SSDA903_LABELS}


def max_lengths(label: str) -> dict[str, int]:
    model = apps.get_model(label)
    return {f.name: f.max_length for f in model._meta.get_fields() if getattr(f, "max_length", None)}


def declare(rules: Registry) -> None:
    child_limit = max_lengths(CHILD_ID[0])[CHILD_ID[1]]
    for (kind, table), label in MODELS.items():
        labels = LABELS[kind].get(table, {})
        if label == CHILD_ID[0]:
            d.length(rules, kind, table, "la_child_id", labels.get("la_child_id", "LAchildID"), child_limit)
        for name, limit in max_lengths(label).items():
            if name in labels and name != "la_child_id":
                d.length(rules, kind, table, name, labels[name], limit)
    for number, (_, columns) in LISTS.items():
        if columns[0] == "Child Unique ID":
            d.length(rules, "annex-a", f"list{number}", "Child Unique ID", "Child Unique ID", child_limit)
    for (number, column), (label, name) in ANNEX_A.items():
        assert column not in CODED
        d.length(rules, "annex-a", f"list{number}", column, column, max_lengths(label)[name])
