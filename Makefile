# Two commands: `make run` serves the app, `make test` runs every test.
# Both set up .venv from pyproject.toml first, and reinstall only when it changed.

PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	if $$p -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then \
		echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: run test setup migrate lint format

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Mark of co-production needs Python 3.12 or newer: install it (from python.org or your package manager) and run this again."; \
		exit 1; fi
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
		print('\n'.join(p['dependencies'] + p['optional-dependencies']['dev']))" > $(VENV)/requirements.txt
	$(BIN)/python -m pip install --quiet -r $(VENV)/requirements.txt
	touch $(STAMP)

setup: $(STAMP)

migrate: setup
	$(BIN)/python manage.py migrate --noinput

run: export DEBUG ?= 1
run: migrate
	$(BIN)/python manage.py demo --if-new
	@echo "Emails (sign-in codes, password resets) are printed in this window, not sent."
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup
	$(BIN)/python -m pytest $(ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The W3C Nu HTML Checker, which tests/test_html.py runs over every page. It needs Java 17
# or newer on PATH; npm only fetches the jar (its install script, which would download a
# Java of its own, is skipped).
VNU_VERSION := 26.9.27
VNU_STAMP := .vnu/.installed-$(VNU_VERSION)

.PHONY: vnu
vnu: $(VNU_STAMP)
setup: $(VNU_STAMP)
test: $(VNU_STAMP)

$(VNU_STAMP):
	@command -v npm >/dev/null || { echo "The HTML check needs npm (from Node.js) to install the W3C checker: install it and run this again."; exit 1; }
	npm install --prefix .vnu --no-save --ignore-scripts --no-audit --no-fund vnu-jar@$(VNU_VERSION)
	touch $@
