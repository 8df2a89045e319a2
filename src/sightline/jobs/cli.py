"""`sightline worker`: the second process that runs queued jobs (imports, validation, exports)."""

from __future__ import annotations

import argparse
import logging
import signal
from datetime import timedelta


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return value


def cmd_worker(args: argparse.Namespace) -> int:
    from sightline.commands import require_migrated, setup_django

    stopping: list[int] = []
    if not args.once:
        # Before Django starts (seconds on a busy machine): a stop during start-up still leaves
        # cleanly, once set up, rather than killing the process half-way.
        def stop(signum, frame) -> None:  # finish the job in hand, then leave
            stopping.append(signum)

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
    setup_django()
    require_migrated()
    from sightline.jobs import services

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    stale_after = timedelta(minutes=args.stale_after)
    if args.once:
        jobs = services.run_pending(stale_after)
        for job in jobs:
            said = f"{job.get_status_display()}: {job.error}" if job.error else job.get_status_display()
            print(f"job {job.pk} ({job.get_kind_display()}): {said}")
        return 0
    print(f"sightline worker: waiting for jobs (every {args.poll:g}s; SIGTERM or Ctrl-C to stop)", flush=True)
    services.work(poll=args.poll, stale_after=stale_after, should_stop=lambda: bool(stopping))
    return 0


def register(sub) -> None:
    """Add `worker` to the `sightline` parser."""
    worker = sub.add_parser("worker", help="run queued background jobs (imports, validation, exports)")
    worker.add_argument("--once", action="store_true", help="run every queued job, then exit (tests, cron)")
    worker.add_argument(
        "--poll", type=_positive, default=2.0, help="seconds between looks at an empty queue (default 2)"
    )
    worker.add_argument(
        "--stale-after",
        type=_positive,
        default=180.0,
        metavar="MINUTES",
        help="re-queue a job left running this long, its worker presumed dead (default 180)",
    )
    worker.set_defaults(func=cmd_worker)
