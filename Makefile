# grantstack developer commands. `make example` and `make test` set up .venv themselves.
# Without make, see "Without make" in README.md for the plain commands.

PYTHON  ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.grantstack-installed
EXAMPLE ?= scenarios/firms/tongzhou_manufacturer.yaml
FIRMS   := $(wildcard scenarios/firms/*.yaml)

.PHONY: help venv example test bench-smoke

help:
	@echo "make example      plan the bundled example firm ($(EXAMPLE))"
	@echo "make test         ruff check + pytest"
	@echo "make bench-smoke  solve every example firm; fail unless each plan is proven OPTIMAL"
	@echo "make venv         create $(VENV) and install grantstack with its dev extras (done by the others)"

# Idempotent: reinstalls only when pyproject.toml is newer than the stamp.
venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

example: venv
	$(BIN)/grantstack plan $(EXAMPLE)

test: venv
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench-smoke: venv
	@out=$$(mktemp -d); status=0; \
	for firm in $(FIRMS); do \
	  $(BIN)/grantstack plan "$$firm" --option time_limit=20 --out "$$out/$$(basename $$firm .yaml).json" || status=1; \
	done; rm -rf "$$out"; exit $$status
