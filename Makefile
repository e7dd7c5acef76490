# Hearth: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
INSTALLED := $(VENV)/.installed

.PHONY: run install install-production deploy-check test e2e lint bench audit screenshots lock lock-runtime admin-password clean

# Links in emails, .ics files, feeds and pages name the address this run serves at, unless
# HEARTH_SITE_URL is given (e.g. the public address behind a proxy).
run: export HEARTH_SITE_URL ?= http://127.0.0.1:$(PORT)
run: $(INSTALLED)
	@mkdir -p var
	@# Set-up work (search index, references) runs inline, so the worker starts with an empty queue.
	@$(BIN)/python manage.py data_key create
	@HEARTH_TASK_BACKEND=immediate $(BIN)/python manage.py migrate --noinput -v 0
	@HEARTH_TASK_BACKEND=immediate $(BIN)/python manage.py createcachetable
	@HEARTH_TASK_BACKEND=immediate $(BIN)/python manage.py setup_install
	@$(BIN)/python manage.py serve 127.0.0.1:$(PORT)

install: $(INSTALLED)

# Reinstalls only when the lock or the project file changes.
$(INSTALLED): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Hearth needs Python 3.11 or newer; set PYTHON=python3.12 or similar.")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $@

# A real install: only what Hearth needs to run (no test tools), every file checked
# against the hash in requirements.runtime.lock.
install-production:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --require-hashes --no-deps -r requirements.runtime.lock

# Before going live, with the production environment loaded: settings, keys, database,
# static files, SMTP, worker and address, one line each; exit 1 on a failure. Options, e.g.
# DEPLOY_CHECK_ARGS="--no-worker-yet --send-test-to you@example.org" (docs/operations.md).
deploy-check:
	$(BIN)/python manage.py deploy_check $(DEPLOY_CHECK_ARGS)

test: $(INSTALLED)
	@mkdir -p var
	$(BIN)/python -m pytest $(PYTEST_ARGS)

e2e: $(INSTALLED)
	$(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: $(INSTALLED)
	$(BIN)/python -m benchmarks

# Ten minutes (SOAK_SECONDS) of mixed traffic with faults against two app servers and two
# workers on a private PostgreSQL and Redis; figures in var/soak/results.json (docs/scaling.md).
.PHONY: soak
soak: $(INSTALLED)
	$(BIN)/python -m benchmarks.soak

# Lighthouse (mobile preset) on the home page, a post and the first booking step, against a
# fresh demo served with the production settings. Needs Node 20 and Debian's chromium; not
# part of `make test`.
audit: $(INSTALLED)
	@test -d tools/audit/node_modules/lighthouse || (cd tools/audit && npm ci --no-audit --no-fund)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python tools/audit/audit.py

# The README's pictures, from a fresh demo (needs Debian's chromium).
screenshots: $(INSTALLED)
	$(BIN)/python docs/take_screenshots.py

# Regenerate the lock after changing pyproject.toml's dependencies.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet '.[dev]'
	.lock-venv/bin/pip freeze --exclude hearth > requirements.lock
	rm -rf .lock-venv

# The production lock: runtime dependencies only, at the versions of requirements.lock,
# with the hash of every file PyPI offers for them (pip-tools, in a throwaway venv).
lock-runtime:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet pip-tools==7.5.1
	.lock-venv/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --constraint requirements.lock \
		--output-file requirements.runtime.lock pyproject.toml
	rm -rf .lock-venv

admin-password: $(INSTALLED)
	$(BIN)/python manage.py changepassword admin

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
