"""Benchmark: a fresh clone to the demo's sign-in page (`scripts/demo.sh`), phase by phase.

Clones --repo into a temporary directory, runs `bash scripts/demo.sh --port PORT` there in its
own session, stamps each line the demo prints, and polls the sign-in page until it answers. For
each phase prints the wall time and the CPU time of every process the demo started (this script
adopts orphans as a child subreaper, so the background validators' build is counted too), then
the machine's load. Stops the demo, waits for the validators' environment (its time is printed),
and removes the clone. Not part of CI: the package caches must be warm.

Usage: python bench/demo.py [--repo /work/main] [--rev COMMIT] [--port 8780] [--keep]
"""

from __future__ import annotations

import argparse
import ctypes
import itertools
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36
TICK = os.sysconf("SC_CLK_TCK")
# The demo's lines that open each phase, in order (the first words are enough). The static files
# are collected beside the migrations since 4 December, in the demo users' phase before.
MARKS = [
    ("set-up (environments, packages)", ""),
    ("migrations", "Preparing the database"),
    ("generating and loading", "The database is empty"),
    ("demo users, report, worker (static files)", "Creating the demo users"),
    ("serving, until the sign-in page answers", "Serving on"),
]


def cpu_seconds(session: int) -> float:
    """CPU of the live processes in `session` (with their reaped children's) plus every child
    this process has reaped."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # field 6 of stat: the session id
            total += sum(int(value) for value in fields[11:15]) / TICK  # utime, stime, cutime, cstime
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return total + usage.ru_utime + usage.ru_stime


def reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def clone_of(repo: str, rev: str | None) -> Path:
    base = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    subprocess.run(["git", "clone", "-q", repo, str(base / "p")], check=True)
    if rev:
        subprocess.run(["git", "-C", str(base / "p"), "checkout", "-q", rev], check=True)
    if Path("/work/shared").exists():
        (base / "shared").symlink_to("/work/shared")
    return base / "p"


def run(clone: Path, port: int) -> dict:
    """The demo from `clone` until its sign-in page answers: each phase's start, wall and CPU."""
    started = time.perf_counter()
    demo = subprocess.Popen(
        ["bash", "scripts/demo.sh", "--port", str(port)],
        cwd=clone,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    stamps: list[tuple[str, float, float]] = [(MARKS[0][0], 0.0, cpu_seconds(demo.pid))]
    lines: list[tuple[float, str]] = []

    def read() -> None:
        for line in demo.stdout:
            now = time.perf_counter() - started
            lines.append((now, line.rstrip()))
            for name, first in MARKS[1:]:
                if line.startswith(first) and name not in [s[0] for s in stamps]:
                    stamps.append((name, now, cpu_seconds(demo.pid)))

    threading.Thread(target=read, daemon=True).start()
    url = f"http://127.0.0.1:{port}/sign-in/"
    answered = None
    while demo.poll() is None and time.perf_counter() - started < 900:
        reap()
        if answers(url):
            answered = time.perf_counter() - started
            break
        time.sleep(0.25)
    result = {"answered": answered, "cpu": cpu_seconds(demo.pid), "load": os.getloadavg()}
    os.kill(demo.pid, signal.SIGTERM)
    try:
        demo.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(demo.pid, signal.SIGKILL)
    stamp = clone / ".venv-validators" / ".sightline-installed"
    while not stamp.exists() and (clone / ".venv-validators.tmp").exists():
        reap()
        time.sleep(1)
    reap()
    result["validators"] = time.perf_counter() - started if stamp.exists() else None
    return {**result, "stamps": stamps, "lines": lines}


def report(repo: str, result: dict) -> None:
    for when, line in result["lines"]:
        print(f"  {when:6.1f}s  {line}")
    load = result["load"]
    print(f"repo {repo}, load at the answer {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    answered = result["answered"]
    points = [*result["stamps"], ("answered", answered or float("nan"), result["cpu"])]
    for (name, when, cpu), (_, after, cpu_after) in itertools.pairwise(points):
        print(f"{name:<42} wall {after - when:6.1f}s  CPU {cpu_after - cpu:6.1f}s")
    if answered is None:
        print("the sign-in page did not answer")
    else:
        print(f"{'sign-in page answers':<42} wall {answered:6.1f}s  CPU {result['cpu']:6.1f}s (aim 120 s)")
    ready = result["validators"]
    print(f"validators' environment ready at {ready:.1f}s" if ready else "validators' environment not built")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", default="/work/main")
    parser.add_argument("--port", type=int, default=8780)
    parser.add_argument("--rev", help="check this commit out in the clone (a before, say)")
    parser.add_argument("--keep", action="store_true", help="keep the clone")
    args = parser.parse_args()
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    clone = clone_of(args.repo, args.rev)
    result = run(clone, args.port)
    report(f"{args.repo} {args.rev or ''}", result)
    if args.keep:
        print(f"kept {clone.parent}")
    else:
        shutil.rmtree(clone.parent, ignore_errors=True)
    return 0 if result["answered"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
