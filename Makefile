# Gongkai: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# The address printed by load_demo and used in e-mail links; follows HOST and PORT unless set.
WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
export WAGTAILADMIN_BASE_URL

.PHONY: help run test test-opensearch test-cluster backup restore bench-cache install install-dev migrate demo serve lint format check bench relevance lock clean messages

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime  ## Create .venv and install the pinned runtime requirements

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

install-dev: $(VENV)/.dev node_modules/.installed  ## Add the test, lint and benchmark tools (axe-core for the browser tests)

migrate: install  ## Apply database migrations
	mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate  ## Load the demo site (idempotent) and print the demo accounts
	$(PY) manage.py load_demo

serve: install  ## Serve the site on http://$(HOST):$(PORT) (make run PORT=8080 HOST=0.0.0.0)
	$(PY) manage.py runserver $(HOST):$(PORT)

run: demo serve  ## Set everything up and serve the demo site (admin at /admin/)

test: install-dev  ## Run the whole test suite (SQLite, or PostgreSQL when DATABASE_URL is set), then the real-OpenSearch tier when java and mvn are installed
	$(PY) -m pytest
	PYTHON=$(PY) bash search/engine/opensearch.sh test-if-possible -q

test-opensearch: install-dev  ## Build a real OpenSearch 2.19 from Maven Central, start it, run search/tests/engine, stop it
	PYTHON=$(PY) bash search/engine/opensearch.sh test -q

lint: install-dev  ## ruff check, ruff format --check, Django checks, migrations up to date
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

format: install-dev  ## Format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench-cache: install-dev  ## Front cache: wrk against gunicorn, Varnish and nginx (a static copy), and the delay after a publish (needs DATABASE_URL with the demo)
	bash bench/cache.sh

bench: install-dev  ## Search (10k and 100k documents, SQLite or DATABASE_URL, and a real OpenSearch node when java and mvn are installed), the relaxed search of questions (10k) and import benchmarks; BENCH_ARGS="--sizes 2000" for a quick run
	PYTHON=$(PY) OPENSEARCH_HEAP=$${OPENSEARCH_HEAP:-2g} bash search/engine/opensearch.sh with-node-if-possible $(PY) -m bench.run $(BENCH_ARGS)

relevance: install-dev  ## Judged relevance set: recall@10, MRR, nDCG@10 per backend (with a real OpenSearch node when java and mvn are installed)
	PYTHON=$(PY) bash search/engine/opensearch.sh with-node-if-possible $(PY) -m bench.relevance

messages:  ## Compile locale/zh_Hans/*.po into the committed .mo files (needs gettext's msgfmt)
	$(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*' --ignore 'node_modules/*'

lock:  ## Re-pin requirements after changing a top-level dependency
	$(PIP) freeze

clean:  ## Remove the virtualenv and local data (keeps nothing under var/)
	rm -rf $(VENV) var staticfiles

test-cluster: install-dev  ## Two app servers behind Varnish with their own PostgreSQL and Redis on loopback ports (needs root, varnish, redis-server, postgresql)
	$(PY) -m tests.cluster

backup: install  ## Archive the database (pg_dump), media and private media into BACKUP_DIR (default ./backups)
	set -a; [ ! -f .env ] || . ./.env; set +a; sh docker/backup.sh

restore: install  ## Restore ARCHIVE= (from make backup) into DATABASE_URL, MEDIA_ROOT and GONGKAI_PRIVATE_MEDIA_ROOT
	set -a; [ ! -f .env ] || . ./.env; set +a; sh docker/restore.sh $(ARCHIVE)
