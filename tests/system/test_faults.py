"""Faults with real processes and real files: SIGKILL at exact points of a run, a full disk, a task
retried after a transient failure, and two `entente run` on one warehouse at once.

Every case ends the same way: the warehouse analysts open is the last complete version, and the
next ordinary run completes without manual repair and without duplicates (its counts equal
those of one clean run over the same input). Kills happen in a real `entente run` subprocess,
started through a small wrapper that replaces one function with `os.kill(getpid(), SIGKILL)`;
production code has no test hooks.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from locations import PROJECT
from entente import files, stages
from entente.settings import Settings
from entente.sources.registry import inbox_sources
from entente.warehouse import WarehouseWriteError, open_warehouse
from entente.warehouse import publish as publishing

SAMPLES = PROJECT / "data" / "samples" / "articles"
FIRST = ("1993-09-13-oslo-accords-signed.txt", "1997-12-11-kyoto-protocol-adopted.txt")
SECOND = ("1998-11-20-zarya-launch.md", "2001-12-11-china-joins-wto.txt",
          "1995-11-21-dayton-agreement-initialled.txt")
TABLES = ("articles", "entity_mentions", "timexes", "events", "event_participants", "actors",
          "article_fingerprints", "quarantine")
# `entente run` without the report files and charts (they only read the published warehouse
# and take seconds of matplotlib per run; the writer conflict is over before they start).
ENTENTE = [sys.executable, "-c",
           "import sys, entente.cli.run as r; r.write_all_reports = lambda *a, **k: []; "
           "from entente.cli import main; sys.argv[0] = 'entente'; main()"]

KILLER = r"""
import os, signal, sys
point, warehouse = os.environ["KILL_AT"], os.environ["ENTENTE_WAREHOUSE"]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

real_replace = os.replace
def replace(src, dst, *args, **kwargs):
    if point == "extract_rename" and f"{os.sep}extracted{os.sep}" in str(dst):
        die()                                   # extraction written, not yet renamed into place
    if str(dst) == warehouse and point == "before_rename":
        die()                                   # new version built and audited, not published
    real_replace(src, dst, *args, **kwargs)
    if str(dst) == warehouse and point == "after_rename":
        die()                                   # published, staging not yet cleaned
os.replace = replace

if point == "extract_pool":                     # the pool's workers have extracted, the parent dies
    import entente.extract.pool as pool
    def finish(*args, **kwargs):
        die()
    pool._finish = finish
