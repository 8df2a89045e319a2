"""The job queue: enqueue, claim one job atomically, run it, re-queue jobs whose worker died.

The queue is the `Job` table (ADR 0006). A claim is a conditional UPDATE ... WHERE
status='queued' whose row count says whether this worker won, so two workers never run the
same job on SQLite or PostgreSQL; on PostgreSQL the candidate is also picked with
SELECT ... FOR UPDATE SKIP LOCKED so workers do not queue up behind each other's row locks.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path

from django.db import DatabaseError, close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone

from .failures import gave_up, staff_message
from .handlers import HANDLERS, Outcome
from .models import Job, JobFile, JobFileChunk

logger = logging.getLogger(__name__)

# Longer than any import or validation of a real return takes (the validator's own limit is an hour).
STALE_AFTER = timedelta(hours=3)
# A job whose worker died this many times is failed rather than tried again.
MAX_ATTEMPTS = 3
CLAIM_TRIES = 5
# Uploads are stored and read back in pieces of this size (a 100 MB upload is 50 rows).
CHUNK_BYTES = 2 * 1024 * 1024


def unique_names(names: Iterable[str]) -> list[str]:
    """Bare file names (no directories), made unique so each can be written beside the others."""
    seen: set[str] = set()
    out = []
    for number, raw in enumerate(names, 1):
        name = Path(str(raw).replace("\\", "/")).name.strip() or f"file-{number}"
        stem, suffix = Path(name).stem, Path(name).suffix
        candidate, n = name, 1
        while candidate.lower() in seen:
            n += 1
            candidate = f"{stem}-{n}{suffix}"
        seen.add(candidate.lower())
        out.append(candidate[:255])
    return out


def _pieces(content, size: int = CHUNK_BYTES) -> Iterable[bytes]:
    """An upload's bytes a piece at a time: from bytes, an uploaded file (`chunks()`), or a file object."""
    if isinstance(content, bytes | bytearray | memoryview):
        for start in range(0, len(content), size):
            yield bytes(content[start : start + size])
        return
    if hasattr(content, "chunks"):
        content.seek(0)
        yield from content.chunks(size)
        return
    while block := content.read(size):
        yield block


def store_file(job: Job, name: str, content, role: str = JobFile.Role.INPUT) -> JobFile:
    """Write a file into the job's storage piece by piece: no whole copy of it is held."""
    item = JobFile.objects.create(job=job, role=role, name=name, size=0)
    size = 0
    for index, piece in enumerate(_pieces(content)):
        JobFileChunk.objects.create(file=item, index=index, data=piece)
        size += len(piece)
        if connection.queries_logged and connection.queries_log:
            # With DEBUG on (the demo) Django keeps each query's text, here a whole piece of the file.
            connection.queries_log.pop()
    JobFile.objects.filter(pk=item.pk).update(size=size)
    item.size = size
    return item


def enqueue(
    kind: str, *, user=None, parameters: dict | None = None, files: Iterable[tuple[str, object]] = ()
) -> Job:
    """Queue a job with its input files, in one transaction so a worker never sees half of it.

    Each file is (name, content): bytes, or an uploaded file or file object, which is streamed
    into the database in CHUNK_BYTES pieces rather than read whole.
    """
    if kind not in HANDLERS:
        raise ValueError(f"no handler for jobs of kind {kind!r}")
    files = list(files)
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            user=user if getattr(user, "pk", None) else None,
            username=user.get_username() if getattr(user, "pk", None) else "",
            parameters=parameters or {},
        )
        for name, (_, content) in zip(unique_names(n for n, _ in files), files, strict=True):
            store_file(job, name, content)
    return job


def claim_next(now: datetime | None = None) -> Job | None:
    """Take the oldest queued job for this worker, or None when the queue is empty."""
    for _ in range(CLAIM_TRIES):
        with transaction.atomic():
            queued = Job.objects.filter(status=Job.Status.QUEUED).order_by("created_at", "pk")
            if connection.features.has_select_for_update_skip_locked:
                queued = queued.select_for_update(skip_locked=True)
            pk = queued.values_list("pk", flat=True).first()
            if pk is None:
                return None
            won = take(pk, now)
        if won:
            return Job.objects.get(pk=pk)
    return None  # other workers kept winning; the next poll tries again


