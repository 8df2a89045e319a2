"""Writes: change a local standard or an indicator's target, recording who changed what and when."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from sightline.indicators.definitions import REGISTRY
from sightline.indicators.standards import LocalStandards

from .models import IndicatorTarget, LocalStandardSetting, SettingChange, SpcRebase


def _username(user) -> str:
    return getattr(user, "get_username", lambda: "")() if user is not None else "system"


def _user_or_none(user):
    return user if getattr(user, "pk", None) else None


@transaction.atomic
def change_standard(user, key: str, value) -> SettingChange | None:
    """Set one local standard (validated against its bounds); None when the value is unchanged.

    Raises ValidationError with a message naming the setting when the key or value is bad.
    """
    try:
        clean = LocalStandards.clean(key, value)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    current = LocalStandardSetting.objects.select_for_update().filter(key=key).first()
    default = getattr(LocalStandards(), key)
    old = LocalStandards.clean(key, current.value) if current else default
    if old == clean:
        return None
    candidate = _effective_standards().with_value(key, clean)
    try:
        candidate.validate()
    except ValueError as error:
        raise ValidationError(str(error)) from None
    if clean == default:
        LocalStandardSetting.objects.filter(key=key).delete()
    else:
        LocalStandardSetting.objects.update_or_create(key=key, defaults={"value": str(clean)})
    return SettingChange.objects.create(
        user=_user_or_none(user),
        username=_username(user),
        kind=SettingChange.Kind.STANDARD,
        key=key,
        old_value=str(old),
        new_value=str(clean),
    )


def _number(label: str, value) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{label}: {value!r} is not a number.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValidationError(f"{label}: {value!r} is not a number.")
    return number


@transaction.atomic
def change_target(user, indicator_id: str, target, tolerance) -> SettingChange | None:
    """Set an indicator's target and tolerance (both None = back to the definition's default).

    A percentage target must lie between 0 and 100; a tolerance must be 0 or more; an
    indicator without a polarity ("neither higher nor lower is better") cannot have a target.
    """
    if indicator_id not in REGISTRY:
        raise ValidationError(f"There is no indicator {indicator_id!r}.")
    definition = REGISTRY[indicator_id]
    target = _number(f"{definition.title}: target", target)
    tolerance = _number(f"{definition.title}: tolerance", tolerance)
    if (target is None) != (tolerance is None):
        raise ValidationError(f"{definition.title}: give both a target and a tolerance, or neither.")
    if target is not None:
        if definition.polarity is None:
            raise ValidationError(
                f"{definition.title}: neither higher nor lower is better, so it has no target."
            )
        if tolerance < 0:
            raise ValidationError(f"{definition.title}: the tolerance cannot be negative.")
        if definition.unit == "%" and not 0 <= target <= 100:
            raise ValidationError(f"{definition.title}: a percentage target must be between 0 and 100.")
        if target < 0:
            raise ValidationError(f"{definition.title}: the target cannot be negative.")
    current = IndicatorTarget.objects.select_for_update().filter(indicator_id=indicator_id).first()
    old = (current.target, current.tolerance) if current else (definition.target, definition.tolerance)
    new = (target, tolerance) if target is not None else (definition.target, definition.tolerance)
    if old == new:
        return None
    if target is None or new == (definition.target, definition.tolerance):
        IndicatorTarget.objects.filter(indicator_id=indicator_id).delete()
    else:
        IndicatorTarget.objects.update_or_create(
            indicator_id=indicator_id, defaults={"target": target, "tolerance": tolerance}
        )
    return SettingChange.objects.create(
        user=_user_or_none(user),
        username=_username(user),
        kind=SettingChange.Kind.TARGET,
        key=indicator_id,
        old_value=_pair(old),
        new_value=_pair(new),
    )


def _pair(pair: tuple) -> str:
    target, tolerance = pair
    return "none" if target is None else f"{target:g} ± {tolerance:g}"


def _effective_standards() -> LocalStandards:
    from .selectors import stored_standards

    return stored_standards()


def record_rebase(user, indicator_id: str, starts_on, reason: str, *, today) -> SpcRebase:
    """Recalculate an indicator's control limits from a date, for a reason a person gives.

    Raises ValidationError naming the field: an unknown indicator, a date after the data, no
    reason or one longer than is kept, or a date already recorded.
    """
    if indicator_id not in REGISTRY:
        raise ValidationError({"indicator_id": f"There is no indicator {indicator_id!r}."})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the limits are recalculated from this date."})
    longest = SpcRebase._meta.get_field("reason").max_length
    if len(reason) > longest:
        raise ValidationError({"reason": f"Say why in {longest} characters or fewer, not {len(reason)}."})
    if starts_on is None or starts_on > today:
        raise ValidationError({"starts_on": "The date must be on or before the date the data runs to."})
    if SpcRebase.objects.filter(indicator_id=indicator_id, starts_on=starts_on).exists():
        raise ValidationError({"starts_on": "The limits are already recalculated from that date."})
    return SpcRebase.objects.create(
        indicator_id=indicator_id, starts_on=starts_on, reason=reason[:300], recorded_by=_user_or_none(user)
    )


def remove_rebase(rebase_id: int) -> None:
    SpcRebase.objects.filter(pk=rebase_id).delete()


@transaction.atomic
def set_population(user, table, source: str) -> SettingChange:
    """Replace the council's population estimate with `table` (a `PopulationTable`), audited."""
    from .models import PopulationEstimate

    before = sum(PopulationEstimate.objects.values_list("population", flat=True))
    PopulationEstimate.objects.all().delete()
    PopulationEstimate.objects.bulk_create(
        PopulationEstimate(source=source[:200], **row) for row in table.frame.iter_rows(named=True)
    )
    return SettingChange.objects.create(
        user=_user_or_none(user),
        username=_username(user),
        kind=SettingChange.Kind.POPULATION,
        key="population_estimate",
        old_value=f"{before:,} children" if before else "none",
        new_value=f"{table.total:,} children ({source})"[:200],
    )
