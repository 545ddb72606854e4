# The only entry points: run, test, lint, fmt, typecheck, bench, bench-extract, lock.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEVSET ?= tests/devset

.PHONY: run test lint fmt typecheck bench bench-extract bench-process lock clean schemas

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $(STAMP)

## run: until the local runner exists, extract the bundled sample pages and print what was found
run: $(STAMP)
	$(BIN)/newsflow extract --format summary tests/golden/cases/*.html

## test: set up the venv, then lint, type-check and run every test
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(STAMP)
	$(BIN)/mypy

## bench: every benchmark
bench: bench-extract bench-process

## bench-extract: newsflow vs trafilatura on the development set, side by side in one run
bench-extract: $(STAMP)
	$(PY) benchmarks/extract.py --data $(DEVSET)

## bench-process: AWS calls and handler time per page of the processing path (moto, devset)
bench-process: $(STAMP)
	$(PY) benchmarks/process.py --data $(DEVSET)

## lock: re-resolve the pinned constraints from pyproject.toml (on purpose only)
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
	.lockvenv/bin/pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt
	rm -rf .lockvenv

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

## schemas: regenerate docs/schemas/ from the models
schemas: $(STAMP)
	$(PY) -m newsflow.models.schemas docs/schemas
