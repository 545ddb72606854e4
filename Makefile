# The only entry points: run, test, test-layer, lint, fmt, typecheck, bench (bench-*), build,
# deploy, lock, schemas, clean; `make help` lists them from their `## target: ...` lines.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEVSET ?= tests/devset
# Not shipped with the repository: the shared data beside it (see benchmarks/metadata.py).
METADATA_DEVSET ?= ../shared/data/metadata-devset
# The 2024-26 article pages (483, WCXB, CC-BY-4.0) live outside the repo, beside it.
MODERN_DEVSET ?= ../shared/data/modern-devset
# The Lambda runtime's interpreter (python3.13): sam build needs it on PATH, and it compiles
# the .pyc files the layer ships.
PY313 ?= $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.13*/bin/python3.13) $(shell command -v python3.13))
# aws-sam-cli pins an older boto3 than ours: it lives in its own venv.
SAM_VERSION := 1.170.0
SAM := .tools/sam/bin/sam
# checkov pins boto3 1.35, packaging<24 and networkx<2.7 against ours: its own venv as well.
# Its settings (file, framework, offline) are in .checkov.yaml.
CHECKOV_VERSION := 3.3.30
CHECKOV := .tools/checkov/bin/checkov
# make test's pytest workers (pytest-xdist, a test module at a time; tests/conftest.py). The
# e2e tests mostly wait on their local stacks, so more workers than cores keep the CPU busy
# meanwhile: 6 = one for each of the five e2e modules, which start first (their local stacks'
# start-ups keep the cores busy), and one for the rest; test_local_commands' worker joins it
# within seconds (side by side, with four e2e modules: 652 s against 729 s with 4 workers, for
# 7 % more CPU). TEST_WORKERS=0 runs every test in the one pytest process.
TEST_WORKERS ?= 6
# --no-loadscope-reorder: hand modules out in collection order, where tests/conftest.py puts the
# slow e2e modules first (xdist's default order, most tests first, would start them last).
PYTEST_ARGS := -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --ignore=tests/built_layer

.PHONY: help run test test-layer lint fmt typecheck bench bench-extract bench-invented bench-metadata bench-process bench-cold-start bench-api bench-discover bench-pipeline bench-cost bench-stories build deploy lock clean schemas

# scripts/newsflow too: it is installed as a copy (pyproject's script-files), even by -e.
$(STAMP): pyproject.toml constraints.txt scripts/newsflow
	@echo "setting up $(VENV): installing newsflow and its pinned dependencies (about 150 packages; a minute or more the first time)"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@# Each line as pip writes it: -u, as pip's output into a pipe is otherwise block-buffered,
	@# and bash's read rather than awk, as mawk (Debian's awk) reads its input in blocks; lines
	@# came in bursts half a minute apart (the first after 45 s on a loaded machine).
	set -o pipefail; $(PY) -u -m pip install --progress-bar off --disable-pip-version-check \
		-c constraints.txt -e '.[dev]' | while IFS= read -r line; do case $$line in \
			"Collecting "*|"Successfully installed "*) echo "  $$line";; \
			"Installing collected packages"*) echo "  installing them (a minute or more, minutes on a busy machine: pip says nothing until done)";; \
		esac; done
	touch $(STAMP)

## help: this list of targets
help:
	@sed -n -e 's/^## \([a-z-]*\):/\1:/p' -e t -e 's/^## /    /p' $(firstword $(MAKEFILE_LIST))

## run: the whole pipeline locally (moto as AWS, a fixture news site, the API on 127.0.0.1:3000)
run: $(STAMP)
	$(BIN)/newsflow local $(ARGS)

