"""gunicorn's workers answer at once and warm the caches beside the requests."""

import logging
import threading
import time

from sightline import gunicorn_conf
from sightline.performance import engine_cache


class FakeWorker:
    pid = 1
    log = logging.getLogger("test-gunicorn")


def test_a_worker_is_ready_to_answer_before_the_dashboard_is_warm(monkeypatch):
    from sightline.web import warm

    release, warmed = threading.Event(), threading.Event()

    def slow_warm() -> bool:
        release.wait(30)  # a cold engine at council scale takes seconds
        warmed.set()
        return True

    monkeypatch.setattr(warm, "warm_caches", slow_warm)
    monkeypatch.setitem(engine_cache._cache, "serve_previous", False)
    started = time.monotonic()
    gunicorn_conf.post_worker_init(FakeWorker())
    assert time.monotonic() - started < 1  # gunicorn may hand it requests now
    assert not warmed.is_set() and engine_cache._cache["serve_previous"] is True
    [thread] = [t for t in threading.enumerate() if t.name == "sightline-warm"]
    release.set()
    thread.join(30)
    assert warmed.is_set()


def test_a_failed_warm_up_is_logged_and_the_worker_keeps_serving(monkeypatch, caplog):
    from sightline.web import warm

    def broken() -> bool:
        raise RuntimeError("no engine")

    monkeypatch.setattr(warm, "warm_caches", broken)
    with caplog.at_level(logging.ERROR, logger="test-gunicorn"):
        gunicorn_conf.post_worker_init(FakeWorker())
        deadline = time.monotonic() + 30
        while "warming" not in caplog.text and time.monotonic() < deadline:
            time.sleep(0.05)
    assert "warming the indicator caches failed" in caplog.text
