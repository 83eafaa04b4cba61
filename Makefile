# The two commands of the README:
#   make run   set up and serve the embedded default (SQLite, eager Celery, seeds loaded and
#              analysed) on http://127.0.0.1:8000 (PORT=8001 for another port)
#   make test  the whole test suite, integration tests included (PostgreSQL + Redis + a real
#              Celery worker); `make services` brings up local PostgreSQL and Redis first
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
# `make run`'s port (on 127.0.0.1).
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-installed
PYTEST_ARGS ?=
BENCH_ARGS ?=
# The load test (tests/load, marker `load`) runs 60 s; under CI (.ci/run sets CI) 15 s.
LOAD_SECONDS ?= $(if $(CI),15,60)

# `make run` is the embedded default whatever the calling shell exports: no DATABASE_URL (so
# SQLite) and no broker (so Celery runs eagerly, in-process).
EMBEDDED := env -u DATABASE_URL -u CELERY_BROKER_URL -u CELERY_RESULT_BACKEND \
	DJANGO_SETTINGS_MODULE=config.settings.local DEBUG=1

.PHONY: help venv lock run port-free test lint typecheck bench services clean-venv

help:
	@echo "make run       set up and serve the demo on http://127.0.0.1:8000 (SQLite, eager Celery; PORT=8001 for another port)"
	@echo "make test      run the full test suite against PostgreSQL and Redis"
	@echo "make lint      ruff (lint and format), mypy over every app, import-linter contracts"
	@echo "make services  start local PostgreSQL and Redis if they are not running"
	@echo "make bench     run every benchmark and print the figures (BENCH_ARGS=--quick for the CI version)"
	@echo "make lock      recompile requirements*.txt (hashed lock files) from requirements*.in"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when a lock file changes. requirements-dev.txt holds the runtime lock's pins too
# (compiled with -c requirements.txt), and every package in it, transitive ones included, carries
# its hashes: pip refuses anything else.
$(STAMP): requirements-bootstrap.txt requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --disable-pip-version-check -q --require-hashes -r requirements-bootstrap.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --require-hashes -r requirements-dev.txt
	touch $(STAMP)

venv: $(STAMP)

# Recompile the lock files after editing requirements.in or requirements-dev.in. Versions already
# locked stay unless an .in file asks otherwise; PIP_COMPILE_ARGS=--upgrade moves everything.
PIP_COMPILE_ARGS ?=
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
	--strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(PIP_COMPILE_ARGS)
lock: venv
	$(PIP_COMPILE) -o requirements-bootstrap.txt requirements-bootstrap.in
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in

# The port is checked first, before installing, migrating or loading anything: a second `make run`
# stops at once and says what to do. Standard library only, so it runs before the venv exists.
port-free:
	@$(PYTHON) config/port_check.py "$(PORT)"

run: port-free venv
	$(EMBEDDED) $(BIN)/python manage.py migrate --noinput
	$(EMBEDDED) $(BIN)/python manage.py load_seeds
	@if $(EMBEDDED) $(BIN)/python manage.py shell -v 0 -c \
		"import sys; from django.contrib.auth import get_user_model; sys.exit(0 if get_user_model().objects.filter(username='admin').exists() else 1)"; \
	then \
		echo "Demo superuser 'admin' already exists; left unchanged."; \
	else \
		$(EMBEDDED) DJANGO_SUPERUSER_PASSWORD="$${DEMO_ADMIN_PASSWORD:-admin}" \
			$(BIN)/python manage.py createsuperuser --noinput --username admin --email admin@example.org; \
		echo "Created demo superuser 'admin' with password from DEMO_ADMIN_PASSWORD (default 'admin')."; \
	fi
	@echo "=================================================================="
	@echo " FOR LOCAL USE ONLY: demo superuser 'admin' (change it or remove it)"
	@$(EMBEDDED) $(BIN)/python manage.py drf_create_token admin
	@echo " API:   curl -H 'Authorization: Token <token>' http://127.0.0.1:$(PORT)/api/v1/articles/"
	@echo " Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "=================================================================="
	$(EMBEDDED) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

services:
	@if [ -n "$${SKIP_SERVICES:-}" ]; then echo "SKIP_SERVICES set: not checking PostgreSQL/Redis"; else bash .ci/services; fi

test: venv lint services
	LOAD_SECONDS=$(LOAD_SECONDS) $(BIN)/pytest $(PYTEST_ARGS)

# Every benchmark, printed with the git commit; service benchmarks use scratch databases on
# DATABASE_URL's server (dropped afterwards). BENCH_ARGS=--quick is the CI version.
bench: venv services
	DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/credibility}" $(BIN)/python manage.py bench $(BENCH_ARGS)

# The rules of DESIGN.md and LAYOUT.md as checks: style and bugs (ruff), formatting, types over every
# app (mypy.ini: django-stubs and drf-stubs, strict for the pure packages), and the dependency
# direction (import-linter contracts in pyproject.toml). `make test` runs it first.
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

typecheck: venv
	$(BIN)/mypy

clean-venv:
	rm -rf $(VENV)
