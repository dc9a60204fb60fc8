"""`entente run --warehouse ducklake:sqlite:<path>` on the sample sources gives the same rows as
the DuckDB file, and a second run changes nothing (real spaCy, real GX: slow)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from locations import PROJECT
from entente.reporting.exports import REPORT_VIEWS
from entente.settings import Settings
from entente.warehouse import open_warehouse

pytestmark = pytest.mark.slow
TABLES = ("articles", "entity_mentions", "timexes", "events", "event_participants", "actors",
          "event_dyad_rows", "counted_event_rows", "event_country_lists", "article_duplicates",
          "quarantine")
# Columns that say when a row was written, not what it says.
VOLATILE = ("loaded_at", "fetched_at", "detected_at")


def run(location: str, tmp_path: Path, name: str) -> None:
    env = {**os.environ, "ENTENTE_WAREHOUSE": location,
           "ENTENTE_REPORTS": str(tmp_path / f"reports-{name}")}
    entente = str(Path(sys.executable).parent / "entente")
    done = subprocess.run([entente, "run", "--warehouse", location], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]


def contents(location: str) -> dict:
    """Row counts of the tables and the rows of every report view (volatile columns left out)."""
    warehouse = open_warehouse(Settings(warehouse=location))
    found = {}
    with warehouse.reader() as con:
        for table in TABLES:
            found[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for view in REPORT_VIEWS:
            columns = [row[0] for row in con.execute(f"DESCRIBE {view}").fetchall()
                       if row[0] not in VOLATILE]
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {view}").fetchall()
            found[view] = sorted(map(repr, rows))
    return found


def test_a_ducklake_run_holds_what_a_file_run_holds_and_a_rerun_changes_nothing(tmp_path):
    file_location = str(tmp_path / "warehouse.duckdb")
    lake_location = f"ducklake:sqlite:{tmp_path / 'lake' / 'catalog.sqlite'}"
    run(file_location, tmp_path, "file")
    run(lake_location, tmp_path, "lake")
    in_file, in_lake = contents(file_location), contents(lake_location)
    assert in_lake["articles"] > 30 and in_lake["events"] > 100
    assert {k: v for k, v in in_lake.items() if k in TABLES} == \
        {k: v for k, v in in_file.items() if k in TABLES}
    for view in REPORT_VIEWS:
        assert in_lake[view] == in_file[view], view
    lake = open_warehouse(Settings(warehouse=lake_location))
    snapshot = lake.version().id
    run(lake_location, tmp_path, "lake")
    assert contents(lake_location) == in_lake
    assert lake.version().id == snapshot           # nothing new: no commit at all
    assert (tmp_path / "reports-lake" / "index.html").exists()
