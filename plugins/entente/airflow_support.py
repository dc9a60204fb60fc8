"""What the DAG files share: retries with backoff, a failure summary, the backfill window.

Cheap to import (the DAG files read it at parse time): no spaCy, DuckDB, pandas or GX here.
"""
from __future__ import annotations

import logging
import os
from datetime import date, datetime, timedelta

log = logging.getLogger("entente.airflow")

WAREHOUSE_POOL = "entente_warehouse"
DAG_IDS = ("entente_ingest", "entente_process", "entente_reports")


def ingest_schedule() -> str | None:
    """`ENTENTE_INGEST_SCHEDULE` (default hourly); "none" leaves only manual and backfill runs."""
    value = os.environ.get("ENTENTE_INGEST_SCHEDULE", "@hourly").strip()
    return None if value.lower() in ("", "none", "off") else value


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


# --- The backfill window ---------------------------------------------------------------
# A window [start, end] of publication dates whose stored articles entente_ingest stages
# again for re-extraction (see entente.backfill). Given by the params
# `window_start`/`window_end`, or by the data interval of a backfill run.

WINDOW_PARAMS_DOC = ("Backfill window (inclusive publication dates, YYYY-MM-DD): stored articles "
                     "published in it are extracted again. Empty: only new articles.")


class WindowError(ValueError):
    """A malformed or inverted backfill window."""


def parse_day(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise WindowError(f"not a date (YYYY-MM-DD): {value!r}") from None


def resolve_window(params: dict | None, run_type=None,
                   interval_start=None, interval_end=None) -> tuple[date, date] | None:
    """The window this run backfills, or None for a normal incremental run.

    Explicit params win. A backfill run (`airflow backfill create`) without params covers
    its data interval. One open end is allowed (from `window_start` on, or up to `window_end`).
    """
    params = params or {}
    start, end = parse_day(params.get("window_start")), parse_day(params.get("window_end"))
    if start is None and end is None and _is_backfill(run_type):
        start, end = parse_day(interval_start), parse_day(interval_end)
        if start and end and end > start:
            end = end - timedelta(days=1) if interval_end and _is_midnight(interval_end) else end
    if start is None and end is None:
        return None
    start, end = start or date.min, end or date.max
    if end < start:
        raise WindowError(f"backfill window ends before it starts: {start} > {end}")
    return start, end


def _is_backfill(run_type) -> bool:
    """DagRunType enums (core's and the task SDK's print differently) or their values."""
    return str(getattr(run_type, "value", run_type) or "").lower() == "backfill"


def _is_midnight(value) -> bool:
    return isinstance(value, datetime) and (value.hour, value.minute, value.second) == (0, 0, 0)
