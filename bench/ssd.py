"""Benchmark: a day's SSD refresh of the default council, against a full re-validation.

Generates the council (seed 1, default size unless `--size`) into a scratch demo database,
takes the first extract (which matches the records row by row), then the next day's extract
(`export_ssd(advance_days=1)`: a few dozen children changed) and times what the morning's
refresh costs: the import (only the changed rows written), the indicators after it (the
engine's pack, cold because the data version moved) and the standing validation list for the
changed children; against validating the whole council again. Prints seconds and the ratio.

    .venv/bin/python bench/ssd.py [--size 1.0]

Not part of CI. Target: the refresh under 30 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def timed(label: str, func, *args, **kwargs):
    started = time.perf_counter()
    result = func(*args, **kwargs)
    seconds = time.perf_counter() - started
    print(f"  {label}: {seconds:.1f} s")
    return result, seconds


def run(var: Path, args) -> None:
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.imports.ssd_export import export_ssd
    from sightline.imports.ssd_import import import_ssd
    from sightline.imports.standing import after_refresh, refresh_standing
    from sightline.performance import selectors
    from sightline.records.services import load_dataset
    from sightline.returns.validators import validators_python

    call_command("migrate", verbosity=0)
    print(f"Synthetic council seed 1 at size {args.size} ({os.cpu_count()} cores):")
    data, _ = timed("generate", generate, CouncilSpec(seed=1, size=args.size))
    timed("load", load_dataset, data, replace=True)
    timed("export the first extract", export_ssd, var / "day0")
    timed("first import (matches the records row by row)", import_ssd, [var / "day0"])
    validating = validators_python() is not None
    if validating:
        _, full = timed("full validation of the whole council", refresh_standing)
    else:
        full = None
        print("  (the DfE validators' environment is missing: validation left out)")
    timed("indicators before (cold pack)", selectors.pack)

    print("The next day:")
    timed("the council's system writes the extract (advance 1 day)", export_ssd, var / "day1", 1)
    run_, imported = timed("import the extract (changed rows only)", import_ssd, [var / "day1"])
    changed = len(run_.changed_children)
    print(f"    {changed} children changed; {run_.added} rows added, {run_.updated} updated")
    _, indicators = timed("indicators after the refresh (the engine's pack)", selectors.pack)
    standing = 0.0
    if validating:
        checked, standing = timed("standing validation of the changed children", after_refresh, run_)
        print(f"    {checked['new']} new errors, {checked['fixed']} fixed")
    refresh = imported + indicators + standing
    print(f"Refresh total: {refresh:.1f} s (target < 30 s)")
    if full:
        share = standing / full
        print(f"Full re-validation alone: {full:.1f} s; the refresh's validation is {share:.2f} of it")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        run(Path(var), args)


if __name__ == "__main__":
    sys.exit(main())
