"""Benchmark: the engine's frames built from the database, through the ORM (old) and directly (new).

    .venv/bin/python bench/frames.py            # default size, throw-away SQLite
    .venv/bin/python bench/frames.py 0.3        # a smaller council
    SIGHTLINE_BENCH_POSTGRES=1 .venv/bin/python bench/frames.py   # PostgreSQL (database bench_frames)

Old: each table through the ORM (`values_list`, Django's per-value converters) into frames.
New: `performance.loader.load_frames` (PostgreSQL: COPY as CSV parsed by Polars; SQLite: one
plain SELECT per table, typed column by column). Prints both, their ratio, whether the frames
are identical, and the machine's load. Not part of CI.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time


def _seconds(function) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def orm_frames():
    from django.apps import apps

    from sightline.indicators.frames import SCHEMAS, frame_from_rows

    return {
        name: frame_from_rows(name, apps.get_model(label).objects.values_list(*schema))
        for name, (label, schema) in SCHEMAS.items()
    }


def run(size: float) -> None:
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.performance.loader import load_frames
    from sightline.records.services import load_dataset

    call_command("migrate", verbosity=0)
    data = generate(CouncilSpec(seed=1, size=size))
    load_dataset(data, replace=True)
    old_s, old = _seconds(orm_frames)
    new_s, new = _seconds(load_frames)
    same = all(old[n].sort("id").equals(new[n].sort("id")) for n in old)
    rows = sum(f.height for f in new.tables.values())
    load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"size {size:g}: {rows:,} rows in {len(old)} tables")
    print(f"  frames through the ORM (old)   {old_s:7.3f} s")
    print(f"  frames direct (new)            {new_s:7.3f} s")
    print(f"  old / new                      {old_s / new_s:7.1f} x   identical: {same}")
    print(f"  machine load (1, 5, 15 min)    {load_average} on {os.cpu_count()} cores")


def main(argv: list[str]) -> None:
    sizes = [float(a) for a in argv] or [1.0]
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        if os.environ.get("SIGHTLINE_BENCH_POSTGRES"):
            os.environ["SIGHTLINE_DEMO_POSTGRES"] = "1"
            os.environ.setdefault("PGDATABASE", "bench_frames")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        for size in sizes:
            run(size)


if __name__ == "__main__":
    main(sys.argv[1:])
