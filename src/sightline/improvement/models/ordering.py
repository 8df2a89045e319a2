"""A constraint that one date of a row is not before another, with a message a person reads."""

from django.db import models
from django.db.models import F, Q


def not_before(start: str, end: str, message: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
        name=f"%(app_label)s_%(class)s_{end}_not_before_{start}",
        violation_error_message=message,
    )
