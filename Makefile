# Sitrep: two commands for a newcomer.
#   make run   install, ingest seeds/ into ./sitrep.db, serve http://127.0.0.1:8050
#   make test  install with test extras (and Debian's chromium and postgresql), run every
#              test, the store's on SQLite and on a throwaway PostgreSQL server
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SITREP := $(VENV)/bin/sitrep
DB ?= sitrep.db
PORT ?= 8050

.PHONY: install install-test system-packages chromium run test eval bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"

# XStatic packages are sdists whose setup imports pkg_resources: build them with a
# pinned setuptools that still has it (no build isolation), everything hashed.
$(VENV)/.installed: requirements.lock requirements-build.lock requirements-data.lock pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements-build.lock
	$(PY) -m pip install --quiet --no-build-isolation --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-data.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e . || \
		$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m geo.gazetteer build
	touch $@

$(VENV)/.installed-test: requirements-test.lock $(VENV)/.installed
	$(PY) -m pip install --quiet --no-build-isolation --require-hashes -r requirements-test.lock
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# System packages from Debian, the missing ones in one apt-get: browser tests and
# image export need chromium and its driver; the briefing PDF embeds DejaVu Sans;
# the store tests start a throwaway PostgreSQL server with postgresql's initdb and
# pg_ctl (/usr/lib/postgresql/<version>/bin, see tests/pg_cluster.py).
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	[ -d /usr/share/fonts/truetype/dejavu ] || missing="$$missing fonts-dejavu-core"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing (Debian)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

chromium: system-packages

run: install
	$(SITREP) ingest seeds/ --db $(DB) || [ $$? -eq 2 ]
	$(SITREP) serve --db $(DB) --port $(PORT)

# SITREP_TEST_PG=required: the PostgreSQL tests fail, never skip, without a server.
test: install-test system-packages
	SITREP_TEST_PG=required $(PY) -m pytest

# Corpus evaluation on ../shared/data (or $SITREP_EVAL_DATA): geoparsing, then events.
eval: install
	$(PY) -m etl.cli_eval --all $${SITREP_EVAL_DATA:-../shared/data}

bench: install
	$(PY) tests/bench/bench_gazetteer.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
