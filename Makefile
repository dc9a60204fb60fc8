# Entente: `make run` sets up and runs the pipeline; `make test` sets up and runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv pip install --python $(BIN)/python -q --compile-bytecode
export AIRFLOW_HOME := $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__PLUGINS_FOLDER := $(CURDIR)/plugins
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__UNIT_TEST_MODE := False
export ENTENTE_PROJECT_DIR := $(CURDIR)

.PHONY: setup run test test-ui test-scale airflow bench bench-views bench-publish eval eval-heldout clean

setup: $(VENV)/.installed $(AIRFLOW_HOME)/.ready

$(VENV)/.installed: requirements.txt requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q uv==0.13.9
	$(UV) --require-hashes -r requirements.txt
	$(UV) --require-hashes --no-deps -r requirements-model.txt
	$(UV) --no-deps -e .
	touch $@

$(AIRFLOW_HOME)/.ready: $(VENV)/.installed
	bash scripts/airflow-setup.sh
	touch $@

run: setup
	bash scripts/run-dags.sh

# The browser test (a whole standalone Airflow, ~3 min) runs in `make test-ui`, not here.
test: setup
	$(BIN)/python -m pytest -q --ignore=tests/system/test_ui.py --ignore=tests/system/test_scale.py

# Headless Debian Chromium driven by Playwright against `make airflow`'s script.
test-ui: setup
	@command -v chromium > /dev/null || (apt-get update -q && apt-get install -y -q chromium)
	$(BIN)/python -m pytest -q -rs tests/system/test_ui.py

# Airflow on Celery workers with PostgreSQL and Redis from Debian's packages, a DuckLake on a
# PostgreSQL catalog, the sample sources through all three DAGs (docs/scaling.md; ~10 min).
test-scale: setup
	@ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 && command -v redis-server > /dev/null \
		|| (apt-get update -q && apt-get install -y -q postgresql redis-server)
	$(BIN)/python -m pytest -q -rs -s tests/system/test_scale.py

airflow: setup
	bash scripts/airflow-standalone.sh

eval: setup
	bash scripts/eval.sh

# Our held-out event gold (data/gold/events_test.jsonl, interstate_test.jsonl): run only to report, never to tune.
eval-heldout: setup
	bash scripts/eval.sh heldout

bench: setup
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)
	bash scripts/bench_rerun.sh
	$(BIN)/python scripts/bench_dagbag.py
	$(BIN)/python scripts/bench_views.py $(BENCH_VIEWS_ARGS)

# Only the analyst-query benchmark (a synthetic warehouse of 1 M events; about a minute), on the
# DuckDB file and on a DuckLake.
bench-views: setup
	status=0; \
	$(BIN)/python scripts/bench_views.py $(BENCH_VIEWS_ARGS) || status=1; \
	$(BIN)/python scripts/bench_views.py --backend ducklake $(BENCH_VIEWS_ARGS) || status=1; \
	exit $$status

# Publish cost against warehouse size: 500 new articles into 1 M and 4 M events, both backends.
bench-publish: setup
	$(BIN)/python scripts/bench_publish.py $(BENCH_PUBLISH_ARGS)

clean:
	rm -rf $(VENV) $(AIRFLOW_HOME) data/*.duckdb* data/staging reports
