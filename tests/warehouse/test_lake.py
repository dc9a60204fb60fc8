"""What only the DuckLake backend does: its addresses, migrations translated to what DuckLake
accepts, extensions from the pinned wheels, readers in other processes during a publish,
snapshots (status, time travel for the report's "what changed")."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from builders import TEXT, stage_article, table_counts
from entente import stages
from entente.cli.status import overview_lines, status_json
from entente.reporting.site import key_figures, previous_figures
from entente.settings import Settings
from entente.warehouse import DuckLakeWarehouse, open_warehouse
from entente.warehouse import extensions
from entente.warehouse.lake import parse_address
from entente.warehouse.lake_schema import execute_on_lake

LAKE_ONLY = pytest.mark.parametrize("settings", ["ducklake"], indirect=True)


@pytest.mark.parametrize("location, kind, catalog_file, extension", [
    ("ducklake:sqlite:/srv/e/catalog.sqlite", "sqlite", "/srv/e/catalog.sqlite",
     "sqlite_scanner"),
    ("ducklake:postgres:dbname=entente host=db", "postgres", None, "postgres_scanner"),
    ("ducklake:/srv/e/catalog.ducklake", "duckdb", "/srv/e/catalog.ducklake", None),
    ("ducklake:duckdb:/srv/e/catalog.ducklake", "duckdb", "/srv/e/catalog.ducklake", None),
])
def test_catalog_addresses_are_taken_as_attach_takes_them(location, kind, catalog_file,
                                                          extension):
    address = parse_address(location)
    assert address.kind == kind
    assert address.catalog_file == (Path(catalog_file) if catalog_file else None)
    assert address.extensions == ("ducklake",) + ((extension,) if extension else ())


def test_data_path_and_staging_default_beside_a_file_catalog_and_are_required_otherwise(
        tmp_path):
    lake = open_warehouse(Settings(warehouse=f"ducklake:sqlite:{tmp_path}/catalog.sqlite"))
    assert lake.data_path == f"{tmp_path}/catalog.data/"
    assert lake.staging.root == tmp_path / "catalog.staging"
    with pytest.raises(ValueError, match="ENTENTE_LAKE_DATA_PATH"):
        open_warehouse(Settings(warehouse="ducklake:postgres:dbname=entente"))
    shared = open_warehouse(Settings(warehouse="ducklake:postgres:dbname=entente",
                                     lake_data_path=str(tmp_path / "lake")))
    assert shared.staging.root == tmp_path / "lake.staging"
    with pytest.raises(ValueError, match="ENTENTE_STAGING"):
        open_warehouse(Settings(warehouse="ducklake:postgres:dbname=entente",
                                lake_data_path="s3://bucket/lake/"))


def test_an_extension_file_that_differs_from_its_wheel_record_is_refused(tmp_path):
    assert extensions.extension_path("ducklake").name == "ducklake.duckdb_extension"
    tampered = tmp_path / "ducklake.duckdb_extension"
    tampered.write_bytes(b"not the pinned file")
    with pytest.raises(extensions.ExtensionError, match="RECORD"):
        extensions._check_record(tampered, SimpleNamespace(mode="sha256", value="AAAA"))
    with pytest.raises(extensions.ExtensionError, match="no pinned wheel"):
        extensions.extension_path("httpfs")


def test_migrations_that_duckdb_lake_lacks_are_translated_and_keep_rows(tmp_path):
    lake = DuckLakeWarehouse(f"ducklake:sqlite:{tmp_path}/c.sqlite",
                             open_warehouse(Settings()).schema)
    con = lake.connect(read_only=False)
    try:
        con.execute("CREATE TABLE t (id VARCHAR, day DATE)")
        con.execute("INSERT INTO t VALUES ('a', DATE '2020-01-02')")
        execute_on_lake(con, """
            -- a column with a default, a type change, a table with a key
            ALTER TABLE t ADD COLUMN IF NOT EXISTS flag BOOLEAN DEFAULT false;
            ALTER TABLE t ADD COLUMN IF NOT EXISTS flag BOOLEAN DEFAULT false;
            ALTER TABLE t ALTER COLUMN day TYPE VARCHAR;
            CREATE TABLE IF NOT EXISTS k (id VARCHAR PRIMARY KEY, n INTEGER NOT NULL);
            INSERT INTO k VALUES ('x', 1);
            ALTER TABLE k RENAME COLUMN n TO number;""")
        assert con.execute("SELECT * FROM t").fetchall() == [("a", "2020-01-02", False)]
        assert con.execute("SELECT id, number FROM k").fetchall() == [("x", 1)]
    finally:
        con.close()


READER = """
import json, sys, time, pathlib
from entente.settings import Settings
from entente.warehouse import open_warehouse
lake, stop = open_warehouse(Settings(warehouse=sys.argv[1])), pathlib.Path(sys.argv[2])
seen = {"counts": [], "errors": []}
print("ready", flush=True)
while not stop.exists():
    try:
        with lake.reader() as con:
            seen["counts"].append(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    except Exception as exc:
        seen["errors"].append(f"{type(exc).__name__}: {exc}")
    time.sleep(0.05)
print(json.dumps(seen), flush=True)
"""


@LAKE_ONLY
def test_a_reader_in_another_process_sees_the_last_snapshot_during_a_publish(settings,
                                                                             warehouse,
                                                                             tmp_path):
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, settings.warehouse, str(stop)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "ready"
        stage_article(warehouse, text=TEXT.replace("Prague", "Vienna"))
        stages.publish(settings, warehouse)       # never waits for, nor fails, the reader
        with warehouse.reader() as con:
            con.execute("SELECT 1").fetchall()
    finally:
        stop.touch()
    out, err = reader.communicate(timeout=120)
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["errors"] == [], err[-2000:]
    counts = seen["counts"]
    assert counts and set(counts) <= {1, 2} and counts[0] == 1
    assert counts == sorted(counts)               # once the new snapshot, never the old again


@LAKE_ONLY
def test_snapshots_give_status_and_the_previous_publication_to_the_report(settings, warehouse,
                                                                         tmp_path):
    stage_article(warehouse)
    first = stages.publish(settings, warehouse)
    stage_article(warehouse, text=TEXT.replace("Prague", "Vienna"))
    second = stages.publish(settings, warehouse)
    publications = warehouse.publications()
    assert [p.run_id for p in publications] == [second.run_id, first.run_id]
    assert warehouse.version().id == publications[0].id
    with warehouse.reader(version=publications[1].id) as con:       # time travel
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    assert table_counts(warehouse)["articles"] == 2
    current = key_figures(warehouse)
    previous = previous_figures(warehouse, tmp_path / "reports", current)
    assert previous["run_id"] == first.run_id and previous["counts"]["articles"] == 1
    assert not (tmp_path / "reports" / "snapshot.json").exists()
    snapshot = [line for line in overview_lines(warehouse) if line.startswith("snapshot: ")]
    assert snapshot == [line for line in snapshot
                        if line.startswith(f"snapshot: {publications[0].id} committed ")]
    assert len(snapshot) == 1
    assert status_json(warehouse)["snapshot"]["id"] == publications[0].id


@LAKE_ONLY
def test_a_publish_with_nothing_new_to_migrate_adds_only_its_own_snapshot(settings, warehouse):
    warehouse.ensure()
    before = warehouse.version().id
    warehouse.ensure()                          # exists: nothing to do
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    assert warehouse.version().id == before + 1


@LAKE_ONLY
def test_a_migration_adding_a_derived_table_commits_it_filled(settings, warehouse):
    # A lake from before migration 011: events published, no counted_event_rows yet. The next
    # publish migrates in a commit of its own, which readers see before the build's: the new
    # table must already hold the rows, not publish an empty counted_events.
    stage_article(warehouse)
    stages.publish(settings, warehouse)
    with warehouse.reader() as con:
        expected = con.execute("SELECT * FROM counted_events ORDER BY ALL").fetchall()
    assert len(expected) == 1
    con = warehouse.connect(read_only=False)
    try:
        con.begin()
        con.execute("DROP VIEW IF EXISTS event_counts")
        con.execute("DROP VIEW IF EXISTS counted_events")
        con.execute("DROP TABLE counted_event_rows")
        con.execute("DELETE FROM schema_migrations WHERE name = '011_stored_event_rows.sql'")
        con.execute("DELETE FROM derived_versions WHERE name = 'counted_events.sql'")
        con.commit()
    finally:
        con.close()
    warehouse.publish(lambda con: None)         # only the migration commits
    message = warehouse.connect(read_only=True).execute(
        "SELECT commit_message FROM lake.snapshots() ORDER BY snapshot_id DESC LIMIT 1"
    ).fetchone()[0]
    assert "011_stored_event_rows.sql" in message
    with warehouse.reader() as con:
        assert con.execute("SELECT * FROM counted_events ORDER BY ALL").fetchall() == expected