elif point == "extract_mid":                    # in the middle of the spaCy pass (in-process)
    import entente.extract.rows as rows
    real_rows, calls = rows._article_rows, []
    def article_rows(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            die()
        return real_rows(*args, **kwargs)
    rows._article_rows = article_rows
elif point == "load":                           # articles and mentions inserted, events not yet
    import entente.warehouse.load as load
    real_insert = load._insert
    def insert(con, table, *args, **kwargs):
        if table == "events":
            die()
        return real_insert(con, table, *args, **kwargs)
    load._insert = insert
elif point == "audit":                          # loaded into the private copy, being validated
    import entente.warehouse.publish as publishing
    def audit(*args, **kwargs):
        die()
    publishing.audit = audit

from entente.cli import main
sys.argv = ["entente", "run", *sys.argv[1:]]
main()
"""


# ------------------------------------------------------------------ helpers

def settings_for(path: Path, reports: Path | None = None) -> Settings:
    return Settings(warehouse=str(path), reports=reports or path.parent / "reports")


def store(path: Path):
    """The warehouse at `path` (a DuckDB file), as a run opens it."""
    return open_warehouse(settings_for(path))


def run_stages(inboxes: list[Path], path: Path) -> stages.PublishResult:
    """One ordinary run in-process (what `entente run` does before the reports)."""
    settings = settings_for(path)
    warehouse = open_warehouse(settings)
    stages.ingest(settings, warehouse, inbox_sources(inboxes))
    for batch_id in warehouse.staging.pending_batches():
        stages.extract(settings, warehouse, batch_id)
    return stages.publish(settings, warehouse, warehouse.staging.pending_batches())


def pending(path: Path) -> list[str]:
    return store(path).staging.pending_batches()


def counts(path: Path) -> dict[str, int]:
    with store(path).reader() as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def assert_no_duplicates(path: Path) -> None:
    with store(path).reader() as con:
        checks = {
            "articles": "SELECT count(*) - count(DISTINCT article_id) FROM articles",
            "events": "SELECT count(*) - count(DISTINCT event_id) FROM events",
            "mentions": "SELECT count(*) - count(DISTINCT (article_id, start_char, end_char, label))"
                        " FROM entity_mentions",
            "actors": "SELECT count(*) - count(DISTINCT actor_id) FROM actors",
            "quarantine": "SELECT count(*) - count(DISTINCT quarantine_id) FROM quarantine",
        }
        assert {k: con.execute(sql).fetchone()[0] for k, sql in checks.items()} == \
            {k: 0 for k in checks}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(warehouse: Path) -> list[str]:
    return sorted(p.name for p in warehouse.parent.iterdir()
                  if p.name.endswith((".building", ".building.wal", ".wal")))


def make_inbox(folder: Path, names) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Two inboxes, the warehouse after the first (v1), and counts of one clean run over both."""
    root = tmp_path_factory.mktemp("reliability")
    first, second = make_inbox(root / "a", FIRST), make_inbox(root / "b", SECOND)
    v1 = root / "v1" / "warehouse.duckdb"
    run_stages([first], v1)
    clean = root / "clean" / "warehouse.duckdb"
    run_stages([first, second], clean)
    return {"inboxes": [first, second], "v1": v1, "v1_counts": counts(v1),
            "reference": counts(clean), "root": root}


def cli_args(world, warehouse: Path) -> list[str]:
    args = []
    for inbox in world["inboxes"]:
        args += ["--inbox", str(inbox)]
    return args + ["--warehouse", str(warehouse), "--reports", str(warehouse.parent / "reports")]


def child_env(warehouse: Path, **extra) -> dict:
    env = dict(os.environ, ENTENTE_WAREHOUSE=str(warehouse), GX_ANALYTICS_ENABLED="False",
               ENTENTE_REPORTS=str(warehouse.parent / "reports"), **extra)
    return env


# ------------------------------------------------------------------ SIGKILL at exact points

KILL_POINTS = ["extract_mid", "extract_pool", "extract_rename", "load", "audit", "before_rename",
               "after_rename"]
# `extract_mid`'s hook sits in the process running spaCy, so that run extracts in-process (as an
# Airflow task does); the others use a pool of two workers, which must die with `entente run`.
NLP_PROCESSES = {"extract_mid": "1"}


@pytest.mark.parametrize("point", KILL_POINTS)
def test_sigkill_leaves_last_complete_version_and_next_run_repairs(world, tmp_path, point):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(world["v1"], warehouse)
    before = digest(warehouse)
    env = child_env(warehouse, KILL_AT=point, ENTENTE_NLP_PROCESSES=NLP_PROCESSES.get(point, "2"))
    killed = subprocess.run([sys.executable, "-c", KILLER, *cli_args(world, warehouse)],
                            env=env, capture_output=True, text=True, timeout=300)
    assert killed.returncode == -9, killed.stderr[-2000:]   # and no worker kept its pipes open

    if point == "after_rename":       # the new version is complete and published
        assert counts(warehouse) == world["reference"]
        assert pending(warehouse)                          # cleanup did not happen
    else:                             # analysts still see v1, byte for byte
        assert digest(warehouse) == before
        assert counts(warehouse) == world["v1_counts"]

    run_stages(world["inboxes"], warehouse)                 # the next ordinary run
    assert counts(warehouse) == world["reference"]
    assert_no_duplicates(warehouse)
    assert pending(warehouse) == []
    assert leftovers(warehouse) == []                       # no .building copy survives
    # A killed extraction may leave its temporary folder; the publish sweep removes it once old.
    staging = store(warehouse).staging
    staging.sweep_partials(max_age=0)
    assert not list(staging.root.glob("*/.*.partial"))


# ------------------------------------------------------------------ a task retried

def test_retried_tasks_after_transient_failures_add_no_duplicates(world, tmp_path, monkeypatch):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(world["v1"], path)
    settings, warehouse = settings_for(path), store(path)
    sources = inbox_sources(world["inboxes"])
    stages.ingest(settings, warehouse, sources)
    assert stages.ingest(settings, warehouse, sources).new_articles == 0   # retried: nothing new
    [batch_id] = warehouse.staging.pending_batches()

    # extract fails half-way through writing its tables (e.g. a disk hiccup), then is retried
    import pandas as pd
    real_to_parquet, written = pd.DataFrame.to_parquet, []

    def flaky_to_parquet(self, path, *args, **kwargs):
        written.append(path)
        if len(written) == 3:
            raise OSError("transient write failure")
        return real_to_parquet(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", flaky_to_parquet)
    with pytest.raises(OSError, match="transient"):
        stages.extract(settings, warehouse, batch_id)
    monkeypatch.undo()
    assert not warehouse.staging.extracted_dir(batch_id).exists()
    assert not list(warehouse.staging.root.glob("extracted/.*"))   # nothing half-written
    first = stages.extract(settings, warehouse, batch_id)
    assert stages.extract(settings, warehouse, batch_id) == first  # retried: same result

    # publish fails in the middle of the audit, then is retried with the same batch list
    def failing_audit(*args, **kwargs):
        raise ConnectionError("transient failure while validating")

    with monkeypatch.context() as patch:
        patch.setattr(publishing, "audit", failing_audit)
        with pytest.raises(ConnectionError):
            stages.publish(settings, warehouse, [batch_id])
    assert counts(path) == world["v1_counts"]
    assert leftovers(path) == []
    stages.publish(settings, warehouse, [batch_id])
    assert counts(path) == world["reference"]
    stages.publish(settings, warehouse, [batch_id])            # publish retried after success
    assert counts(path) == world["reference"]
    assert_no_duplicates(path)


# ------------------------------------------------------------------ two writers at once

def test_two_entente_runs_at_once_neither_corrupts_nor_duplicates(world, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    runs = [subprocess.Popen(ENTENTE + ["run", *cli_args(world, warehouse)],
                             env=child_env(warehouse), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, err) in zip(runs, outputs):
        assert run.returncode == 0, err[-3000:]
    assert counts(warehouse) == world["reference"]
    assert_no_duplicates(warehouse)
    assert pending(warehouse) == []
    assert leftovers(warehouse) == []


def test_second_writer_gives_up_with_a_clear_message_and_loses_nothing(world, tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    shutil.copy(world["v1"], warehouse)
    before = digest(warehouse)
    with store(warehouse).writer_lock():      # another writer holds the warehouse all along
        blocked = subprocess.run(ENTENTE + ["run", *cli_args(world, warehouse)],
                                 env=child_env(warehouse, ENTENTE_LOCK_TIMEOUT="1"),
                                 capture_output=True, text=True, timeout=300)
    assert blocked.returncode != 0
    assert "another Entente process is writing it" in blocked.stderr
    assert digest(warehouse) == before
    assert pending(warehouse)                               # its work is staged, not lost
    run_stages(world["inboxes"], warehouse)
    assert counts(warehouse) == world["reference"]
    assert_no_duplicates(warehouse)


# ------------------------------------------------------------------ disk full

@pytest.fixture
def small_disk(tmp_path):
    """A 24 MB tmpfs (root only); skipped where mounting is not permitted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(mount: Path, leave: int) -> Path:
    """Fill the file system until only `leave` bytes are free."""
    filler = mount / "filler"
    free = shutil.disk_usage(mount).free
    with open(filler, "wb") as handle:
        remaining = max(free - leave, 0)
        chunk = b"\0" * (1 << 20)
        while remaining > 0:
            handle.write(chunk[:min(remaining, len(chunk))])
            remaining -= min(remaining, len(chunk))
    return filler


@pytest.mark.parametrize("room", ["none_for_the_copy", "copy_fits_load_does_not"])
def test_disk_full_while_publishing_fails_cleanly_and_keeps_the_warehouse(world, small_disk,
                                                                         room, tmp_path):
    path = small_disk / "warehouse.duckdb"
    shutil.copy(world["v1"], path)
    settings = settings_for(path, reports=tmp_path / "reports")    # Data Docs off the small disk
    warehouse = open_warehouse(settings)
    stages.ingest(settings, warehouse, inbox_sources(world["inboxes"]))
    for batch_id in warehouse.staging.pending_batches():
        stages.extract(settings, warehouse, batch_id)
    before = digest(path)
    size = path.stat().st_size
    filler = fill(small_disk, 64 * 1024 if room == "none_for_the_copy" else size + 96 * 1024)

    with pytest.raises(WarehouseWriteError, match="no space left") as failed:
        stages.publish(settings, warehouse)
    assert "nothing was published" in str(failed.value)
    assert digest(path) == before
    assert counts(path) == world["v1_counts"]
    assert leftovers(path) == []                              # the .building copy is gone
    assert warehouse.staging.pending_batches()                # staged work kept for later

    filler.unlink()                                           # space comes back: next run is fine
    stages.publish(settings, warehouse)
    assert counts(path) == world["reference"]
    assert_no_duplicates(path)


def test_disk_full_while_staging_leaves_no_partial_files(tmp_path, small_disk):
    import pandas as pd

    frame = pd.DataFrame({"x": ["y" * 1000] * 200})
    target = small_disk / "w.staging" / "articles" / "b.parquet"
    fill(small_disk, 4096)
    with pytest.raises(OSError):
        files.write_frame(target, frame.assign(z=[os.urandom(2000).hex() for _ in range(200)]))
    assert list(target.parent.iterdir()) == []
