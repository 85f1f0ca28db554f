"""gunicorn settings for `make serve` and the benchmark (docs/performance.md explains them).

Every value can be overridden from the environment, so one file serves a laptop and a fleet.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One sync worker per core: pages are CPU-bound (render or cache read), not waiting on I/O, so
# more workers than cores only adds context switches and memory.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
if workers > 1 and not os.environ.get("REDIS_URL"):
    # Without Redis each worker has its own local-memory cache, and an edit saved through one
    # worker would not invalidate the pages stored by the others: serve uncached instead.
    # (Runs in the master before the app is imported, so settings.py sees these.)
    for switch in ("PAGE_CACHE_ENABLED", "FRAGMENT_CACHE_ENABLED"):
        os.environ.setdefault(switch, "0")
    print("gunicorn.conf.py: REDIS_URL is not set, so page and fragment caches are off.")
worker_class = "sync"
# Keep idle client connections (a load balancer, a CDN origin pool) open for 5 s, above the
# time between requests of a busy proxy but short enough not to pin sync workers.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# A request that takes longer than 30 s is a bug or an attack: kill the worker and move on.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Recycle workers now and then so a slow leak in any library cannot grow without bound; jitter
# keeps them from restarting together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "10000"))
# Import the app once in the master: faster restarts of workers and shared memory pages.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
