"""The warehouse as a DuckLake: a catalog database plus Parquet files, published by transaction.

`ENTENTE_WAREHOUSE=ducklake:<catalog>` names the catalog exactly as DuckDB's ATTACH takes it:
`ducklake:sqlite:/srv/entente/catalog.sqlite` (several processes on one machine) or
`ducklake:postgres:dbname=entente host=db` (many machines). The Parquet files go to
`ENTENTE_LAKE_DATA_PATH` (default: `<catalog stem>.data/` beside a file catalog).

Where the file backend copies, builds and renames, a DuckLake publishes by transaction: the
load, the derived rows and the Great Expectations audit run inside one transaction that
commits only if the audit passes. Each commit is a snapshot; readers attach the catalog
read-only and see the last committed snapshot — on any machine, while a publish runs — and
`reader(version=...)` goes back to an earlier one (time travel: the report's "what changed").
One writer at a time: a file lock beside a file catalog, a PostgreSQL advisory lock on a
PostgreSQL catalog (DuckLake would detect conflicting commits, but retrying a whole publish
is not useful when one publish at a time is the design).
"""
from __future__ import annotations

import json
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb
import filelock

from entente.warehouse import extensions
from entente.warehouse.clusters import assign_clusters, derived_sql_changed
from entente.warehouse.lake_schema import LAKE, execute_on_lake
from entente.warehouse.migrate import Schema, migrate
from entente.warehouse.staging import StagingArea
from entente.warehouse.store import Version, Warehouse, WarehouseBusy

PREFIX = "ducklake:"
# Advisory lock key for publishing on a PostgreSQL catalog (any fixed 64-bit number).
PUBLISH_LOCK_KEY = 0x656E74656E7465      # "entente"
COMMIT_AUTHOR = "entente"


@dataclass(frozen=True)
class LakeAddress:
    """`ducklake:<catalog>` taken apart: the metadata database's kind and where it is."""

    catalog: str                 # what follows "ducklake:", e.g. "sqlite:/srv/catalog.sqlite"

    @property
    def kind(self) -> str:
        head, sep, _ = self.catalog.partition(":")
        return head if sep and head in ("sqlite", "postgres", "duckdb") else "duckdb"

    @property
    def catalog_file(self) -> Path | None:
        """The catalog database's file (None for a PostgreSQL catalog)."""
        if self.kind == "postgres":
            return None
        head, sep, rest = self.catalog.partition(":")
        return Path(rest if sep and head in ("sqlite", "duckdb") else self.catalog)

    @property
    def extensions(self) -> tuple[str, ...]:
        scanner = {"sqlite": ("sqlite_scanner",), "postgres": ("postgres_scanner",)}
        return ("ducklake",) + scanner.get(self.kind, ())

    @property
    def conninfo(self) -> str:
        """The libpq connection string of a PostgreSQL catalog."""
        return self.catalog.partition(":")[2]


def parse_address(location: str) -> LakeAddress:
    if not location.startswith(PREFIX) or not location[len(PREFIX):].strip():
        raise ValueError(f"not a DuckLake catalog: {location!r} (ducklake:sqlite:/path/catalog."
                         "sqlite or ducklake:postgres:dbname=... host=...)")
    return LakeAddress(location[len(PREFIX):].strip())


