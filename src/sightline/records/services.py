"""Writes to the record model."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from operator import itemgetter

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import F

from sightline.generator.dataset import Dataset

# Insert order: every table after the tables it refers to.
LOAD_ORDER = [
    "workforce.Service",
    "workforce.Team",
    "workforce.Worker",
    "records.Child",
    "records.Contact",
    "records.EarlyHelpAssessment",
    "records.CINEpisode",
    "records.Assessment",
    "records.StrategyDiscussion",
    "records.Section47Enquiry",
    "records.CPPlan",
    "records.ChildProtectionConference",
    "records.CoreGroup",
    "records.CINPlan",
    "records.Visit",
    "records.LookedAfterEpisode",
    "records.LookedAfterReview",
    "records.HealthCheck",
    "records.PersonalEducationPlan",
    "records.MissingEpisode",
    "records.CareLeaverContact",
    "records.AdoptionMilestones",
    "records.PrivateFosteringArrangement",
    "records.CareProceedings",
    "records.PreBirthReferral",
    "records.PreviousPermanence",
    "records.LookedAfterOutcome",
    "records.SocialWorkerEpisode",
    "workforce.Allocation",
    "workforce.Supervision",
    "workforce.PracticeObservation",
    # The audit programme's history (sightline.generator.audits); cleared with the records.
    "audits.AuditTool",
    "audits.AuditToolVersion",
    "audits.AuditProgramme",
    "audits.ProgrammeMember",
    "audits.Audit",
    "audits.Moderation",
    "audits.AuditAction",
    "audits.SafeguardingConcern",
    "audits.CalibrationSession",
    "audits.CalibrationGrade",
    # Improvement and learning (sightline.generator.improvement); cleared with the records.
    "improvement.Priority",
    "improvement.Inspection",
    "improvement.InspectionRecommendation",
    "improvement.PracticeReview",
    "improvement.Finding",
    "improvement.Recommendation",
    "improvement.AgencyResponse",
    "improvement.ProgressUpdate",
    "improvement.Challenge",
    "improvement.PlanAction",
    "improvement.DisputeResolution",
    # Performance clinics (the demo's cycle, sightline.clinics.demo); cleared with the records.
    "clinics.Clinic",
    "clinics.ClinicException",
    "clinics.ClinicAction",
    # Workforce health (sightline.generator.workforce_health); cleared with the records.
    "workforce.Establishment",
    "workforce.Departure",
    "workforce.SicknessAbsence",
    "workforce.Course",
    "workforce.TrainingRecord",
    "workforce.StaffSurveyResult",
    # Complaints, compliments and feedback (sightline.generator.feedback); cleared with the records.
    "feedback.SurveyQuestion",
    "feedback.Complaint",
    "feedback.Compliment",
    "feedback.SurveyResponse",
    "feedback.SurveyAnswer",
]


class DatabaseNotEmptyError(Exception):
    pass


def _converter(field: models.Field) -> Callable:
    if isinstance(field, models.JSONField):
        return json.dumps
    if isinstance(field, models.DecimalField | models.DateTimeField):
        return lambda value: field.get_db_prep_save(value, connection)
    return lambda value: value


# Fields whose values need converting for the database; the rest go in as generated.
CONVERTED = models.JSONField | models.DecimalField | models.DateTimeField


def _insert(model: type[models.Model], rows: list[dict], batch: int = 5000) -> None:
    fields = list(model._meta.concrete_fields)
    columns = [f.attname for f in fields]
    missing = {c for c in columns if c not in rows[0]} if rows else set()
    # Optional fields the generator does not make yet (a return's newer items) are left blank.
    blank = {
        f.attname: None if f.null else ""
        for f in fields
        if f.attname in missing and (f.null or (f.blank and f.empty_strings_allowed))
    }
    if missing - set(blank):
        raise ValueError(f"{model._meta.label}: generated rows lack {sorted(missing - set(blank))}")
    if blank:
        rows = [{**blank, **row} for row in rows]
    values = _row_values(fields, columns)
    if connection.vendor == "postgresql":
        _copy(model, fields, values, rows)
    else:
        _insert_rows(model, fields, values, rows, batch)


def _row_values(fields: list[models.Field], columns: list[str]) -> Callable[[dict], tuple | list]:
    """A row's values in column order, JSON, decimals and datetimes converted for the database."""
    converted = [(i, _converter(f)) for i, f in enumerate(fields) if isinstance(f, CONVERTED)]
    pick = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    if not converted:
        return pick

    def values(row: dict) -> list:
        out = list(pick(row))
        for i, convert in converted:
            out[i] = convert(out[i])
        return out

    return values


