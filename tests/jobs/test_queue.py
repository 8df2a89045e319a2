"""The queue itself: enqueue, claim once only, run, record failures, re-queue jobs whose worker died."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from sightline.cli import main
from sightline.jobs import services
from sightline.jobs.handlers import HANDLERS, Outcome, OutputFile
from sightline.jobs.models import Job, JobFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def echo(monkeypatch):
    """A handler that returns its input files' names and sizes and one output file."""

    def handle(job, workdir):
        inputs = list(job.files.filter(role=JobFile.Role.INPUT))
        result = {"names": [f.name for f in inputs], "bytes": sum(f.size for f in inputs)}
        return Outcome(result, [OutputFile("echo.csv", b"".join(f.read() for f in inputs))])

    monkeypatch.setitem(HANDLERS, "echo", handle)
    return handle


@pytest.fixture
def boom(monkeypatch):
    def handle(job, workdir):
        raise RuntimeError(f"the disk caught fire during job {job.pk}")

    monkeypatch.setitem(HANDLERS, "boom", handle)


def test_a_job_is_queued_with_its_files_and_runs_to_done(echo):
    job = services.enqueue("echo", parameters={"year": 2026}, files=[("a.csv", b"1,2\n"), ("b.csv", b"3\n")])
    assert job.status == Job.Status.QUEUED and job.attempts == 0
    claimed = services.claim_next()
    assert claimed.pk == job.pk and claimed.status == Job.Status.RUNNING and claimed.attempts == 1
    done = services.run(claimed)
    assert done.status == Job.Status.DONE and done.finished_at >= done.started_at
    assert done.result == {"names": ["a.csv", "b.csv"], "bytes": 6}
    output = JobFile.objects.get(job=job, role=JobFile.Role.OUTPUT)
    assert (
        bytes(output.content) == b"1,2\n3\n"
        and output.size == 6
        and output.content_type.startswith("text/csv")
    )


def test_uploaded_names_lose_their_folders_and_stay_unique(echo):
    job = services.enqueue(
        "echo", files=[("C:\\exports\\episodes.csv", b"x"), ("../episodes.csv", b"y"), ("", b"z")]
    )
    names = list(job.files.order_by("pk").values_list("name", flat=True))
    assert names == ["episodes.csv", "episodes-2.csv", "file-3"]


def test_an_unknown_kind_cannot_be_queued():
    with pytest.raises(ValueError, match="no handler"):
        services.enqueue("teleport")


def test_jobs_are_claimed_oldest_first_and_each_once(echo):
    first = services.enqueue("echo")
    second = services.enqueue("echo")
    assert services.claim_next().pk == first.pk
    assert services.claim_next().pk == second.pk
    assert services.claim_next() is None
    assert set(Job.objects.values_list("status", flat=True)) == {Job.Status.RUNNING}


def test_two_workers_picking_the_same_job_only_one_takes_it(echo):
    job = services.enqueue("echo")
    assert services.take(job.pk) is True
    assert services.take(job.pk) is False  # the second worker's conditional UPDATE matches no row
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and job.attempts == 1


def test_a_failing_handler_fails_its_job_and_the_next_job_still_runs(echo, boom, caplog):
    broken = services.enqueue("boom")
    fine = services.enqueue("echo", files=[("a.csv", b"a")])
    ran = services.run_pending()
    assert [j.pk for j in ran] == [broken.pk, fine.pk]
    broken.refresh_from_db()
    fine.refresh_from_db()
    assert broken.status == Job.Status.FAILED
    # The page's words say what to do; the raw error is in the log, not on the job.
    assert "did not expect" in broken.error and "RuntimeError" not in broken.error
    assert "RuntimeError" in caplog.text and f"during job {broken.pk}" in caplog.text
    assert not broken.files.filter(role=JobFile.Role.OUTPUT).exists()
    assert fine.status == Job.Status.DONE


def test_a_job_whose_kind_lost_its_handler_fails_cleanly(echo, monkeypatch, caplog):
    job = services.enqueue("echo")
    monkeypatch.delitem(HANDLERS, "echo")
    done = services.run(services.claim_next())
    assert done.pk == job.pk and done.status == Job.Status.FAILED and "did not expect" in done.error
    assert "no handler" in caplog.text


def test_a_job_left_running_past_the_timeout_is_queued_again(echo):
    job = services.enqueue("echo")
    long_ago = timezone.now() - timedelta(hours=5)
    first_try = services.claim_next(now=long_ago)
    recent = services.enqueue("echo")
    services.claim_next()  # running, but not for long
    assert services.requeue_stale(timedelta(hours=3)) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.QUEUED and job.started_at is None
    assert Job.objects.get(pk=recent.pk).status == Job.Status.RUNNING

    second_try = services.claim_next()
    assert second_try.pk == job.pk and second_try.attempts == 2
    # The first worker was only slow: its late result must not overwrite the second run's.
    services.run(first_try)
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and not job.files.filter(role=JobFile.Role.OUTPUT).exists()
    assert services.run(second_try).status == Job.Status.DONE
    assert job.files.filter(role=JobFile.Role.OUTPUT).count() == 1


def test_a_job_that_keeps_killing_its_worker_is_failed_not_retried_forever(echo):
    job = services.enqueue("echo")
    long_ago = timezone.now() - timedelta(hours=5)
    for _ in range(services.MAX_ATTEMPTS):
        services.requeue_stale(timedelta(hours=3))
        assert services.claim_next(now=long_ago).pk == job.pk
    services.requeue_stale(timedelta(hours=3))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.attempts == services.MAX_ATTEMPTS
    assert f"{services.MAX_ATTEMPTS} tries" in job.error
    assert services.claim_next() is None


def test_the_worker_command_drains_the_queue_once(echo, capsys):
    jobs = [services.enqueue("echo", files=[(f"{n}.csv", b"x" * n)]) for n in (1, 2, 3)]
    assert main(["worker", "--once"]) == 0
    out = capsys.readouterr().out
    for job in jobs:
        job.refresh_from_db()
        assert job.status == Job.Status.DONE and job.result["bytes"] == job.files.get(role="input").size
        assert f"job {job.pk} (echo): Done" in out
    assert not Job.objects.filter(status=Job.Status.QUEUED).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_never_claim_the_same_job(echo):
    if connection.vendor != "postgresql":
        pytest.skip("needs a database with row locks shared between connections (PostgreSQL)")
    queued = {services.enqueue("echo").pk for _ in range(30)}
    claims: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            while (job := services.claim_next()) is not None:
                with lock:
                    claims.append(job.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claims) == sorted(queued)
    assert set(Job.objects.values_list("attempts", flat=True)) == {1}


def test_jobs_show_read_only_in_the_admin(echo, admin_client):
    job = services.enqueue("echo", files=[("a.csv", b"a")])
    services.run_pending()
    listing = admin_client.get("/admin/jobs/job/")
    assert listing.status_code == 200 and "echo" in listing.content.decode()
    detail = admin_client.get(f"/admin/jobs/job/{job.pk}/change/")
    assert detail.status_code == 200 and "echo.csv" in detail.content.decode()
    assert admin_client.get("/admin/jobs/job/add/").status_code == 403
