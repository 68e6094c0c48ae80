# Shortcuts for dev.py, which needs only Python 3.10+ and sets up .venv itself.
PYTHON ?= python3

.PHONY: help venv example test bench-smoke

help:
	@$(PYTHON) dev.py || true

venv:
	$(PYTHON) dev.py venv

example:
	$(PYTHON) dev.py example

test:
	$(PYTHON) dev.py test

bench-smoke:
	$(PYTHON) dev.py bench-smoke
