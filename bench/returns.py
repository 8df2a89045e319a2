"""Benchmark: import and export of a 10,000-child CIN census and the matching SSDA903 set,
and the DfE validators (csc-validator-be-cin/-903) on the same files.

Generates a synthetic council large enough that its 2025-26 CIN census holds about 10,000
children (`--children`), exports the census and the 903 CSVs, imports them into an empty
SQLite database, exports again, then runs the validators. Prints seconds, peak memory of
the import, and the ratio of validator time to Sightline's import time. Not part of CI.

    .venv/bin/python bench/returns.py [--children 10000] [--no-validators]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

YEAR = 2026
CHILDREN_PER_SIZE = 4_900  # CIN census children per unit of CouncilSpec.size (measured: ~245 at 0.05)


def timed(label: str, func, *args, **kwargs):
    started = time.perf_counter()
    result = func(*args, **kwargs)
    took = time.perf_counter() - started
    print(f"  {label:<44} {took:7.1f}s")
    return result, took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=10_000)
    parser.add_argument("--no-validators", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        run(Path(var), args)


def run(var: Path, args) -> None:
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.imports import services
    from sightline.imports.models import ImportRun
    from sightline.records.services import clear_records, load_dataset
    from sightline.returns.validators import validators_python

    call_command("migrate", verbosity=0)
    size = round(args.children / CHILDREN_PER_SIZE, 2)
    print(f"Synthetic council at size {size} (seed 3), collection year {YEAR - 1}-{YEAR % 100}:")
    data, _ = timed("generate", generate, CouncilSpec(seed=3, size=size))
    timed("load the generated council", load_dataset, data, replace=True)
    out = var / "out"
    cin, cin_export = timed("export CIN census XML", services.export_cin, YEAR, out / "cin.xml")
    csvs, ssda_export = timed("export SSDA903 CSVs", services.export_903, YEAR, out / "903")
    census_children = cin.read_text().count("<Child>")
    print(
        f"  census: {census_children:,} children, {cin.stat().st_size / 1e6:.1f} MB; "
        f"903: {sum(p.stat().st_size for p in csvs) / 1e6:.1f} MB in {len(csvs)} files"
    )
    clear_records()
    ImportRun.objects.all().delete()
    import tracemalloc

    from sightline.returns.cin import read_cin_xml

    tracemalloc.start()
    read_cin_xml(cin)
    _, parse_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  reading the census: peak {parse_peak / 1e6:.0f} MB traced for a "
        f"{cin.stat().st_size / 1e6:.0f} MB file (streamed: the records, not the document tree, are held)"
    )
    from sightline.imports.rules import check_return
    from sightline.returns.detect import read_returns

    census, ssda = read_returns([cin]), read_returns(csvs)
    (census_data,), (ssda_data,) = census, ssda
    _, rules_cin = timed("import rules on the census (before loading)", check_return, census_data, YEAR)
    _, rules_903 = timed("import rules on the 903 set", check_return, ssda_data, YEAR)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _, cin_import = timed("import CIN census into an empty database", services.import_files, [cin])
    _, ssda_import = timed("import SSDA903 CSVs", services.import_files, csvs)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  peak memory (max RSS) {peak / 1024:.0f} MB (before the imports {before / 1024:.0f} MB)")
    timed("re-import both (nothing changes)", services.import_files, [cin, *csvs])
    timed("export CIN census again", services.export_cin, YEAR, out / "again.xml")
    same = (out / "again.xml").read_bytes() == cin.read_bytes()
    print(f"  round trip identical: {same}")
    ours = cin_import + ssda_import
    print(f"  Sightline import total {ours:.1f}s, export total {cin_export + ssda_export:.1f}s")
    print(
        f"  import rules: {rules_cin / cin_import:.0%} of the census import, "
        f"{rules_903 / ssda_import:.0%} of the 903 import"
    )
    if args.no_validators or validators_python() is None:
        print("  validators skipped (--no-validators, or .venv-validators missing)")
        return
    from sightline.returns.validators import run_validator

    cin_result, cin_check = timed("csc-validator-be-cin", run_validator, "cin", [cin], YEAR)
    ssda_result, ssda_check = timed("csc-validator-be-903", run_validator, "903", csvs, YEAR)
    print(f"  rule hits: CIN {len(cin_result.issues):,}, 903 {len(ssda_result.issues):,}")
    print(
        f"  ratio validators / Sightline import: CIN {cin_check / cin_import:.1f}x, "
        f"903 {ssda_check / ssda_import:.1f}x, together {(cin_check + ssda_check) / ours:.1f}x"
    )


if __name__ == "__main__":
    main()
