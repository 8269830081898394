# newswire: `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The day the bundled sample wire was published; override: make run DATE=2026-11-20
DATE ?= 2026-11-19
# The days make report covers; by default the day make run loaded.
FROM ?= $(DATE)
TO ?= $(FROM)

.DEFAULT_GOAL := help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt requirements-deploy.txt requirements-lock.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==26.3
	$(BIN)/pip install --quiet -c requirements-lock.txt -r requirements.txt -r requirements-dev.txt \
	  -r requirements-deploy.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP) ## create .venv with the pinned dependencies

run: $(STAMP) ## one daily ingestion of the sample wire through the Airflow DAG, then a summary
	@if [ -z "$$DATABASE_URL" ]; then \
	  trap '$(BIN)/newswire db stop >/dev/null' EXIT; $(BIN)/newswire run --date $(DATE); \
	else $(BIN)/newswire run --date $(DATE); fi

test: $(STAMP) ## the whole suite: unit, integration (PostgreSQL, local HTTP), DAG
	$(BIN)/pytest

test-unit: $(STAMP) ## pure tests only: no database, no network, seconds
	$(BIN)/pytest tests/unit

lint: $(STAMP) ## ruff (lint + format check) and mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP) ## apply ruff's formatting and safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP) ## benchmarks (clean vs trafilatura, load vs raw COPY, datelines per agency, scale: a day of 40,000 stories)
	$(BIN)/python -m tests.bench.run

report: $(STAMP) ## daily tables + chart (var/report.png) of what make run loaded; FROM=D TO=D
	@if [ -z "$$DATABASE_URL" ]; then \
	  trap '$(BIN)/newswire db stop >/dev/null' EXIT; $(BIN)/newswire report --from $(FROM) --to $(TO); \
	else $(BIN)/newswire report --from $(FROM) --to $(TO); fi

clean: ## remove the virtualenv and local state (embedded database, Airflow home)
	-$(BIN)/newswire db stop
	rm -rf $(VENV) var

.PHONY: help install run test test-unit lint format bench report clean
