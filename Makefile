# Newsroom: `make run` to try it, `make test` to check it. See README.md.
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Django 6.1 needs Python 3.12+: take the first interpreter on PATH that is new enough.
BOOTSTRAP_PYTHON := $(shell for c in python3.13 python3.12 python3; do \
	$$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { echo $$c; break; }; done)

.PHONY: run test lint format migrate seed serve clean help check soak

help:
	@echo "make run     set up .venv, migrate SQLite, load demo content, serve on http://$(HOST):$(PORT)"
	@echo "make test    run the test suite (DATABASE_URL picks the database; default SQLite)"
	@echo "make lint    ruff check and format check"
	@echo "make format  apply ruff formatting and safe fixes"
	@echo "make serve   production server (gunicorn, DEBUG off)"
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

run: $(VENV)/.installed
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	SECRET_KEY=$${SECRET_KEY:-insecure-test-only-key} $(PY) -m pytest $(PYTEST_ARGS)

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
	$(VENV)/bin/gunicorn newsroom.wsgi:application --bind $(HOST):$(PORT) \
		--workers $${WEB_CONCURRENCY:-$$(nproc)} --keep-alive 5 --timeout 30

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles

check: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=0 SITE_URL=https://newsroom.example.com ALLOWED_HOSTS=newsroom.example.com \
		SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/bandit --quiet --recursive newsroom articles authors permalinks bench \
		--exclude '*/migrations/*' --severity-level high

soak: $(VENV)/.installed
	$(PY) bench/soak.py
