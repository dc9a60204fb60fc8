"""The publish stage of write–audit–publish: load the extracted batches into a private version
of the warehouse (a copy of the DuckDB file, or a DuckLake transaction), bring the derived rows
up to date for what the load touched, audit the load with Great Expectations, and publish —
or publish nothing and say which expectation failed on which rows. Either way the quality run
and the pipeline run are recorded, in the same transaction as the data when it is published.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from entente.settings import Settings
from entente.warehouse.audit import AuditOutcome, audit, record_audit
from entente.warehouse.clusters import DerivedRows
from entente.warehouse.load import LoadSummary, load_batches, staged_article_ids
from entente.warehouse.store import Warehouse


class PublicationBlocked(RuntimeError):
    """The audit failed: nothing was published. The message names expectations and rows."""


@dataclass
class PublishResult:
    published: bool
    run_id: str
    rows: dict[str, int]
    batches: list[str]
    message: str = ""


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

    def build(con: duckdb.DuckDBPyConnection) -> PublishResult:
        con.begin()
        derived = DerivedRows(con, settings.sql_dir)
        derived.before_load(staged_article_ids(con, batch_ids, staging))
        summary = load_batches(con, batch_ids, staging)
        loaded_files[:] = summary.fetch_logs + summary.quarantine_files
        derived.refresh()
        outcome = audit(con, summary.article_ids, settings.expectations_dir,
                        settings.reports_dir / "quality")
        if not outcome.success:         # keep only the record of the blocked run
            con.rollback()
            con.begin()
        record_audit(con, outcome)
        record_run(con, outcome, started, summary, failures or [])
        warehouse.describe_commit(con, outcome.run_id, outcome.success)
        con.commit()
        return PublishResult(published=outcome.success, run_id=outcome.run_id,
                             rows=summary.rows, batches=summary.batches,
                             message=outcome.failure_message())

    def published(result: PublishResult) -> None:
        """Still under the writer lock: the next writer sees these batches either staged and
        unpublished, or published and gone — never loaded twice from a half-cleaned staging."""
        if not result.published:
            return
        for batch_id in result.batches:
            staging.remove_batch(batch_id)
        for path in loaded_files:
            path.unlink(missing_ok=True)
        staging.sweep_partials()
        staging.sweep_orphan_extractions()

    result = warehouse.publish(build, published)
    if not result.published:
        raise PublicationBlocked(f"validation blocked publication (run {result.run_id}); "
                                 f"staged batches kept:\n{result.message}")
    return result


def record_run(con, outcome: AuditOutcome, started: datetime, summary: LoadSummary,
               failures: list[dict]) -> None:
    con.execute(
        "INSERT INTO pipeline_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
        [outcome.run_id, started, datetime.now(timezone.utc), outcome.success,
         summary.rows.get("articles", 0), summary.rows.get("events", 0), json.dumps(failures)])
