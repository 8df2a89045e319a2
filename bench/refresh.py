"""Benchmark: the indicators after a day's SSD refresh, incremental against a full rebuild.

Generates the council (seed 1, default size unless `--size`) into a scratch demo database,
imports its first extract, builds the engine and its full pack (the figures a day's use has
asked for), then imports the next day's extract (`export_ssd(advance_days=1)`: a few dozen
children changed) and times:

- incremental: the engine cache's refresh (the previous frames patched for the changed
  children, `performance.loader.patch_frames`; the previous facts kept or spliced,
  `indicators.delta.refreshed`) and the new pack;
- cold: every table read again, every indicator's facts computed, attributed and aggregated.

Prints both, their ratio, whether the two packs are identical, what the refresh kept, and the
machine's load. Not part of CI. The issue's aim: a small fraction of a cold pack.

    .venv/bin/python bench/refresh.py [--size 1.0]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def run(var: Path, size: float) -> None:
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.imports.ssd_export import export_ssd
    from sightline.imports.ssd_import import import_ssd
    from sightline.performance import engine_cache
    from sightline.performance.loader import load_frames, patch_frames
    from sightline.records.services import load_dataset

    call_command("migrate", verbosity=0)
    load_dataset(generate(CouncilSpec(seed=1, size=size)), replace=True)
    export_ssd(var / "day0")
    import_ssd([var / "day0"])
    engine_cache.clear_cache()
    first_s, first = timed(lambda: engine_cache.engine().pack(engine_cache.engine().frames.reference_date))
    before = engine_cache.engine()
    export_ssd(var / "day1", advance_days=1)
    imported = import_ssd([var / "day1"])
    changed = set(imported.changed_child_ids)

    def incremental():
        engine = engine_cache.engine()
        return engine, engine.pack(engine.frames.reference_date)

    inc_s, (after, inc_pack) = timed(incremental)
    patch_s, _ = timed(lambda: patch_frames(before.frames, changed))
    read_s, frames = timed(load_frames)

    def cold():
        from sightline.indicators.engine import Engine

        fresh = Engine(load_frames(), **engine_cache._settings())
        return fresh.pack(fresh.frames.reference_date)

    cold_s, cold_pack = timed(cold)
    keys = ["indicator_id", "level", "unit_id", "month"]
    same = inc_pack.sort(keys, nulls_last=True).equals(cold_pack.sort(keys, nulls_last=True))
    kept = after._reusable[0][2] if after._reusable else set()
    load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    children = frames["child"].height
    print(f"size {size:g}: {children:,} children known; the day changed {len(changed)} of them")
    print(f"  first build and pack (before the refresh)   {first_s:7.2f} s ({first.height:,} values)")
    print(f"  refresh, incremental (frames patched, pack) {inc_s:7.2f} s")
    print(f"  refresh, cold (every table, every fact)     {cold_s:7.2f} s")
    print(f"  incremental / cold                          {inc_s / cold_s:7.2f}   identical packs: {same}")
    print(f"    of which frames: patched {patch_s:.2f} s against read whole {read_s:.2f} s")
    print(f"    indicators whose pack rows were kept: {len(kept)} of {inc_pack['indicator_id'].n_unique()}")
    print(f"  machine load (1, 5, 15 min)                 {load_average} on {os.cpu_count()} cores")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        run(Path(var), args.size)


if __name__ == "__main__":
    sys.exit(main())
