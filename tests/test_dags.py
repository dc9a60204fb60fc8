"""Every DAG file imports cleanly, quickly, and carries tags, retries and docs."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from conftest import PROJECT

DAG_IDS = {"entente_ingest", "entente_process", "entente_reports"}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag
    return DagBag(dag_folder=str(PROJECT / "dags"))


def test_dags_import_without_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == DAG_IDS


@pytest.mark.parametrize("dag_id", sorted(DAG_IDS))
def test_dag_has_tags_retries_and_docs(dagbag, dag_id):
    dag = dagbag.dags[dag_id]
    assert dag.tags and "entente" in dag.tags
    assert dag.doc_md and dag_id in dag.doc_md
    for task in dag.tasks:
        assert task.retries >= 1, f"{dag_id}.{task.task_id} has no retries"


def test_publish_runs_in_the_single_writer_pool(dagbag):
    publish = dagbag.dags["entente_process"].get_task("publish")
    assert publish.pool == "entente_warehouse"


def test_dag_files_do_not_import_heavy_libraries_at_parse_time():
    code = ("import sys, runpy; sys.path.insert(0, 'plugins');\n"
            "for f in ['dags/entente_ingest.py','dags/entente_process.py','dags/entente_reports.py']:\n"
            "    runpy.run_path(f)\n"
            "heavy = [m for m in ('spacy','great_expectations','duckdb','pandas','trafilatura') if m in sys.modules]\n"
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True,
                         text=True, check=True).stdout.strip()
    assert out == ""
