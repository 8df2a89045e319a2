"""Uploads are streamed into the job's storage: a large file is never held whole in memory."""

from __future__ import annotations

import tracemalloc

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile

from sightline.jobs import services
from sightline.jobs.handlers import write_inputs
from sightline.jobs.models import JobFile, JobFileChunk

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def _upload(size: int) -> TemporaryUploadedFile:
    """An upload as Django hands a large one to the view: spooled to a temporary file."""
    upload = TemporaryUploadedFile("episodes.csv", "text/csv", size, "utf-8")
    block = (b"CHILD,DECOM\n" + b"A1,01/05/2025\n" * 4096)[: 64 * 1024]
    written = 0
    while written < size:
        upload.write(block[: size - written])
        written += len(block[: size - written])
    upload.seek(0)
    return upload


def test_a_40_mb_upload_is_stored_in_pieces_without_a_whole_copy_in_memory(tmp_path):
    upload = _upload(40 * MB)
    tracemalloc.start()
    job = services.enqueue("import", files=[(upload.name, upload)])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    stored = job.files.get()
    assert stored.size == 40 * MB
    assert JobFileChunk.objects.filter(file=stored).count() == 40 * MB // services.CHUNK_BYTES
    # One copy of the file would be 40 MB. Streaming holds the piece in hand and the database
    # driver's copies of it (about 14 MB on PostgreSQL, whatever the file's size).
    assert peak < 8 * services.CHUNK_BYTES, peak / MB
    tracemalloc.start()
    (path,) = write_inputs(job, tmp_path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 4 * services.CHUNK_BYTES, peak / MB
    upload.seek(0)
    assert path.read_bytes() == upload.read()


def test_bytes_and_file_objects_are_stored_alike(tmp_path):
    content = bytes(range(256)) * 20_000  # 5 MB: three pieces, the last one short
    with (tmp_path / "a.bin").open("wb") as handle:
        handle.write(content)
    with (tmp_path / "a.bin").open("rb") as handle:
        job = services.enqueue("import", files=[("a.csv", content), ("b.csv", handle)])
    first, second = job.files.order_by("name")
    assert first.read() == second.read() == content
    assert first.size == second.size == len(content)
    assert [len(c.data) for c in first.chunks.order_by("index")] == [2 * MB, 2 * MB, len(content) - 4 * MB]


def test_an_empty_file_is_stored_empty():
    job = services.enqueue("import", files=[("empty.csv", b"")])
    item = job.files.get()
    assert item.size == 0 and item.read() == b"" and item.role == JobFile.Role.INPUT
