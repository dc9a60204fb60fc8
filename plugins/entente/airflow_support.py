"""Defaults shared by the DAG files: retries with backoff and a failure summary in the log."""
from __future__ import annotations

import logging
from datetime import timedelta

log = logging.getLogger("entente.airflow")

WAREHOUSE_POOL = "entente_warehouse"


def log_failure(context) -> None:
    """on_failure_callback: one line saying which task failed, for which run, and why."""
    ti = context.get("task_instance")
    exception = context.get("exception")
    log.error("entente task failed: dag=%s task=%s run=%s try=%s: %s",
              getattr(ti, "dag_id", "?"), getattr(ti, "task_id", "?"),
              context.get("run_id"), getattr(ti, "try_number", "?"), exception)


DEFAULT_ARGS = {
    "owner": "entente",
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    "on_failure_callback": log_failure,
}
