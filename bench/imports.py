"""Benchmark (#18): the CIN census and SSDA903 imports against the floor of reading the same files.

Generates (once, kept in `--files`) a synthetic council whose 2025-26 CIN census holds about
10,000 children and its 903 CSVs, then times, each with CPU seconds and its ratio to the floor:

- the floor: a bare `lxml.etree.parse` of the census; `polars.read_csv` of each 903 and SSD CSV;
- `sightline import` of the census into an empty database, a re-import of the same file
  (everything unchanged) and of a copy with ~1% of the children changed;
- the 903 CSVs into the same database, then again (unchanged);
- an SSD extract of the same council (its CSVs) into an empty database, then again.

Each census and 903 import is split into its phases (read, year, check, load, forget, finish,
other), each with CPU seconds, its ratio to the floor's CPU and CPU per row, so the fixed costs
show apart from the per-row ones; a larger council (`--children 40000`) shows the per-row ratio.
Prints the machine's load with the figures. Not part of CI.

    .venv/bin/python bench/imports.py [--children 10000] [--only 903] [--profile]
    SIGHTLINE_BENCH_POSTGRES=1 .venv/bin/python bench/imports.py   # PostgreSQL (database bench_cinimport)
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

YEAR = 2026
CHILDREN_PER_SIZE = 4_900  # CIN census children per unit of CouncilSpec.size (as bench/returns.py)


def clock(func, *args, **kwargs) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def line(label: str, wall: float, cpu: float, floor: tuple[float, float] | None = None) -> None:
    ratio = f"{wall / floor[0]:6.1f}x floor, cpu {cpu / floor[1]:5.1f}x floor cpu" if floor else ""
    print(f"  {label:<46} {wall:7.2f}s  cpu {cpu:6.2f}s  {ratio}", flush=True)


@contextmanager
def phases():
    """CPU and wall seconds by phase of `services.import_return` while inside: its steps wrapped in
    timers for the time being (the import itself unchanged)."""
    from sightline.imports import reported, services

    spent: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    steps = [
        (services, "read_returns", "read"),
        (services, "collection_year", "year"),
        (services, "_check" if hasattr(services, "_check") else "check_return", "check"),
        (reported, "forget", "forget"),
        (services, "_finish", "finish"),
        (services, "_run", "finish"),
        (services, "analyze_records", "finish"),
    ]
    steps += [(loader, "load", "load") for loader in set(services.LOADERS.values())]
    saved = [(owner, name, vars(owner).get(name)) for owner, name, _ in steps]

    def timed(func, label):
        def wrapper(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[label][0] += time.perf_counter() - wall
                spent[label][1] += time.process_time() - cpu

        return wrapper

    for owner, name, label in steps:
        setattr(owner, name, timed(getattr(owner, name), label))
    try:
        yield spent
    finally:
        for owner, name, func in saved:
            if func is None:
                delattr(owner, name)  # a loader's inherited load
            else:
                setattr(owner, name, func)


def timed_import(label: str, paths, floor: tuple[float, float]):
    """One `import_files` with its phases: each phase's CPU, its ratio to the floor's CPU and per row."""
    from sightline.imports import services

    with phases() as spent:
        runs, wall, cpu = clock(services.import_files, paths)
    line(label, wall, cpu, floor)
    rows = sum(r.added + r.updated + r.unchanged for r in runs) or 1
    spent["other"] = [wall - sum(w for w, _ in spent.values()), cpu - sum(c for _, c in spent.values())]
    parts = ", ".join(
        f"{name} {c:.2f}s ({c / floor[1]:.1f}x)" for name, (_, c) in spent.items() if abs(c) >= 0.005
    )
    print(f"    cpu by phase: {parts}")
    print(
        f"    added {runs[0].added:,}, updated {runs[0].updated:,}, unchanged {runs[0].unchanged:,}; "
        f"cpu per row {cpu / rows * 1e6:.0f} us (floor {floor[1] / rows * 1e6:.1f} us)"
    )
    return runs, wall


def load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def make_files(files: Path, children: int) -> tuple[Path, list[Path], list[Path]]:
    """The census, the 903 CSVs and an SSD extract (CSVs), generated into a scratch database and
    exported (kept between runs)."""
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.imports import services
    from sightline.imports.ssd_export import export_ssd
    from sightline.records.services import clear_records, load_dataset

    cin, ssda, ssd = files / "cin.xml", files / "903", files / "ssd"
    if not cin.exists() or not ssd.exists():
        call_command("migrate", verbosity=0)
        size = round(children / CHILDREN_PER_SIZE, 2)
        print(f"  generating a council at size {size} (seed 3) into {files} ...", flush=True)
        load_dataset(generate(CouncilSpec(seed=3, size=size)), replace=True)
        services.export_903(YEAR, ssda)
        services.export_cin(YEAR, files / "cin.tmp")
        export_ssd(files / "ssd.tmp")
        (files / "ssd.tmp").rename(ssd)
        clear_records()
        (files / "cin.tmp").rename(cin)
    changed = files / "cin-changed.xml"
    if not changed.exists():
        changed_copy(cin, changed)
    return cin, sorted(ssda.glob("*.csv")), sorted(ssd.glob("*.csv"))


def changed_copy(cin: Path, out: Path) -> None:
    """The census with every 100th child's first referral given another primary need."""
    from lxml import etree

    tree = etree.parse(str(cin))
    for number, child in enumerate(tree.iter("Child")):
        node = child.find("CINdetails/PrimaryNeedCode") if number % 100 == 0 else None
        if node is not None:
            node.text = "N1" if node.text != "N1" else "N2"
    tree.write(str(out), xml_declaration=True, encoding="utf-8")


