# Two commands: `make run` serves the app, `make test` runs every test.
# Both set up .venv first: scripts/find-python picks a Python 3.12+ (or give PYTHON=...),
# and install the packages from pyproject.toml, again only when it changed.

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: run test setup migrate lint format

# Made only when there is no .venv yet. make hands PYTHON=... (from its command line or the
# environment) on to the script.
$(BIN)/python:
	@python=$$(sh scripts/find-python) && "$$python" -m venv $(VENV)

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