## test: set up the venvs, then lint, type-check and run every test (the policy scan included)
## but the layer build's (make test-layer)
test: $(STAMP) $(CHECKOV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# Our modules compiled once here, not by each of the test run's processes: every xdist
	@# worker and every subprocess of the CLI and e2e tests imports newsflow, and with
	@# PYTHONDONTWRITEBYTECODE set (as in many containers) each would compile it anew
	@# (about 0.2 s of CPU apiece). compileall writes the .pyc files whatever that setting says.
	@# pytest runs without that setting: each worker collects every test module, and pytest
	@# keeps the test modules it rewrote (for its assert messages) only when it may write .pyc
	@# files; with the setting each worker rewrote them all again (collection 6.3 -> 3.1 s of
	@# CPU per worker once they are kept).
	$(PY) -m compileall -q -j 0 shared functions tests benchmarks
	@# mypy runs beside pytest (the e2e tests leave the CPU idle while they wait on their local
	@# stacks); its report follows pytest's, and either failing fails the target.
	@mypy_log=$$(mktemp); \
	echo "$(BIN)/mypy > $$mypy_log &  # beside pytest: its report follows pytest's"; \
	$(BIN)/mypy > $$mypy_log 2>&1 & mypy_pid=$$!; \
	trap 'kill $$mypy_pid 2>/dev/null; rm -f $$mypy_log' EXIT; \
	echo "env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest $(PYTEST_ARGS)"; \
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest $(PYTEST_ARGS); pytest_status=$$?; \
	wait $$mypy_pid; mypy_status=$$?; \
	echo "mypy (exit $$mypy_status):"; cat $$mypy_log; \
	test $$pytest_status -eq 0 -a $$mypy_status -eq 0

## test-layer: build the shared layer for this host (python3.13) and import every handler from
## it (about 90 s: a pip install of the layer; CI runs it after make test)
test-layer: $(STAMP)
	$(BIN)/pytest tests/built_layer

## lint: ruff, cfn-lint, sam validate --lint and the checkov policy scan (all offline)
lint: $(STAMP) $(SAM) $(CHECKOV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/cfn-lint template.yaml
	AWS_DEFAULT_REGION=$${AWS_DEFAULT_REGION:-us-east-1} $(SAM) validate --lint --template-file template.yaml
	$(CHECKOV) --quiet --compact

$(CHECKOV):
	$(PYTHON) -m venv .tools/checkov
	.tools/checkov/bin/pip install -q --disable-pip-version-check checkov==$(CHECKOV_VERSION)

$(SAM):
	$(PYTHON) -m venv .tools/sam
	.tools/sam/bin/pip install -q --disable-pip-version-check aws-sam-cli==$(SAM_VERSION)

## build: sam build (no Docker): the functions and the shared layer, arm64, with compiled .pyc
build: $(SAM)
	@test -n "$(PY313)" || { echo "make build needs python3.13 (the Lambda runtime) on PATH or in pyenv"; exit 1; }
	LAYER_PYTHON=$(PY313) PATH=$(dir $(PY313)):$$PATH \
		$(SAM) build --template-file template.yaml

## deploy: sam deploy, guided the first time (writes samconfig.toml)
deploy: build
	if [ -f samconfig.toml ]; then $(SAM) deploy; else $(SAM) deploy --guided; fi

## fmt: ruff's fixes and formatting, in place
fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## typecheck: mypy (strict)
typecheck: $(STAMP)
	$(BIN)/mypy

## bench: every benchmark
bench: bench-extract bench-invented bench-metadata bench-process bench-cold-start bench-api bench-discover bench-pipeline bench-cost bench-stories

## bench-extract: newsflow vs trafilatura on both development sets (2019 and, when present, modern)
bench-extract: $(STAMP)
	@test -d $(MODERN_DEVSET) || echo "$(MODERN_DEVSET) is absent: scoring only $(DEVSET)"
	$(PY) benchmarks/extract.py --data $(DEVSET) $(if $(wildcard $(MODERN_DEVSET)/ground-truth.json),--data $(MODERN_DEVSET)) $(BENCH_ARGS)

## bench-invented: newsflow vs trafilatura on the invented pages in tests/fixtures: the 52 of
## tests/fixtures/invented (tuned on) and the 44 held-out ones nobody tunes on (heldout_invented)
bench-invented: $(STAMP)
	$(PY) benchmarks/invented.py $(ARGS)
	$(PY) benchmarks/heldout_invented.py $(ARGS)

## bench-metadata: newsflow vs trafilatura (+htmldate) on ../shared/data/metadata-devset: title,
## authors, dates, body, language, pages/s, peak memory (says so and exits 0 when absent)
bench-metadata: $(STAMP)
	$(PY) benchmarks/metadata.py --data $(METADATA_DEVSET) $(ARGS)

## bench-process: AWS calls and handler time per page of the processing path (moto, devset)
bench-process: $(STAMP)
	$(PY) benchmarks/process.py --data $(DEVSET)

## bench-cold-start: each handler's cold import time from the built layer (fresh interpreter, .pyc present);
## BENCH_ARGS="--first-call --baseline REV --clock process_time" adds import + first invocation (moto server)
bench-cold-start: $(STAMP)
	@test -n "$(PY313)" || { echo "needs python3.13 (the Lambda runtime)"; exit 1; }
	$(PY) benchmarks/cold_start.py --python $(PY313) $(BENCH_ARGS)

## bench-api: DynamoDB calls, items read and handler time per Query API route at 1k/10k/100k articles
bench-api: $(STAMP)
	$(PY) benchmarks/api.py

## bench-discover: a 50,000-URL sitemap index with 49,000 known URLs: time, memory, DynamoDB calls
bench-discover: $(STAMP)
	$(PY) benchmarks/discover.py

## bench-pipeline: articles per second through the whole local pipeline, extraction vs AWS time
bench-pipeline: $(STAMP)
	$(PY) benchmarks/pipeline.py --pages 200

## bench-cost: fetch (200-800 ms server delay) and process of dev-set pages against moto, priced per million articles
bench-cost: $(STAMP)
	$(PY) benchmarks/cost.py --pages 100

## bench-stories: story grouping's threshold curve, DynamoDB calls and CPU per article, import cost
bench-stories: $(STAMP)
	$(PY) benchmarks/stories.py

## lock: re-resolve the pinned constraints from pyproject.toml (on purpose only)
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install -q --disable-pip-version-check -e '.[dev]'
	.lockvenv/bin/pip freeze --exclude-editable | grep -v '^-e ' > constraints.txt
	rm -rf .lockvenv

## clean: remove the venvs, the tools and the caches
clean:
	rm -rf $(VENV) .tools .aws-sam .mypy_cache .pytest_cache .ruff_cache

## schemas: regenerate docs/schemas/ from the models
schemas: $(STAMP)
	$(PY) -m newsflow.models.schemas docs/schemas
