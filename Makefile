# Newsroom: `make run` to try it, `make test` to check it. See README.md.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Django 6.1 needs Python 3.12+: take the first interpreter on PATH that is new enough.
BOOTSTRAP_PYTHON := $(shell for c in python3.13 python3.12 python3; do \
	$$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$c; break; }; done)

.PHONY: run test lint format migrate seed serve bench bench-search bench-images bench-import \
	lighthouse clean help check soak bench-replica

help:
	@echo "make run     set up .venv, migrate SQLite, load demo content, serve on http://$(HOST):$(PORT)"
	@echo "             (with a queue worker: jobs.launcher stops both together)"
	@echo "make test    run the test suite (DATABASE_URL picks the database; default SQLite)"
	@echo "make lint    ruff check and format check"
	@echo "make format  apply ruff formatting and safe fixes"
	@echo "make serve   production server (gunicorn.conf.py: workers = cores, DEBUG off) and a queue worker"
	@echo "make bench   page benchmark vs the bare-Django ceiling (PostgreSQL, Redis, wrk; ~15 min)"
	@echo "make bench-search  search latency at 10,000 and 100,000 articles (PostgreSQL)"
	@echo "make bench-images  time and memory to ingest a 24-megapixel photo"
	@echo "make bench-import  WordPress import of a generated 10,000-post export"
	@echo "make bench-replica own primary + streaming replica + 2 gunicorn servers, checked live"
	@echo "make lighthouse    Lighthouse scores of home and an article (npm, Chromium)"
	@echo "make clean   remove .venv, the SQLite database and uploaded media"
	@echo "make check   ruff, check --deploy with production settings, bandit (no high severity)"
	@echo "make soak    2-minute load soak of gunicorn with wrk; writes bench/RESULTS.md (## Soak)"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@if [ -z "$(BOOTSTRAP_PYTHON)" ]; then \
		echo "Newsroom needs Python 3.12 or newer (Django 6.1 refuses older ones)."; \
		echo "Install one (e.g. 'pyenv install 3.12') or put python3.12 on PATH, then retry."; \
		exit 1; fi
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Replacing $(VENV): it was made with an older Python."; rm -rf $(VENV); fi
	@[ -x $(PY) ] || $(BOOTSTRAP_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# Feeds, sitemaps, canonical and share links are absolute on SITE_URL. Unless it is set, it is
# the address `make run` serves (a wildcard HOST is reached through 127.0.0.1).
URL_HOST := $(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST))
RUN_SITE_URL := $(or $(SITE_URL),http://$(URL_HOST):$(PORT))
SITE_URL_ORIGIN := $(if $(SITE_URL),set in the environment,derived from HOST and PORT)

run: $(VENV)/.installed
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} SITE_URL=$(RUN_SITE_URL) $(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@echo "SITE_URL=$(RUN_SITE_URL) ($(SITE_URL_ORIGIN)): feeds, sitemaps and links use it."
	DEBUG=$${DEBUG:-1} SITE_URL=$(RUN_SITE_URL) $(PY) -m jobs.launcher -- $(PY) manage.py runserver $(HOST):$(PORT)

# Independent tests run on TEST_WORKERS processes (pytest-xdist); 2 was fastest on 2 cores.
# Tests that start Chromium or Java, or take fixed ports, then run in one process. Both runs must
# pass; one that PYTEST_ARGS leaves with nothing to run (exit 5) is not a failure.
TEST_WORKERS ?= 2
SERIAL_TESTS := browser or html_validator or fixed_ports
PYTEST := SECRET_KEY=$${SECRET_KEY:-insecure-test-only-key} $(PY) -m pytest
test: $(VENV)/.installed
	@parallel=0; serial=0; \
	$(PYTEST) -n $(TEST_WORKERS) -m "not ($(SERIAL_TESTS))" $(PYTEST_ARGS) || parallel=$$?; \
	$(PYTEST) -m "$(SERIAL_TESTS)" $(PYTEST_ARGS) || serial=$$?; \
	[ $$parallel -eq 0 -o $$parallel -eq 5 ] && [ $$serial -eq 0 -o $$serial -eq 5 ] \
		&& [ $$parallel$$serial != 55 ]

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrate: $(VENV)/.installed
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input

seed: migrate
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo

serve: $(VENV)/.installed
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) manage.py migrate --no-input
	GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} $(PY) -m jobs.launcher -- \
		$(VENV)/bin/gunicorn -c gunicorn.conf.py newsroom.wsgi:application

bench: $(VENV)/.installed
	$(PY) bench/run.py $(BENCH_ARGS)

bench-search: $(VENV)/.installed
	createdb -h 127.0.0.1 -U postgres newsroom_search_bench 2>/dev/null || true
	$(PY) bench/search_bench.py $(BENCH_ARGS)

bench-images: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=newsroom.settings SECRET_KEY=bench $(PY) bench/images.py --write

bench-import: $(VENV)/.installed
	$(PY) bench/wordpress_import.py --posts 10000 $(BENCH_ARGS)

# Its own PostgreSQL primary (:55432) and replica (:55433), servers on :8111/:8112, Redis db 11.
bench-replica: $(VENV)/.installed
	$(PY) bench/replica_live.py $(BENCH_ARGS)

lighthouse: $(VENV)/.installed
	$(PY) bench/lighthouse.py --runs 3

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles var

check: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=0 SITE_URL=https://newsroom.example.com ALLOWED_HOSTS=newsroom.example.com \
		SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/bandit --quiet --recursive newsroom core accounts articles authors images editorial \
		search distribution redirects importers demo jobs bench \
		--exclude '*/migrations/*' --severity-level high

soak: $(VENV)/.installed
	$(PY) bench/soak.py
