"""Benchmark: the engine's frames built from the database, through the ORM (old) and directly (new).

    .venv/bin/python bench/frames.py            # default size, throw-away SQLite
    .venv/bin/python bench/frames.py 0.3        # a smaller council
    SIGHTLINE_BENCH_POSTGRES=1 .venv/bin/python bench/frames.py   # PostgreSQL (database bench_frames)
    .venv/bin/python bench/frames.py --keep 1   # keep the database (SQLite in /tmp/bench-frames) ...
    .venv/bin/python bench/frames.py --reuse 1  # ... and time it again without generating it anew
    .venv/bin/python bench/frames.py --profile 1  # also a pyinstrument profile of one cold build

Old: each table through the ORM (`values_list`, Django's per-value converters) into frames.
New: `performance.loader.load_frames` (each table one CSV text built by the database, dates as day
numbers, parsed by Polars; PostgreSQL: two connections in one snapshot). Prints the best of three
wall and CPU times of each (CPU counts every thread), the slowest tables, their ratio to the 1 s
aim (#18) and to the old path, whether the frames are identical, and the machine's load. Not part of CI.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

AIM_S = 1.0
REPEAT = 3


def _best(function, repeat: int = REPEAT) -> tuple[float, float, object]:
    """Best wall time of `repeat` runs, with that run's CPU time (process-wide, so threads count)."""
    best = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if best is None or wall < best[0]:
            best = (wall, cpu, result)
    return best


def orm_frames():
    from django.apps import apps

    from sightline.indicators.frames import SCHEMAS, frame_from_rows

    return {
        name: frame_from_rows(name, apps.get_model(label).objects.values_list(*schema))
        for name, (label, schema) in SCHEMAS.items()
    }


def per_table() -> list[tuple[str, int, float]]:
    """Each table read alone through the new path: (name, rows, seconds), slowest first."""
    from sightline.indicators.frames import SCHEMAS
    from sightline.performance import loader

    timed = []
    for name, (label, schema) in SCHEMAS.items():
        wall, _, frame = _best(lambda n=name, la=label, sc=schema: loader._frame(n, la, sc), 1)
        timed.append((name, frame.height, wall))
    return sorted(timed, key=lambda t: -t[2])


def _load(size: float, reuse: bool) -> None:
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.records.models import Child
    from sightline.records.services import load_dataset

    call_command("migrate", verbosity=0)
    if reuse and Child.objects.exists():
        return
    load_dataset(generate(CouncilSpec(seed=1, size=size)), replace=True)


def _load_average() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def run(size: float, reuse: bool, profile: bool, old: bool) -> None:
    from django.db import connection

    from sightline.performance.loader import load_frames

    _load(size, reuse)
    print(f"size {size:g} on {connection.vendor}; machine load (1, 5, 15 min) {_load_average()}")
    new_s, new_cpu, new = _best(load_frames)
    rows = sum(f.height for f in new.tables.values())
    print(f"  {rows:,} rows in {len(new.tables)} tables")
    aim = f"{new_s / AIM_S:5.2f} x the 1 s aim"
    print(f"  frames direct (new)            {new_s:7.3f} s wall {new_cpu:7.3f} s CPU  {aim}")
    for name, height, seconds in per_table()[:8]:
        print(f"    {name:<28} {height:>9,} rows {seconds:7.3f} s")
    if old:
        old_s, old_cpu, reference = _best(orm_frames, 1)
        same = all(reference[n].sort("id").equals(new[n].sort("id")) for n in reference)
        print(f"  frames through the ORM (old)   {old_s:7.3f} s wall {old_cpu:7.3f} s CPU")
        print(f"  old / new                      {old_s / new_s:7.1f} x   identical: {same}")
    if profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        with profiler:
            load_frames()
        print(profiler.output_text(unicode=False, color=False, show_all=False))
    print(f"  machine load (1, 5, 15 min)    {_load_average()}")


def _create_database(name: str) -> None:
    """The bench's PostgreSQL database, made on first use (a fresh machine has only `test`)."""
    import psycopg

    host = os.environ.get("PGHOST", "127.0.0.1")
    with psycopg.connect(f"host={host} user=postgres dbname=test", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str]) -> None:
    flags = {a for a in argv if a.startswith("--")}
    sizes = [float(a) for a in argv if not a.startswith("--")] or [1.0]
    keep = "--keep" in flags or "--reuse" in flags
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        if os.environ.get("SIGHTLINE_BENCH_POSTGRES"):
            os.environ["SIGHTLINE_DEMO_POSTGRES"] = "1"
            os.environ.setdefault("PGDATABASE", "bench_frames")
            _create_database(os.environ["PGDATABASE"])
        elif keep:
            os.makedirs("/tmp/bench-frames", exist_ok=True)
            os.environ.setdefault("SIGHTLINE_DB", "/tmp/bench-frames/frames.sqlite3")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        for size in sizes:
            run(size, "--reuse" in flags, "--profile" in flags, "--no-old" not in flags)


if __name__ == "__main__":
    main(sys.argv[1:])
