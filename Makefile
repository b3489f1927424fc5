# Two commands set everything up on a fresh Debian machine with Python 3.11:
#   make site   — create .venv, install, validate the glossary, build site/
#   make test   — the same set-up, then the whole test suite
# and `make serve` for a live preview.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
AXE := node_modules/axe-core/axe.min.js
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check serve validate bench clean system-deps

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Debian packages the project needs: the venv module on a bare Python, Hunspell with the British
# English and Ukrainian dictionaries for the spelling check, Chromium for the browser tests and
# npm for axe-core (the accessibility checker the browser tests inject into pages).
system-deps:
	@missing=""; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v hunspell >/dev/null || missing="$$missing hunspell"; \
	[ -f /usr/share/hunspell/en_GB.dic ] || missing="$$missing hunspell-en-gb"; \
	[ -f /usr/share/hunspell/uk_UA.dic ] || missing="$$missing hunspell-uk"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

validate: system-deps $(STAMP)
	$(BIN)/kb validate

# Built in a temporary folder; site/ is replaced only when the build and its link check passed.
site: validate
	rm -rf .site-build
	$(BIN)/mkdocs build --strict --site-dir .site-build
	$(BIN)/kb links .site-build
	rm -rf site && mv .site-build site
	@echo "Built site/"

# The quality gates CI runs besides the tests.
check: validate
	$(BIN)/kb coverage --min 100 --fail-on-stale
	rm -rf .site-check
	$(BIN)/mkdocs build --strict --site-dir .site-check
	$(BIN)/kb links .site-check
	rm -rf .site-check

# axe-core, pinned in package.json and package-lock.json.
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

test: system-deps $(STAMP) $(AXE)
	$(BIN)/python -m pytest
	@$(MAKE) --no-print-directory check

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

bench: system-deps $(STAMP)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_search.py

clean:
	rm -rf $(VENV) node_modules site .site-build .site-check
