# Two commands on a fresh machine:
#   make serve   set everything up, build and serve the site on http://127.0.0.1:8000/
#   make test    set everything up and run the whole test suite (.ci/run calls this)

VENV    ?= .venv
PY      := $(VENV)/bin/python
HOST    ?= 127.0.0.1
PORT    ?= 8000

.PHONY: setup serve preview build test test-fast bench clean lock-requirements

setup: $(VENV)/.installed node_modules/.installed

# A 3.12+ interpreter (PATH first, then pyenv), the pinned tools, and this project (editable,
# so the MkDocs hooks and the tests import the calculators from the checkout).
$(VENV)/.installed: requirements.txt pyproject.toml
	@test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

# The Pyodide runtime at the exact version locked in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build: setup
	$(VENV)/bin/mkdocs build --strict

# Live-reloading server for writing pages (the hooks rebuild the calculators wheel on change).
serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr $(HOST):$(PORT)

# The built site served by nginx with deploy/nginx.conf, exactly as deployed (brotli/gzip,
# CSP, MIME types, cache rules).
preview: build
	NGINX="$$(scripts/ensure-nginx.sh)" $(PY) scripts/nginx_server.py site --host $(HOST) --port $(PORT)

test: setup
	scripts/ensure-nginx.sh >/dev/null
	CHROMIUM="$$(VENV=$(VENV) scripts/ensure-chromium.sh)" $(PY) -m pytest

# Everything except the browser and Pyodide tests (seconds, not minutes).
test-fast: setup
	scripts/ensure-nginx.sh >/dev/null
	$(PY) -m pytest -m "not browser and not pyodide"

bench: setup bench/lighthouse/node_modules/.installed
	scripts/ensure-nginx.sh >/dev/null
	CHROMIUM="$$(VENV=$(VENV) scripts/ensure-chromium.sh)" $(PY) bench/run.py

# Lighthouse for the bench only (pinned in bench/lighthouse/package-lock.json); make test does not need it.
bench/lighthouse/node_modules/.installed: bench/lighthouse/package.json bench/lighthouse/package-lock.json
	npm ci --prefix bench/lighthouse --no-audit --no-fund
	@touch $@

lock-requirements:
	rm -rf /tmp/lock-venv && "$$(scripts/find-python.sh)" -m venv /tmp/lock-venv
	/tmp/lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Generated from requirements.in by 'make lock-requirements' (pip freeze of a fresh venv). Do not edit by hand."; \
	  /tmp/lock-venv/bin/pip freeze; } > requirements.txt

clean:
	rm -rf site build .pytest_cache
