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
	$(BIN)/proceedings build proceedings --html

test: $(STAMP) system-packages
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/proceedings check proceedings

schemas: $(STAMP)
	$(BIN)/proceedings schema docs/schemas

clean:
	rm -rf proceedings/_build proceedings/_proceedings
