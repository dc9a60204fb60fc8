"""What is stored already — published (read-only) or staged — so ingest only adds what is new.

Ingest never writes the warehouse (one writer: the publish step); it opens it read-only.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from entente import staging
from entente.sources.dedup import NearDuplicateIndex, canonical_url, signature_from_bytes

log = logging.getLogger(__name__)


@dataclass
class KnownArticles:
    warehouse: Path
    ids: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)      # canonical URLs
    has_history: bool = False                        # a warehouse or staged batches exist

    @classmethod
    def load(cls, warehouse: Path) -> KnownArticles:
        known = cls(warehouse)
        if warehouse.exists():
            known.has_history = True
            rows = _query(warehouse, "SELECT article_id, url, canonical_url FROM articles",
                          "SELECT article_id, url, NULL FROM articles")
            for article_id, url, canonical in rows:
                known._add(article_id, canonical or url)
        for batch_id in staging.pending_batches(warehouse):
            known.has_history = True
            frame = _staged(batch_id, warehouse, ["article_id", "url", "canonical_url"])
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
            rows = _query(self.warehouse,
                          "SELECT f.article_id, f.minhash, d.duplicate_of "
                          "FROM article_fingerprints f LEFT JOIN article_duplicates d "
                          "USING (article_id) ORDER BY f.article_id")
            for article_id, minhash, original in rows:
                index.add_known(article_id, signature_from_bytes(minhash), original)
        for batch_id in staging.pending_batches(self.warehouse):
            frame = _staged(batch_id, self.warehouse, ["article_id", "minhash", "duplicate_of"])
            for row in frame.itertuples(index=False):
                minhash = getattr(row, "minhash", None)
                if isinstance(minhash, bytes):
                    index.add_known(row.article_id, signature_from_bytes(minhash),
                                    _text(getattr(row, "duplicate_of", None)))
        return index


def published_quarantine_ids(warehouse: Path) -> set[str]:
    """quarantine_ids already in the published warehouse ([] before migration 005)."""
    if not warehouse.exists():
        return set()
    return {row[0] for row in _query(warehouse, "SELECT quarantine_id FROM quarantine")}


def _text(value) -> str | None:
    """A staged string cell, or None for NULL/NA."""
    return value if isinstance(value, str) and value else None


def _query(warehouse: Path, sql: str, fallback_sql: str | None = None) -> list[tuple]:
    """Rows from the published warehouse; [] when a table or column is not there yet."""
    from entente.warehouse.publish import connect_readonly

    con = connect_readonly(warehouse)
    try:
        for statement in (sql, fallback_sql):
            if statement is None:
                break
            try:
                return con.execute(statement).fetchall()
            except (duckdb.CatalogException, duckdb.BinderException):
                continue
        return []
    finally:
        con.close()


def _staged(batch_id: str, warehouse: Path, columns: list[str]) -> pd.DataFrame:
    """A staged batch's columns; empty when another process published it (and removed the
    file) since it was listed — its articles are then in the published warehouse."""
    path = staging.articles_file(batch_id, warehouse)
    try:
        present = [c for c in columns if c in _schema_names(path)]
        return pd.read_parquet(path, columns=present)
    except FileNotFoundError:
        return pd.DataFrame(columns=columns)


def _schema_names(path: Path) -> set[str]:
    import pyarrow.parquet as pq

    return set(pq.read_schema(path).names)