def _insert_rows(model, fields, values: Callable[[dict], list], rows: list[dict], batch: int) -> None:
    """SQLite: executemany in batches on the driver's own cursor (not Django's wrapper, which
    rewrites the SQL and, with DEBUG on, times each batch: most of an import's writing)."""
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["?"] * len(fields)),
    )
    connection.ensure_connection()
    # Django's errors, as its own cursor gives them: callers turn those into messages for staff.
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            for offset in range(0, len(rows), batch):
                cursor.executemany(sql, [values(row) for row in rows[offset : offset + batch]])
        finally:
            cursor.close()


def _copy(model, fields, values: Callable[[dict], list], rows: list[dict]) -> None:
    """PostgreSQL's COPY: an order of magnitude faster than row inserts for a whole council."""
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    )
    connection.ensure_connection()
    with (
        connection.wrap_database_errors,
        connection.connection.cursor() as cursor,
        cursor.copy(sql) as copy,
    ):
        for row in rows:
            copy.write_row(values(row))


def database_is_empty() -> bool:
    from .models import Child

    return not Child.objects.exists()


def clear_records() -> None:
    """Delete every record and workforce row (for `generate --replace`).

    The fast raw delete skips Django's cascades, so rows of other apps that point at these
    records (an import's reported Annex A rows, the access log) are dealt with first, as their
    foreign keys say: deleted with a cascade, unlinked otherwise.
    """
    cleared = [apps.get_model(label) for label in [*LOAD_ORDER, "records.Council"]]
    for model in apps.get_models():
        if model in cleared:
            continue
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model in cleared:
                linked = model.objects.filter(**{f"{field.name}__isnull": False})
                if field.remote_field.on_delete is models.CASCADE:
                    linked._raw_delete(connection.alias)
                else:
                    linked.update(**{field.name: None})
    from sightline.registers.services import forget

    forget(cleared)  # the change history of rows about to go, so a new row never inherits it
    for model in reversed(cleared):
        model.objects.all()._raw_delete(connection.alias)
    # Which record each row of an SSD extract became (sightline.imports.ssd): gone with them.
    apps.get_model("imports", "SSDKey").objects.all()._raw_delete(connection.alias)


@transaction.atomic
def load_dataset(
    data: Dataset, *, replace: bool = False, progress: Callable[[str, int, int], None] | None = None
) -> dict[str, int]:
    """Insert a generated council in one transaction: all of it or none of it."""
    from .models import Council

    if not database_is_empty():
        if not replace:
            raise DatabaseNotEmptyError(
                "The database already holds records; use --replace to delete them and load anew."
            )
        clear_records()
    meta = data.meta
    previous = Council.objects.order_by("-data_version").values_list("data_version", flat=True).first()
    Council.objects.all().delete()
    Council.objects.create(
        name=meta["council_name"],
        la_code=meta["la_code"],
        population_0_17=meta["population"],
        reference_date=meta["reference_date"],
        synthetic_seed=meta.get("seed"),
        data_version=(previous or _fresh_version_base()) + 1,
    )
    loaded = {}
    for index, label in enumerate(LOAD_ORDER):
        rows = data.rows(label)
        if rows:
            _insert(apps.get_model(label), rows)
        loaded[label] = len(rows)
        if progress:
            progress(label, index + 1, len(LOAD_ORDER))
    _reset_sequences()
    analyze_records()
    return loaded


def analyze_records() -> None:
    """After a bulk load or import on PostgreSQL: refresh the planner's statistics of the record
    tables. Until autovacuum reaches them (never, where it is off or lags behind, as on some
    councils' servers) a freshly loaded council is planned as near-empty tables, and a child's
    page looked its rows up by sequential scans. Inside a transaction it counts that transaction's
    rows and commits with them; SQLite plans well enough without it."""
    if connection.vendor != "postgresql":
        return
    labels = [*LOAD_ORDER, "records.Council", "imports.SSDKey"]
    quote = connection.ops.quote_name
    tables = ", ".join(quote(apps.get_model(label)._meta.db_table) for label in labels)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def _fresh_version_base() -> int:
    """A random start for an empty database, so two councils loaded one after the other into
    emptied databases (tests, re-created demos) never share a version and a stale cache."""
    return secrets.randbelow(2**30)


def bump_data_version() -> int:
    """Mark the records as changed (after an import), so cached indicator frames are rebuilt."""
    from .models import Council

    Council.objects.update(data_version=F("data_version") + 1)
    return Council.objects.values_list("data_version", flat=True).first() or 0


def _reset_sequences(extra: tuple[str, ...] = ()) -> None:
    models_ = [apps.get_model(label) for label in [*LOAD_ORDER, *extra]]
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def insert_rows(label: str, rows: list[dict]) -> None:
    """Insert rows (field -> value, ids given) the fast way a generated council is loaded; the
    caller resets the id sequences (`reset_sequences`) when it is done."""
    _insert(apps.get_model(label), rows)


def reset_sequences(*extra: str) -> None:
    """After `insert_rows`: the next id of each table (and of `extra` labels) follows the rows given."""
    _reset_sequences(extra)


def fresh_version_base() -> int:
    return _fresh_version_base()
