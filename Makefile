# One task runner for humans and CI. `make run` and `make test` are the two
# commands the README promises work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every installed version is pinned in the lock (made by pip-compile from pyproject.toml; see
# `make lock`): make, CI and the Dockerfile install through it, so all run what was tested.
LOCK := requirements.lock
# Reinstall only when the dependency list or the lock changes.
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)

HOST ?= 127.0.0.1
PORT ?= 8000
# The help site: where it is built, and the branch a pull request is compared with.
SITE_DIR ?= site
BASE ?= origin/main

.PHONY: lock docker-test docker-test-if-engine promtool run test test-fast browser check lint typecheck unit jstest bench eval catalogs clean site preview check-articles

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint $(LOCK) -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

# Refresh the lock after changing pyproject.toml's dependencies (or to take newer releases):
# pip-tools runs in a venv of its own, so its pins never mix with the project's.
lock:
	test -x .lock-venv/bin/pip-compile || { $(PYTHON) -m venv .lock-venv && .lock-venv/bin/pip install --quiet pip-tools==7.6.2; }
	.lock-venv/bin/pip-compile --quiet --upgrade --all-extras --strip-extras --no-emit-index-url \
		--no-emit-find-links --unsafe-package kb --output-file $(LOCK) pyproject.toml

# The image built, started and asked in both languages (needs a Docker engine; builds a
# local base first where image registries are out of reach).
docker-test:
	scripts/docker_test.sh

# In `make test` when a Docker engine answers (about 6 s with a built base, 70 s without).
docker-test-if-engine:
	@if docker info >/dev/null 2>&1; then scripts/docker_test.sh; \
	else echo "docker-test skipped: no Docker engine answers (start one: dockerd &)"; fi

run: $(STAMP)
	$(BIN)/kb serve --host $(HOST) --port $(PORT)

test: $(STAMP) browser promtool lint typecheck jstest unit docker-test-if-engine

# The inner loop: the tests that need no browser, no PostgreSQL and no server (under a minute).
test-fast: $(STAMP)
	$(BIN)/pytest -m "not slow and not browser and not postgres"

# The browser tests drive Debian's Chromium; Noto CJK renders the Chinese pages.
browser:
	@command -v chromium >/dev/null && dpkg -s fonts-noto-cjk >/dev/null 2>&1 || { \
		apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

# promtool (Debian's prometheus package) runs the alert rules' unit tests.
promtool:
	@command -v promtool >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/kb lint

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

# The sidebar's scripts: their JSDoc types (tsc, no build) and their pure parts
# (placeholders, reading helpdesk tickets) with Node's own test runner.
jstest: node_modules/.installed
	npx --no-install tsc -p jsconfig.json
	node --test tests/js/

# After changing a message (N_("...") anywhere in kb/): refresh the template and the .po files,
# translate the new entries in locales/*/LC_MESSAGES/kb.po, then run this again to compile.
catalogs: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output --project=kb \
		--copyright-holder="kb authors" -o locales/kb.pot kb
	$(BIN)/pybabel update --no-fuzzy-matching -i locales/kb.pot -d locales -D kb
	$(BIN)/pybabel compile -d locales -D kb --statistics

bench: $(STAMP)
	$(BIN)/python bench/lint_speed.py
	$(BIN)/python bench/search_speed.py
	$(BIN)/python bench/semantic_speed.py
	$(BIN)/python bench/redact_speed.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/insights_speed.py

# The help site, as users get it (`KB_SITE_AUDIENCE=internal` for the agents' full site).
site: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)

# Writers: the site at http://127.0.0.1:8001, rebuilt on every save (not strict, so a
# half-typed link does not stop it; `make site` and the pull-request checks are strict).
preview: $(STAMP)
	$(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:8001

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# What .github/workflows/articles.yml runs on a pull request, in the same order.
check-articles: $(STAMP) node_modules/.installed
	$(BIN)/kb lint
	npx --no-install markdownlint-cli2
	$(BIN)/mkdocs build --strict --site-dir $(SITE_DIR)
	$(BIN)/python scripts/check_site_links.py $(SITE_DIR)
	scripts/eval_against_base.sh $(BASE)

# Every labelled set in one table; the real users' tickets when ../shared is beside the checkout
# (read there, never copied). `kb eval FILE` alone lists one set's misses and confusions.
EVAL_SETS := tests/data/dev_tickets.jsonl tests/data/own_tickets.jsonl \
	tests/data/heldout_tickets.jsonl tests/data/realistic_heldout_tickets.jsonl \
	tests/data/offtopic_tickets.jsonl tests/data/new_topics_heldout_tickets.jsonl \
	$(wildcard ../shared/eval/real_dev_tickets.jsonl)
eval: $(STAMP)
	COLUMNS=150 $(BIN)/kb eval --compare $(EVAL_SETS)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache node_modules $(SITE_DIR)
