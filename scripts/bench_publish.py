#!/usr/bin/env python3
"""Publish cost against warehouse size (issue 14): one batch of 500 new articles published into
synthetic warehouses of 1 M and 4 M events, on the DuckDB file and on a DuckLake.

    .venv/bin/python scripts/bench_publish.py                         # 1 M and 4 M, both backends
    .venv/bin/python scripts/bench_publish.py --events 20000 --backend ducklake   # a quick look

For each (backend, size): the warehouse of scripts/bench_views.py (`generate`, seed 7) is
built; one batch is published untimed (a process's first publish also imports Great
Expectations: a cost that does not depend on size); then `--runs` (3) times a batch of `--articles` (500) new articles is staged — made by
the same generator with another seed, so its rows have the shape and pass the audit of real
ones — with its extraction, and published with the real publish stage (`stages.publish`:
load, incremental derived rows, Great Expectations audit, commit or file copy and rename).
One JSON line per (backend, size) on stdout:

    {"backend": "duckdb"|"ducklake", "events": N, "publish_seconds": median, "file_bytes": b,
     "runs": [s, s, s]}

`file_bytes` is what the warehouse holds on disk after the last publish (the DuckDB file; the
DuckLake's catalog file and Parquet folder). Generating 4 M events takes minutes and several
GB of disk and memory: run it on a quiet machine.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "plugins"))
sys.path.insert(0, str(PROJECT / "scripts"))

import duckdb  # noqa: E402

import bench_views  # noqa: E402
from entente import stages  # noqa: E402
from entente.settings import Settings  # noqa: E402
from entente.warehouse import open_warehouse  # noqa: E402

EXTRACTION_TABLES = ("entity_mentions", "timexes", "events", "event_participants", "actors")
# Columns the staged article file has besides the table's (ingest writes them; load skips
# what the table lacks) and that a load sets itself.
NOT_STAGED = ("loaded_at",)


def location(backend: str, folder: Path) -> str:
    if backend == "ducklake":
        return f"ducklake:sqlite:{folder / 'catalog.sqlite'}"
    return str(folder / "warehouse.duckdb")


def make_batch(folder: Path, articles: int, seed: int) -> Path:
    """A DuckDB file of about `articles` synthetic articles with their extraction rows."""
    path = folder / f"batch-{seed}.duckdb"
    bench_views.generate(path, events=articles * 4, seed=seed)
    return path


def stage_batch(warehouse, batch_db: Path) -> str:
    """Stage the batch as ingest and extract would: articles, then the extraction folder."""
    staging = warehouse.staging
    con = duckdb.connect(str(batch_db), read_only=True)
    try:
        frame = con.execute(f"SELECT * EXCLUDE ({', '.join(NOT_STAGED)}) FROM articles").df()
        batch_id = staging.stage_batch(frame)
        tables = {name: con.execute(f"SELECT * FROM {name}").df() for name in EXTRACTION_TABLES}
        tables["events"] = tables["events"].drop(columns=["cluster_id"])
    finally:
        con.close()
    staging.write_extracted(batch_id, tables)
    return batch_id


def bench_one(backend: str, events: int, articles: int, runs: int, folder: Path) -> dict:
    where = location(backend, folder / backend / str(events))
    Path(where.rpartition(":")[2]).parent.mkdir(parents=True, exist_ok=True)
    print(f"{backend}: generating {events:,} events", file=sys.stderr, flush=True)
    bench_views.generate(where, events=events, seed=7)
    settings = Settings(warehouse=where, reports=folder / "reports")
    warehouse = open_warehouse(settings)
    # One publish first, not timed: a process's first publish also pays one-time costs
    # (importing Great Expectations, its first context: about 2 s) that do not depend on size.
    stage_batch(warehouse, make_batch(folder / "batches", articles, seed=999))
    stages.publish(settings, warehouse)
    seconds = []
    for run in range(runs):
        batch = make_batch(folder / "batches", articles, seed=1000 + run)
        stage_batch(warehouse, batch)
        start = time.perf_counter()
        result = stages.publish(settings, warehouse)
        seconds.append(time.perf_counter() - start)
        steps = ", ".join(f"{step} {value:.2f}" for step, value in result.seconds.items())
        print(f"  publish {run + 1}: {seconds[-1]:.2f} s ({steps}), "
              f"{result.rows.get('articles', 0)} articles", file=sys.stderr, flush=True)
    return {"backend": backend, "events": events,
            "publish_seconds": round(statistics.median(seconds), 3),
            "file_bytes": bench_views.storage_bytes(warehouse),
            "runs": [round(s, 3) for s in seconds]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, action="append",
                        help="warehouse size (repeatable; default 1,000,000 and 4,000,000)")
    parser.add_argument("--backend", choices=("duckdb", "ducklake"), action="append",
                        help="backend (repeatable; default both)")
    parser.add_argument("--articles", type=int, default=500, help="articles per published batch")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="entente-bench-publish-"))
    (folder / "batches").mkdir(parents=True, exist_ok=True)
    try:
        for backend in args.backend or ["duckdb", "ducklake"]:
            for events in args.events or [1_000_000, 4_000_000]:
                print(json.dumps(bench_one(backend, events, args.articles, args.runs, folder)),
                      flush=True)
                shutil.rmtree(folder / backend / str(events), ignore_errors=True)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
