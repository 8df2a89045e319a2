"""Benchmark: DfE validation of the default council's 2025-26 returns, Sightline's path against
the packages' own, in the same run.

Generates the council (seed 1, default size unless `--size`), exports the CIN census and the
903 CSVs, then validates each several ways, timing wall clock and CPU (this process and the
validators' subprocesses, so a busy machine shows as wall > CPU):

- CIN, the package's own path: its converter (`cin_validator.convert_data`) then its rules, in
  the worker (`reader="package"`), and Sightline's: the same rules over tables built in one pass.
  Both must find the same issues (rule, child, table, field, row); the ratio is printed.
- CIN, `sightline validate` as a user runs it (Sightline's reading of the file, then the worker).
- 903, the package called directly (`LacValidator` then its report, in the validators'
  interpreter) against `sightline validate` on the same files.

    .venv/bin/python bench/validation.py [--size 1.0] [--repeat 1]

Not part of CI.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

YEAR = 2026

DIRECT_903 = """
import logging, sys
logging.disable(logging.CRITICAL)
from lac_validator import lac_validator
from lac_validator.report import Report
from lac_validator.rules.lac2025_26 import registry
files = [{"name": p, "file_content": open(p, "rb").read(), "description": "This year"} for p in sys.argv[1:]]
v = lac_validator.LacValidator(metadata={"collectionYear": "2026", "localAuthority": ""}, files=files,
                               registry=registry)
tables = {n: t for n, t in v.ds_results.items() if not hasattr(t, "columns") or "CHILD" in t.columns}
report = Report(tables, registry)
print(len(lac_validator.create_issue_df(report.report, report.error_report)))
"""


def cpu_now() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(label: str, func, *args, **kwargs):
    wall, cpu = time.perf_counter(), cpu_now()
    result = func(*args, **kwargs)
    wall, cpu = time.perf_counter() - wall, cpu_now() - cpu
    print(f"  {label:<58} {wall:7.1f}s wall {cpu:7.1f}s CPU")
    return result, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=1, help="time each path this many times (best kept)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        run(Path(var), args)


def best(label, repeat, func, *args, **kwargs):
    runs = [timed(label, func, *args, **kwargs) for _ in range(repeat)]
    return min(runs, key=lambda r: r[1])


def located(result):
    return sorted((i.rule_code, i.child_id, i.table, i.field, i.row_id) for i in result.issues)


def run(var: Path, args) -> None:
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.imports import services
    from sightline.imports.validation import validate_files
    from sightline.records.services import load_dataset
    from sightline.returns.validators import run_validator, validators_python

    python = validators_python()
    if python is None:
        sys.exit("the validators' environment .venv-validators is missing (scripts/bootstrap.sh)")
    call_command("migrate", verbosity=0)
    year = f"{YEAR - 1}-{YEAR % 100}"
    print(f"Synthetic council seed 1 at size {args.size}, collection year {year} ({os.cpu_count()} cores):")
    data, *_ = timed("generate", generate, CouncilSpec(seed=1, size=args.size))
    timed("load", load_dataset, data, replace=True)
    cin = services.export_cin(YEAR, var / "cin.xml")
    csvs = services.export_903(YEAR, var / "903")
    print(f"  census: {cin.read_text().count('<Child>'):,} children; 903: {len(csvs)} CSV files")

    print("CIN census:")
    theirs, their_wall, their_cpu = best(
        "package's converter + rules (worker, reader=package)",
        args.repeat,
        run_validator,
        "cin",
        [cin],
        YEAR,
        reader="package",
    )
    ours, our_wall, our_cpu = best(
        "one-pass tables + the same rules (worker)", args.repeat, run_validator, "cin", [cin], YEAR
    )
    whole, whole_wall, whole_cpu = best(
        "sightline validate (read + worker)", args.repeat, validate_files, [cin], YEAR
    )
    same = located(ours) == located(theirs) and located(whole.results[0]) == located(theirs)
    print(f"  issues: {len(ours.issues):,} (package {len(theirs.issues):,}); identical: {same}")
    read_theirs, read_ours = theirs.seconds.get("read", 0), ours.seconds.get("read", 0)
    print(f"  worker reading: package {read_theirs:.1f}s, one pass {read_ours:.1f}s; ", end="")
    print(f"rules {ours.seconds.get('rules', 0):.1f}s")
    print("  ratio package / Sightline:", end=" ")
    print(f"worker {their_wall / our_wall:.1f}x wall, {their_cpu / our_cpu:.1f}x CPU;")
    print(f"    sightline validate {their_wall / whole_wall:.1f}x wall, {their_cpu / whole_cpu:.1f}x CPU")

    print("SSDA903:")
    direct = [str(python), "-W", "ignore", "-c", DIRECT_903, *map(str, csvs)]
    _, direct_wall, direct_cpu = best(
        "package directly (LacValidator + report)",
        args.repeat,
        subprocess.run,
        direct,
        capture_output=True,
        check=True,
    )
    report, ssda_wall, ssda_cpu = best(
        "sightline validate (read + worker)", args.repeat, validate_files, csvs, YEAR
    )
    seconds = report.results[0].seconds
    print(f"  rule hits {len(report.issues):,}; worker reading {seconds.get('read', 0):.1f}s, ", end="")
    print(f"rules {seconds.get('rules', 0):.1f}s")
    print("  ratio Sightline / package:", end=" ")
    print(f"{ssda_wall / direct_wall:.2f}x wall, {ssda_cpu / direct_cpu:.2f}x CPU")


if __name__ == "__main__":
    main()
