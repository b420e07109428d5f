# Two entry points: `make book` builds the default proceedings book, `make test` runs the tests.
# Both create .venv and install what they need on first use, at the exact versions of requirements/lock.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The lock: every Python package the book, the tests and the docs use, at the versions the suite passed with.
LOCK := requirements/lock.txt
# The subset a book needs (Read the Docs installs it; `proceedings new` writes it into new projects).
BOOK_LOCK := requirements/book.txt
SCAFFOLD_PINS := ext/sphinx_proceedings/templates/book-requirements.txt
UV_VERSION := 0.13.9
# One resolution for every Python the package supports (>= 3.11): the same versions on CI, Read the Docs and users' machines.
COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --universal --fork-strategy fewest --python-version 3.11
LATEST := .venv-latest

.PHONY: book test test-latest lock check schemas clean system-packages

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $(STAMP)

system-packages:
	scripts/install-system-packages.sh

book: $(STAMP) system-packages
	$(BIN)/proceedings check proceedings
	$(BIN)/proceedings build proceedings --pdf --epub

# npm packages of the tests (axe-core for the accessibility scan, vnu-jar: the Nu Html Checker), at the versions of
# tests/browser/package-lock.json. No install scripts: vnu-jar runs on the Java of scripts/install-system-packages.sh.
tests/browser/node_modules: tests/browser/package.json tests/browser/package-lock.json
	if command -v npm >/dev/null; then cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --silent; \
	else echo "note: npm is missing; the accessibility scan will be skipped" >&2; mkdir -p $@; fi
	touch $@

test: $(STAMP) system-packages tests/browser/node_modules
	$(BIN)/python -m pytest

# Refresh the lock to the newest releases pyproject.toml allows. Run `make test-latest` first: it shows
# whether those releases pass the suite.
lock: $(STAMP)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)
	$(COMPILE) --all-extras --upgrade -o $(LOCK)
	$(COMPILE) --no-annotate --constraint $(LOCK) -o $(BOOK_LOCK)
	cp $(BOOK_LOCK) $(SCAFFOLD_PINS)

# The suite on the newest releases pyproject.toml allows, in a venv of its own (.venv stays on the lock).
test-latest: system-packages tests/browser/node_modules
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/pip install --quiet --upgrade pip
	$(LATEST)/bin/pip install --quiet --upgrade --upgrade-strategy eager -e ".[test,docs,dev]"
	@echo "releases that differ from $(LOCK):"
	@$(LATEST)/bin/python scripts/compare-with-lock.py $(LOCK)
	$(LATEST)/bin/python -m pytest -p no:cacheprovider

check: $(STAMP)
	$(BIN)/proceedings check proceedings

schemas: $(STAMP)
	$(BIN)/proceedings schema docs/schemas

clean:
	rm -rf proceedings/_build proceedings/_proceedings test-artifacts
