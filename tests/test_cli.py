"""The `sightline` command run as a user runs it: in its own process, against the demo settings."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def test_data_commands_on_an_unmigrated_database_say_what_to_do(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sightline.settings.demo",
        "SIGHTLINE_VAR_DIR": str(tmp_path),
    }
    for command in (["indicators"], ["drift"], ["import", str(tmp_path / "any.xml")]):
        done = subprocess.run(
            [sys.executable, "-m", "sightline.cli", *command],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 1, (command, done.stderr)
        assert "run `sightline migrate` first" in done.stderr
        assert "Traceback" not in done.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, timeout: float = 60, **headers) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_serve_runs_gunicorn_with_compressed_static_files_and_stops_on_sigterm(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sightline.settings.demo",
        "SIGHTLINE_VAR_DIR": str(tmp_path),
    }
    generated = subprocess.run(
        [sys.executable, "-m", "sightline.cli", "generate", "--size", "0.02"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert generated.returncode == 0, generated.stderr
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sightline.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # so a failing test can stop gunicorn's processes with it
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 240
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                # gunicorn listens before its worker has warmed the caches: the request waits.
                status, _ = _get(f"{base}/sign-in/", timeout=120)
                break
            except OSError:  # not listening yet
                time.sleep(0.5)
        assert status == 200, server.poll()
        css_status, css = _get(f"{base}/static/govuk/govuk-frontend.min.css", **{"Accept-Encoding": "gzip"})
        assert css_status == 200
        assert css.get("Content-Encoding") == "gzip"  # compressed when collected, served as such
        # The GOV.UK package's Sass sources are not collected (nor served from where they lie).
        assert not list((tmp_path / "static").rglob("*.scss"))
        assert (tmp_path / "static" / "govuk" / "govuk-frontend.min.css").exists()
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        output = server.stdout.read()
        assert "Traceback" not in output
        assert "gunicorn" in output.lower()  # gunicorn's own start-up lines, not Django's runserver
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)  # the command, gunicorn and its workers
            server.wait()


def _session_pids(session: int) -> list[int]:
    from pathlib import Path

    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _cmdline(pid: int) -> bytes:
    from pathlib import Path

    return Path(f"/proc/{pid}/cmdline").read_bytes()


def _nice(pid: int) -> int:
    from pathlib import Path

    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def test_the_demo_answers_then_makes_its_clinics_and_a_killed_demo_leaves_nothing_behind(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sightline.settings.demo",
        "SIGHTLINE_VAR_DIR": str(tmp_path),
    }
    port = _free_port()
    command = ["demo", "--size", "0.02", "--port", str(port), "--workers", "1"]
    demo = subprocess.Popen(
        [sys.executable, "-m", "sightline.cli", *command],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    try:
        for line in demo.stdout:
            lines.append(line)
            if "clinic cycle is ready" in line:
                break
        output = "".join(lines)
        assert "Traceback" not in output, output
        # The static files were collected while the database was prepared, before the users.
        assert output.index("The static files are collected") < output.index("Creating the demo users")
        assert output.index("Serving on") < output.index("clinic cycle is ready")
        assert _get(f"http://127.0.0.1:{port}/sign-in/")[0] == 200
        assert len(_session_pids(demo.pid)) >= 4  # the demo, gunicorn, its worker, the job worker
        worker = [p for p in _session_pids(demo.pid) if _cmdline(p).endswith(b"sightline.cli\x00worker\x00")]
        assert worker and _nice(worker[0]) > _nice(demo.pid)  # the job worker yields to the server
        demo.send_signal(signal.SIGKILL)
        demo.wait()
        deadline = time.monotonic() + 60
        while _session_pids(demo.pid) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not _session_pids(demo.pid)  # gunicorn, its worker and the job worker died with it
    finally:
        if demo.poll() is None:
            demo.kill()
        if _session_pids(demo.pid):
            os.killpg(demo.pid, signal.SIGKILL)
