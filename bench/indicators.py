"""Benchmark: the full indicator pack and the home dashboard, at the default size (and 10x on request).

    .venv/bin/python bench/indicators.py            # default size
    .venv/bin/python bench/indicators.py 1 10       # default, then 10x (generation takes minutes)
    .venv/bin/python bench/indicators.py --db 1     # also through the database and the selectors

Prints, per size: frames built from the generated rows; the full pack (every indicator x 24
monthly values x the council, every service, team and worker) cold and warm; the dashboard
(each headline indicator's value and 24-month series at council level) cold and warm; the
drift list; and the pack time per 1,000 children known to the council. With --db the council is
loaded into a throw-away SQLite database and the selectors are timed the way the web calls
them (frames from the ORM, caches per data version). Not part of CI.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

AIM_S = 1.0  # the full pack cold (#18)


def _load_average() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def _timed(label: str, function, children: int | None = None):
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    extra = f"  ({seconds / children * 1000 * 1000:.1f} ms per 1,000 children)" if children else ""
    if "pack" in label:
        extra += f"  {seconds / AIM_S:.2f} x the 1 s aim"
    print(f"  {label:<46} {seconds:7.3f} s ({cpu:6.3f} s CPU){extra}")
    return result


def engine_only(size: float) -> None:
    from sightline.generator import CouncilSpec, generate
    from sightline.indicators.definitions import all_definitions
    from sightline.indicators.drift import due_items
    from sightline.indicators.engine import Engine
    from sightline.indicators.frames import Frames
    from sightline.indicators.periods import Period

    data = _timed(f"generate (size {size:g})", lambda: generate(CouncilSpec(seed=1, size=size)))
    children = len(data.rows("records.Child"))
    print(f"  {children:,} children known; {sum(data.counts().values()):,} rows")
    frames = _timed("frames from rows", lambda: Frames.from_dataset(data))
    end = frames.reference_date
    engine = Engine(frames)
    pack = _timed("full pack, cold", lambda: engine.pack(end), children)
    _timed("full pack, warm", lambda: engine.pack(end), children)
    _fresh_packs(frames, end)
    units = pack.filter(pack["level"] != "council").select("level", "unit_id").unique().height
    print(f"  pack: {pack.height:,} values ({len(all_definitions())} indicators, 24 months, {units} units)")

    fresh = Engine(frames)
    headline = [d.id for d in all_definitions() if d.headline]

    def dashboard(e):
        for indicator_id in headline:
            e.value(indicator_id, Period.month(end))
            e.series(indicator_id, end, 24)

    _timed(f"dashboard ({len(headline)} headline x 24 months), cold", lambda: dashboard(fresh))
    _timed("dashboard, warm", lambda: dashboard(fresh))
    drift = _timed("drift list", lambda: due_items(fresh.ctx, end))
    print(f"  drift: {drift.height:,} open items, {(drift['status'] == 'overdue').sum():,} overdue")
    print(f"  machine load (1, 5, 15 min) {_load_average()}")


def _fresh_packs(frames, end, runs: int = 3) -> None:
    """The cold pack again on fresh engines: the least CPU and wall of `runs` (load shifts both)."""
    import polars as pl

    from sightline.indicators.engine import Engine

    cpu, wall = [], []
    for _ in range(runs):
        engine = Engine(frames)
        started, used = time.perf_counter(), time.process_time()
        engine.pack(end)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    label = f"full pack, cold, least of {runs} fresh engines"
    print(
        f"  {label:<46} {min(wall):7.3f} s ({min(cpu):6.3f} s CPU)  {min(wall) / AIM_S:.2f} x the 1 s aim;"
        f" polars threads {pl.thread_pool_size()}"
    )


def through_database(size: float) -> None:
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.performance import selectors
    from sightline.records.services import load_dataset

    call_command("migrate", verbosity=0)
    data = generate(CouncilSpec(seed=1, size=size))
    _timed("load into SQLite", lambda: load_dataset(data, replace=True))
    selectors.clear_cache()
    _timed("frames from the database (first call)", selectors.engine)
    headline = [d["id"] for d in selectors.definitions() if d["headline"]]

    def dashboard():
        for indicator_id in headline:
            selectors.value(indicator_id)
            selectors.series(indicator_id)

    _timed("selectors dashboard, cold (frames cached)", dashboard)
    _timed("selectors dashboard, warm", dashboard)
    _timed("selectors drift", selectors.drift)


def main(argv: list[str]) -> None:
    use_db = "--db" in argv
    sizes = [float(a) for a in argv if a != "--db"] or [1.0]
    for size in sizes:
        print(f"size {size:g}; machine load (1, 5, 15 min) {_load_average()}")
        engine_only(size)
        if use_db:
            with tempfile.TemporaryDirectory() as var:
                os.environ["SIGHTLINE_VAR_DIR"] = var
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
                import django

                django.setup()
                through_database(size)


if __name__ == "__main__":
    main(sys.argv[1:])
