# Two commands do everything on a fresh machine with python3 and make:
#   make serve   set up, build both languages, serve http://127.0.0.1:8000 (Spanish at /es/)
#   make test    set up and run every check (lint, parity, build, unit and browser tests)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
CHROMIUM ?= /usr/bin/chromium

.PHONY: help setup runtime build serve live test test-fast lint bench lock train lab clean

help:
	@echo "make serve   build and serve the site at http://127.0.0.1:8000 (rebuilds on change)"
	@echo "make live    write with live reload, one language: make live L=es"
	@echo "make test    every check: lint, parity, strict build, unit and browser tests"
	@echo "make build   static site in site/ (English) and site/es/ (Spanish)"
	@echo "make runtime the in-browser Python stage alone (Pyodide + JupyterLite; cached)"
	@echo "make bench   build time, page weight, search index size, snippet speed and memory"
	@echo "make lint    ruff"
	@echo "make train   retrain the tiny numpy translator"
	@echo "make lab     open the notebooks in JupyterLab"
	@echo "make lock    re-resolve requirements.lock from pyproject.toml (needs the network)"

# The virtualenv, with the hash-locked dependencies; redone when the lock changes.
$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Could not create a virtualenv with $(PYTHON). On Debian/Ubuntu: sudo apt-get install python3-venv"; \
		exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
		-r requirements.lock
	@# The repository root on sys.path: `import snippets.softmax` works from anywhere.
	@$(PY) -c "import site, pathlib; pathlib.Path(site.getsitepackages()[0], 'attention_glossary.pth').write_text('$(CURDIR)\n')"
	@rm -f $(VENV)/.installed-*
	@touch $@

setup: $(STAMP)

# The in-browser runtime (issue 14): its own cached stage, timed on its own line; the site
# build links its result into site/runtime/ (tools/runtime_site.py). Needs npm once.
runtime: setup
	$(PY) -m tools.runtime

build: setup runtime
	$(PY) -m tools.build

serve: setup runtime
	$(PY) -m tools.serve --build --watch

# The writer's loop: one language (L=en or L=es) with live reload; edited pages, snippets,
# figures, notebooks and glossary entries show within seconds (http://127.0.0.1:8000/).
# Every rebuild is a full one, not --dirty (which skips pages whose file did not change, so
# an edited snippet's output would stay stale): hooks/render_cache.py converts again only
# the pages whose inputs changed.
L ?= en
live: setup runtime
	AG_LIVE=1 AG_FIGURE_CACHE=.cache/figures NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs serve -f $(if $(filter es,$(L)),mkdocs.es.yml,mkdocs.yml)

lint: setup
	$(PY) -m ruff check .

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
chromium:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests ..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "The browser tests need Chromium at $(CHROMIUM)."; \
		echo "Install it with: sudo apt-get install chromium   (or set CHROMIUM=/path/to/chromium)"; \
		exit 1; \
	fi

test: setup chromium runtime
	$(PY) -m ruff check .
	$(PY) -m tools.parity
	$(PY) -m tools.build
	@# loadfile: a test file's browser context and server are set up once, on one worker
	$(PY) -m pytest -n 2 --dist loadfile

# Everything but the browser and rebuild tests: a quick loop while writing.
test-fast: setup
	$(PY) -m tools.parity
	$(PY) -m pytest -m "not browser and not slow"

bench: setup chromium
	$(PY) -m tools.bench

# Retrain the tiny English -> Spanish translator (writes its committed weights file).
train: setup
	$(PY) -m snippets.translator.train

# Run the notebooks yourself (JupyterLab is installed on first use; not needed otherwise).
lab: setup
	@$(PY) -c "import jupyterlab" 2>/dev/null || $(PY) -m pip install --quiet jupyterlab
	$(PY) -m jupyter lab notebooks/

lock:
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --group dev --generate-hashes \
		--python-version 3.11 -o requirements.lock

clean:
	rm -rf site .cache .pytest_cache .hypothesis
