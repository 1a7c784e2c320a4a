# Two commands for a new user: `make build` (or `make serve`) and `make test`.
# Each sets itself up: a virtualenv in .venv with the versions in requirements.lock (hash-checked), and
# the generator installed from this checkout. The lock is what was tested; pyproject.toml keeps the
# ranges for people who install the package (regenerate the lock with `make lock`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# A .venv made by another Python than $(PYTHON) (another version, or one that is gone) is made anew.
WANT := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
HAVE := $(shell $(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifneq ($(wildcard $(VENV)),)
  ifneq ($(WANT),$(HAVE))
    $(info .venv was made by Python $(or $(HAVE),(gone)), not $(PYTHON) ($(WANT)): making it anew)
    $(shell rm -rf $(VENV))
  endif
endif

.PHONY: build serve test check lint bench schema lock wheel clean

$(STAMP): pyproject.toml $(LOCK)
	@test -n "$(WANT)" || { echo "$(PYTHON) not found: install Python 3.11 or newer (or: make PYTHON=python3.13)"; exit 2; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
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

schema: $(STAMP)  ## regenerate the JSON Schemas the example's data files name (macros/schema/)
	$(BIN)/handbook schema --out macros/schema

wheel: $(STAMP)  ## build the installable package into dist/ (for a company's own repository)
	$(BIN)/python -m build --wheel --outdir dist .

lock: $(STAMP)  ## re-resolve requirements.lock from pyproject.toml (then run make test)
	$(BIN)/python -m pip install --quiet "pip-tools>=7.4"
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra test -o $(LOCK) pyproject.toml

clean:
	rm -rf site public dist .pytest_cache test-artifacts
