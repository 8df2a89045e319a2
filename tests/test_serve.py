"""`sightline serve`'s gunicorn dies with the command that started it, even when that is SIGKILLed."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

APP = "def app(environ, start_response):\n    start_response('200 OK', [])\n    return [b'up']\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_gunicorn_and_its_workers_stop_when_serve_is_killed(tmp_path):
    (tmp_path / "tinyapp.py").write_text(APP)
    port = _free_port()
    gunicorn = [sys.executable, "-m", "gunicorn", "--chdir", str(tmp_path), "--bind", f"127.0.0.1:{port}"]
    runner = textwrap.dedent(
        f"""
        from sightline.serve import run_gunicorn
        run_gunicorn({[*gunicorn, "--workers", "2", "tinyapp:app"]!r})
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", runner], start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    assert response.read() == b"up"
                break
            except OSError:
                time.sleep(0.2)
        [master] = _children(parent.pid)
        while len(_children(master)) < 2 and time.monotonic() < deadline:  # the second may boot later
            time.sleep(0.2)
        workers = _children(master)
        assert len(workers) == 2
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(_alive(p) for p in [master, *workers]):
            time.sleep(0.2)
        assert not [p for p in [master, *workers] if _alive(p)]
    finally:
        if parent.poll() is None:
            parent.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(parent.pid, signal.SIGKILL)  # anything left, when the test fails


def test_a_child_started_after_its_parent_died_stops_at_once():
    from sightline.serve import die_with_parent

    # Told to expect a parent that is not its own (as if the parent had died before prctl ran).
    child = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(60)"], preexec_fn=die_with_parent(parent=1)
    )
    assert child.wait(timeout=30) == -signal.SIGTERM
