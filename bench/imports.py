"""Benchmark (#18): the CIN census and SSDA903 imports against the floor of reading the same files.

Generates (once, kept in `--files`) a synthetic council whose 2025-26 CIN census holds about
10,000 children and its 903 CSVs, then times, each with CPU seconds and its ratio to the floor:

- the floor: a bare `lxml.etree.parse` of the census; `polars.read_csv` of each 903 and SSD CSV;
- `sightline import` of the census into an empty database, a re-import of the same file
  (everything unchanged) and of a copy with ~1% of the children changed;
- the 903 CSVs into the same database, then again (unchanged);
- an SSD extract of the same council (its CSVs) into an empty database, then again.

Prints the machine's load with the figures. Not part of CI.

    .venv/bin/python bench/imports.py [--children 10000] [--profile]
    SIGHTLINE_BENCH_POSTGRES=1 .venv/bin/python bench/imports.py   # PostgreSQL (database bench_cinimport)
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
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
    floor = min(clock(etree.parse, str(cin))[1:] for _ in range(3))
    line("floor: lxml.etree.parse of the census", *floor)
    if args.profile:
        profiled(services.import_files, [cin])
        clear_records()
        ImportRun.objects.all().delete()
    figures = {}
    for label, path in (
        ("import the census into an empty database", cin),
        ("re-import the same census (unchanged)", cin),
        ("import the census with ~1% children changed", files / "cin-changed.xml"),
    ):
        runs, wall, cpu = clock(services.import_files, [path])
        figures[label] = wall
        line(label, wall, cpu, floor)
        print(f"    added {runs[0].added:,}, updated {runs[0].updated:,}, unchanged {runs[0].unchanged:,}")
    csv_floor = min(
        clock(lambda: [polars.read_csv(p, infer_schema=False) for p in csvs])[1:] for _ in range(3)
    )
    line("floor: polars.read_csv of the 903 CSVs", *csv_floor)
    for label in ("import the 903 CSVs", "re-import the 903 CSVs (unchanged)"):
        runs, wall, cpu = clock(services.import_files, csvs)
        line(label, wall, cpu, csv_floor)
        print(f"    added {runs[0].added:,}, updated {runs[0].updated:,}, unchanged {runs[0].unchanged:,}")
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
    parser.add_argument("--files", type=Path, default=Path(tempfile.gettempdir()) / "bench_cinimport")
    parser.add_argument("--profile", action="store_true", help="print a pyinstrument profile of the import")
    args = parser.parse_args()
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
