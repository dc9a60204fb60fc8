"""What the DAG files share: retries with backoff, a failure summary, the schedule.

Cheap to import (the DAG files read it at parse time): no spaCy, DuckDB, pandas or GX here;
the task bodies are in `tasks` (imported inside the tasks), the backfill window in `window`.
"""
from __future__ import annotations

import logging
import socket
from datetime import timedelta
from urllib.parse import quote

from entente.settings import Settings

log = logging.getLogger("entente.airflow")

WAREHOUSE_POOL = "entente_warehouse"
DAG_IDS = ("entente_ingest", "entente_process", "entente_reports")
# The report inside the Airflow UI (report_view; plugins/entente_airflow_plugin.py): the API
# server serves reports/ under this prefix, the UI shows it at plugin/<route>.
REPORT_URL_PREFIX = "/entente"
REPORT_VIEW_ROUTE = "entente-report"


def report_run_view(dag_id: str, run_id: str) -> str:
    """Where a DAG run's Report tab is in the UI, relative to the UI's base URL."""
    return (f"dags/{quote(dag_id, safe='')}/runs/{quote(run_id, safe='')}/plugin/"
            f"{REPORT_VIEW_ROUTE}-run")


def ingest_schedule() -> str | None:
    """`ENTENTE_INGEST_SCHEDULE` (default hourly); "none" leaves only manual and backfill runs."""
    return Settings().schedule


def nlp_queue() -> str:
    """The Celery queue `extract` is routed to (`ENTENTE_NLP_QUEUE`, default "nlp"): start the
    workers of the big machines with `airflow celery worker --queues nlp`. Other executors
    ignore queues."""
    return Settings().nlp_queue


def worker_hostname() -> str:
    """Airflow's `[core] hostname_callable` for several workers on one machine: the host name a
    worker records on its task instances (`ENTENTE_WORKER_NAME`, else the machine's)."""
    return Settings().worker_name or socket.getfqdn()


def failure_summary(context) -> str:
    """One line naming the DAG, task, run, attempt and the error (first line of it)."""
    ti = context.get("task_instance") or context.get("ti")
    dag_run = context.get("dag_run")
    exception = context.get("exception")
    reason = f"{type(exception).__name__}: {exception}" if exception else "no exception recorded"
    first_line, _, rest = reason.partition("\n")
    more = f" (+{rest.count(chr(10)) + 1} more lines in the task log)" if rest else ""
    try_number = getattr(ti, "try_number", "?")
    max_tries = getattr(ti, "max_tries", None)
    attempt = f"{try_number}/{max_tries + 1}" if isinstance(max_tries, int) else str(try_number)
    return (f"entente FAILED dag={getattr(ti, 'dag_id', getattr(dag_run, 'dag_id', '?'))} "
            f"task={getattr(ti, 'task_id', '?')} "
            f"map_index={getattr(ti, 'map_index', -1)} "
            f"run={context.get('run_id') or getattr(dag_run, 'run_id', '?')} "
            f"attempt={attempt}: {first_line}{more}")


def log_failure(context) -> None:
    """on_failure_callback: the summary line, then the full message (expectations, rows)."""
    log.error(failure_summary(context))
    exception = context.get("exception")
    if exception and "\n" in str(exception):
        log.error("details:\n%s", exception)


DEFAULT_ARGS = {
    "owner": "entente",
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    "on_failure_callback": log_failure,
}
