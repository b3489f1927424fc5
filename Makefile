# Two commands set everything up on a fresh Debian machine with Python 3.11:
#   make site   — create .venv, install, validate the glossary, build site/
#   make test   — the same set-up, then the whole test suite
# and `make serve` for a live preview.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve validate bench clean system-deps

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Debian packages the project needs: only the venv module on a bare Python.
system-deps:
	@if ! $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null; then \
		echo "Installing python3-venv (Debian)"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv; \
	fi

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

validate: $(STAMP)
	$(BIN)/kb validate

# Built in a temporary folder; site/ is replaced only when the whole build succeeded.
site: validate
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	rm -rf site && mv .site-build site
	@echo "Built site/"

test: $(STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) site .site-build
