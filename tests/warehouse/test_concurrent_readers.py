"""An analyst's read-only DuckDB session stays open while a full DAG run publishes.

Two real processes: the analyst (a Python process holding `duckdb.connect(..., read_only=True)`
and also reconnecting in a loop) and `airflow dags test entente_process` (extract with spaCy,
load, GX audit, atomic publish). The run must succeed; the analyst must never get an error and
must only ever see the old state or the new one, never a mix.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from entente import stages
from entente.settings import Settings
from entente.sources.registry import inbox_sources
from entente.warehouse import open_warehouse
from locations import PROJECT

SAMPLES = PROJECT / "data" / "samples" / "articles"
FIRST = ("000_d33bd198671959dd.txt", "1997-05-27-nato-russia-founding-act.txt")
LATER = ("2010-04-08-new-start-signed.md", "2015-12-12-paris-agreement-adopted.html",
         "1997-12-11-kyoto-protocol-adopted.txt")

pytestmark = pytest.mark.slow

# A state is what an analyst would compare: table counts plus a consistency check (events
# whose article is missing) that a half-loaded warehouse would fail.
STATE_SQL = """
SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),
       (SELECT count(*) FROM event_participants), (SELECT count(*) FROM cooperation_events),
       (SELECT count(*) FROM events WHERE article_id NOT IN (SELECT article_id FROM articles))
"""

ANALYST = f"""
import json, sys, time, pathlib, duckdb
path, stop, mode = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
SQL = {STATE_SQL!r}
seen = {{"states": [], "errors": []}}
held = duckdb.connect(path, read_only=True) if mode == "held" else None
print("ready", flush=True)
while not stop.exists():
    try:
        if held is not None:                 # one session kept open all along
            seen["states"].append(list(held.execute(SQL).fetchone()))
        else:                                # a colleague opening the file again and again
            con = duckdb.connect(path, read_only=True)
            seen["states"].append(list(con.execute(SQL).fetchone()))
            con.close()
    except Exception as exc:                 # lock errors would land here
        seen["errors"].append(f"{{type(exc).__name__}}: {{exc}}")
    time.sleep(0.05)
print(json.dumps(seen), flush=True)
"""
# (Two processes, not two connections in one: DuckDB shares one database instance per file
# within a process, so a second connection there would see the held snapshot.)


def state(warehouse) -> list:
    with warehouse.reader() as con:
        return list(con.execute(STATE_SQL).fetchone())


def copy_inbox(folder, names):
    folder.mkdir()
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def test_analyst_session_during_a_full_dag_run_sees_old_or_new_never_partial(tmp_path):
    path, reports = tmp_path / "warehouse.duckdb", tmp_path / "reports"
    warehouse = open_warehouse(Settings(warehouse=str(path), reports=reports))
    env = {**os.environ, "ENTENTE_WAREHOUSE": str(path), "ENTENTE_REPORTS": str(reports)}
    first = copy_inbox(tmp_path / "first", FIRST)
    entente = str(Path(sys.executable).parent / "entente")
    done = subprocess.run([entente, "run", "--inbox", str(first)],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    old = state(warehouse)
    assert old[0] == len(FIRST) and old[4] == 0

    later = copy_inbox(tmp_path / "later", LATER)
    # What entente_ingest would stage. Staged against an empty warehouse and moved into place,
    # so this test depends only on the staging format, not on ingest's duplicate detection.
    scratch_settings = Settings(warehouse=str(tmp_path / "scratch" / "warehouse.duckdb"))
    scratch = open_warehouse(scratch_settings)
    staged = stages.ingest(scratch_settings, scratch, inbox_sources([later]))
    assert staged.new_articles == len(LATER)
    for batch_id in staged.batches:
        target = warehouse.staging.articles_file(batch_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(scratch.staging.articles_file(batch_id), target)
    assert warehouse.staging.pending_batches() == staged.batches

    stop = tmp_path / "stop-analyst"
    analysts = {mode: subprocess.Popen([sys.executable, "-c", ANALYST, str(path), str(stop),
                                        mode], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       text=True) for mode in ("held", "fresh")}
    for analyst in analysts.values():
        assert analyst.stdout.readline().strip() == "ready"
    started = time.monotonic()
    try:
        airflow = str(Path(sys.executable).parent / "airflow")
        run = subprocess.run([airflow, "dags", "test", "entente_process"], cwd=PROJECT, env=env,
                             capture_output=True, text=True, timeout=900)
        time.sleep(0.5)                                  # a few looks at the new state
    finally:
        stop.touch()
    seen = {}
    for mode, analyst in analysts.items():
        out, err = analyst.communicate(timeout=60)
        assert analyst.returncode == 0, err[-2000:]
        seen[mode] = json.loads(out.strip().splitlines()[-1])
    duration = time.monotonic() - started
    log = run.stdout + run.stderr
    assert run.returncode == 0, log[-4000:]
    assert "state=success" in log or "DagRun Finished" not in log, log[-4000:]

    new = state(warehouse)
    assert new[0] == len(FIRST) + len(LATER) and new[4] == 0
    held, fresh = seen["held"], seen["fresh"]
    assert held["errors"] == [] and fresh["errors"] == []
    assert len(fresh["states"]) > 20, f"only {len(fresh['states'])} looks in {duration:.0f}s"
    assert all(s == old for s in held["states"])         # an open session keeps its snapshot
    assert all(s in (old, new) for s in fresh["states"]), {tuple(s) for s in fresh["states"]}
    assert fresh["states"][0] == old and fresh["states"][-1] == new
    switch = fresh["states"].index(new)                  # once new, never old again
    assert all(s == new for s in fresh["states"][switch:])
