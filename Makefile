# The two commands in README.md: `make site` and `make test`. Everything else is optional.
export NO_MKDOCS_2_WARNING := 1
# The same notice from a dependency (properdocs): 15 lines that bury real build errors.
export DISABLE_MKDOCS_2_WARNING := true
SHELL := /bin/bash
VENV_BIN := .venv/bin

.PHONY: help site serve test test-fast linkcheck review-due bench lock env-site env-test

## This list: each command with what it does (`make` alone shows it).
help:
	@awk '/^## /{what=(block ? what " " : "") substr($$0, 4); block=1; next} {block=0} /^[a-z-]+:/{if (what) printf "  make %-10s %s\n", substr($$1, 1, length($$1)-1), what; what=""}' $(MAKEFILE_LIST)

## What building the site needs, and nothing more: Pango and fonts, .venv from requirements.lock.
env-site:
	@scripts/setup-env site

## That, plus the test tools: requirements-test.lock, the HTML checkers, LibreOffice.
env-test:
	@scripts/setup-env test

## Set up, strict build of the site and the PDF into site/.
site: env-site
	$(VENV_BIN)/mkdocs build --strict

## Live preview on http://127.0.0.1:8000 (no PDF; restart after editing saferpolitics/).
serve: env-site
	$(VENV_BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Set up (test tools, Chromium), then every test: lint, unit, build, PDF and browser.
test: env-test
	@scripts/ensure-chromium
	$(VENV_BIN)/python -m pytest

## Every test but the browser ones (lint, unit, build, PDF): the check to run while you work.
test-fast: env-test
	$(VENV_BIN)/python -m pytest -m "not browser"

## Check every registry URL on the internet; writes reports/linkcheck.{md,json}. ARGS=--write-checked records results.
linkcheck: env-site
	$(VENV_BIN)/python -m saferpolitics.maintenance.livecheck --registry data/links.yml --report-dir reports $(ARGS)

## List the pages last reviewed more than 12 months ago, oldest first, with the line to update.
review-due: env-site
	$(VENV_BIN)/python scripts/review-due.py

## Print build time, memory, page weight and PDF figures.
bench: env-test
	$(VENV_BIN)/python scripts/benchmark.py

## Re-pin both locks, with every file's hash, after changing bounds in pyproject.toml (pip-tools,
## from the package index; pins already in the locks are kept while they fit). The test lock is
## made first and the site's within it, so both pin the same versions.
PIP_TOOLS := pip-tools==7.7.0
LOCK_OPTIONS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock:
	rm -rf .lock-venv && python3 -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	.lock-venv/bin/pip-compile $(LOCK_OPTIONS) --extra test --output-file requirements-test.lock pyproject.toml scripts/build-backend.in
	.lock-venv/bin/pip-compile $(LOCK_OPTIONS) --constraint requirements-test.lock --output-file requirements.lock pyproject.toml scripts/build-backend.in
	rm -rf .lock-venv
