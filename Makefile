# Two commands for a new user: `make build` (or `make serve`) and `make test`.
# Each sets itself up: a virtualenv in .venv with the pinned ranges from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

VENDOR := overrides/assets/vendor
SHIM := $(VENDOR)/iframe-worker/shim.js

.PHONY: build serve test check lint bench schema clean vendor

# Third-party browser files are fetched from npm at set-up (pinned), not committed.
$(SHIM):
	@mkdir -p $(@D)
	tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent iframe-worker@1.0.4 >/dev/null) \
	  && tar -xzf $$tmp/iframe-worker-1.0.4.tgz -C $$tmp && cp $$tmp/package/shim/index.js $@ \
	  && cp $$tmp/package/LICENSE $(@D)/LICENSE && rm -rf $$tmp

AXE := tests/browser/vendor/axe.min.js
$(AXE):
	@mkdir -p $(@D)
	tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent axe-core@4.10.3 >/dev/null) \
	  && tar -xzf $$tmp/axe-core-4.10.3.tgz -C $$tmp && cp $$tmp/package/axe.min.js $@ \
	  && cp $$tmp/package/LICENSE $(@D)/LICENSE && rm -rf $$tmp

vendor: $(SHIM) $(AXE)

$(STAMP): pyproject.toml | $(SHIM) $(AXE)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	@touch $(STAMP)

build: $(STAMP)  ## build the example handbook into site/
	$(BIN)/handbook build

serve: $(STAMP)  ## serve it on http://127.0.0.1:8000 with live reload
	$(BIN)/handbook serve

check: $(STAMP)  ## validate the data and list compliance findings
	$(BIN)/handbook check

test: $(STAMP)  ## the whole test suite (lint, unit, build, browser)
	$(BIN)/ruff check macros tests
	$(BIN)/python -m pytest -q

bench: $(STAMP)  ## build-performance benchmark at x1, x10, x50
	$(BIN)/python tests/bench/bench.py

schema: $(STAMP)  ## regenerate the JSON Schemas for the data files
	$(BIN)/handbook schema

clean:
	rm -rf site public dist .pytest_cache test-artifacts
