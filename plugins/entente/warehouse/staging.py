"""The staging area between the stages: batches of fetched articles and their extractions.

Layout (for the file warehouse `data/warehouse.duckdb`, the folder `data/warehouse.staging/`):
    articles/<batch_id>.parquet           written by ingest, one file per batch
    extracted/<batch_id>/<table>.parquet  written by extract, the folder renamed into place
    fetch_log/<ingest_id>.parquet         written by ingest: every fetch of the run
    quarantine/<ingest_id>.parquet        written by ingest: input rejected or repaired
    http_cache.json                       ETag / Last-Modified per URL, for conditional GETs
Files appear atomically (entente.files), so a killed task leaves either nothing or a complete
file, and a rerun simply redoes the work. A temporary file left by a killed writer is swept by
the next publish once it is older than `partial_max_age` seconds.
"""
from __future__ import annotations

import errno
import logging
import os
import shutil
import time
import uuid
from contextlib import AbstractContextManager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pandas as pd

from entente import files

log = logging.getLogger(__name__)


def new_run_id() -> str:
    """Batch and ingest ids: sortable by time, unique across processes."""
    return f"{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"


class StagingArea:
    """Owns the staging folder's layout. `writer_lock` is the warehouse's: replacing an
    extraction a publish may be reading waits for it."""

    def __init__(self, root: Path, writer_lock: Callable[[], AbstractContextManager],
                 partial_max_age: float = 3600.0):
        self.root = Path(root)
        self._writer_lock = writer_lock
        self.partial_max_age = partial_max_age

    def __repr__(self) -> str:
        return f"StagingArea({str(self.root)!r})"

    # -- paths ----------------------------------------------------------------------------------
    def articles_file(self, batch_id: str) -> Path:
        return self.root / "articles" / f"{batch_id}.parquet"

    def extracted_dir(self, batch_id: str) -> Path:
        return self.root / "extracted" / batch_id

    def fetch_log_file(self, ingest_id: str) -> Path:
        return self.root / "fetch_log" / f"{ingest_id}.parquet"

    def quarantine_file(self, ingest_id: str) -> Path:
        return self.root / "quarantine" / f"{ingest_id}.parquet"

    @property
    def http_cache_file(self) -> Path:
        return self.root / "http_cache.json"

    # -- what waits -----------------------------------------------------------------------------
    def pending_batches(self) -> list[str]:
        """Batches fetched but not yet published, oldest first."""
        return [path.stem for path in self._parquet_files("articles")]

    def pending_fetch_logs(self) -> list[Path]:
        return self._parquet_files("fetch_log")

    def pending_quarantine(self) -> list[Path]:
        return self._parquet_files("quarantine")

    def _parquet_files(self, folder: str) -> list[Path]:
        path = self.root / folder
        return sorted(path.glob("*.parquet")) if path.exists() else []

    def read_batch(self, batch_id: str, columns: list[str] | None = None) -> pd.DataFrame:
        """A staged batch (FileNotFoundError once a publish took it)."""
        return pd.read_parquet(self.articles_file(batch_id), columns=columns)

    # -- writing --------------------------------------------------------------------------------
    def stage_batch(self, frame: pd.DataFrame) -> str:
        batch_id = new_run_id()
        files.write_frame(self.articles_file(batch_id), frame)
        return batch_id

    def write_fetch_log(self, ingest_id: str, frame: pd.DataFrame) -> Path:
        return files.write_frame(self.fetch_log_file(ingest_id), frame)

    def write_quarantine(self, ingest_id: str, frame: pd.DataFrame) -> Path:
        return files.write_frame(self.quarantine_file(ingest_id), frame)

    def write_extracted(self, batch_id: str, tables: dict[str, pd.DataFrame]) -> Path:
        """Write all tables of one batch's extraction; the folder appears complete or not at all.

        A batch's first extraction is renamed into place. Replacing an existing one (a retried
        task, two `entente run` extracting the same batch) happens under the writer lock,
        because a publish may be reading that folder: the replacement waits for it, and is
        dropped if the publish took the batch (its articles are no longer staged).
        """
        final = self.extracted_dir(batch_id)
        final.parent.mkdir(parents=True, exist_ok=True)
        partial = files.partial_path(final)
        try:
            partial.mkdir()
            for name, frame in tables.items():
                frame.to_parquet(partial / f"{name}.parquet", index=False)
            try:
                os.replace(partial, final)
            except OSError as exc:
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
                self._replace_extraction(batch_id, partial, final)
        except BaseException:
            files.remove(partial)
            raise
        return final

    def _replace_extraction(self, batch_id: str, partial: Path, final: Path) -> None:
        with self._writer_lock():
            if not self.articles_file(batch_id).exists():
                log.info("batch %s: published by another run meanwhile; extraction dropped",
                         batch_id)
                files.remove(partial)
                return
            old = files.partial_path(final)
            try:
                os.replace(final, old)
            except FileNotFoundError:
                pass
            try:
                os.replace(partial, final)
            except OSError as exc:      # an unlocked first extraction slipped in: keep it
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
                files.remove(partial)
            files.remove(old)

    # -- cleaning up (under the writer lock, after a publish) -------------------------------------
    def remove_batch(self, batch_id: str) -> None:
        self.articles_file(batch_id).unlink(missing_ok=True)
        shutil.rmtree(self.extracted_dir(batch_id), ignore_errors=True)

    def sweep_partials(self, max_age: float | None = None) -> list[Path]:
        """Remove temporary files and folders left by killed writers (older than `max_age` s)."""
        max_age = self.partial_max_age if max_age is None else max_age
        if not self.root.exists():
            return []
        cutoff = time.time() - max_age
        removed = []
        for path in self.root.glob(f"*/.*{files.PARTIAL_SUFFIX}"):
            try:
                if path.lstat().st_mtime > cutoff:
                    continue
            except FileNotFoundError:
                continue
            files.remove(path)
            removed.append(path)
        if removed:
            log.info("staging: removed %d temporary file(s) left by interrupted writers",
                     len(removed))
        return removed

    def sweep_orphan_extractions(self) -> list[Path]:
        """Remove extractions whose batch is no longer staged: a slow extractor that finished
        after another run published the batch."""
        folder = self.root / "extracted"
        if not folder.exists():
            return []
        staged = set(self.pending_batches())
        orphans = [path for path in folder.iterdir()
                   if not path.name.startswith(".") and path.name not in staged]
        for path in orphans:
            shutil.rmtree(path, ignore_errors=True)
        if orphans:
            log.info("staging: removed %d extraction(s) of batches already published",
                     len(orphans))
        return orphans
