# campaignctl developer entry points. Everything runs inside a local .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
DEV := $(VENV)/.dev-installed
CLI := $(abspath $(BIN))/campaignctl

.PHONY: demo test lint install dev clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(RUNTIME)

install: $(RUNTIME)
dev: $(DEV)

## make demo: validate, plan and apply examples/quickstart against the embedded
## sandbox, then plan again to show that one apply converged.
demo: $(RUNTIME)
	cd examples/quickstart && $(CLI) validate .
	cd examples/quickstart && $(CLI) --sandbox plan .
	cd examples/quickstart && $(CLI) --sandbox apply . --auto-approve
	cd examples/quickstart && $(CLI) --sandbox plan . --detailed-exitcode

## make lint: ruff, formatting, mypy --strict and the schema check
lint: $(DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/campaignctl schema --check

## make test: lint, then the whole test suite on both cores
test: lint
	$(BIN)/pytest -n 2

## make bench: every benchmark (printed figures, not timed tests); the scale
## benchmark takes SCALE_FLAGS, e.g. make bench SCALE_FLAGS=--quick (1x and 3x)
## or SCALE_FLAGS="--sizes 1,10 --skip-per-object"
SCALE_FLAGS ?=
bench: $(DEV)
	$(BIN)/python bench/scale.py $(SCALE_FLAGS)
	$(BIN)/python bench/plan_cpu.py
	$(BIN)/python bench/sandbox_list.py
	$(BIN)/python bench/rollout.py
	$(BIN)/python bench/reliability.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
