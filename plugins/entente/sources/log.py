"""The fetch log: one record per feed, page, feed-item page or inbox folder read in a run.

Staged by ingest and loaded into the `fetch_log` table with the run's articles, so analysts can
see which source failed, when, and why (the run summary lists the same failures).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Iterator

# ok: read; not_modified: 304, nothing to do; error: the source (or file) failed;
# fallback: a feed item's page failed, its summary was kept; blocked: robots.txt or SSRF rule.
STATUSES = ("ok", "not_modified", "error", "fallback", "blocked")
FETCH_LOG_COLUMNS = ("ingest_id", "source", "kind", "url", "status", "http_status", "reason",
                     "fetched_at", "duration_s", "items", "new_articles", "bytes")


@dataclass
class FetchRecord:
    source: str
    kind: str                       # feed, page, feed_item, inbox, inbox_file
    url: str | None                 # URL, or file/folder path
    status: str = "ok"
    http_status: int | None = None
    reason: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    duration_s: float = 0.0
    items: int = 0                  # entries in the feed, files in the folder, 1 for a page
    new_articles: int = 0           # articles from this fetch that were new (set by ingest)
    bytes: int = 0

    def as_row(self, ingest_id: str) -> dict:
        return {"ingest_id": ingest_id, **asdict(self)}


@contextmanager
def record_time(record: FetchRecord, reraise: bool = True) -> Iterator[FetchRecord]:
    """Time the block; an exception marks the record failed (and propagates unless told)."""
    started = time.monotonic()
    try:
        yield record
    except Exception as exc:
        record.status = getattr(exc, "kind", "error")
        record.http_status = getattr(exc, "status", None) or record.http_status
        record.reason = str(exc)
        if reraise:
            raise
    finally:
        record.duration_s = round(time.monotonic() - started, 4)
