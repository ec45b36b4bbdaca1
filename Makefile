# Jumelage — `make run` serves the platform, `make test` runs every test.
# Both set themselves up: virtualenv, pinned dependencies, translations.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.lock | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run prod test setup lint format messages translations-fill demo bench clean screenshots

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

setup: $(STAMP)
	@$(BIN)/python manage.py compiletranslations

run: export LOG_FORMAT ?= text
run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}" $(BIN)/uvicorn jumelage.asgi:application --host $(HOST) --port $(PORT) --ws websockets-sansio --no-proxy-headers

# The production topology on this machine: nginx, gunicorn (pages), uvicorn (WebSockets),
# Celery worker and beat, on PostgreSQL and Redis (deploy/prod.env; docs/production.md).
prod: setup
	$(BIN)/python deploy/prod.py

test: setup
	$(BIN)/python scripts/test.py $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the translation catalogues of every language after changing strings (needs GNU
# gettext): the French ones are the templates, the others are re-made from them
# (docs/languages.md).
messages: setup
	$(BIN)/python manage.py makemessages -l fr --ignore '.venv/*' --ignore 'var/*' --ignore '*/tests/*' --ignore 'e2e/*' --ignore 'bench/*'
	$(BIN)/python scripts/l10n.py sync
	$(BIN)/python manage.py compiletranslations

# Fill every language's catalogues from translators' files: L10N_DIR/<code>.jsonl.
L10N_DIR ?= /work/l10n/out
translations-fill: setup
	$(BIN)/python scripts/l10n.py fill $(L10N_DIR)

# docs/screenshots/: the main pages at 1280 px and 390 px, on a fresh demo database.
screenshots: setup
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) var
