# Two commands set everything up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run in parallel (pytest-xdist), one process per core; each worker has its own test
# database, var/ directory and Redis database (config/settings/test.py). Bytecode writing is
# turned back on for pytest so that its rewritten test modules are cached between runs.
PYTEST_WORKERS ?= 2

.PHONY: install run test lint audit-online pytest browser messages clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	HOST=$(HOST) PORT=$(PORT) bash scripts/serve.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/bandit -q -c pyproject.toml -r . -b .ci/bandit-baseline.json
	$(BIN)/python scripts/audit_deps.py

# Known vulnerabilities from pip-audit's online service (`make lint` uses the advisory file
# kept in the repository, see scripts/audit_deps.py).
audit-online: install
	$(BIN)/pip-audit --no-deps --disable-pip -r requirements.lock

browser:
	@bash scripts/ensure-browser.sh

pytest: install browser
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test: lint pytest

messages: install
	cd sunshine && ../$(BIN)/python ../manage.py makemessages -l en --no-obsolete --ignore 'api/*' && ../$(BIN)/python ../manage.py compilemessages

clean:
	rm -rf $(VENV) var
