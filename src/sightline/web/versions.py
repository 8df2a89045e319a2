"""What a kept copy of a page's part must be keyed by to be current (#18 goal 3).

Imports raise the council's data version (performance.loader.data_version); audits, registers,
actions, clinics, feedback, workforce records and settings change pages without one. Every save
or delete of those apps' models raises the content version (one row, `ContentVersion`), in the
writer's transaction, so a write rolled back raises nothing and one committed is seen by every
process. A page reads it once (`scope.scoped`). `key_part` gives both, with the engine the page
reads its figures from (while new data is built the previous engine answers, under its own
versions), for a fragment's cache key.
"""

from __future__ import annotations

import secrets

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from sightline.performance.loader import COUNCIL_ANNOTATIONS, council_row, data_version
from sightline.performance.scope import scoped

# The apps whose writes change what pages show without an import: accounts among them, as who
# may see what (web.views.with_viewer keeps each user's Viewer under these versions). Not
# records, nor the workforce's imported tables (IMPORTED): imports raise the data version for
# them. Not the sign-in counters (every sign-in writes them), accesslog (every page view writes
# it), jobs, imports.
CONTENT_APPS = (
    "accounts",
    "audits",
    "registers",
    "improvement",
    "clinics",
    "feedback",
    "performance",
    "reports",
    "workforce",
)
IMPORTED = {
    "accounts.LoginCounter",
    "accounts.LoginFailure",
    "workforce.Service",
    "workforce.Team",
    "workforce.Worker",
    "workforce.Allocation",
    "workforce.Supervision",
    "workforce.PracticeObservation",
}
ROW = 1


def content_version() -> int:
    """The content version (0 before the first write), read with the council's row: once per
    page, in the same query (`loader.COUNCIL_ANNOTATIONS`)."""
    # A write after this read raises the version again, even in the same transaction.
    transaction.get_connection().sightline_content_mark = None
    row = council_row()
    if row is not None:
        found = getattr(row, "sightline_content_version", None)
        return found or 0
    return scoped("content_version", _read)


def _read() -> int:
    from .models import ContentVersion

    return ContentVersion.objects.filter(pk=ROW).values_list("version", flat=True).first() or 0


def bump() -> None:
    """Mark the pages' content as changed: once per transaction (a load or a programme's
    audits write thousands of rows). Each is a random number, so two databases emptied and
    filled one after the other never share a version (and a stale copy), nor does a write
    rolled back share one with the next."""
    from .models import ContentVersion

    connection = transaction.get_connection()
    if connection.in_atomic_block:
        # Raised in this transaction already, with no read of it since (a savepoint's rollback
        # drops its on-commit marks with its update): once is enough.
        mark = getattr(connection, "sightline_content_mark", None)
        if mark is not None and any(entry[1] is mark for entry in connection.run_on_commit):
            return

        def mark() -> None:
            """Marks a transaction that has raised the content version (nothing on commit)."""

        connection.sightline_content_mark = mark
        transaction.on_commit(mark)
    # A new random number, not the next one: a transaction rolled back after a page read its
    # raised version must not leave that number to the next writer (whose changes differ).
    fresh = secrets.randbits(62) + 1
    if not ContentVersion.objects.filter(pk=ROW).update(version=fresh):
        ContentVersion.objects.get_or_create(pk=ROW, defaults={"version": fresh})
    reads = _scope_reads()
    if reads is not None:  # read again, with the council's row, by a page that writes
        reads.pop("council", None)
        reads.pop("content_version", None)


def _scope_reads() -> dict | None:
    from sightline.performance.scope import current

    scope = current.get()
    return None if scope is None else scope.get("reads")


def key_part(figures: bool = True) -> str | None:
    """A cache key's part naming what a page part shows: the council, its data version and the
    content version, and (`figures`) the versions of the engine the figures come from. None when
    that engine was replaced while the page was read: keep nothing."""
    council_id, version = data_version()
    part = f"{council_id}:{version}:{content_version()}"
    if not figures:
        return part
    from sightline.performance.engine_cache import served_key

    served = served_key()
    return None if served == "-" else f"{part}:{served}"


def _changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # fixtures loaded as they are
        return
    bump()


def _m2m_changed(sender, action: str, **kwargs) -> None:
    if action in {"post_add", "post_remove", "post_clear"}:
        bump()


def annotate() -> None:
    """Read the content version with the council's row (from WebConfig.ready)."""
    from django.db.models import Subquery

    from .models import ContentVersion

    COUNCIL_ANNOTATIONS["sightline_content_version"] = Subquery(
        ContentVersion.objects.filter(pk=ROW).values("version")[:1]
    )


def connect() -> None:
    """Listen to every model of CONTENT_APPS but the IMPORTED (from WebConfig.ready): a listener
    makes a bulk delete send a signal per row, and a load deletes hundreds of thousands."""
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.label in IMPORTED:
                continue
            uid = f"sightline-content-{model._meta.label}"
            post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(_m2m_changed, sender=through, dispatch_uid=f"{uid}-{field.name}")
