# Two commands: `make run` serves the app, `make test` runs every test.
# Both set up .venv first: scripts/find-python picks a Python 3.12+ (or give PYTHON=...),
# and the packages come from the lock, requirements/dev.txt, reinstalled only when it changed.
# `make lock` writes the locks again after a change to the dependencies in pyproject.toml.

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=
# The uv that `make lock` puts into .venv when there is none on PATH.
UV_PIN := uv==0.13.8

.PHONY: run test setup lock migrate lint format messages

# Made only when there is no .venv yet. make hands PYTHON=... (from its command line or the
# environment) on to the script.
$(BIN)/python:
	@python=$$(sh scripts/find-python) && "$$python" -m venv $(VENV)

# Every package, with its hash, exactly as locked. uv is faster where it is installed;
# pip checks the same hashes.
$(STAMP): requirements/dev.txt | $(BIN)/python
	@if command -v uv >/dev/null 2>&1; then \
		echo "Installing requirements/dev.txt with uv."; \
		uv pip sync --quiet --python $(BIN)/python --require-hashes requirements/dev.txt; \
	else \
		echo "Installing requirements/dev.txt with pip."; \
		$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt; \
	fi
	@touch $(STAMP)

# The translations, compiled from each locale's .po file whenever it changed (GNU gettext's
# msgfmt does the compiling), so a fresh clone serves every language.
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po locale_allauth/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

$(MO_FILES): %.mo: %.po | $(STAMP)
	@command -v msgfmt >/dev/null || { echo "Compiling the translations needs GNU gettext's msgfmt: install gettext and run this again."; exit 1; }
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=.vnu --locale $(word 2,$(subst /, ,$@))

setup: $(STAMP) $(MO_FILES)

# After changing any words in the code: bring the Welsh catalogue up to date with them (new
# messages arrive empty, changed ones marked fuzzy); translate those, and `make setup`
# compiles it. tests/test_translations.py fails until every one has its Welsh.
messages: setup
	DEBUG=1 $(BIN)/python manage.py makemessages --locale cy --no-obsolete \
		--ignore=.venv --ignore=.vnu --ignore=tests --ignore=bench --ignore=locale_allauth

# The app's own lock first (what a deployment installs), then the dev lock on top of it, so
# the tests run the very versions that are deployed. Universal: one lock for every platform.
COMPILE := pip compile --quiet --universal --python-version 3.12 --generate-hashes \
	--custom-compile-command "make lock"
lock: | $(BIN)/python
	@if command -v uv >/dev/null 2>&1; then uv=uv; else \
		[ -x $(BIN)/uv ] || $(BIN)/python -m pip install --quiet "$(UV_PIN)"; uv=$(BIN)/uv; fi; \
	$$uv $(COMPILE) pyproject.toml -o requirements/app.txt && \
	$$uv $(COMPILE) pyproject.toml --extra dev -c requirements/app.txt -o requirements/dev.txt

migrate: setup
	$(BIN)/python manage.py migrate --noinput

run: export DEBUG ?= 1
run: migrate
	$(BIN)/python manage.py demo --if-new
	@echo "Emails (sign-in codes, password resets) are printed in this window, not sent."
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The import contract (pyproject.toml) first: a wrong import fails in seconds, naming both modules.
test: setup
	$(BIN)/lint-imports --no-logo
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
