"""Where plan actions come from: the kinds of record that can raise an action, as a registry.

A plan action keeps its source as a generic link ("app_label.model" and id) plus the source
as a person reads it, and the link to the record the source belongs to (its *origin*: the
inspection, the practice review, the audit programme), so a "closing the loop" report can
gather everything raised from one origin. Apps that raise actions declare their kind here
in their AppConfig.ready(). The audits app's `AuditAction` is declared below (its origin is
the audit programme); the clinics' actions and complaint themes declare theirs the same way:

    sources.declare(SourceKind(
        model="clinics.clinicaction", origin_model="clinics.clinic", source="clinic",
        describe=lambda a: f"{a.clinic}: {a.text}", origin=lambda a: a.clinic,
    ))

and link to `selectors.raise_url_for(viewer, row)` (None for a viewer who may not add plan
actions) to offer "Raise a plan action" on their pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class SourceKind:
    model: str  # "app_label.modelname", lower case as Django labels models
    origin_model: str  # the label of the model its origin is
    source: str  # a PlanAction.Source value
    describe: Callable  # row -> the source as a person reads it
    origin: Callable  # row -> the record the source belongs to (or the row itself)


_KINDS: dict[str, SourceKind] = {}


def declare(kind: SourceKind) -> SourceKind:
    _KINDS[kind.model] = kind
    return kind


def kinds() -> list[SourceKind]:
    return list(_KINDS.values())


def kind_for(model_label: str) -> SourceKind | None:
    return _KINDS.get(model_label)


def label_of(row) -> str:
    return row._meta.label_lower


def resolve(model_label: str, pk) -> object | None:
    """The source row for a link, or None if the kind is unknown or the row is gone."""
    if model_label not in _KINDS:
        return None
    try:
        return apps.get_model(model_label).objects.filter(pk=int(pk)).first()
    except (LookupError, TypeError, ValueError):
        return None


def link_fields(row) -> dict:
    """The PlanAction fields that record `row` as an action's source."""
    kind = _KINDS[label_of(row)]
    origin = kind.origin(row)
    return {
        "source": kind.source,
        "source_label": kind.describe(row)[:300],
        "source_model": label_of(row),
        "source_id": row.pk,
        "origin_model": label_of(origin),
        "origin_id": origin.pk,
    }


def origin_of(model_label: str, pk) -> object | None:
    try:
        return apps.get_model(model_label).objects.filter(pk=int(pk)).first()
    except (LookupError, TypeError, ValueError):
        return None


def _audit_origin(action):
    programme = action.audit.programme
    return programme if programme is not None else action


def declare_improvement_sources() -> None:
    """The sources this app holds itself (inspection and practice-review recommendations,
    challenges) and the audit programme's actions."""
    if apps.is_installed("sightline.audits"):
        declare(
            SourceKind(
                model="audits.auditaction",
                origin_model="audits.auditprogramme",
                source="audit",
                # The finding, never the child: the plan is read council-wide.
                describe=lambda a: f"Audit finding, {a.audit.programme or 'an audit'}: {a.description}",
                origin=_audit_origin,
            )
        )
    declare(
        SourceKind(
            model="improvement.inspectionrecommendation",
            origin_model="improvement.inspection",
            source="ofsted",
            describe=lambda r: f"{r.inspection}, recommendation {r.number}: {r.text}",
            origin=lambda r: r.inspection,
        )
    )
    declare(
        SourceKind(
            model="improvement.recommendation",
            origin_model="improvement.practicereview",
            source="practice_review",
            describe=lambda r: f"{r.finding.review}, recommendation {r.number}: {r.text}",
            origin=lambda r: r.finding.review,
        )
    )
    declare(
        SourceKind(
            model="improvement.challenge",
            origin_model="improvement.challenge",
            source="challenge",
            describe=lambda c: f"Challenge from {c.challenger_name}, {c.raised_on:%-d %B %Y}: {c.challenge}",
            origin=lambda c: c,
        )
    )
