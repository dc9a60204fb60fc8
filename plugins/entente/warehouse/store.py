"""The warehouse as an object: where it is, who may write it, how analysts read it.

`Warehouse` is the seam between the pipeline and its storage. Code above it (ingest, the
publish stage, reports, the CLI) asks a warehouse for a read-only connection
(`with warehouse.reader() as con:`), for its staging area, and to `publish(build)`; it never
learns where or how the data is kept. `DuckDBFileWarehouse` keeps it in one DuckDB file.

DuckDB allows one writing process or many readers, never both. So the published file is
never opened for writing: the single writer copies it to `<name>.building`, migrates and
loads the copy, validates it, and atomically renames it over the published file. Readers
holding the old file keep seeing the old state; new connections see the new one.
(`DuckLakeWarehouse`, entente.warehouse.lake, publishes by transaction instead.)
A file lock serializes writers (two `entente run` at once: the second waits).
"""
from __future__ import annotations

import errno
import os
import shutil
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, TypeVar

import duckdb
import filelock

from entente.warehouse.migrate import Schema, migrate
from entente.warehouse.staging import StagingArea

T = TypeVar("T")


class WarehouseBusy(RuntimeError):
    """Another writer held the warehouse lock for longer than the timeout."""


class WarehouseWriteError(RuntimeError):
    """Building the new version failed on the file system (disk full, ...); nothing published."""


@dataclass(frozen=True)
class Version:
    """One committed state of a warehouse that keeps history (a DuckLake snapshot)."""

    id: int
    committed_at: datetime
    run_id: str | None = None          # the publish run that committed it
    published: bool = False            # a publication (not a blocked run or a migration)


class Warehouse(ABC):
    """What every warehouse backend offers the pipeline."""

    staging: StagingArea
    location: str                   # for people: a path or a catalog address

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"

    @abstractmethod
    def exists(self) -> bool:
        """Has anything been published yet?"""

    @abstractmethod
    def reader(self, version: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection to the last published state (or to an earlier `version`,
        where the backend keeps history), closed on exit."""

    @abstractmethod
    def writer_lock(self) -> Iterator[None]:
        """Exclusive right to publish; raises WarehouseBusy after the lock timeout."""

    @abstractmethod
    def publish(self, build: Callable[[duckdb.DuckDBPyConnection], T],
                published: Callable[[T], None] | None = None) -> T:
        """Run `build` on a private, migrated version and make it the published one."""

    @abstractmethod
    def published_at(self) -> datetime | None:
        """When the published state last changed (None before the first publication)."""

    def version(self) -> Version | None:
        """The current committed state, where the backend keeps history (else None)."""
        return None

    def publications(self) -> list[Version]:
        """Published states, newest first, readable with `reader(version=...)`; [] when the
        backend keeps only the current state (the report then keeps its own comparison)."""
        return []

    def describe_commit(self, con: duckdb.DuckDBPyConnection, run_id: str,
                        published: bool) -> None:
        """Label the transaction `con` is about to commit (a backend with history records
        which run published it); nothing to do elsewhere."""

    def ensure(self) -> None:
        """Create an empty, migrated warehouse if there is none yet (analysts can open it)."""
        if not self.exists():
            self.publish(lambda con: None)


class DuckDBFileWarehouse(Warehouse):
    """One DuckDB file; staging beside it (`<stem>.staging/`), its lock `<file>.lock`."""

    def __init__(self, path: Path, schema: Schema, lock_timeout: float = 600.0,
                 partial_max_age: float = 3600.0, staging_root: Path | None = None):
        self.path = Path(path)
        self.location = str(self.path)
        self.schema = schema
        self.lock_timeout = lock_timeout
        root = staging_root or self.path.with_name(self.path.stem + ".staging")
        self.staging = StagingArea(root, self.writer_lock, partial_max_age)

    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def reader(self, version: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        if version is not None:
            raise ValueError(f"{self.path}: a DuckDB file keeps no earlier versions")
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(f"{self.path}.lock", timeout=self.lock_timeout)
        try:
            lock.acquire(poll_interval=0.5)
        except filelock.Timeout:
            raise WarehouseBusy(
                f"{self.path}: another Entente process is writing it; gave up after "
                f"{self.lock_timeout:.0f}s (ENTENTE_LOCK_TIMEOUT)") from None
        try:
            yield
        finally:
            lock.release()

    def published_at(self) -> datetime | None:
        if not self.path.exists():
            return None
        return datetime.fromtimestamp(self.path.stat().st_mtime, timezone.utc)

    def publish(self, build, published=None):
        """Run `build` on a private copy of the warehouse, then atomically publish the copy.

        `build` decides inside its own transaction what to keep (a failed audit rolls back
        the data and records only the quality run). `published(outcome)` runs after the
        rename, still under the writer lock (staging cleanup, so no other writer sees half of
        it). Any failure before the rename (an exception, a full disk, a kill) leaves the
        published file as it was and no `.building` copy behind (a killed writer's copy is
        removed by the next one). Returns what `build` returned.
        """
        with self.writer_lock():
            building = self.path.with_name(self.path.name + ".building")
            outcome = self._build_copy(building, build)
            os.replace(building, self.path)
            _fsync(self.path.parent)
            if published is not None:
                published(outcome)
            return outcome

    def _build_copy(self, building: Path, build):
        _remove_database(building)
        try:
            if self.path.exists():
                shutil.copyfile(self.path, building)
            con = duckdb.connect(str(building))
            try:
                migrate(con, self.schema)
                outcome = build(con)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(building)
            return outcome
        except BaseException as exc:
            _remove_database(building)
            if _out_of_space(exc):
                raise WarehouseWriteError(
                    f"{self.path}: no space left on the device while building the new version "
                    f"({exc}); nothing was published, the warehouse is unchanged and staged "
                    "batches are kept for the next run") from exc
            raise


def _out_of_space(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and ("no space left" in text or "disk is full" in text
                                              or "could not write" in text)


def _remove_database(path: Path) -> None:
    for candidate in (path, Path(f"{path}.wal")):
        candidate.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