def profiled(func, *args) -> None:
    """pyinstrument's tree if it is installed, else cProfile's top functions by cumulative time."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(func, *args)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        return
    profiler = Profiler(interval=0.002)
    profiler.start()
    func(*args)
    profiler.stop()
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def run(files: Path, args) -> None:
    import polars
    from django.core.management import call_command
    from django.db import connection
    from lxml import etree

    from sightline.imports import services
    from sightline.imports.models import ImportRun
    from sightline.imports.ssd_import import import_ssd
    from sightline.records.services import clear_records

    cin, csvs, ssd = make_files(files, args.children)
    call_command("migrate", verbosity=0)
    clear_records()
    ImportRun.objects.all().delete()
    print(f"Database: {connection.vendor}; load {load()}")
    print(
        f"  census {cin.stat().st_size / 1e6:.1f} MB, {cin.read_text().count('<Child>'):,} children; "
        f"903 {sum(p.stat().st_size for p in csvs) / 1e6:.1f} MB in {len(csvs)} files"
    )
    if args.only in (None, "cin"):
        floor = min(clock(etree.parse, str(cin))[1:] for _ in range(3))
        line("floor: lxml.etree.parse of the census", *floor)
        if args.profile:
            profiled(services.import_files, [cin])
            clear_records()
            ImportRun.objects.all().delete()
        for label, path in (
            ("import the census into an empty database", cin),
            ("re-import the same census (unchanged)", cin),
            ("import the census with ~1% children changed", files / "cin-changed.xml"),
        ):
            timed_import(label, [path], floor)
    if args.only in (None, "903"):
        csv_floor = min(
            clock(lambda: [polars.read_csv(p, infer_schema=False) for p in csvs])[1:] for _ in range(3)
        )
        line("floor: polars.read_csv of the 903 CSVs", *csv_floor)
        if args.profile and args.only == "903":
            profiled(services.import_files, csvs)
            clear_records()
            ImportRun.objects.all().delete()
        for label in ("import the 903 CSVs", "re-import the 903 CSVs (unchanged)"):
            timed_import(label, csvs, csv_floor)
    if args.only not in (None, "ssd"):
        print(f"  load after: {load()}")
        return
    ssd_floor = min(
        clock(lambda: [polars.read_csv(p, infer_schema=False) for p in ssd])[1:] for _ in range(3)
    )
    print(f"  SSD extract {sum(p.stat().st_size for p in ssd) / 1e6:.1f} MB in {len(ssd)} files")
    line("floor: polars.read_csv of the SSD extract", *ssd_floor)
    clear_records()
    for label in ("import the SSD extract into an empty database", "re-import the SSD extract (unchanged)"):
        run_, wall, cpu = clock(import_ssd, ssd)
        line(label, wall, cpu, ssd_floor)
        print(f"    added {run_.added:,}, updated {run_.updated:,}, unchanged {run_.unchanged:,}")
    print(f"  load after: {load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--files", type=Path, help="where the generated files are kept (default by size)")
    parser.add_argument("--only", choices=["cin", "903", "ssd"], help="time one kind of import alone")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of the import")
    args = parser.parse_args()
    if args.files is None:
        sized = "" if args.children == 10_000 else f"-{args.children}"
        args.files = Path(tempfile.gettempdir()) / f"bench_cinimport{sized}"
    args.files.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        if os.environ.get("SIGHTLINE_BENCH_POSTGRES"):
            os.environ["SIGHTLINE_DEMO_POSTGRES"] = "1"
            os.environ.setdefault("PGDATABASE", "bench_cinimport")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        run(args.files, args)


if __name__ == "__main__":
    main()
