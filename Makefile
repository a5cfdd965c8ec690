# Sitrep: two commands for a newcomer.
#   make run   install, ingest seeds/ into ./sitrep.db, serve http://127.0.0.1:8050
#   make test  install with test extras (and Debian's chromium), run every test
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SITREP := $(VENV)/bin/sitrep
DB ?= sitrep.db
PORT ?= 8050

.PHONY: install install-test chromium run test eval bench clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"

# XStatic packages are sdists whose setup imports pkg_resources: build them with a
# pinned setuptools that still has it (no build isolation), everything hashed.
$(VENV)/.installed: requirements.lock requirements-build.lock pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements-build.lock
	$(PY) -m pip install --quiet --no-build-isolation --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e . || \
		$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m geo.gazetteer build
	touch $@

$(VENV)/.installed-test: requirements-test.lock $(VENV)/.installed
	$(PY) -m pip install --quiet --no-build-isolation --require-hashes -r requirements-test.lock
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Browser tests and image export need Debian's chromium and its driver; the
# briefing PDF embeds DejaVu Sans.
chromium:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
			|| [ ! -d /usr/share/fonts/truetype/dejavu ]; then \
		echo "installing chromium, chromium-driver and fonts-dejavu-core (Debian)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium chromium-driver fonts-dejavu-core; \
	fi

run: install
	$(SITREP) ingest seeds/ --db $(DB) || [ $$? -eq 2 ]
	$(SITREP) serve --db $(DB) --port $(PORT)

test: install-test chromium
	$(PY) -m pytest

# Corpus evaluation on ../shared/data (or $SITREP_EVAL_DATA): geoparsing, then events.
eval: install
	$(PY) -m etl.cli_eval --all $${SITREP_EVAL_DATA:-../shared/data}

bench: install
	$(PY) tests/bench/bench_gazetteer.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
