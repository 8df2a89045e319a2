"""Benchmark: peak memory of a web process receiving a large upload on the Returns page.

Starts the application under gunicorn (one sync worker, demo settings, an empty SQLite
database in a temporary directory), signs in as a performance analyst and posts a file of
`--mb` megabytes (default 98) to "import", streaming it from disk over the socket; then
reads the worker's peak resident memory (VmHWM) from /proc and prints it with the ratio to
the file's size. `--src DIR` runs another checkout's code (e.g. main before a change) for
a before/after comparison. Runs with DEBUG off, as production does (SIGHTLINE_DEBUG=1 for
the demo's setting). Not part of CI.

    .venv/bin/python bench/uploads.py [--mb 98] [--src /path/to/checkout/src] [--port 8179]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "bench-analyst", "bench-uploads-2026-password"
SETUP = """
from django.contrib.auth import get_user_model
from sightline.accounts.models import StaffProfile
user = get_user_model().objects.create_user({user!r}, password={password!r})
StaffProfile.objects.create(user=user, role="performance_analyst")
"""


def _vm(pid: int, key: str) -> int:
    """A /proc/PID/status figure in kB (VmHWM: peak resident memory)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


class Session:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers=None, length=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if length is not None:
            headers["Content-Length"] = str(length)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        conn.close()
        return response.status, text

    def csrf(self, path: str) -> str:
        _, page = self.request("GET", path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return found.group(1) if found else ""


def multipart(token: str, upload: Path, boundary: str):
    """The form's parts, with the file streamed from disk in 1 MB blocks (never built whole)."""
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="import-files"; '
        f'filename="{upload.name}"\r\nContent-Type: text/csv\r\n\r\n'
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()

    def parts():
        yield head
        with upload.open("rb") as handle:
            while block := handle.read(1 << 20):
                yield block
        yield tail

    return parts(), len(head) + upload.stat().st_size + len(tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=98)
    parser.add_argument("--src", default=str(ROOT / "src"))
    parser.add_argument("--port", type=int, default=8179)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "SIGHTLINE_VAR_DIR": var,
            "DJANGO_SETTINGS_MODULE": "sightline.settings.demo",
            "PYTHONPATH": args.src,
            "SIGHTLINE_DEBUG": os.environ.get("SIGHTLINE_DEBUG", "0"),
        }
        python = sys.executable
        subprocess.run([python, "-m", "django", "migrate", "-v", "0"], env=env, check=True)
        setup = SETUP.format(user=USER, password=PASSWORD)
        subprocess.run([python, "-m", "django", "shell", "-c", setup], env=env, check=True)
        upload = Path(var) / "episodes.csv"
        row = b"A1,01/05/2025,S,C2,N1,U4,PR1,,,,DE1 1AA,DE2 2BB,XXXXXXX\n"
        with upload.open("wb") as handle:
            handle.write(
                b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
            )
            for _ in range(int(args.mb * 1024 * 1024) // len(row)):
                handle.write(row)
        size_mb = upload.stat().st_size / 1_048_576
        server = subprocess.Popen(
            [
                python,
                "-m",
                "gunicorn",
                "sightline.wsgi",
                "--workers",
                "1",
                "--threads",
                "1",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--timeout",
                "600",
            ],
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            session = Session(args.port)
            for _ in range(100):
                time.sleep(0.2)
                try:
                    token = session.csrf("/sign-in/")
                    break
                except OSError:
                    continue
            form = f"csrfmiddlewaretoken={token}&username={USER}&password={PASSWORD}"
            session.request("POST", "/sign-in/", form, {"Content-Type": "application/x-www-form-urlencoded"})
            token = session.csrf("/returns/")
            worker = int(subprocess.check_output(["pgrep", "-P", str(server.pid)]).split()[0])
            before = _vm(worker, "VmHWM")
            boundary = uuid.uuid4().hex
            body, length = multipart(token, upload, boundary)
            started = time.perf_counter()
            status, _ = session.request(
                "POST",
                "/returns/import/",
                body,
                {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": "http://127.0.0.1/"},
                length,
            )
            took = time.perf_counter() - started
            peak = _vm(worker, "VmHWM")
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"code from {args.src}")
    print(f"  upload of {size_mb:.0f} MB answered {status} in {took:.1f}s")
    print(
        f"  web worker peak memory (VmHWM) {peak / 1024:.0f} MB, {before / 1024:.0f} MB before the upload: "
        f"grew {(peak - before) / 1024:.0f} MB = {(peak - before) / 1024 / size_mb:.2f}x the file"
    )


if __name__ == "__main__":
    main()
