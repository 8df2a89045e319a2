"""`sightline serve`: the web application under gunicorn, as production runs it, or Django's
development server (`--dev`) for working on the code.

gunicorn's workers build the indicator engine and the dashboard in the background from their start
(`gunicorn_conf.post_worker_init`), so the demo's first visitor does not wait for them, and
several workers answer at once where the development server answers one request at a time.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

STAMP = ".sightline-collected"
# GOV.UK Frontend ships its Sass, source maps, Nunjucks templates and ES modules beside the built
# CSS, fonts and images the pages use: collecting and compressing those 2,000-odd files at every
# start would cost seconds for nothing a browser asks for. (Passed to collectstatic rather than set
# on an app config: pytest-django's live server serves static files only when INSTALLED_APPS names
# django.contrib.staticfiles itself.)
SOURCES = [
    "*.scss",
    "*.map",
    "*.njk",
    "*.mjs",
    "*.md",
    "*.yaml",
    "components/*",
    "core/*",
    "helpers/*",
    "objects/*",
    "overrides/*",
    "settings/*",
    "tools/*",
    "utilities/*",
    "i18n*",
    "common/*",
    "errors/*",
    "macros/*",
]


def collect_static(say=None) -> bool:
    """Collect and compress the static files for WhiteNoise, unless the same files were
    collected last time (compressing them again would cost seconds at every start). `say` is
    told when it collects; True when it did."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    root = getattr(settings, "STATIC_ROOT", None)
    if not root:
        return False
    ignore = [*apps.get_app_config("staticfiles").ignore_patterns, *SOURCES]
    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(ignore):
            source = Path(storage.path(path))
            stat = source.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    stamp = Path(root) / STAMP
    if stamp.exists() and stamp.read_text() == digest.hexdigest():
        return False
    if say:
        say("Collecting and compressing the static files (first run, or after an upgrade)...")
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=SOURCES)
    stamp.write_text(digest.hexdigest())
    return True


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "sightline.wsgi",
        "--config",
        "python:sightline.gunicorn_conf",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
    ]


PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int | None = None, nice: int = 0):
    """For Popen's preexec_fn (Linux): the child is sent SIGTERM when the process that started it
    dies, even by SIGKILL, so a killed `sightline serve` or demo leaves no gunicorn or job worker
    behind (gunicorn's workers leave when their master does); where prctl is missing, only `nice`.
    `nice`: run the child at a lower priority (the demo's background helpers yield to the server)."""
    parent = os.getpid() if parent is None else parent

    def arrange() -> None:
        if nice:
            os.nice(nice)
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            return
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signal.SIGTERM)

    return arrange


def run_gunicorn(command: list[str]) -> int:
    """gunicorn as a child process; SIGTERM or Ctrl-C here stops it gracefully (its workers finish
    the requests in hand), and its exit status is ours. A SIGKILL here stops it too."""
    server = subprocess.Popen(command, env=os.environ.copy(), preexec_fn=die_with_parent())

    def forward(signum, frame):
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)

    previous = {sig: signal.signal(sig, forward) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        return server.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
