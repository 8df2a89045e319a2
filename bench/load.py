"""Load benchmark: 50 concurrent signed-in users against gunicorn on PostgreSQL.

Builds a PostgreSQL database `sightline_bench` with the default-size council (unless
--reuse), starts gunicorn on 127.0.0.1 with the demo settings pointed at PostgreSQL, signs
in one user per virtual user, and requests the dashboard, an indicator drill-down, a
child's page, a team's page, the demand page and a team manager's home (My team, asked as
the demo team manager: each virtual user holds a session for that account too) in turn.
Prints the machine's load, the workers' CPU per request (from /proc, comparable under any
load), then p50 and p95 per page and the p95 against the 150 ms aim
(#18). Traffic goes to 127.0.0.1 only; the
run is bounded in requests and time. Not part of CI. SIGHTLINE_BENCH_DB and
SIGHTLINE_BENCH_PORT name another database and port, so two runs on one machine do not collide.

Usage: python bench/load.py [--users 50] [--requests 20] [--think 1.0] [--reuse] [--workers 4]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
PORT = int(os.environ.get("SIGHTLINE_BENCH_PORT", "8765"))
DB = os.environ.get("SIGHTLINE_BENCH_DB", "sightline_bench")
AIM_MS = 150
# Pages asked as another demo account than the director: name -> (username, path).
AS_OTHERS = {"my-team": ("team-manager", "/")}


def env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sightline.settings.demo",
        "SIGHTLINE_DEMO_POSTGRES": "1",
        "PGDATABASE": DB,
        "PGHOST": os.environ.get("PGHOST", "127.0.0.1"),
        "SIGHTLINE_DEBUG": "0",
        "SIGHTLINE_VAR_DIR": str(ROOT / "var" / "bench"),
    }


def prepare(users: int) -> None:
    import psycopg

    with psycopg.connect(f"host={env()['PGHOST']} user=postgres dbname=test", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB}")
        conn.execute(f"CREATE DATABASE {DB}")
    sightline = str(ROOT / ".venv" / "bin" / "sightline")
    subprocess.run([sightline, "generate", "--seed", "1", "--no-progress"], env=env(), check=True)
    code = (
        "import django; django.setup()\n"
        "from django.conf import settings; settings.SIGHTLINE_ALLOW_DEMO_USERS = True\n"
        "from sightline.records.demo import create_demo_accounts\n"
        "from sightline.web.selectors import as_at\n"
        "create_demo_accounts(as_at())\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env(), check=True)


class Session:
    def __init__(self, timeout: float = 30) -> None:
        self.cookies: dict[str, str] = {}
        self.timeout = timeout  # warming up, a worker builds the indicator engine first

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, str, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": f"http://{HOST}:{PORT}{path}",
                }
            )
        started = time.perf_counter()
        conn = http.client.HTTPConnection(HOST, PORT, timeout=self.timeout)  # the server may close idle ones
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        elapsed = time.perf_counter() - started
        conn.close()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text, elapsed

    def sign_in(self, username: str) -> None:
        _, page, _ = self.request("GET", "/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": f"demo-{username}-2026",
                "next": "/",
            }
        )
        status, _, _ = self.request("POST", "/sign-in/", body)
        if status != 302:
            raise RuntimeError(f"sign-in failed for {username}: {status}")


def targets() -> dict[str, str]:
    session = Session(timeout=300)
    session.sign_in("director")
    _, home, _ = session.request("GET", "/")
    indicator = re.search(r'href="(/indicators/[^/"]+/)', home)
    _, children, _ = session.request("GET", "/children/")
    child = re.search(r'href="(/children/\d+/)"', children)
    _, teams, _ = session.request("GET", "/teams/")
    team = re.search(r'href="(/teams/\d+/)"', teams)
    found = {"home": "/"}
    if indicator:
        found["drill-down"] = indicator.group(1) + "?period=rolling_12"
    if child:
        found["child"] = child.group(1)
    if team:
        found["team"] = team.group(1)
    found["demand"] = "/demand/"
    found.update({name: path for name, (_, path) in AS_OTHERS.items()})
    return found


def session_for(name: str, timeout: float = 30) -> Session:
    """A session signed in as the account that asks page `name`: the director unless AS_OTHERS
    names another."""
    session = Session(timeout)
    session.sign_in(AS_OTHERS.get(name, ("director", ""))[0])
    return session


def signed_in_as(pages: dict[str, str], timeout: float = 30) -> dict[str, Session]:
    """Each page's session: the director's, or the account AS_OTHERS names (one sign-in each)."""
    director = Session(timeout)
    director.sign_in("director")
    found = dict.fromkeys(pages, director)
    found.update({name: session_for(name, timeout) for name in AS_OTHERS})
    return found


def user_loop(
    sessions: dict[str, Session],
    pages: dict[str, str],
    requests: int,
    results: dict[str, list[float]],
    errors: list[str],
    start: threading.Barrier,
    deadline: float,
    think: float,
) -> None:
    """One virtual user: already signed in (password hashing is not what is measured)."""
    start.wait()
    try:
        for index in range(requests):
            if time.perf_counter() > deadline:
                return
            name = list(pages)[index % len(pages)]
            status, _, elapsed = sessions[name].request("GET", pages[name])
            if status != 200:
                errors.append(f"{name}: HTTP {status}")
            results[name].append(elapsed)
            time.sleep(think * (0.5 + (index * 7919 % 100) / 100))
    except Exception as error:
        errors.append(repr(error))


def server_cpu(master: int) -> float:
    """CPU seconds (user and system) the gunicorn workers have used so far: the children of
    `master` read from /proc (Linux), 0.0 where there is none."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == master:  # fields after the name: state, ppid, ... utime (12), stime
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="requests per user")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="seconds a user spends on a page before the next (0: back to back)",
    )
    parser.add_argument("--reuse", action="store_true", help="reuse the database from a previous run")
    args = parser.parse_args()
    if not args.reuse:
        prepare(args.users)
    load_before = f"{os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)"
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "sightline.wsgi",
            "--config",
            "python:sightline.gunicorn_conf",
            "--workers",
            str(args.workers),
            "--threads",
            "2",
            "--bind",
            f"{HOST}:{PORT}",
            "--log-level",
            "warning",
        ],
        env={**env(), "DJANGO_SETTINGS_MODULE": "sightline.settings.demo"},
    )
    try:
        for _ in range(60):
            try:
                http.client.HTTPConnection(HOST, PORT, timeout=1).request("GET", "/sign-in/")
                break
            except OSError:
                time.sleep(0.5)
        pages = targets()
        for name, path in pages.items():  # warm each worker's caches
            for _ in range(args.workers * 2):
                session_for(name, timeout=300).request("GET", path)
        results: dict[str, list[float]] = {name: [] for name in pages}
        errors: list[str] = []
        sessions = []
        for _ in range(args.users):
            sessions.append(signed_in_as(pages))
        start = threading.Barrier(args.users + 1, timeout=60)
        deadline = time.perf_counter() + 300
        threads = [
            threading.Thread(
                target=user_loop,
                args=(session, pages, args.requests, results, errors, start, deadline, args.think),
            )
            for session in sessions
        ]
        for thread in threads:
            thread.start()
        start.wait()
        started, cpu = time.perf_counter(), server_cpu(server.pid)
        for thread in threads:
            thread.join()
        wall, cpu = time.perf_counter() - started, server_cpu(server.pid) - cpu
    finally:
        server.terminate()
        server.wait(timeout=60)  # a loaded machine takes a while to stop four workers
    total = sum(len(v) for v in results.values())
    print(f"load average before the run: {load_before}; after: {os.getloadavg()[0]:.2f}")
    print(
        f"{args.users} users (think {args.think}s), {total} requests in {wall:.1f}s "
        f"({total / wall:.1f} req/s), "
        f"{len(errors)} errors; the server's CPU {cpu:.1f} s, {cpu * 1000 / max(total, 1):.1f} ms a request"
    )
    for name, values in results.items():
        if values:
            p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
            print(
                f"  {name:<11} n={len(values):<5} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
                f"p95/{AIM_MS}ms {p95 / AIM_MS:.2f}  mean {statistics.mean(values) * 1000:.1f} ms"
            )
    for error in errors[:5]:
        print("  error:", error)


if __name__ == "__main__":
    main()
