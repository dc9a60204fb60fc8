"""Write–audit–publish for a DuckDB file that analysts read while the pipeline runs.

DuckDB allows one writing process or many readers, never both. So the published file is
never opened for writing: the single writer copies it to `<name>.building`, migrates and
loads the copy, validates it, and atomically renames it over the published file. Readers
holding the old file keep seeing the old state; new connections see the new one.
A file lock serializes writers (two `entente run` at once: the second waits).
"""
from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import duckdb

from entente.warehouse.migrate import migrate

LOCK_TIMEOUT_SECONDS = float(os.environ.get("ENTENTE_LOCK_TIMEOUT", "600"))


class WarehouseBusy(RuntimeError):
    """Another writer held the warehouse lock for longer than the timeout."""


@contextmanager
def writer_lock(warehouse: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Exclusive lock beside the warehouse; waits up to `timeout` seconds."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{warehouse}.lock", "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WarehouseBusy(
                        f"{warehouse}: another Entente process is writing it; "
                        f"gave up after {timeout:.0f}s (ENTENTE_LOCK_TIMEOUT)") from None
                time.sleep(0.5)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class WarehouseWriteError(RuntimeError):
    """Building the new version failed on the file system (disk full, ...); nothing published."""


def publish_snapshot(warehouse: Path, build: Callable[[duckdb.DuckDBPyConnection], object],
                     published: Callable[[object], None] | None = None):
    """Run `build` on a private copy of the warehouse, then atomically publish the copy.

    `build` decides inside its own transaction what to keep (a failed audit rolls back
    the data and records only the quality run). `published(outcome)` runs after the rename,
    still under the writer lock (staging cleanup, so no other writer sees half of it).
    Any failure before the rename — an exception, a full disk, a kill — leaves the published
    file as it was and no `.building` copy behind (a killed writer's copy is removed by the
    next one). Returns what `build` returned.
    """
    with writer_lock(warehouse):
        building = warehouse.with_name(warehouse.name + ".building")
        _remove(building)
        try:
            if warehouse.exists():
                shutil.copyfile(warehouse, building)
            con = duckdb.connect(str(building))
            try:
                migrate(con)
                outcome = build(con)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(building)
        except BaseException as exc:
            _remove(building)
            if _out_of_space(exc):
                raise WarehouseWriteError(
                    f"{warehouse}: no space left on the device while building the new version "
                    f"({exc}); nothing was published, the warehouse is unchanged and staged "
                    "batches are kept for the next run") from exc
            raise
        os.replace(building, warehouse)
        _fsync(warehouse.parent)
        if published is not None:
            published(outcome)
        return outcome


def _out_of_space(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and ("no space left" in text or "disk is full" in text
                                              or "could not write" in text)


def ensure_warehouse(warehouse: Path) -> None:
    """Create an empty, migrated warehouse if there is none yet (analysts can open it)."""
    if not warehouse.exists():
        publish_snapshot(warehouse, lambda con: None)


def _remove(path: Path) -> None:
    for candidate in (path, Path(f"{path}.wal")):
        candidate.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def connect_readonly(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """How analysts (and reports) open the published warehouse."""
    return duckdb.connect(str(warehouse), read_only=True)
