# Two entry points: `make book` builds the default proceedings book, `make test` runs the tests.
# Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: book test check schemas clean system-packages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

system-packages:
	scripts/install-system-packages.sh

book: $(STAMP) system-packages
	$(BIN)/proceedings check proceedings
	$(BIN)/proceedings build proceedings --pdf --epub

# axe-core for the accessibility scan of the browser tests (skipped with a note where npm is missing).
tests/browser/node_modules: tests/browser/package.json
	if command -v npm >/dev/null; then cd tests/browser && npm ci --no-audit --no-fund --silent; \
	else echo "note: npm is missing; the accessibility scan will be skipped" >&2; mkdir -p $@; fi
	touch $@

test: $(STAMP) system-packages tests/browser/node_modules
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/proceedings check proceedings

schemas: $(STAMP)
	$(BIN)/proceedings schema docs/schemas

clean:
	rm -rf proceedings/_build proceedings/_proceedings test-artifacts
