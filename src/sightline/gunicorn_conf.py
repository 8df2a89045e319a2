"""gunicorn settings for Sightline: `gunicorn sightline.wsgi -c python:sightline.gunicorn_conf`.

Each worker builds the indicator engine and the dashboard before it takes its first request,
so no user waits the seconds a cold engine needs; after a later import each worker keeps
serving the previous figures, saying so, while it builds the new ones in the background
(`performance.engine_cache`). Workers and threads come from the environment (WEB_CONCURRENCY,
SIGHTLINE_THREADS), the bind address from SIGHTLINE_BIND.
"""

import os

bind = os.environ.get("SIGHTLINE_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = int(os.environ.get("SIGHTLINE_THREADS", "2"))
timeout = 60


def post_worker_init(worker) -> None:
    from django.db import connections

    from sightline.performance.engine_cache import serve_previous_figures
    from sightline.web.warm import warm_caches

    serve_previous_figures(True)
    try:
        warm_caches()
    except Exception:  # a cold cache is slower, not broken: serve anyway and say why
        worker.log.exception("Sightline: warming the indicator caches failed")
    else:
        worker.log.info("Sightline: dashboard prepared, worker %s answering", worker.pid)
    finally:
        connections.close_all()
