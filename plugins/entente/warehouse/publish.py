"""The publish stage of write–audit–publish: load the extracted batches into a private version
of the warehouse (a copy of the DuckDB file, or a DuckLake transaction), bring the derived rows
up to date for what the load touched, audit the load with Great Expectations, and publish —
or publish nothing and say which expectation failed on which rows. Either way the quality run
and the pipeline run are recorded, in the same transaction as the data when it is published.
"""
from __future__ import annotations

import json
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb

from entente.settings import Settings
from entente.warehouse.audit import AuditOutcome, audit, record_audit
from entente.warehouse.clusters import DerivedRows
from entente.warehouse.load import LoadSummary, load_batches, staged_article_ids
from entente.warehouse.store import Warehouse

log = logging.getLogger(__name__)


class PublicationBlocked(RuntimeError):
    """The audit failed: nothing was published. The message names expectations and rows."""


@dataclass
class PublishResult:
    published: bool
    run_id: str
    rows: dict[str, int]
    batches: list[str]
    message: str = ""
    # Seconds per step (load, derived, audit, record, publish), for the task log and
    # `make bench-publish`: where a publish spends its time as the warehouse grows.
    seconds: dict[str, float] = field(default_factory=dict)


def publish(settings: Settings, warehouse: Warehouse, batch_ids: list[str] | None = None,
            failures: list[dict] | None = None) -> PublishResult:
    """Load the extracted batches (default: every staged one), audit them, and publish.

    `failures` (the sources that failed in this run) are recorded with the run in
    `pipeline_runs`. Raises PublicationBlocked when the audit fails; staged batches are kept.
    """
    staging = warehouse.staging
    batch_ids = staging.pending_batches() if batch_ids is None else batch_ids
    started = datetime.now(timezone.utc)
    loaded_files: list[Path] = []
    seconds: dict[str, float] = {}

    def build(con: duckdb.DuckDBPyConnection) -> PublishResult:
        con.begin()
        with _step(seconds, "load"):
            derived = DerivedRows(con, settings.sql_dir)
            derived.before_load(staged_article_ids(con, batch_ids, staging))
            summary = load_batches(con, batch_ids, staging)
            loaded_files[:] = summary.fetch_logs + summary.quarantine_files
        with _step(seconds, "derived"):
            derived.refresh()
        with _step(seconds, "audit"):
            outcome = audit(con, summary.article_ids, settings.expectations_dir,
                            settings.reports_dir / "quality", settings.sql_dir)
        with _step(seconds, "record"):
            if not outcome.success:         # keep only the record of the blocked run
                con.rollback()
                con.begin()
            record_audit(con, outcome)
            record_run(con, outcome, started, summary, failures or [])
            warehouse.describe_commit(con, outcome.run_id, outcome.success)
            con.commit()
        return PublishResult(published=outcome.success, run_id=outcome.run_id,
                             rows=summary.rows, batches=summary.batches,
                             message=outcome.failure_message(), seconds=seconds)

    def published(result: PublishResult) -> None:
        if result.published:
            _clean_staging(staging, result.batches, loaded_files)

    begun = time.perf_counter()
    result = warehouse.publish(build, published)
    # What the backend adds around `build`: migrations, the file copy and rename, the cleanup.
    seconds["publish"] = round(time.perf_counter() - begun - sum(seconds.values()), 3)
    log.info("publish %s: %s", result.run_id,
             ", ".join(f"{step} {value:.2f} s" for step, value in seconds.items()))
    if not result.published:
        raise PublicationBlocked(f"validation blocked publication (run {result.run_id}); "
                                 f"staged batches kept:\n{result.message}")
    return result


def _clean_staging(staging, batches: list[str], loaded_files: list[Path]) -> None:
    """Still under the writer lock: the next writer sees these batches either staged and
    unpublished, or published and gone — never loaded twice from a half-cleaned staging."""
    for batch_id in batches:
        staging.remove_batch(batch_id)
    for path in loaded_files:
        path.unlink(missing_ok=True)
    staging.sweep_partials()
    staging.sweep_orphan_extractions()


@contextmanager
def _step(seconds: dict[str, float], name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        seconds[name] = round(time.perf_counter() - start, 3)


def record_run(con, outcome: AuditOutcome, started: datetime, summary: LoadSummary,
               failures: list[dict]) -> None:
    con.execute(
        "INSERT INTO pipeline_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
        [outcome.run_id, started, datetime.now(timezone.utc), outcome.success,
         summary.rows.get("articles", 0), summary.rows.get("events", 0), json.dumps(failures)])
