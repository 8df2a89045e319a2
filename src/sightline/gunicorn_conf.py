"""gunicorn settings for Sightline: `gunicorn sightline.wsgi -c python:sightline.gunicorn_conf`.

Each worker builds the indicator engine and the dashboard in the background as soon as it starts,
answering meanwhile (the sign-in page needs neither), so no user waits the seconds a cold engine
needs on top of signing in; after a later import each worker keeps
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
    """Serve at once and warm the caches in a thread beside the requests: the sign-in page and
    static files need no engine, and a page that does waits only for the rest of the warm-up
    (the engine's build lock), never for a second build of its own."""
    import threading

    from sightline.performance.engine_cache import serve_previous_figures

    serve_previous_figures(True)
    threading.Thread(target=_warm, args=(worker,), name="sightline-warm", daemon=True).start()


def _warm(worker) -> None:
    from django.db import connections

    from sightline.web.warm import warm_caches

    try:
        warm_caches()
    except Exception:  # a cold cache is slower, not broken: serve anyway and say why
        worker.log.exception("Sightline: warming the indicator caches failed")
    else:
        worker.log.info("Sightline: dashboard prepared in worker %s", worker.pid)
    finally:
        connections.close_all()
