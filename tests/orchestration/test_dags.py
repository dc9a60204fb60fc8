"""Every DAG file imports cleanly, quickly, and carries tags, retries, docs and callbacks."""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from datetime import date, datetime, timezone

import pytest

from locations import PROJECT
from airflow.sdk.api.datamodels._generated import DagRunType as SdkDagRunType

from builders import stage_article, table_counts
from entente import stages
from entente.ingest.backfill import restage_window
from entente.orchestration import failure_summary, ingest_schedule, log_failure
from entente.orchestration.window import WindowError, resolve_window

DAG_IDS = {"entente_ingest", "entente_process", "entente_reports"}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag
    return DagBag(dag_folder=str(PROJECT / "dags"))


def test_dags_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == DAG_IDS


@pytest.mark.parametrize("dag_id", sorted(DAG_IDS))
def test_dag_has_tags_retries_backoff_docs_and_failure_callbacks(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert dag.tags and "entente" in dag.tags
    assert dag.doc_md and dag_id in dag.doc_md
    assert dag.catchup is False and dag.max_active_runs == 1
    assert dag.on_failure_callback
    for task in dag.tasks:
        assert task.retries >= 1, f"{dag_id}.{task.task_id} has no retries"
        assert task.retry_exponential_backoff, f"{dag_id}.{task.task_id}: no backoff"
        assert task.on_failure_callback, f"{dag_id}.{task.task_id}: no failure callback"


def test_dags_are_chained_by_assets(dagbag):
    ingest, process, reports = (dagbag.dags[d] for d in sorted(DAG_IDS))
    assert [o.name for o in ingest.get_task("fetch_sources").outlets] == ["entente_staged_articles"]
    assert [o.name for o in process.get_task("publish").outlets] == ["entente_warehouse"]
    assert "entente_staged_articles" in str(process.timetable.asset_condition)
    assert "entente_warehouse" in str(reports.timetable.asset_condition)
    assert [t.task_id for t in reports.topological_sort()] == ["write_reports"]


def test_extract_is_mapped_and_publish_runs_in_the_single_writer_pool(dagbag):
    process = dagbag.dags["entente_process"]
    assert type(process.get_task("extract")).__name__.endswith("MappedOperator")
    assert process.get_task("publish").pool == "entente_warehouse"


def test_ingest_is_hourly_and_offers_a_backfill_window(dagbag):
    ingest = dagbag.dags["entente_ingest"]
    assert ingest.timetable.expression == "0 * * * *"  # @hourly
    assert set(ingest.params) >= {"window_start", "window_end"}
    assert ingest.params["window_start"] is None


def test_ingest_schedule_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("ENTENTE_INGEST_SCHEDULE", raising=False)
    assert ingest_schedule() == "@hourly"
    monkeypatch.setenv("ENTENTE_INGEST_SCHEDULE", "none")
    assert ingest_schedule() is None
    monkeypatch.setenv("ENTENTE_INGEST_SCHEDULE", "*/15 * * * *")
    assert ingest_schedule() == "*/15 * * * *"


@pytest.mark.parametrize("params, run_type, start, end, expected", [
    ({}, "scheduled", None, None, None),
    ({"window_start": "2022-01-01", "window_end": "2022-12-31"}, "manual", None, None,
     (date(2022, 1, 1), date(2022, 12, 31))),
    ({"window_start": "2022-07-15"}, "manual", None, None, (date(2022, 7, 15), date.max)),
    ({}, "backfill", datetime(2022, 7, 15, 3, tzinfo=timezone.utc),
     datetime(2022, 7, 15, 4, tzinfo=timezone.utc), (date(2022, 7, 15), date(2022, 7, 15))),
    ({}, SdkDagRunType.BACKFILL, datetime(2022, 7, 1, tzinfo=timezone.utc), datetime(2022, 7, 8, tzinfo=timezone.utc),
     (date(2022, 7, 1), date(2022, 7, 7))),                    # end of interval is exclusive
    ({"window_start": "2020-01-01"}, "backfill", datetime(2022, 7, 1, tzinfo=timezone.utc),
     datetime(2022, 7, 2, tzinfo=timezone.utc), (date(2020, 1, 1), date.max)),  # params win
])
def test_backfill_window_from_params_or_the_backfill_interval(params, run_type, start, end,
                                                              expected):
    assert resolve_window(params, run_type, start, end) == expected


def test_an_inverted_or_malformed_window_is_refused():
    with pytest.raises(WindowError, match="ends before it starts"):
        resolve_window({"window_start": "2022-02-01", "window_end": "2022-01-01"})
    with pytest.raises(WindowError, match="not a date"):
        resolve_window({"window_start": "last tuesday"})


class _TI:
    dag_id, task_id, map_index, try_number, max_tries = "entente_process", "publish", -1, 3, 2


def test_failure_callback_logs_one_clear_summary_line_then_details(caplog):
    error = RuntimeError("validation blocked publication (run abc)\n"
                         "events: expect_column_values_to_be_in_set failed on 2 rows")
    context = {"task_instance": _TI(), "run_id": "asset_triggered__2026", "exception": error}
    with caplog.at_level(logging.ERROR, logger="entente.airflow"):
        log_failure(context)
    summary, details = caplog.messages
    assert summary == ("entente FAILED dag=entente_process task=publish map_index=-1 "
                       "run=asset_triggered__2026 attempt=3/3: RuntimeError: validation "
                       "blocked publication (run abc) (+1 more lines in the task log)")
    assert "expect_column_values_to_be_in_set failed on 2 rows" in details
    assert "no exception recorded" in failure_summary({})


def test_dag_files_do_not_import_heavy_libraries_at_parse_time():
    code = ("import sys, runpy; sys.path.insert(0, 'plugins');\n"
            "for f in ['dags/entente_ingest.py','dags/entente_process.py','dags/entente_reports.py']:\n"
            "    runpy.run_path(f)\n"
            "heavy = [m for m in ('spacy','great_expectations','duckdb','pandas','trafilatura',"
            "'matplotlib','pyarrow') if m in sys.modules]\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == ""


PARSE = """
from airflow.dag_processing.dagbag import DagBag
import json
bag = DagBag(dag_folder="dags")
print(json.dumps({"dags": sorted(bag.dag_ids),
                  "errors": {k: str(v) for k, v in bag.import_errors.items()}}))
"""


def test_dagbag_of_all_dags_parses_in_a_fresh_process():
    """As the DAG processor sees them: a fresh process, no examples, our plugins on its path.
    (Parse time is measured by `scripts/bench_dagbag.py`, part of `make bench`.)"""
    env = {**os.environ, "AIRFLOW__CORE__LOAD_EXAMPLES": "False"}
    done = subprocess.run([sys.executable, "-c", PARSE], cwd=PROJECT, capture_output=True,
                          text=True, env=env, check=True)
    parsed = json.loads(done.stdout.strip().splitlines()[-1])
    assert parsed["errors"] == {}
    assert set(parsed["dags"]) == DAG_IDS


# --- A backfill window, end to end through `airflow dags test` ------------------------------

def _ingest_with_conf(conf: dict, env: dict) -> str:
    airflow = str(PROJECT / ".venv" / "bin" / "airflow")
    done = subprocess.run([airflow, "dags", "test", "entente_ingest", "-c", json.dumps(conf)],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
    log = done.stdout + done.stderr
    assert done.returncode == 0 and "state=failed" not in log, log[-4000:]
    return log


@pytest.mark.slow
def test_backfill_window_restages_published_articles_and_republishing_changes_nothing(
        settings, warehouse, tmp_path):
    article, _ = stage_article(warehouse)                 # published 2010-04-09
    stages.publish(settings, warehouse)
    before = table_counts(warehouse)
    (tmp_path / "empty").mkdir()
    sources = tmp_path / "sources.yml"
    sources.write_text(f"sources:\n  - name: none\n    kind: inbox\n    path: {tmp_path / 'empty'}\n")
    env = {**os.environ, "ENTENTE_SOURCES": str(sources)}

    _ingest_with_conf({"window_start": "2011-01-01", "window_end": "2011-12-31"}, env)
    assert warehouse.staging.pending_batches() == []  # nothing published then: task skipped

    _ingest_with_conf({"window_start": "2010-04-01", "window_end": "2010-04-30"}, env)
    [batch] = warehouse.staging.pending_batches()
    staged = warehouse.staging.read_batch(batch)
    assert staged.article_id.tolist() == [article.article_id]
    assert staged.anchor_date.tolist() == ["2010-04-09"] and staged.text[0] == article.text

    assert restage_window(warehouse, date(2010, 1, 1), date(2010, 12, 31), 200) == []
    assert warehouse.staging.pending_batches() == [batch]  # already waiting: not staged twice

    stages.extract(settings, warehouse, batch)             # what entente_process does next
    stages.publish(settings, warehouse)
    after = table_counts(warehouse)
    assert after["articles"] == before["articles"] == 1
    assert warehouse.staging.pending_batches() == []


def test_airflow_ui_is_bound_to_localhost_by_default():
    script = PROJECT / "scripts" / "airflow-env.sh"
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    host = subprocess.run(["bash", "-c", f'source "{script}" >/dev/null 2>&1; '
                                         'echo "$AIRFLOW__API__HOST"'],
                          capture_output=True, text=True, env=env, cwd=PROJECT).stdout.strip()
    assert host == "127.0.0.1"
