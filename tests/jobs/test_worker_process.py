"""`sightline worker` as its own process, as the demo and production run it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from sightline.cli import start_worker, stop_worker


@pytest.fixture
def demo_env(tmp_path, monkeypatch):
    """Demo settings on a fresh SQLite database in a temporary directory, migrated."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sightline.settings.demo",
        "SIGHTLINE_VAR_DIR": str(tmp_path),
    }
    subprocess.run(
        [sys.executable, "-m", "sightline.cli", "migrate"], env=env, check=True, capture_output=True
    )
    for key in ("DJANGO_SETTINGS_MODULE", "SIGHTLINE_VAR_DIR"):
        monkeypatch.setenv(key, env[key])
    return env


def test_the_worker_on_an_unmigrated_database_says_what_to_do(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sightline.settings.demo",
        "SIGHTLINE_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-m", "sightline.cli", "worker", "--once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "run `sightline migrate` first" in done.stderr


def test_the_demos_worker_runs_until_stopped_and_then_leaves_cleanly(demo_env):
    # As start_worker runs it, with its output read here: it is stopped once it says it is
    # waiting (on a busy machine starting up takes longer than any fixed sleep).
    worker = subprocess.Popen(
        [sys.executable, "-m", "sightline.cli", "worker"],
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert "waiting for jobs" in worker.stdout.readline()
        time.sleep(1)
        assert worker.poll() is None, "the worker stopped on its own"
    finally:
        stop_worker(worker)
        worker.stdout.close()
    assert worker.returncode == 0


def test_start_worker_runs_the_worker_command(demo_env):
    worker = start_worker()
    try:
        assert worker.args == [sys.executable, "-m", "sightline.cli", "worker"]
    finally:
        worker.kill()
        worker.wait()


def test_the_worker_once_exits_on_an_empty_queue(demo_env):
    done = subprocess.run(
        [sys.executable, "-m", "sightline.cli", "worker", "--once"],
        env=demo_env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
