# The README's commands. `make demo` and `make test` do all the set-up on a fresh machine.
#
# Variables: PYTHON (the interpreter that creates .venv), PORT (for `make demo`),
# PYTEST_ARGS (extra pytest arguments), PYTEST_WORKERS (parallel pytest processes, default auto: one per
# core; 0 runs in one process), REDIS_URL (for `make worker`).

PYTHON ?= $(shell command -v python3.11 >/dev/null 2>&1 && echo python3.11 || echo python3)
PORT ?= 8000
PYTEST_ARGS ?=
PYTEST_WORKERS ?= auto
VENV := .venv
BIN := $(VENV)/bin
# Written after a successful install; redone only when pyproject.toml changes (or .venv is removed).
STAMP := $(VENV)/.install-stamp
MANAGE := $(BIN)/python manage.py
# compilemessages walks the whole tree for locale/ folders: keep it out of the virtualenv.
I18N_IGNORE := --ignore=.venv --ignore=staticfiles --ignore=media

.DEFAULT_GOAL := help
.PHONY: help demo install test lint typecheck check worker messages clean distclean

help:
	@echo "make demo      virtualenv, install, migrate, demo country and users, server on 127.0.0.1:$(PORT)"
	@echo "make test      install, then pytest on PYTEST_WORKERS processes (extra arguments in PYTEST_ARGS)"
	@echo "make install   create .venv and install the project with its dev dependencies"
	@echo "make lint      ruff check and ruff format --check"
	@echo "make typecheck mypy with the Django plugin (not yet clean: not part of lint or CI)"
	@echo "make check     manage.py check and makemigrations --check"
	@echo "make worker    a Celery worker on REDIS_URL (default $(or $(REDIS_URL),redis://127.0.0.1:6379/0))"
	@echo "make messages  update and compile the French translations"
	@echo "make clean     remove caches, build artefacts and collected static files"
	@echo "make distclean clean, and remove .venv, db.sqlite3 and media/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(MANAGE) migrate --noinput
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(MANAGE) compilemessages $(I18N_IGNORE); \
	else \
		echo "msgfmt not found (apt install gettext): using the committed .mo files"; \
	fi
	$(MANAGE) load_demo
	@echo "Log in at http://127.0.0.1:$(PORT)/ as nfp, health, labour, facilitator or donor (password: demo)."
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# --dist loadfile keeps each test module on one worker: its module- and class-level set-up runs once.
test: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Settings in pyproject.toml ([tool.mypy]). Not yet clean, so neither `make lint` nor .ci/run calls it.
typecheck: install
	$(BIN)/mypy mainstreaming stakeholders situation_analysis implementation_plans monitoring tests manage.py

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

worker: install
	REDIS_URL="$(or $(REDIS_URL),redis://127.0.0.1:6379/0)" $(BIN)/celery -A mainstreaming worker -l info

messages: install
	$(MANAGE) makemessages -l fr $(I18N_IGNORE)
	$(MANAGE) compilemessages $(I18N_IGNORE)

clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache test-results staticfiles *.egg-info build $(STAMP)

distclean: clean
	rm -rf $(VENV) db.sqlite3 media
