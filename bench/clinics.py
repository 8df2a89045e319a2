"""Benchmark: the whole month's performance clinic packs for every team and service.

    .venv/bin/python bench/clinics.py [--size 1.0] [--repeat 3]

Generates the council (seed 1), loads it into a throw-away SQLite database, then times against
the 5 s aim on 2 cores:

- the indicator engine built and its pack of every indicator's 24 months at the team, service
  and council levels (what the exceptions read; once per data version in a running server);
- scheduling the month: every clinic created and its briefing pre-populated with its data
  exceptions (SPC and targets for every indicator of every team and service), rolled back and
  repeated, best of `--repeat`, on the warm engine;
- every team's and service's pack page rendered as its chair opens it (best of `--repeat`);
- every team's and service's month pack assembled (every registered section, as its Excel or
  CSV download and `sightline report clinic` build it) and written as its workbook.

Prints the ratio to the aim and the machine's load average beside the figures: on a shared
machine a busy minute shows as a slower run, not a regression. Not part of CI.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

from machine import load  # bench/machine.py: the machine's load beside each figure

AIM_S = 5.0


def timed(label: str, func, repeat: int):
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = func()
        runs.append(time.perf_counter() - started)
    best = min(runs)
    print(f"  {label:<58} {best:6.2f} s best of {repeat}  ({best / AIM_S:.2f} of {AIM_S:g} s)  {load()}")
    return result


def run(repeat: int) -> None:
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    from sightline.accounts.models import StaffProfile
    from sightline.clinics import domain, services
    from sightline.clinics.exceptions import MONTHS
    from sightline.clinics.models import Clinic, ClinicException
    from sightline.performance import selectors as perf
    from sightline.web.selectors import as_at
    from sightline.workforce.models import Service, Team

    month = domain.first_of_month(as_at())

    def engine_and_pack():
        perf.clear_cache()
        perf.engine()
        return [
            perf.pack(domain.month_end(month), MONTHS, (level,)) for level in ("team", "service", "council")
        ]

    timed("engine and the 24-month pack at three levels (cold)", engine_and_pack, 1)

    def schedule():
        with transaction.atomic():
            clinics = services.schedule_month(month)
            found = ClinicException.objects.filter(clinic__month=month).count()
            transaction.set_rollback(True)
        return len(clinics), found

    clinics, found = timed("scheduling the month with every briefing's exceptions", schedule, repeat)
    print(f"  {clinics} clinics, {found} data exceptions")
    services.schedule_month(month)
    user = get_user_model().objects.create_user("bench-director", password="bench-clinics-2026-password")
    StaffProfile.objects.create(user=user, role="director")
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    packs = list(
        Clinic.objects.filter(month=month, level__in=["team", "service"]).values_list("pk", flat=True)
    )

    def render():
        for pk in packs:
            response = client.get(f"/clinics/{pk}/")
            assert response.status_code == 200, response.status_code

    timed(f"every team and service pack page ({len(packs)} pages)", render, repeat)

    from sightline.reports import assembly
    from sightline.reports import render as rendering

    units = [("team", t) for t in Team.objects.values_list("pk", flat=True)]
    units += [("service", s) for s in Service.objects.values_list("pk", flat=True)]

    def workbooks():
        return sum(len(rendering.xlsx(assembly.clinic_pack(month, level, unit))) for level, unit in units)

    size = timed(f"every team and service month pack as its workbook ({len(units)})", workbooks, repeat)
    print(f"  {size:,} bytes of workbooks")


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
        from sightline.records.services import load_dataset

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        load_dataset(generate(CouncilSpec(seed=1, size=args.size)), replace=True)
        print(f"size {args.size:g}: generated and loaded in {time.perf_counter() - started:.1f} s  {load()}")
        run(args.repeat)


if __name__ == "__main__":
    main()
