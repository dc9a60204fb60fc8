"""`entente run`'s extraction pool: worker processes give exactly the in-process result."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from entente import stages
from entente.extract import extract_batch
from entente.extract.pool import CHUNK_SIZE, extract_batches
from entente.sources.registry import inbox_sources

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples" / "articles"


def staged_tables(warehouse, batch_id) -> dict[str, pd.DataFrame]:
    folder = warehouse.staging.extracted_dir(batch_id)
    return {path.stem: pd.read_parquet(path).sort_values(list(pd.read_parquet(path).columns))
            .reset_index(drop=True) for path in sorted(folder.glob("*.parquet"))}


def test_two_workers_extract_what_one_process_extracts(settings, warehouse, nlp):
    ingested = stages.ingest(settings, warehouse, inbox_sources([SAMPLES]))
    batch_id, = ingested.batches
    assert ingested.new_articles > CHUNK_SIZE           # several chunks, so both workers work
    extract_batch(settings, warehouse, batch_id, nlp=nlp)
    in_process = staged_tables(warehouse, batch_id)
    warehouse.staging.remove_batch(batch_id)            # the extraction only; re-stage articles
    ingested_again = stages.ingest(settings, warehouse, inbox_sources([SAMPLES]))
    second, = ingested_again.batches
    done = []
    extract_batches(settings, warehouse.staging, [second], workers=2, done=done.append)
    assert done == [second]
    pooled = staged_tables(warehouse, second)
    assert pooled.keys() == in_process.keys()
    for name, frame in in_process.items():
        pd.testing.assert_frame_equal(pooled[name].drop(columns=["detected_at"], errors="ignore"),
                                      frame.drop(columns=["detected_at"], errors="ignore"))
    assert len(pooled["events"]) > 0


def test_a_batch_published_meanwhile_is_skipped(settings, warehouse):
    done = []
    extract_batches(settings, warehouse.staging, ["20000101T000000-gone"], workers=2,
                    done=done.append)
    assert done == ["20000101T000000-gone"]
    assert not warehouse.staging.extracted_dir("20000101T000000-gone").exists()
