"""Backfill a window of publication dates: re-process the articles published in it.

News sources cannot be re-read by date (a feed shows only its latest items), and every
article ever ingested is kept, text included, in the warehouse. So a backfill of
[start, end] takes the published articles whose `published_at` falls in the window
(inclusive, UTC dates; undated articles are left out) and stages them again, exactly as
ingest would stage them, with their near-duplicate links and fingerprints. `entente_process`
then re-extracts them with the current spaCy pipeline and the load replaces their rows:
that is how a new extractor version, gazetteer or event lexicon reaches old news. Running
the same backfill twice changes nothing; articles already waiting in staging are not staged
twice. New articles still come in through the ordinary ingest, whatever their date.
"""
from __future__ import annotations

import logging
import uuid
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from entente import config, staging
from entente.warehouse.publish import connect_readonly

log = logging.getLogger(__name__)
BATCH_SIZE = 200

# What a staged article batch carries besides the article's own columns (see stages.ingest).
_LINKS = {
    "article_fingerprints": "f.minhash",
    "article_duplicates": "d.duplicate_of, d.similarity, d.method AS duplicate_method",
}
_JOINS = {
    "article_fingerprints": "LEFT JOIN article_fingerprints f USING (article_id)",
    "article_duplicates": "LEFT JOIN article_duplicates d USING (article_id)",
}


def articles_in_window(warehouse: Path, start: date, end: date) -> pd.DataFrame:
    """Published articles with `published_at` (UTC) in [start, end], as staged rows."""
    if not warehouse.exists():
        return pd.DataFrame()
    con = connect_readonly(warehouse)
    try:
        con.execute("SET TimeZone = 'UTC'")
        tables = {row[0] for row in con.execute(
            "SELECT table_name FROM duckdb_tables()").fetchall()}
        if "articles" not in tables:
            return pd.DataFrame()
        links = [t for t in _LINKS if t in tables]
        extra = "".join(f", {_LINKS[t]}" for t in links)
        joins = " ".join(_JOINS[t] for t in links)
        return con.execute(
            f"SELECT a.* EXCLUDE (loaded_at, anchor_date), "
            f"CAST(a.anchor_date AS VARCHAR) AS anchor_date{extra} FROM articles a {joins} "
            "WHERE a.published_at IS NOT NULL "
            "AND CAST(a.published_at AS DATE) BETWEEN ? AND ? "
            "QUALIFY row_number() OVER (PARTITION BY a.article_id) = 1 "
            "ORDER BY a.published_at, a.article_id", [start, end]).df()
    except duckdb.CatalogException:
        return pd.DataFrame()
    finally:
        con.close()


def restage_window(start: date, end: date, warehouse: Path | None = None) -> list[str]:
    """Stage the window's published articles for re-extraction; returns the new batch ids."""
    warehouse = warehouse or config.warehouse_path()
    frame = articles_in_window(warehouse, start, end)
    if not frame.empty:
        frame = frame[~frame.article_id.isin(staged_article_ids(warehouse))]
    batches = []
    for first in range(0, len(frame), BATCH_SIZE):
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        batch_id = f"{stamp}-{uuid.uuid4().hex[:8]}"
        staging.write_frame_atomically(frame.iloc[first:first + BATCH_SIZE].reset_index(drop=True),
                                       staging.articles_file(batch_id, warehouse))
        batches.append(batch_id)
    log.info("backfill %s..%s: %d published articles staged again in %d batches",
             start, end, len(frame), len(batches))
    return batches


def staged_article_ids(warehouse: Path) -> set[str]:
    ids: set[str] = set()
    for batch_id in staging.pending_batches(warehouse):
        path = staging.articles_file(batch_id, warehouse)
        ids.update(pd.read_parquet(path, columns=["article_id"])["article_id"])
    return ids
