# One task runner for humans and CI. `make run` and `make test` are the two
# commands the README promises work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Reinstall only when the dependency list changes.
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check lint typecheck unit bench eval catalogs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

run: $(STAMP)
	$(BIN)/kb serve --host $(HOST) --port $(PORT)

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/kb lint

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

# After changing a phrase in kb/phrases.py: refresh the template and the .po files,
# translate the new entries in locales/*/LC_MESSAGES/kb.po, then run this again to compile.
catalogs: $(STAMP)
	$(BIN)/pybabel extract --no-location --sort-output --project=kb \
		--copyright-holder="kb authors" -o locales/kb.pot kb
	$(BIN)/pybabel update --no-fuzzy-matching -i locales/kb.pot -d locales -D kb
	$(BIN)/pybabel compile -d locales -D kb --statistics

bench: $(STAMP)
	$(BIN)/python bench/lint_speed.py
	$(BIN)/python bench/search_speed.py
	$(BIN)/python bench/redact_speed.py
	$(BIN)/python bench/load.py

eval: $(STAMP)
	$(BIN)/kb eval tests/data/dev_tickets.jsonl
	$(BIN)/kb eval tests/data/own_tickets.jsonl

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
