"""The pipeline's stages: the one function per stage that a DAG task and `entente run` call.

    ingest  → staged article batches (and a backfill window's stored articles)  entente_ingest
    extract → a staged extraction per batch                  entente_process, mapped
    publish → load, audit, publish (one writer at a time)    entente_process
    report  → CSV reports, charts, pages, index.html         entente_reports

Each takes the run's `Settings` and the `Warehouse` it works on (entente.warehouse).
"""
from __future__ import annotations

from pathlib import Path

from entente.ingest import IngestResult, ingest
from entente.reporting.stage import write_reports
from entente.settings import Settings
from entente.sources import SourceFailure
from entente.warehouse import Warehouse
from entente.warehouse import publish as publishing
from entente.warehouse.publish import PublicationBlocked, PublishResult

__all__ = ["IngestResult", "PublicationBlocked", "PublishResult", "extract", "ingest",
           "publish", "report"]


def extract(settings: Settings, warehouse: Warehouse, batch_id: str) -> dict[str, int]:
    """Extract one staged batch (row counts per table; {} if another run published it)."""
    # spaCy takes 2 s to import; a run with nothing new to extract never pays for it.
    from entente.extract import extract_batch

    return extract_batch(settings, warehouse, batch_id)


def publish(settings: Settings, warehouse: Warehouse, batch_ids: list[str] | None = None,
            failures: list[SourceFailure] | None = None) -> PublishResult:
    """Load, audit and publish the extracted batches (default: every staged one)."""
    return publishing.publish(settings, warehouse, batch_ids,
                              [failure.__dict__ for failure in failures or []])


def report(settings: Settings, warehouse: Warehouse, out_dir: Path | None = None,
           made_by: dict | None = None) -> list[Path]:
    """CSV reports, charts, the drill-down pages and the report page; `made_by` names the run
    ({"dag_id", "run_id"} or {"command"}), recorded in report.json."""
    return write_reports(settings, warehouse, out_dir, made_by)
