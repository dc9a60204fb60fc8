"""What ingest stages, as the tables the publish step loads: article batches (with each article's
fingerprint and near-duplicate link), the run's fetch log, and its quarantine records."""
from __future__ import annotations

import pandas as pd

from entente.ingest.near_duplicates import DuplicateLink
from entente.sources.article import Article
from entente.sources.log import FETCH_LOG_COLUMNS, FetchRecord
from entente.sources.rejects import QUARANTINE_COLUMNS, QuarantineRecord

# article_id → (MinHash bytes, link to the article it nearly duplicates)
Links = dict[str, tuple[bytes | None, DuplicateLink | None]]


def article_frame(articles: list[Article], links: Links) -> pd.DataFrame:
    """One staged batch: the articles' columns, anchor date, fingerprint and duplicate link."""
    frame = pd.DataFrame([a.as_row() for a in articles])
    frame["anchor_date"] = [a.anchor_date() for a in articles]
    frame["minhash"] = [links.get(a.article_id, (None, None))[0] for a in articles]
    found = [links.get(a.article_id, (None, None))[1] for a in articles]
    frame["duplicate_of"] = pd.array([link.duplicate_of if link else None for link in found],
                                     dtype="string")
    frame["similarity"] = pd.array([link.similarity if link else None for link in found],
                                   dtype="Float64")
    frame["duplicate_method"] = pd.array([link.method if link else None for link in found],
                                         dtype="string")
    for column in ("canonical_url", "date_source", "url", "title"):
        frame[column] = frame[column].astype("string")
    return frame


def count_new_articles(records: list[FetchRecord], fresh: list[Article]) -> None:
    """Note on each source's fetch record how many of its articles were new."""
    new_by_source: dict[str, int] = {}
    for article in fresh:
        new_by_source[article.source] = new_by_source.get(article.source, 0) + 1
    for record in records:
        if record.kind in ("feed", "page", "inbox"):
            record.new_articles = new_by_source.pop(record.source, 0)


def fetch_log_frame(records: list[FetchRecord], ingest_id: str) -> pd.DataFrame:
    frame = pd.DataFrame([r.as_row(ingest_id) for r in records], columns=list(FETCH_LOG_COLUMNS))
    return frame.astype({"http_status": "Int64", "reason": "string", "url": "string"})


def quarantine_frame(records: list[QuarantineRecord], ingest_id: str) -> pd.DataFrame:
    frame = pd.DataFrame([r.as_row(ingest_id) for r in records],
                         columns=list(QUARANTINE_COLUMNS)).drop_duplicates("quarantine_id")
    frame = frame.astype({c: "string" for c in QUARANTINE_COLUMNS
                          if c not in ("size_bytes", "detected_at")})
    frame["size_bytes"] = frame["size_bytes"].astype("Int64")
    return frame
