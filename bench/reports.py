"""Benchmark: the quarterly Quality of Practice report as a PDF, from the default council.

    .venv/bin/python bench/reports.py [--size 1.0] [--repeat 3]

Generates the council (seed 1), loads it into a throw-away SQLite database, then times, best
of `--repeat`, each against the 10 s target (issue 14, on 2 cores):

- assembling the report for the last quarter ended (every registered section), cold (the
  engine's first figures) and warm;
- drawing the tagged PDF (WeasyPrint, pdf/ua-1) of the assembled report;
- the whole: assembly and PDF, as `sightline report quality-of-practice` does it.

Prints the machine's load average beside the figures: on a shared machine a busy minute shows
as a slower run, not a regression. Not part of CI.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

from machine import load  # bench/machine.py: the machine's load beside each figure

TARGET_S = 10.0


def timed(label: str, func, repeat: int):
    runs, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = func()
        runs.append(time.perf_counter() - started)
    best = min(runs)
    ratio = best / TARGET_S
    print(f"  {label:<44} {best:7.2f} s best of {repeat}  ({ratio:.2f} of {TARGET_S:g} s)  {load()}")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        from django.core.management import call_command

        from sightline.generator import CouncilSpec, generate
        from sightline.performance import selectors as perf
        from sightline.records.services import load_dataset
        from sightline.reports import assembly, render

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        load_dataset(generate(CouncilSpec(seed=1, size=args.size)), replace=True)
        print(f"size {args.size:g}: generated and loaded in {time.perf_counter() - started:.1f} s  {load()}")
        quarter = assembly.latest_quarter(perf.reference_date())
        print(f"Quality of Practice report, {quarter.label}")
        timed("assembly, cold (the engine's first figures)", lambda: assembly.quality_of_practice(quarter), 1)
        report = timed("assembly, warm", lambda: assembly.quality_of_practice(quarter), args.repeat)
        pdf = timed("tagged PDF of the assembled report", lambda: render.pdf(report), args.repeat)
        print(f"  {len(pdf):,} bytes")
        timed("assembly and PDF", lambda: render.pdf(assembly.quality_of_practice(quarter)), args.repeat)


if __name__ == "__main__":
    main()
