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
from datetime import date

import duckdb
import pandas as pd

from entente.warehouse import Warehouse

log = logging.getLogger(__name__)

# What a staged article batch carries besides the article's own columns (see ingest.frames).
_LINKS = {
    "article_fingerprints": "f.minhash",
    "article_duplicates": "d.duplicate_of, d.similarity, d.method AS duplicate_method",
}
_JOINS = {
    "article_fingerprints": "LEFT JOIN article_fingerprints f USING (article_id)",
    "article_duplicates": "LEFT JOIN article_duplicates d USING (article_id)",
}


def articles_in_window(warehouse: Warehouse, start: date, end: date) -> pd.DataFrame:
    """Published articles with `published_at` (UTC) in [start, end], as staged rows."""
    if not warehouse.exists():
        return pd.DataFrame()
    with warehouse.reader() as con:
        con.execute("SET TimeZone = 'UTC'")
        tables = {row[0] for row in con.execute(
            "SELECT table_name FROM duckdb_tables()").fetchall()}
        if "articles" not in tables:
            return pd.DataFrame()
        links = [t for t in _LINKS if t in tables]
        extra = "".join(f", {_LINKS[t]}" for t in links)
        joins = " ".join(_JOINS[t] for t in links)
        try:
            return con.execute(
                f"SELECT a.* EXCLUDE (loaded_at, anchor_date), "
                f"CAST(a.anchor_date AS VARCHAR) AS anchor_date{extra} FROM articles a {joins} "
                "WHERE a.published_at IS NOT NULL "
                "AND CAST(a.published_at AS DATE) BETWEEN ? AND ? "
                "QUALIFY row_number() OVER (PARTITION BY a.article_id) = 1 "
                "ORDER BY a.published_at, a.article_id", [start, end]).df()
        except duckdb.CatalogException:
            return pd.DataFrame()


def restage_window(warehouse: Warehouse, start: date, end: date, batch_size: int) -> list[str]:
    """Stage the window's published articles for re-extraction; returns the new batch ids."""
    frame = articles_in_window(warehouse, start, end)
    if not frame.empty:
        frame = frame[~frame.article_id.isin(staged_article_ids(warehouse))]
    batches = [warehouse.staging.stage_batch(
                   frame.iloc[first:first + batch_size].reset_index(drop=True))
               for first in range(0, len(frame), batch_size)]
    log.info("backfill %s..%s: %d published articles staged again in %d batches",
             start, end, len(frame), len(batches))
    return batches


def staged_article_ids(warehouse: Warehouse) -> set[str]:
    ids: set[str] = set()
    for batch_id in warehouse.staging.pending_batches():
        try:
            ids.update(warehouse.staging.read_batch(batch_id, ["article_id"])["article_id"])
        except FileNotFoundError:
            continue                    # published meanwhile
    return ids
