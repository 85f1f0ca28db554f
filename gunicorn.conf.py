"""gunicorn settings for `make serve` and the benchmark (docs/performance.md explains them).

Every value can be overridden from the environment, so one file serves a laptop and a fleet.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One sync worker per core: pages are CPU-bound (render or cache read), not waiting on I/O, so
# more workers than cores only adds context switches and memory. Without REDIS_URL the workers
# share the page and fragment caches through one SQLite file (settings.CACHES), so an edit saved
# through one worker retires what the others stored.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
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
