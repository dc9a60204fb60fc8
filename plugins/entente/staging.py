"""Staging area between the stages: batches of fetched articles and their extractions.

Layout, beside the warehouse (`data/warehouse.staging/` for `data/warehouse.duckdb`):
    articles/<batch_id>.parquet           written by ingest, one file per batch
    extracted/<batch_id>/<table>.parquet  written by extract, the directory renamed into place
    fetch_log/<ingest_id>.parquet         written by ingest: every fetch of the run, loaded by publish
    quarantine/<ingest_id>.parquet        written by ingest: input rejected or repaired, with reasons
    http_cache.json                       ETag / Last-Modified per URL, for conditional GETs
Files appear atomically (written under a temporary name, then renamed), so a killed task
leaves either nothing or a complete file, and a rerun simply redoes the work. A write that fails
(disk full) removes its temporary file; one left by a killed process is swept by the next
publish once it is older than `PARTIAL_MAX_AGE` seconds.
"""
from __future__ import annotations

import errno
import logging
import os
import shutil
import time
import uuid
from pathlib import Path

import pandas as pd

from entente import config

log = logging.getLogger(__name__)
PARTIAL_MAX_AGE = float(os.environ.get("ENTENTE_PARTIAL_MAX_AGE", "3600"))


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


def quarantine_file(ingest_id: str, warehouse: Path | None = None) -> Path:
    return staging_dir(warehouse) / "quarantine" / f"{ingest_id}.parquet"


def pending_quarantine(warehouse: Path | None = None) -> list[Path]:
    folder = staging_dir(warehouse) / "quarantine"
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
    try:
        frame.to_parquet(partial, index=False)
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_extracted(batch_id: str, tables: dict[str, pd.DataFrame],
                    warehouse: Path | None = None) -> Path:
    """Write all tables of one batch's extraction; the folder appears complete or not at all.

    A batch's first extraction is renamed into place. Replacing an existing one (a retried
    task, two `entente run` extracting the same batch) happens under the warehouse writer lock,
    because a publish may be reading that folder: the replacement waits for it, and is dropped
    if the publish took the batch (its articles are no longer staged).
    """
    final = extracted_dir(batch_id, warehouse)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{batch_id}.{uuid.uuid4().hex}.partial")
    try:
        partial.mkdir()
        for name, frame in tables.items():
            frame.to_parquet(partial / f"{name}.parquet", index=False)
        try:
            os.replace(partial, final)
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            _replace_extraction(batch_id, partial, final, warehouse)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def _replace_extraction(batch_id: str, partial: Path, final: Path,
                        warehouse: Path | None) -> None:
    from entente.warehouse.publish import writer_lock

    with writer_lock(warehouse or config.warehouse_path()):
        if not articles_file(batch_id, warehouse).exists():
            log.info("batch %s: published by another run meanwhile; extraction dropped", batch_id)
            shutil.rmtree(partial, ignore_errors=True)
            return
        old = final.with_name(f".{batch_id}.{uuid.uuid4().hex}.old.partial")
        try:
            os.replace(final, old)
        except FileNotFoundError:
            pass
        try:
            os.replace(partial, final)
        except OSError as exc:      # an unlocked first extraction slipped in: keep it
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            shutil.rmtree(partial, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)


def remove_batch(batch_id: str, warehouse: Path | None = None) -> None:
    articles_file(batch_id, warehouse).unlink(missing_ok=True)
    shutil.rmtree(extracted_dir(batch_id, warehouse), ignore_errors=True)


def sweep_partials(warehouse: Path | None = None, max_age: float | None = None) -> list[Path]:
    """Remove temporary files and folders left by killed writers (older than `max_age` s)."""
    root = staging_dir(warehouse)
    max_age = PARTIAL_MAX_AGE if max_age is None else max_age
    removed = []
    if not root.exists():
        return removed
    cutoff = time.time() - max_age
    for path in root.glob("*/.*.partial"):
        try:
            if path.lstat().st_mtime > cutoff:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
        except FileNotFoundError:
            continue
    if removed:
        log.info("staging: removed %d temporary file(s) left by interrupted writers", len(removed))
    return removed


def sweep_orphan_extractions(warehouse: Path | None = None) -> list[Path]:
    """Remove extractions whose batch is no longer staged: a slow extractor that finished after
    another run published the batch. Call under the writer lock."""
    folder = staging_dir(warehouse) / "extracted"
    if not folder.exists():
        return []
    staged = set(pending_batches(warehouse))
    orphans = [path for path in folder.iterdir()
               if not path.name.startswith(".") and path.name not in staged]
    for path in orphans:
        shutil.rmtree(path, ignore_errors=True)
    if orphans:
        log.info("staging: removed %d extraction(s) of batches already published", len(orphans))
    return orphans
