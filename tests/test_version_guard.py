"""Every write that changes what the engine or a page shows raises a version, or is listed here
with the reason it need not: kept engines follow the data version (and the settings' changes),
kept page parts the data and content versions, and both versions rely on save and delete signals
(web.versions.connect, feedback.signals) that a queryset's update() and bulk_create never send.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.test import RequestFactory

from sightline.feedback import signals as engine_signals
from sightline.indicators.frames import SCHEMAS
from sightline.records.models import Council
from sightline.web import versions
from web.conftest import council, council_data  # noqa: F401 - the web tests' small council

SRC = Path(__file__).resolve().parents[1] / "src" / "sightline"
ENGINE_MODELS = sorted({label for label, _ in SCHEMAS.values()})
# Engine tables with no save signal: written by the imports and the demo's loader alone, which
# raise the data version when done (imports.services, imports.ssd_import, records.services),
# a signal per row would slow a load of hundreds of thousands. The admin may not edit them, or
# raises the version itself (workforce.admin.FeedsTheEngine).
IMPORTED_ONLY = {
    **{
        label: "imported returns (the records app)" for label in ENGINE_MODELS if label.startswith("records.")
    },
    "workforce.Service": "the HR extract; the admin raises the data version",
    "workforce.Team": "the HR extract; the admin raises the data version",
    "workforce.Worker": "the HR extract; the admin raises the data version",
    "workforce.Allocation": "the case management extract",
    "workforce.Supervision": "the HR extract",
    "workforce.PracticeObservation": "the HR extract; audits.services.editing raises the version on commit",
}
# Each update(), bulk_create() or bulk_update() of a model the engine or the pages read, by
# module and model, with why the versions still move.
BULK_WRITES = {
    (
        "feedback/importing.py",
        "Complaint",
        "bulk_create",
    ): "raises the data version after (bump_data_version)",
    ("audits/history.py", "Audit", "bulk_create"): "raises the content version after (versions.bump)",
    ("audits/history.py", "Moderation", "bulk_create"): "raises the content version after (versions.bump)",
    ("audits/services/programmes.py", "ProgrammeMember", "bulk_create"): (
        "in create_programme's transaction, after the programme's own save raised the content version"
    ),
    ("audits/services/programmes.py", "Audit", "bulk_create"): (
        "in draw_programme_sample's transaction, before the programme's save raises the content version"
    ),
    ("clinics/services.py", "ClinicException", "bulk_create"): (
        "in schedule_month's transaction, with the clinic's save raising the content version"
    ),
    ("performance/services.py", "PopulationEstimate", "bulk_create"): (
        "in set_population's transaction, with its SettingChange (the engine's settings version)"
    ),
    ("improvement/services.py", "Challenge", "update"): (
        "demo only: adopt_demo_challenges, run by records.demo while the demo is set up, before any page"
    ),
}
BULK = {"update", "bulk_create", "bulk_update"}


def _receivers(signal, model) -> set:
    sync, _ = signal._live_receivers(model)
    return set(sync)


def test_every_engine_table_raises_the_data_version_or_is_imported_only():
    raising = {engine_signals._changed}
    for label in ENGINE_MODELS:
        model = apps.get_model(label)
        signalled = raising <= _receivers(post_save, model) and raising <= _receivers(post_delete, model)
        assert signalled != (label in IMPORTED_ONLY), f"{label}: a save signal, or listed as imported only"


def test_the_admin_edits_no_engine_table_without_raising_the_version():
    from sightline.records.admin import FeedsTheEngine

    request = RequestFactory().get("/admin/")
    request.user = type("Superuser", (), {"is_active": True, "is_staff": True, "has_perm": lambda *a: True})()
    read = {"performance.LocalStandardSetting", "performance.IndicatorTarget", "records.Council"}
    for label in [*ENGINE_MODELS, *read]:
        model_admin = admin.site._registry.get(apps.get_model(label))
        if model_admin is None or isinstance(model_admin, FeedsTheEngine):
            continue
        writes = (
            model_admin.has_add_permission(request),
            model_admin.has_change_permission(request),
            model_admin.has_delete_permission(request),
        )
        assert not any(writes), f"{label}: edited in the admin with no version raised"


def test_the_imported_workforce_models_are_engine_tables():
    """web.versions.IMPORTED sends no content version for them: the data version must cover them."""
    for label in versions.IMPORTED - {"accounts.LoginCounter", "accounts.LoginFailure"}:
        assert label in ENGINE_MODELS, label


def _bulk_writes() -> set[tuple[str, str, str]]:
    """(module, model, method) for each bulk write on a chain rooted at a model's class name."""
    labels = [*ENGINE_MODELS]
    for name in versions.CONTENT_APPS:  # the sign-in counters change no page (versions.IMPORTED)
        labels += [
            m._meta.label
            for m in apps.get_app_config(name).get_models()
            if m._meta.label not in versions.IMPORTED
        ]
    names = {label.split(".")[1] for label in labels}
    found = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in BULK
            ):
                continue
            root, chain = node.func.value, []
            while isinstance(root, ast.Attribute | ast.Call):
                chain.append(getattr(root, "attr", None))
                root = root.value if isinstance(root, ast.Attribute) else root.func
            if isinstance(root, ast.Name) and root.id in names and "objects" in chain:
                found.add((path.relative_to(SRC).as_posix(), root.id, node.func.attr))
    return found


def test_every_bulk_write_is_listed_with_why_the_versions_still_move():
    found = _bulk_writes()
    assert found - set(BULK_WRITES) == set(), (
        "a bulk write sends no save signal: raise a version, then list it"
    )
    assert set(BULK_WRITES) - found == set(), "listed but gone: take it off the list"
    for (module, _, _), why in BULK_WRITES.items():
        for call in re.findall(r"\((bump_data_version|versions\.bump)\)", why):
            assert f"{call}()" in (SRC / module).read_text(), (module, call)


def _data_version() -> int:
    return Council.objects.values_list("data_version", flat=True).get()


@pytest.mark.django_db
def test_a_save_and_a_delete_of_each_signalled_engine_table_raise_the_data_version(council):  # noqa: F811
    saved, deleted = [], []
    for label in ENGINE_MODELS:
        model = apps.get_model(label)
        row = model.objects.order_by("pk").first()
        if label in IMPORTED_ONLY or row is None:
            continue
        with pytest.raises(_UndoError), transaction.atomic():
            before = _data_version()
            row.save()
            assert _data_version() != before, f"{label}: saved with no version raised"
            saved.append(label)
            # A row nothing protects (a course is kept while its training records are).
            row = model.objects.filter(**{f: None for f in _protected_by(model)}).order_by("pk").first()
            if row is not None:
                before = _data_version()
                row.delete()
                assert _data_version() != before, f"{label}: deleted with no version raised"
                deleted.append(label)
            raise _UndoError
    # The small council has complaints, compliments, surveys, sickness, training and courses.
    assert len(saved) >= 8 and len(deleted) >= 8, (saved, deleted)


def _protected_by(model) -> list[str]:
    """The reverse relations whose rows protect one of `model`'s rows from deletion."""
    from django.db.models import PROTECT

    return [
        relation.name
        for relation in model._meta.related_objects
        if getattr(relation, "on_delete", None) is PROTECT
    ]


class _UndoError(Exception):
    """Rolls the test's writes back."""