def take(pk: int, now: datetime | None = None) -> bool:
    """Mark the job running if it is still queued; False when another worker got there first."""
    return bool(
        Job.objects.filter(pk=pk, status=Job.Status.QUEUED).update(
            status=Job.Status.RUNNING,
            started_at=now or timezone.now(),
            finished_at=None,
            attempts=F("attempts") + 1,
        )
    )


def run(job: Job) -> Job:
    """Run a claimed job; any exception is recorded on the job as its failure, never raised."""
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise LookupError(f"no handler for jobs of kind {job.kind!r}")
        with tempfile.TemporaryDirectory(prefix=f"sightline-job-{job.pk}-") as workdir:
            outcome = handler(job, Path(workdir))
    except Exception as error:
        # The detail (class, message, traceback) is for the log; the page gets staff words.
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        return _finish(job, Job.Status.FAILED, Outcome({}), staff_message(error, job))
    return _finish(job, Job.Status.DONE, outcome, "")


def _finish(job: Job, status: str, outcome: Outcome, error: str) -> Job:
    """Record the end, unless the job was re-queued meanwhile (then this late result is dropped)."""
    with transaction.atomic():
        mine = Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING, attempts=job.attempts).update(
            status=status, result=outcome.result, error=error[:10_000], finished_at=timezone.now()
        )
        if mine:
            JobFile.objects.bulk_create(
                JobFile(
                    job=job,
                    role=JobFile.Role.OUTPUT,
                    name=f.name,
                    content_type=f.content_type,
                    content=f.content,
                    size=len(f.content),
                )
                for f in outcome.files
            )
        else:
            logger.warning("job %s was re-queued while this worker ran it; its result is dropped", job.pk)
    job.refresh_from_db()
    return job


def requeue_stale(older_than: timedelta = STALE_AFTER, now: datetime | None = None) -> int:
    """Put back jobs left running past the timeout (their worker died); fail those tried too often."""
    cutoff = (now or timezone.now()) - older_than
    stale = Job.objects.filter(status=Job.Status.RUNNING, started_at__lt=cutoff)
    failed = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=Job.Status.FAILED,
        finished_at=now or timezone.now(),
        error=gave_up(MAX_ATTEMPTS, older_than),
    )
    requeued = stale.filter(attempts__lt=MAX_ATTEMPTS).update(status=Job.Status.QUEUED, started_at=None)
    if failed or requeued:
        logger.warning("stale jobs: %s re-queued, %s failed", requeued, failed)
    return requeued


def run_pending(stale_after: timedelta = STALE_AFTER) -> list[Job]:
    """Run queued jobs until none is left (what `sightline worker --once` does)."""
    requeue_stale(stale_after)
    done = []
    while (job := claim_next()) is not None:
        done.append(run(job))
    return done


def work(
    *,
    poll: float = 2.0,
    stale_after: timedelta = STALE_AFTER,
    should_stop: Callable[[], bool] = lambda: False,
) -> None:
    """The worker loop: claim and run jobs, sleep when the queue is empty, survive database outages."""
    while not should_stop():
        if not connection.in_atomic_block:
            close_old_connections()
        try:
            requeue_stale(stale_after)
            job = claim_next()
        except DatabaseError:
            logger.exception("the job queue could not be read; trying again in %ss", poll)
            job = None
        if job is not None:
            try:
                run(job)
            except DatabaseError:
                # The result could not be recorded; the job stays running and is re-queued when stale.
                logger.exception("job %s ran but its outcome could not be saved", job.pk)
            continue
        slept = 0.0
        while slept < poll and not should_stop():
            time.sleep(min(0.2, poll - slept))
            slept += 0.2
