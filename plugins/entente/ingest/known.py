"""What is stored already — published (read-only) or staged — so ingest only adds what is new.

Ingest never writes the warehouse (one writer: the publish step); it reads it through
`Warehouse.reader()` and reads the staged batches through the warehouse's staging area.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from entente.ingest.near_duplicates import NearDuplicateIndex, signature_from_bytes
from entente.sources.urls import canonical_url
from entente.warehouse import Warehouse

log = logging.getLogger(__name__)


@dataclass
class KnownArticles:
    warehouse: Warehouse
    ids: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)      # canonical URLs
    has_history: bool = False                        # a warehouse or staged batches exist

    @classmethod
    def load(cls, warehouse: Warehouse) -> KnownArticles:
        known = cls(warehouse)
        if warehouse.exists():
            known.has_history = True
            rows = published_rows(warehouse, "SELECT article_id, url, canonical_url FROM articles",
                                  "SELECT article_id, url, NULL FROM articles")
            for article_id, url, canonical in rows:
                known._add(article_id, canonical or url)
        for batch_id in warehouse.staging.pending_batches():
            known.has_history = True
            frame = staged_columns(warehouse, batch_id, ["article_id", "url", "canonical_url"])
            for row in frame.itertuples(index=False):
                known._add(row.article_id, _text(getattr(row, "canonical_url", None))
                           or _text(getattr(row, "url", None)))
        return known

    def _add(self, article_id: str, url: str | None) -> None:
        self.ids.add(article_id)
        canonical = canonical_url(url) if url else None
        if canonical:
            self.urls.add(canonical)

    def has_url(self, url: str | None) -> bool:
        canonical = canonical_url(url)
        return bool(canonical) and canonical in self.urls

    def near_duplicate_index(self) -> NearDuplicateIndex:
        """MinHash index of every stored article's signature (published and staged)."""
        index = NearDuplicateIndex()
        if self.warehouse.exists():
            rows = published_rows(self.warehouse,
                                  "SELECT f.article_id, f.minhash, d.duplicate_of "
                                  "FROM article_fingerprints f LEFT JOIN article_duplicates d "
                                  "USING (article_id) ORDER BY f.article_id")
            for article_id, minhash, original in rows:
                index.add_known(article_id, signature_from_bytes(minhash), original)
        for batch_id in self.warehouse.staging.pending_batches():
            frame = staged_columns(self.warehouse, batch_id,
                                   ["article_id", "minhash", "duplicate_of"])
            for row in frame.itertuples(index=False):
                minhash = getattr(row, "minhash", None)
                if isinstance(minhash, bytes):
                    index.add_known(row.article_id, signature_from_bytes(minhash),
                                    _text(getattr(row, "duplicate_of", None)))
        return index


def published_quarantine_ids(warehouse: Warehouse) -> set[str]:
    """quarantine_ids already in the published warehouse (none before migration 005)."""
    if not warehouse.exists():
        return set()
    return {row[0] for row in published_rows(warehouse, "SELECT quarantine_id FROM quarantine")}


def _text(value) -> str | None:
    """A staged string cell, or None for NULL/NA."""
    return value if isinstance(value, str) and value else None


def published_rows(warehouse: Warehouse, sql: str, fallback_sql: str | None = None) -> list[tuple]:
    """Rows from the published warehouse; [] when a table or column is not there yet."""
    with warehouse.reader() as con:
        for statement in (sql, fallback_sql):
            if statement is None:
                break
            try:
                return con.execute(statement).fetchall()
            except (duckdb.CatalogException, duckdb.BinderException):
                continue
        return []


def staged_columns(warehouse: Warehouse, batch_id: str, columns: list[str]) -> pd.DataFrame:
    """A staged batch's columns; empty when another process published it (and removed the
    file) since it was listed — its articles are then in the published warehouse."""
    path = warehouse.staging.articles_file(batch_id)
    try:
        present = [c for c in columns if c in set(pq.read_schema(path).names)]
        return pd.read_parquet(path, columns=present)
    except FileNotFoundError:
        return pd.DataFrame(columns=columns)
