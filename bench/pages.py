"""Page benchmark: where one request's time goes, page by page, in one process.

Reads the load benchmark's PostgreSQL database (bench/load.py builds it; SIGHTLINE_BENCH_DB
names another) through Django's test client signed in as the director, and for the home page,
a drill-down, a child's page, a team's page, the demand page and a team manager's home (My
team, signed in as the demo team manager) prints the median of --runs
warm requests: wall time, CPU time of this process, time waiting on the database and the
number of queries, with the machine's load; and the CPU time of the page's first request in
the process (its kept parts built: what a cold web worker pays, the engine aside).
--save FILE keeps the figures; --against FILE
prints each figure's ratio to the saved ones (after/before). --profile PAGE writes a
pyinstrument profile of that page's request (text) to var/bench/PAGE-profile.txt. Not part of CI.

Usage: python bench/pages.py [--runs 5] [--save before.json] [--against before.json] [--profile child]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from load import AS_OTHERS, env  # noqa: E402  (the load benchmark's database, settings and accounts)


class QueryTimer:
    """A database execute wrapper: how many queries, and the wall time spent in them."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def targets(client) -> dict[str, str]:
    home = client.get("/").content.decode()
    children = client.get("/children/").content.decode()
    teams = client.get("/teams/").content.decode()
    found = {"home": "/"}
    if indicator := re.search(r'href="(/indicators/[^/"]+/)', home):
        found["drill-down"] = indicator.group(1) + "?period=rolling_12"
    if child := re.search(r'href="(/children/\d+/)"', children):
        found["child"] = child.group(1)
    if team := re.search(r'href="(/teams/\d+/)"', teams):
        found["team"] = team.group(1)
    found["demand"] = "/demand/"
    return found


def measure(client, path: str, runs: int) -> dict:
    from django.db import connection

    cold = time.process_time()
    client.get(path)  # warm: the engine's figures, the templates, the page's kept parts
    cold = time.process_time() - cold
    walls, cpus, waits, counts = [], [], [], []
    for _ in range(runs):
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(path)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        walls.append(wall)
        cpus.append(cpu)
        waits.append(timer.seconds)
        counts.append(timer.count)
    return {
        "wall_ms": statistics.median(walls) * 1000,
        "cpu_ms": statistics.median(cpus) * 1000,
        "query_ms": statistics.median(waits) * 1000,
        "queries": statistics.median(counts),
        "first_cpu_ms": cold * 1000,
    }


def profile(client, name: str, path: str) -> Path:
    from pyinstrument import Profiler

    client.get(path)
    profiler = Profiler(interval=0.0005)
    with profiler:
        client.get(path)
    out = ROOT / "var" / "bench" / f"{name}-profile.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(profiler.output_text(unicode=False, color=False, show_all=False))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--profile", help="a page's name (home, drill-down, child, team, demand, my-team)")
    args = parser.parse_args()
    os.environ.update(env())
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]

    def signed_in(username: str) -> Client:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        return client

    client = signed_in("director")
    pages = {name: (client, path) for name, path in targets(client).items()}
    pages.update({name: (signed_in(user), path) for name, (user, path) in AS_OTHERS.items()})
    before = json.loads(args.against.read_text()) if args.against else {}
    load = f"{os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)"
    print(f"load average {load}; median of {args.runs} warm requests")
    figures = {}
    for name, (asking, path) in pages.items():
        figures[name] = found = measure(asking, path, args.runs)
        line = (
            f"  {name:<11} wall {found['wall_ms']:7.1f} ms  cpu {found['cpu_ms']:7.1f} ms  "
            f"queries {found['queries']:4.0f} in {found['query_ms']:6.1f} ms  "
            f"first request cpu {found['first_cpu_ms']:7.1f} ms"
        )
        if name in before:
            was = before[name]
            line += "   after/before: " + "  ".join(
                f"{key.split('_')[0]} {found[key] / was[key]:.2f}" for key in found if was.get(key)
            )
        print(line)
    if args.save:
        args.save.write_text(json.dumps(figures, indent=1))
    if args.profile:
        asking, path = pages[args.profile]
        print("profile:", profile(asking, args.profile, path))


if __name__ == "__main__":
    main()