class DuckLakeWarehouse(Warehouse):
    """A DuckLake catalog and its data path; staging on storage every worker reaches."""

    def __init__(self, location: str, schema: Schema, data_path: str | None = None,
                 staging_root: Path | None = None, lock_timeout: float = 600.0,
                 partial_max_age: float = 3600.0):
        self.address = parse_address(location)
        self.location = location
        self.schema = schema
        self.lock_timeout = lock_timeout
        self.data_path = data_path or self._default_data_path()
        root = staging_root or self._default_staging()
        self.staging = StagingArea(root, self.writer_lock, partial_max_age)

    def _default_data_path(self) -> str:
        catalog = self.address.catalog_file
        if catalog is None:
            raise ValueError(f"{self.location}: a PostgreSQL catalog needs "
                             "ENTENTE_LAKE_DATA_PATH (a folder or object-store URL)")
        return str(catalog.with_name(catalog.stem + ".data")) + "/"

    def _default_staging(self) -> Path:
        catalog = self.address.catalog_file
        if catalog is not None:
            return catalog.with_name(catalog.stem + ".staging")
        if "://" in self.data_path:
            raise ValueError(f"{self.location}: with data in {self.data_path}, set "
                             "ENTENTE_STAGING to a folder every worker mounts")
        return Path(self.data_path.rstrip("/") + ".staging")

    # -- connections ----------------------------------------------------------------------------
    def connect(self, read_only: bool, version: int | None = None) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB with the lake attached as `lake` and in use."""
        con = extensions.connect(extensions=self.address.extensions)
        options = ["READ_ONLY"] if read_only else [f"DATA_PATH '{_quoted(self.data_path)}'"]
        if version is not None:
            options.append(f"SNAPSHOT_VERSION {int(version)}")
        try:
            con.execute(f"ATTACH '{_quoted(PREFIX + self.address.catalog)}' AS {LAKE} "
                        f"({', '.join(options)})")
            con.execute(f"USE {LAKE}")
        except BaseException:
            con.close()
            raise
        return con

    def exists(self) -> bool:
        catalog = self.address.catalog_file
        if catalog is not None and not catalog.exists():
            return False
        try:
            with self.reader() as con:
                return bool(con.execute(
                    "SELECT count(*) FROM duckdb_tables() WHERE database_name = ? "
                    "AND table_name = 'pipeline_runs'", [LAKE]).fetchone()[0])
        except duckdb.Error:
            return False

    @contextmanager
    def reader(self, version: int | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self.connect(read_only=True, version=version)
        try:
            yield con
        finally:
            con.close()

    # -- snapshots ------------------------------------------------------------------------------
    def version(self) -> Version | None:
        if not self.exists():
            return None
        with self.reader() as con:
            row = con.execute(f"SELECT snapshot_id, snapshot_time, commit_extra_info "
                              f"FROM {LAKE}.snapshots() ORDER BY snapshot_id DESC "
                              "LIMIT 1").fetchone()
        return _version(*row) if row else None

    def publications(self) -> list[Version]:
        if not self.exists():
            return []
        with self.reader() as con:
            rows = con.execute(f"SELECT snapshot_id, snapshot_time, commit_extra_info "
                               f"FROM {LAKE}.snapshots() WHERE commit_extra_info IS NOT NULL "
                               "ORDER BY snapshot_id DESC").fetchall()
        return [v for v in (_version(*row) for row in rows) if v.published]

    def published_at(self) -> datetime | None:
        current = self.version()
        return current.committed_at if current else None

    def describe_commit(self, con: duckdb.DuckDBPyConnection, run_id: str,
                        published: bool) -> None:
        message = f"entente publish {run_id}" if published else f"entente blocked {run_id}"
        con.execute(f"CALL {LAKE}.set_commit_message(?, ?, extra_info => ?)",
                    [COMMIT_AUTHOR, message,
                     json.dumps({"run_id": run_id, "published": published})])

    # -- writing --------------------------------------------------------------------------------
    @contextmanager
    def writer_lock(self) -> Iterator[None]:
        catalog = self.address.catalog_file
        if catalog is None:
            with _advisory_lock(self.address.conninfo, self.lock_timeout, self.location):
                yield
            return
        catalog.parent.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(f"{catalog}.lock", timeout=self.lock_timeout)
        try:
            lock.acquire(poll_interval=0.5)
        except filelock.Timeout:
            raise WarehouseBusy(_busy(self.location, self.lock_timeout)) from None
        try:
            yield
        finally:
            lock.release()

    def publish(self, build, published=None):
        """Migrate (one commit, only when the schema changed), then run `build` on the lake:
        it begins, audits and commits or rolls back its own transaction. `published(outcome)`
        runs after, still under the writer lock."""
        with self.writer_lock():
            if "://" not in self.data_path:
                Path(self.data_path).mkdir(parents=True, exist_ok=True)
            con = self.connect(read_only=False)
            try:
                self._migrate(con)
                outcome = build(con)
            finally:
                con.close()
            if published is not None:
                published(outcome)
            return outcome

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        before = _schema_state(con)
        con.begin()
        try:
            applied = migrate(con, self.schema, execute=execute_on_lake)
            if applied and derived_sql_changed(con, self.schema.sql_dir):
                # A migration that adds a derived table (counted_event_rows) must not publish
                # it empty: readers see this commit before the build's.
                assign_clusters(con, self.schema.sql_dir)
            if applied or _schema_state(con) != before:
                con.execute(f"CALL {LAKE}.set_commit_message(?, ?)",
                            [COMMIT_AUTHOR, "entente schema: " + (", ".join(applied)
                                                                  or "views and seeds")])
                con.commit()
            else:
                con.rollback()      # nothing changed: no empty snapshot
        except BaseException:
            con.rollback()
            raise


def _schema_state(con: duckdb.DuckDBPyConnection) -> tuple:
    """What a migration can change besides recorded migrations: views and seed rows."""
    views = con.execute("SELECT view_name, sql FROM duckdb_views() WHERE database_name = ? "
                        "ORDER BY view_name", [LAKE]).fetchall()
    seeds = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = ? "
                        "AND table_name = 'event_categories'", [LAKE]).fetchone()[0]
    rows = con.execute("SELECT count(*), sum(hash(COLUMNS(*))) FROM event_categories"
                       ).fetchall() if seeds else []
    return tuple(views), tuple(rows)


def _version(snapshot_id: int, committed_at: datetime, extra: str | None) -> Version:
    info = json.loads(extra) if extra else {}
    return Version(id=int(snapshot_id), committed_at=_utc(committed_at),
                   run_id=info.get("run_id"), published=bool(info.get("published")))


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(
        timezone.utc)


@contextmanager
def _advisory_lock(conninfo: str, timeout: float, location: str) -> Iterator[None]:
    """A session-level PostgreSQL advisory lock, held while the block runs."""
    import psycopg2         # only PostgreSQL catalogs need it

    connection = psycopg2.connect(conninfo)
    connection.autocommit = True
    try:
        deadline = time.monotonic() + timeout
        with connection.cursor() as cursor:
            while True:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [PUBLISH_LOCK_KEY])
                if cursor.fetchone()[0]:
                    break
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(_busy(location, timeout))
                time.sleep(0.5)
        yield
    finally:
        connection.close()      # ends the session, which releases the lock


def _busy(location: str, timeout: float) -> str:
    return (f"{location}: another Entente process is publishing; gave up after "
            f"{timeout:.0f}s (ENTENTE_LOCK_TIMEOUT)")


def _quoted(text: str) -> str:
    return text.replace("'", "''")
