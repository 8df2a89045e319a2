"""Benchmark: the indicators after a day's SSD refresh, incremental against a full rebuild.

For each size (0.1 and the default 1 unless `--size`), generates the council (seed 1) into a
scratch demo database, imports its first extract, builds the engine and its full pack (the
figures a day's use has asked for), then imports the next day's extract (`export_ssd(
advance_days=1)`: a few dozen children changed) and times, for two days in turn (the first
begins a new month, so the pack moves on a month; the second stays within it):

- incremental: the engine cache's refresh (the previous frames patched for the changed
  children, `performance.loader.patch_frames`; the previous facts kept or spliced and the
  previous pack's rows kept month by month, `indicators.delta.refreshed`) and the new pack;
- cold: every table read again, every indicator's facts computed, attributed and aggregated.

Prints both (wall clock and this process's CPU time, which the other jobs on a shared machine
disturb less), their ratio, whether the two packs are identical, how many indicators the
refresh kept, spliced or recomputed, and the machine's load. Not part of CI. The issue's aim: a
small fraction of a cold pack (here: 0.15 or less at the default size, never above 1).

    .venv/bin/python bench/refresh.py [--size 0.1 --size 1.0]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KEYS = ["indicator_id", "level", "unit_id", "month"]


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def run(var: Path, size: float) -> None:
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.imports.ssd_export import export_ssd
    from sightline.imports.ssd_import import import_ssd
    from sightline.performance import engine_cache
    from sightline.records.services import load_dataset

    call_command("migrate", verbosity=0)
    load_dataset(generate(CouncilSpec(seed=1, size=size)), replace=True)
    export_ssd(var / "day0")
    import_ssd([var / "day0"])
    engine_cache.clear_cache()
    first_s, first = timed(lambda: engine_cache.engine().pack(engine_cache.engine().frames.reference_date))
    children = engine_cache.engine().frames["child"].height
    print(f"size {size:g}: {children:,} children known")
    print(f"  first build and pack (before the refresh)  {first_s[0]:7.2f} s ({first.height:,} values)")
    for day in (1, 2):
        export_ssd(var / f"day{day}", advance_days=1)
        imported = import_ssd([var / f"day{day}"])
        _day(engine_cache, len(imported.changed_child_ids), day)


def _day(engine_cache, changed: int, day: int) -> None:
    from sightline.indicators.engine import Engine
    from sightline.performance.loader import load_frames

    def incremental():
        engine = engine_cache.engine()
        return engine, engine.pack(engine.frames.reference_date)

    inc_s, (after, inc_pack) = timed(incremental)

    def cold():
        fresh = Engine(load_frames(), **engine_cache._settings())
        return fresh.pack(fresh.frames.reference_date)

    cold_s, cold_pack = timed(cold)
    same = inc_pack.sort(KEYS, nulls_last=True).equals(cold_pack.sort(KEYS, nulls_last=True))
    how = after.refresh or {"kept": (), "spliced": (), "recomputed": "all (read whole)"}
    counts = ", ".join(f"{k} {v if isinstance(v, str) else len(v)}" for k, v in how.items())
    load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    month = "a new month" if day == 1 else "the same month"
    print(f"  day {day} ({month}, to {after.frames.reference_date}): {changed} children changed")
    print(f"    refresh, incremental (frames patched, pack)  {inc_s[0]:7.2f} s   CPU {inc_s[1]:6.2f} s")
    print(f"    refresh, cold (every table, every fact)      {cold_s[0]:7.2f} s   CPU {cold_s[1]:6.2f} s")
    print(
        f"    incremental / cold                           {inc_s[0] / cold_s[0]:7.2f}         "
        f"{inc_s[1] / cold_s[1]:6.2f}     identical packs: {same}"
    )
    print(f"    indicators: {counts} (of {inc_pack['indicator_id'].n_unique()} in the pack)")
    print(f"    machine load (1, 5, 15 min)                  {load_average} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, action="append", help="council size (repeatable)")
    args = parser.parse_args()
    sizes = args.size or [0.1, 1.0]
    if len(sizes) > 1:  # one process each: the settings fix the database when Django starts
        for size in sizes:
            subprocess.run([sys.executable, __file__, "--size", str(size)], check=True)
        return
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        run(Path(var), sizes[0])


if __name__ == "__main__":
    sys.exit(main())
