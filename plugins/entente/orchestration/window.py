"""The backfill window: [start, end] publication dates whose stored articles entente_ingest
stages again for re-extraction (entente.ingest.backfill). Given by the params
`window_start`/`window_end` (or `entente run --window-start/--window-end`), or by the data
interval of a backfill run (`airflow backfill create`)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

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
