"""The `sightline` command: generate a synthetic council, run the demo, serve, migrate.

Each subcommand is a thin wrapper over a service function; Django management commands remain
available through `sightline manage ...`.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date

from sightline.commands import date_argument, setup_django

# Modules that add subcommands: each has `register(subparsers)` and imports `sightline.commands`
# for what they share, never this module.
EXTENSIONS = [
    "sightline.imports.cli",
    "sightline.performance.cli",
    "sightline.jobs.cli",
    "sightline.audits.cli",
    "sightline.feedback.cli",
    "sightline.spc.cli",
    "sightline.reports.cli",
]


# The demo's job worker and clinic cycle run below the web server's priority, so its sign-in page
# and pages answer first on a busy machine.
BACKGROUND_NICE = 5


class _Bars:
    """tqdm progress bars keyed by stage, shown only on a terminal unless forced."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bars: dict = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        from tqdm import tqdm

        key = "load" if "." in stage else stage
        bar = self.bars.get(key)
        if bar is None:
            bar = self.bars[key] = tqdm(total=total, desc=key, unit="step", leave=False)
        bar.set_postfix_str(stage if "." in stage else "", refresh=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def cmd_generate(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    from sightline.generator import CouncilSpec, generate
    from sightline.generator.summary import summarise
    from sightline.records.services import DatabaseNotEmptyError, load_dataset

    if not args.no_migrate:
        call_command("migrate", verbosity=0)
    spec = CouncilSpec(seed=args.seed, size=args.size, reference_date=args.reference_date)
    bars = _Bars(args.progress if args.progress is not None else sys.stderr.isatty())
    started = time.perf_counter()
    print(f"Generating {spec.council_name} (seed {spec.seed}, size {spec.size})...", flush=True)
    data = generate(spec, progress=bars)
    generated = time.perf_counter()
    print("Loading it into the database...", flush=True)
    try:
        loaded = load_dataset(data, replace=args.replace, progress=bars)
    except DatabaseNotEmptyError as error:
        bars.close()
        print(f"sightline generate: {error}", file=sys.stderr)
        return 2
    bars.close()
    _load_population(data)
    finished = time.perf_counter()
    summary = summarise(data)
    print(
        f"Generated {spec.council_name} (seed {spec.seed}, size {spec.size}) to "
        f"{spec.reference_date.isoformat()}: {sum(loaded.values()):,} rows in "
        f"{generated - started:.1f}s, loaded in {finished - generated:.1f}s."
    )
    for key, value in summary.items():
        print(f"  {key.replace('_', ' ')}: {value:,}")
    return 0


def _load_population(data) -> None:
    """The generated council's population estimate, as the council setting for rates by group."""
    from sightline.indicators.population import PopulationTable
    from sightline.performance.services import set_population

    rows = data.meta.get("population_estimate")
    if rows:
        set_population(None, PopulationTable.from_rows(rows), data.meta["population_source"])


def cmd_demo(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    from sightline.records.services import database_is_empty

    static = collect_static_beside()
    print("Preparing the database (migrations)...", flush=True)
    call_command("migrate", verbosity=0)
    if database_is_empty():
        print("The database is empty: making the synthetic council (first run only).", flush=True)
        gen_args = argparse.Namespace(
            seed=args.seed,
            size=args.size,
            reference_date=date(2026, 3, 31),
            replace=False,
            no_migrate=True,
            progress=None,
        )
        status = cmd_generate(gen_args)
        if status:
            return status
    static.join()  # before any process is started: the collecting thread is done with
    from sightline.records.demo import create_demo_accounts
    from sightline.web.selectors import as_at

    print("Creating the demo users (sign in as any of them):", flush=True)
    for username, password, role in create_demo_accounts(as_at(), clinic_cycle=False):
        print(f"  demo user {username:<16} password {password:<28} {role}")
    from sightline.reports.demo import queue_demo_report

    if queued := queue_demo_report():
        print(f"  the director's {queued}: the worker builds it (Reports page)")
    from sightline.clinics.demo import demo_cycle_complete

    helpers = [start_worker()] if demo_cycle_complete(as_at()) else [start_demo_clinics(), start_worker()]
    # A SIGTERM to the demo should stop its worker too, not leave it orphaned.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        return cmd_serve(args)
    finally:
        for helper in helpers:
            stop_worker(helper)


def collect_static_beside() -> threading.Thread:
    """The static files collected and compressed (seconds, the first run only) in a thread while
    the database is migrated and the council generated, which need none of them; `sightline serve`
    then finds them collected."""
    from sightline.serve import collect_static

    def collect() -> None:
        if collect_static(say=lambda line: print(line, flush=True)):
            print("The static files are collected.", flush=True)

    thread = threading.Thread(target=collect, name="collect-static")
    thread.start()
    return thread


def start_demo_clinics() -> subprocess.Popen:
    """The demo's clinic cycle in its own process beside the server (tens of seconds of figures at
    council scale, the first run only), so the sign-in page need not wait for it."""
    from sightline.serve import die_with_parent

    print("Preparing the demo's clinic cycle in the background...", flush=True)
    return subprocess.Popen(
        [sys.executable, "-m", "sightline.cli", "demo-clinics"],
        env=os.environ.copy(),
        preexec_fn=die_with_parent(nice=BACKGROUND_NICE),
    )


def cmd_demo_clinics(args: argparse.Namespace) -> int:
    setup_django()
    from sightline.records.demo import complete_demo_clinics
    from sightline.web.selectors import as_at

    if completed := complete_demo_clinics(as_at()):
        print(f"The demo's clinic cycle is ready: {completed} clinics signed off (Clinics page).", flush=True)
    return 0


def start_worker() -> subprocess.Popen:
    """`sightline worker` beside the server, so jobs queued from the Returns page run in the demo."""
    from sightline.serve import die_with_parent

    print("Starting the background job worker (sightline worker)...", flush=True)
    return subprocess.Popen(
        [sys.executable, "-m", "sightline.cli", "worker"],
        env=os.environ.copy(),
        preexec_fn=die_with_parent(nice=BACKGROUND_NICE),
    )


def stop_worker(worker: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM lets the worker finish the job in hand; one still busy after `grace` seconds is killed
    (its job is re-queued by the next worker once it is stale)."""
    if worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def cmd_serve(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    from sightline.serve import collect_static, gunicorn_command, run_gunicorn

    collect_static(say=lambda line: print(line, flush=True))
    print(
        f"Serving on http://{args.host}:{args.port}/ (Ctrl-C to stop): sign in as soon as it answers; "
        "each worker prepares the dashboard in the background meanwhile.",
        flush=True,
    )
    if args.dev:
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
        return 0
    return run_gunicorn(gunicorn_command(args.host, args.port, args.workers))


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sightline manage", *args.rest])
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sightline migrate", "migrate", *args.rest])
    return 0


def _size(text: str) -> float:
    value = float(text)
    if not 0.01 <= value <= 50:
        raise argparse.ArgumentTypeError("size must be between 0.01 and 50")
    return value


def _workers(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 32:
        raise argparse.ArgumentTypeError("workers must be between 1 and 32")
    return value


def _serving_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers", type=_workers, default=2, help="gunicorn worker processes (default 2, one per core)"
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="Django's development server instead of gunicorn (one request at a time)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sightline", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    gen = sub.add_parser("generate", help="generate a synthetic council into the database")
    gen.add_argument("--seed", type=int, default=1, help="random seed (same seed, same council)")
    gen.add_argument("--size", type=_size, default=1.0, help="scale: 1.0 is ~59,000 children aged 0-17")
    gen.add_argument(
        "--reference-date",
        type=date_argument,
        default=date(2026, 3, 31),
        help="the date the data runs to (default 2026-03-31)",
    )
    gen.add_argument("--replace", action="store_true", help="delete existing records first")
    gen.add_argument("--no-migrate", action="store_true", help="do not migrate the database first")
    gen.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show progress bars (default: when on a terminal)",
    )
    gen.set_defaults(func=cmd_generate)

    demo = sub.add_parser(
        "demo", help="migrate, load the synthetic council if empty, create demo users, serve"
    )
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--size", type=_size, default=1.0)
    demo.add_argument("--host", default="127.0.0.1")
    demo.add_argument("--port", type=int, default=8000)
    _serving_options(demo)
    demo.set_defaults(func=cmd_demo)

    clinics = sub.add_parser("demo-clinics", help="the demo's clinic cycle (sightline demo runs it itself)")
    clinics.set_defaults(func=cmd_demo_clinics)

    serve = sub.add_parser("serve", help="serve the web application (gunicorn; --dev: Django's server)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    _serving_options(serve)
    serve.set_defaults(func=cmd_serve)

    migrate = sub.add_parser("migrate", help="apply database migrations (Django's migrate)")
    migrate.add_argument("rest", nargs=argparse.REMAINDER)
    migrate.set_defaults(func=cmd_migrate)

    manage = sub.add_parser("manage", help="any Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    for module in EXTENSIONS:
        importlib.import_module(module).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
