"""A complaint, compliment or survey answer saved or deleted on a page changes the engine's
figures: mark the records as changed so cached indicator frames are rebuilt (as an import does)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save


def _changed(sender, **kwargs) -> None:
    from sightline.records.services import bump_data_version

    bump_data_version()


def connect(models) -> None:
    for model in models:
        post_save.connect(_changed, sender=model, dispatch_uid=f"sightline-changed-{model._meta.label}-save")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"sightline-changed-{model._meta.label}-delete"
        )
