"""Jobs that failed before their page said what happened in staff words (jobs/failures.py) kept
the raw error (an exception's class, message or traceback, which can name files, settings or
code) and showed it. Each such job now says the generic staff message; the raw text goes to the
log, for whoever runs Sightline. A message in staff words is left as it is. The openings are
copied from jobs/failures.py as it was when this was written (a migration must not change with
the code): every message failures.py writes begins with one of them."""

import logging

from django.db import migrations

log = logging.getLogger("sightline.jobs.services")

OPENINGS = (
    "The DfE validators could not be installed",
    "The DfE validators are not installed",
    "The DfE validator stopped part-way",
    "The DfE validators installed here have no rules",
    "Sightline could read the files but the DfE validator could not",
    "The files could not be read",
    "Sightline holds no children's records yet",
    "The database could not finish the job's work",
    "The job took longer than the server allows",
    "The server ran out of memory",
    "Something went wrong that Sightline did not expect",
    "No worker finished this job",
)


def in_staff_words(text: str) -> bool:
    return text.startswith(OPENINGS)


def generic(pk: int) -> str:
    return (
        "Something went wrong that Sightline did not expect, so the job stopped and has no result. "
        "Try again; if it fails again, ask whoever runs Sightline to look in the server's log for "
        f"returns job {pk}, which has the details."
    )


def staff_words_for_old_failures(apps, schema_editor) -> None:
    Job = apps.get_model("jobs", "Job")
    raw = Job.objects.filter(status="failed").exclude(error="").only("pk", "error")
    for job in raw.iterator():
        if in_staff_words(job.error):
            continue
        log.warning(
            "returns job %s failed before its message was in staff words; it said:\n%s", job.pk, job.error
        )
        Job.objects.filter(pk=job.pk).update(error=generic(job.pk))


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0003_alter_job_kind"),
    ]

    operations = [migrations.RunPython(staff_words_for_old_failures, migrations.RunPython.noop)]
