"""Staging area between the stages: batches of fetched articles and their extractions.

Layout, beside the warehouse (`data/warehouse.staging/` for `data/warehouse.duckdb`):
    articles/<batch_id>.parquet           written by ingest, one file per batch
    extracted/<batch_id>/<table>.parquet  written by extract, the directory renamed into place
    fetch_log/<ingest_id>.parquet         written by ingest: every fetch of the run, loaded by publish
    http_cache.json                       ETag / Last-Modified per URL, for conditional GETs
Files appear atomically (written under a temporary name, then renamed), so a killed task
leaves either nothing or a complete file, and a rerun simply redoes the work.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

from entente import config


def staging_dir(warehouse: Path | None = None) -> Path:
    warehouse = warehouse or config.warehouse_path()
    return warehouse.with_name(warehouse.stem + ".staging")


def articles_file(batch_id: str, warehouse: Path | None = None) -> Path:
    return staging_dir(warehouse) / "articles" / f"{batch_id}.parquet"


def extracted_dir(batch_id: str, warehouse: Path | None = None) -> Path:
    return staging_dir(warehouse) / "extracted" / batch_id


def fetch_log_file(ingest_id: str, warehouse: Path | None = None) -> Path:
    return staging_dir(warehouse) / "fetch_log" / f"{ingest_id}.parquet"


def pending_fetch_logs(warehouse: Path | None = None) -> list[Path]:
    folder = staging_dir(warehouse) / "fetch_log"
    return sorted(folder.glob("*.parquet")) if folder.exists() else []


def http_cache_file(warehouse: Path | None = None) -> Path:
    return staging_dir(warehouse) / "http_cache.json"


def pending_batches(warehouse: Path | None = None) -> list[str]:
    """Batches fetched but not yet published, oldest first."""
    folder = staging_dir(warehouse) / "articles"
    return sorted(p.stem for p in folder.glob("*.parquet")) if folder.exists() else []


def write_frame_atomically(frame: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
    frame.to_parquet(partial, index=False)
    os.replace(partial, path)


def write_extracted(batch_id: str, tables: dict[str, pd.DataFrame],
                    warehouse: Path | None = None) -> Path:
    """Write all tables of one batch's extraction; the folder appears complete or not at all."""
    final = extracted_dir(batch_id, warehouse)
    partial = final.with_name(f".{batch_id}.{uuid.uuid4().hex}.partial")
    partial.mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_parquet(partial / f"{name}.parquet", index=False)
    if final.exists():
        shutil.rmtree(final)
    os.replace(partial, final)
    return final


def remove_batch(batch_id: str, warehouse: Path | None = None) -> None:
    articles_file(batch_id, warehouse).unlink(missing_ok=True)
    shutil.rmtree(extracted_dir(batch_id, warehouse), ignore_errors=True)
