"""Benchmark: generating the synthetic council (in memory) and loading it into SQLite.

Prints seconds and seconds per 1,000 children at two sizes, and the ratio between sizes
(near 1.0 means the generator scales linearly). Not part of CI: run `make bench`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

SIZES = [float(s) for s in sys.argv[1:]] or [0.25, 1.0]


def run(size: float) -> tuple[float, float, int, int]:
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.records.services import load_dataset

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    data = generate(CouncilSpec(seed=1, size=size))
    generated = time.perf_counter()
    load_dataset(data, replace=True)
    loaded = time.perf_counter()
    return generated - started, loaded - generated, data.meta["population"], len(data.rows("records.Child"))


def main() -> None:
    with tempfile.TemporaryDirectory() as var:
        os.environ["SIGHTLINE_VAR_DIR"] = var
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sightline.settings.demo")
        import django

        django.setup()
        per_thousand = []
        for size in SIZES:
            gen, load, population, known = run(size)
            total = gen + load
            per_thousand.append(total / population * 1000)
            print(
                f"size {size:>5}: population {population:>7,}  children with records {known:>7,}  "
                f"generate {gen:6.1f}s  load {load:6.1f}s  total {total:6.1f}s  "
                f"per 1,000 children {per_thousand[-1]:.3f}s"
            )
        if len(per_thousand) > 1:
            print(
                f"ratio of time per 1,000 children, size {SIZES[-1]} / size {SIZES[0]}: "
                f"{per_thousand[-1] / per_thousand[0]:.2f}"
            )


if __name__ == "__main__":
    main()
