"""The article record every source produces and every later stage consumes."""
from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

from entente.sources.urls import canonical_url

ARTICLE_COLUMNS = (
    "article_id", "source", "url", "title", "published_at", "fetched_at",
    "language", "text", "content_hash", "word_count", "origin", "canonical_url", "date_source",
)


def content_hash(text: str) -> str:
    """Hash of the text with whitespace and case folded, so trivial reflows dedupe."""
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


@dataclass
class Article:
    source: str
    title: str | None
    text: str
    url: str | None = None
    published_at: datetime | None = None   # UTC, naive-free; None when unknown
    fetched_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    language: str = "en"
    origin: str | None = None              # file path or URL it was read from, for error messages
    date_source: str | None = None         # where published_at came from: feed, page, url, file
    # Repairs made on the way in, [(reason_code, reason)]: recorded in the quarantine table.
    notes: list = field(default_factory=list, repr=False, compare=False)

    @property
    def canonical_url(self) -> str | None:
        return canonical_url(self.url)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def article_id(self) -> str:
        # Same text from two links is one article; near-duplicates are linked in dedup.py.
        return self.content_hash[:16]

    @property
    def word_count(self) -> int:
        return len(re.findall(r"\w+", self.text))

    def anchor_date(self) -> str:
        """The date relative expressions are resolved against: publication, else fetch."""
        return (self.published_at or self.fetched_at).date().isoformat()

    def as_row(self) -> dict:
        row = asdict(self)
        row.update(article_id=self.article_id, content_hash=self.content_hash,
                   word_count=self.word_count, canonical_url=self.canonical_url)
        return {name: row[name] for name in ARTICLE_COLUMNS}
