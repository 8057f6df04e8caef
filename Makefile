# Sitrep: `make run` serves the dashboard with the demo corpus; `make test` runs the whole suite
# on SQLite and PostgreSQL. Both set everything up from nothing.

SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
export SITREP_SHARED_DIR := $(abspath $(SHARED))

# Django 6.1 needs Python 3.12+: take the first one found on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 \
	$$HOME/.pyenv/versions/3.12*/bin/python3 /root/.pyenv/versions/3.1[23]*/bin/python3 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)

.PHONY: run test test-sqlite test-postgres bench browser pdf venv setup demo clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "No Python 3.12 or newer found (Django 6.1 needs one)." >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

# Debian's chromium for the browser tests (Playwright drives it; never `playwright install`).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@chromium --version

# Debian's libraries WeasyPrint needs for the PDF drafts (Pango, HarfBuzz subsetting), a font with
# Arabic glyphs, and pdftotext (poppler-utils) for the tests that read the PDF back.
PDF_DEBS = libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils
pdf:
	@dpkg -s $(PDF_DEBS) >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(PDF_DEBS) >/dev/null; }

setup: venv pdf
	@mkdir -p var
	DEBUG=1 $(PY) manage.py migrate --noinput -v 0
	DEBUG=1 $(PY) manage.py load_places

demo: setup
	DEBUG=1 $(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py refresh_summaries

# The web server, one background worker (uploads, feeds, re-extraction, daily totals) and the feeds'
# scheduler start together and stop together: the trap stops the worker (SIGTERM: it finishes its current
# task) and the scheduler when the server ends or on Ctrl-C.
run: demo
	DEBUG=1 $(PY) manage.py ensure_local_admin
	@DEBUG=1 $(PY) manage.py db_worker --no-reload --queue-name '*' -v 0 & worker=$$!; \
	DEBUG=1 $(PY) manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: venv browser pdf
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: venv
	DEBUG=1 DATABASE_URL=sqlite:// $(PY) -m pytest -p no:cacheprovider -q

test-postgres: venv
	@if $(PY) -c "import psycopg,sys; psycopg.connect(sys.argv[1], connect_timeout=5).close()" "$(TEST_DATABASE_URL)" 2>/dev/null; then \
		DEBUG=1 DATABASE_URL="$(TEST_DATABASE_URL)" $(PY) -m pytest -p no:cacheprovider -q; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(TEST_DATABASE_URL) and CI=true: failing." >&2; exit 1; \
	else \
		echo "SKIPPED the PostgreSQL run: nothing answers at $(TEST_DATABASE_URL) (set TEST_DATABASE_URL)."; \
	fi

# Benchmarks print their figures; none of them is a test. The PostgreSQL ones use BENCH_DATABASE_URL.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/sitrep_bench
bench: venv
	@for script in tests/bench/bench_*.py; do \
		echo "== $$script"; DEBUG=1 BENCH_DATABASE_URL="$(BENCH_DATABASE_URL)" $(PY) $$script || exit 1; \
	done

clean:
	rm -rf $(VENV) var staticfiles
