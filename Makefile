# The two commands in README.md: `make site` and `make test`. Everything else is optional.
export NO_MKDOCS_2_WARNING := 1
# The same notice from a dependency (properdocs): 15 lines that bury real build errors.
export DISABLE_MKDOCS_2_WARNING := true
SHELL := /bin/bash
VENV_BIN := .venv/bin

.PHONY: site serve test test-fast linkcheck bench lock env

env:
	@scripts/setup-env

## Set up, strict build of the site and the PDF into site/.
site: env
	$(VENV_BIN)/mkdocs build

## Live preview on http://127.0.0.1:8000 (no PDF; restart after editing saferpolitics/).
serve: env
	$(VENV_BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Set up (venv, Chromium), then every test: lint, unit, build, PDF and browser.
test: env
	@scripts/ensure-chromium
	$(VENV_BIN)/python -m pytest

## Every test but the browser ones (lint, unit, build, PDF): the check to run while you work.
test-fast: env
	$(VENV_BIN)/python -m pytest -m "not browser"

## Check every registry URL on the internet; writes reports/linkcheck.{md,json}. ARGS=--write-checked records results.
linkcheck: env
	$(VENV_BIN)/python -m saferpolitics.maintenance.livecheck --registry data/links.yml --report-dir reports $(ARGS)

## Print build time, memory, page weight and PDF figures.
bench: env
	$(VENV_BIN)/python scripts/benchmark.py

## Re-pin requirements.lock after changing bounds in pyproject.toml.
lock:
	rm -rf .lock-venv && python3 -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check ".[test]" setuptools
	.lock-venv/bin/pip freeze --all --exclude-editable | grep -v -E "^(safer-politics-toolkit|pip)==" > requirements.lock
	rm -rf .lock-venv
