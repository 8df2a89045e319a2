"""Writes: save a register's form with its change record, or note a change made some other way."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction

from .models import ChangeRecord

SAVE_REFUSED = (
    "This could not be saved because it conflicts with a record already held. "
    "Check the dates and the linked records, then try again."
)


def display(value) -> str:
    """A value as the change history and the pages show it."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.strftime("%-d %B %Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    return str(value)


def field_display(row: models.Model, name: str) -> str:
    """One field of a row as a person reads it: choice labels, the related row's name, dates."""
    try:
        model_field = row._meta.get_field(name)
    except FieldDoesNotExist:
        value = getattr(row, name, None)
        return display(value() if callable(value) else value)
    if model_field.many_to_many:
        if row.pk is None:
            return ""
        return ", ".join(str(o) for o in getattr(row, name).all())
    if model_field.choices:
        return display(getattr(row, f"get_{name}_display")())
    return display(getattr(row, name))


def _label(row: models.Model, name: str) -> str:
    try:
        text = str(row._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


def snapshot(row: models.Model, names) -> dict[str, str]:
    return {name: field_display(row, name) for name in names}


def _username(user) -> str:
    return user.get_username() if getattr(user, "pk", None) else "system"


def record(row: models.Model, user, action: str, changes=(), summary: str = "") -> ChangeRecord:
    """Add one entry to a row's change history."""
    return ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(type(row)),
        object_id=row.pk,
        user=user if getattr(user, "pk", None) else None,
        username=_username(user),
        action=action,
        changes=list(changes),
        summary=summary[:300],
    )


def changed_fields(row: models.Model, before: dict[str, str], after: dict[str, str]) -> list[dict]:
    return [
        {"field": _label(row, name), "old": before.get(name, ""), "new": value}
        for name, value in after.items()
        if before.get(name, "") != value
    ]


def save_form(form, user, *, summary: str = ""):
    """Save a valid ModelForm and record who changed which fields from what to what.

    Returns the saved row, or None with an error on the form when the database refuses it
    (nothing is saved then, and the person sees a plain message, never the database's).
    """
    model_fields = {f.name for f in form.instance._meta.get_fields()}
    # Hidden fields carry links between records, not anything a person typed: not in the history.
    names = [n for n, f in form.fields.items() if n in model_fields and not f.widget.is_hidden]
    creating = form.instance.pk is None
    before = {} if creating else snapshot(type(form.instance).objects.get(pk=form.instance.pk), names)
    try:
        with transaction.atomic():
            row = form.save()
            after = snapshot(row, names)
            if creating:
                changes = [{"field": _label(row, n), "old": "", "new": v} for n, v in after.items() if v]
                record(row, user, ChangeRecord.Action.CREATED, changes, summary)
            else:
                changes = changed_fields(row, before, after)
                if changes or summary:
                    record(row, user, ChangeRecord.Action.CHANGED, changes, summary)
    except IntegrityError:
        if creating:
            form.instance.pk = None
        form.add_error(None, SAVE_REFUSED)
        return None
    return row


def forget(models_: list[type[models.Model]]) -> None:
    """Drop the change history of whole tables (when their rows are deleted wholesale)."""
    types = [ContentType.objects.get_for_model(m) for m in models_]
    ChangeRecord.objects.filter(content_type__in=types).delete()
