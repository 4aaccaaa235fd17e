# campaignctl developer entry points. Everything runs inside a local .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint check install clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make demo: plan + apply examples/quickstart against the embedded sandbox
demo: $(STAMP)
	cd examples/quickstart && ../../$(BIN)/campaignctl validate .
	cd examples/quickstart && ../../$(BIN)/campaignctl --sandbox plan .
	cd examples/quickstart && ../../$(BIN)/campaignctl --sandbox apply . --auto-approve
	cd examples/quickstart && ../../$(BIN)/campaignctl --sandbox plan . --detailed-exitcode

## make lint: ruff, formatting, mypy strict and the schema check
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/campaignctl schema --check

## make test: lint, then the whole test suite
test: lint
	$(BIN)/pytest -n 2 --dist loadgroup

bench: $(STAMP)
	$(BIN)/python bench/sandbox_list.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
